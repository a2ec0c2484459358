package io.gradgen.processor.source;

import com.sun.source.tree.AnnotatedTypeTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;

/**
 * Finds an element's declaration in a compilation unit parsed apart from the compiler, by the
 * names that identify it: its classes' simple names from the top-level class in, then a method's
 * name and its parameters' types (so overloads are told apart), or a field's name.
 */
public final class TreeFinder {

    private TreeFinder() {
    }

    /**
     * A method's declaration in {@code unit}.
     *
     * @param unit the unit that declares the method's top-level class
     * @param method the method
     * @return its tree, or null when the unit has none (a local or anonymous class, say)
     */
    public static MethodTree method(CompilationUnitTree unit, ExecutableElement method) {
        ClassTree owner = type(unit, method.getEnclosingElement());
        if (owner == null) {
            return null;
        }
        for (Tree member : owner.getMembers()) {
            if (member instanceof MethodTree m && m.getName().contentEquals(method.getSimpleName())
                    && sameParameters(m.getParameters(), method.getParameters())) {
                return m;
            }
        }
        return null;
    }

    /**
     * A field's declaration in {@code unit}.
     *
     * @param unit the unit that declares the field's top-level class
     * @param field the field
     * @return its tree, or null when the unit has none
     */
    public static VariableTree field(CompilationUnitTree unit, VariableElement field) {
        ClassTree owner = type(unit, field.getEnclosingElement());
        if (owner == null) {
            return null;
        }
        for (Tree member : owner.getMembers()) {
            if (member instanceof VariableTree v && v.getName().contentEquals(field.getSimpleName())) {
                return v;
            }
        }
        return null;
    }

    /**
     * The outermost class of an element: the one whose source file declares it.
     *
     * @param element an element inside a class
     * @return its top-level class, or null when it is in none
     */
    public static TypeElement topLevel(Element element) {
        TypeElement top = null;
        for (Element e = element; e != null; e = e.getEnclosingElement()) {
            if (e instanceof TypeElement t) {
                top = t;
            }
        }
        return top;
    }

    /** The class declaration of {@code type} (a top-level or member class), or null. */
    static ClassTree type(CompilationUnitTree unit, Element type) {
        Deque<String> names = new ArrayDeque<>();
        for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            if (t.getSimpleName().length() == 0) {
                return null; // anonymous
            }
            names.push(t.getSimpleName().toString());
        }
        if (names.isEmpty()) {
            return null;
        }
        List<? extends Tree> scope = unit.getTypeDecls();
        ClassTree found = null;
        while (!names.isEmpty()) {
            String name = names.pop();
            found = null;
            for (Tree t : scope) {
                if (t instanceof ClassTree c && c.getSimpleName().contentEquals(name)) {
                    found = c;
                }
            }
            if (found == null) {
                return null;
            }
            scope = found.getMembers();
        }
        return found;
    }

    private static boolean sameParameters(List<? extends VariableTree> trees, List<? extends VariableElement> params) {
        if (trees.size() != params.size()) {
            return false;
        }
        for (int i = 0; i < trees.size(); i++) {
            if (!shape(trees.get(i).getType()).equals(shape(params.get(i).asType()))) {
                return false;
            }
        }
        return true;
    }

    /** A type as source writes it, reduced to what tells overloads apart: simple names and array brackets. */
    static String shape(Tree type) {
        if (type instanceof PrimitiveTypeTree p) {
            return p.getPrimitiveTypeKind().name().toLowerCase(Locale.ROOT);
        }
        if (type instanceof ArrayTypeTree a) {
            return shape(a.getType()) + "[]";
        }
        if (type instanceof AnnotatedTypeTree a) {
            return shape(a.getUnderlyingType());
        }
        if (type instanceof ParameterizedTypeTree p) {
            return shape(p.getType());
        }
        if (type instanceof MemberSelectTree m) {
            return m.getIdentifier().toString();
        }
        if (type instanceof IdentifierTree i) {
            return i.getName().toString();
        }
        return String.valueOf(type);
    }

    /** The same reduction of a type the compiler resolved. */
    static String shape(TypeMirror type) {
        if (type.getKind().isPrimitive()) {
            return type.getKind().name().toLowerCase(Locale.ROOT);
        }
        if (type instanceof ArrayType a) {
            return shape(a.getComponentType()) + "[]";
        }
        if (type instanceof DeclaredType d) {
            return d.asElement().getSimpleName().toString();
        }
        if (type instanceof TypeVariable v) {
            return v.asElement().getSimpleName().toString();
        }
        return type.getKind() == TypeKind.VOID ? "void" : type.toString();
    }
}
