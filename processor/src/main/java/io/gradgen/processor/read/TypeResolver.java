package io.gradgen.processor.read;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Resolves the type names a loss body mentions ({@code Math}, {@code Functions}, {@code Helpers})
 * the way javac's scoping would, from the compilation unit's imports, since bodies are not yet
 * attributed while annotation processors run.
 *
 * @param elements the compiler's element utilities
 * @param unit the compilation unit whose imports apply
 * @param enclosing the class that declares the loss method
 */
record TypeResolver(Elements elements, CompilationUnitTree unit, TypeElement enclosing) {

    /** The type a (possibly qualified) name in source denotes, or null. */
    TypeElement resolve(String name) {
        if (name.contains(".")) {
            TypeElement direct = elements.getTypeElement(name);
            if (direct != null) {
                return direct;
            }
            int dot = name.indexOf('.');
            TypeElement outer = resolve(name.substring(0, dot));
            return outer == null ? null : member(outer, name.substring(dot + 1));
        }
        for (Element e = enclosing; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            if (t.getSimpleName().contentEquals(name)) {
                return t;
            }
            TypeElement nested = member(t, name);
            if (nested != null) {
                return nested;
            }
        }
        for (ImportTree imp : unit.getImports()) {
            String q = imp.getQualifiedIdentifier().toString();
            if (!imp.isStatic() && q.endsWith("." + name)) {
                TypeElement t = elements.getTypeElement(q);
                if (t != null) {
                    return t;
                }
            }
        }
        List<String> candidates = new ArrayList<>();
        String pkg = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
        candidates.add(pkg.isEmpty() ? name : pkg + "." + name);
        for (ImportTree imp : unit.getImports()) {
            String q = imp.getQualifiedIdentifier().toString();
            if (!imp.isStatic() && q.endsWith(".*")) {
                candidates.add(q.substring(0, q.length() - 1) + name);
            }
        }
        candidates.add("java.lang." + name);
        for (String c : candidates) {
            TypeElement t = elements.getTypeElement(c);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    /** The owners a static import brings {@code member} from (single-member imports first). */
    List<TypeElement> staticImportOwners(String member) {
        List<TypeElement> exact = new ArrayList<>();
        List<TypeElement> onDemand = new ArrayList<>();
        for (ImportTree imp : unit.getImports()) {
            if (!imp.isStatic()) {
                continue;
            }
            String q = imp.getQualifiedIdentifier().toString();
            int dot = q.lastIndexOf('.');
            String owner = q.substring(0, dot);
            String imported = q.substring(dot + 1);
            TypeElement t = elements.getTypeElement(owner);
            if (t == null) {
                continue;
            }
            if (imported.equals(member)) {
                exact.add(t);
            } else if (imported.equals("*")) {
                onDemand.add(t);
            }
        }
        exact.addAll(onDemand);
        return exact;
    }

    private static TypeElement member(TypeElement owner, String path) {
        TypeElement current = owner;
        for (String part : path.split("\\.")) {
            TypeElement next = null;
            for (Element e : current.getEnclosedElements()) {
                if ((e.getKind().isClass() || e.getKind().isInterface() || e.getKind() == ElementKind.ENUM)
                        && e.getSimpleName().contentEquals(part)) {
                    next = (TypeElement) e;
                }
            }
            if (next == null) {
                return null;
            }
            current = next;
        }
        return current;
    }
}
