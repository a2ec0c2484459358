package io.gradgen.processor.helpers;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import io.gradgen.processor.source.MethodSyntax;
import io.gradgen.processor.source.SourceTrees;
import io.gradgen.processor.source.SourceUnreadable;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.annotation.processing.FilerException;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;
import javax.tools.StandardLocation;

/**
 * Writes the {@link HelperResource} of every {@code @Differentiable} method compiled from source, so
 * the body travels with the class into its jar. Each resource has one originating element, a
 * helper it holds (what Gradle's isolating incremental processing requires).
 */
public final class HelperMetadataWriter {
    private final SourceTrees sources;
    private final Elements elements;
    private final Filer filer;
    /** Resources written in this compilation: a class's helpers come in one round, and only once. */
    private final Set<String> written = new HashSet<>();

    /**
     * @param sources the compiler's syntax
     * @param elements the compiler's elements
     * @param filer where resources are created
     */
    public HelperMetadataWriter(SourceTrees sources, Elements elements, Filer filer) {
        this.sources = sources;
        this.elements = elements;
        this.filer = filer;
    }

    /**
     * Writes the resources of the helpers among {@code annotated}.
     *
     * @param annotated this round's elements annotated {@code @Differentiable}
     * @return the problems met, as text, for a note (a helper that cannot be stored still compiles;
     *     only a loss in another compilation that calls it fails, with its own error)
     */
    public List<String> write(Set<? extends Element> annotated) {
        Map<String, List<ExecutableElement>> groups = new LinkedHashMap<>();
        for (Element e : annotated) {
            if (e.getKind() == ElementKind.METHOD && e.getEnclosingElement() instanceof TypeElement owner) {
                String pkg = HelperResource.packageOf(elements, owner);
                String name = (pkg.isEmpty() ? "" : pkg.replace('.', '/') + "/") + HelperResource.name(owner, e.getSimpleName());
                groups.computeIfAbsent(name, k -> new ArrayList<>()).add((ExecutableElement) e);
            }
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<ExecutableElement>> group : groups.entrySet()) {
            if (written.add(group.getKey())) {
                try {
                    write(group.getKey(), group.getValue());
                } catch (SourceUnreadable | IOException e) {
                    problems.add(group.getKey() + ": " + e.getMessage());
                }
            }
        }
        return problems;
    }

    private void write(String name, List<ExecutableElement> helpers) throws SourceUnreadable, IOException {
        List<String> methods = new ArrayList<>();
        CompilationUnitTree unit = null;
        for (ExecutableElement helper : helpers) {
            MethodSyntax syntax = sources.method(helper);
            if (syntax == null) {
                return; // from a class file: its own jar carries it already
            }
            unit = syntax.unit();
            methods.add(sources.text(syntax.tree(), unit));
        }
        ExecutableElement first = helpers.get(0);
        TypeElement owner = (TypeElement) first.getEnclosingElement();
        String text = HelperResource.render(elements.getBinaryName(owner).toString(), first.getSimpleName().toString(),
                unitText(unit, owner, methods));
        String file = HelperResource.name(owner, first.getSimpleName());
        // one originating element, as Gradle's isolating mode wants: the overloads share its file
        try (Writer out = filer.createResource(StandardLocation.CLASS_OUTPUT, HelperResource.packageOf(elements, owner),
                file, first).openWriter()) {
            out.write(text);
        } catch (FilerException alreadyWritten) {
            // an earlier processor instance in this compilation wrote it (the IDE reuses output folders)
        }
    }

    /** A compilation unit with the helpers' package, imports, classes, constant fields and methods. */
    private String unitText(CompilationUnitTree unit, TypeElement owner, List<String> methods) {
        StringBuilder text = new StringBuilder();
        if (unit.getPackageName() != null) {
            text.append("package ").append(unit.getPackageName()).append(";\n\n");
        }
        for (ImportTree imp : unit.getImports()) {
            text.append("import ").append(imp.isStatic() ? "static " : "").append(imp.getQualifiedIdentifier())
                    .append(";\n");
        }
        Deque<TypeElement> chain = new ArrayDeque<>();
        for (Element e = owner; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            chain.push(t);
        }
        int depth = 0;
        for (TypeElement type : chain) {
            String indent = "    ".repeat(depth++);
            text.append('\n').append(indent).append(keyword(type)).append(' ').append(type.getSimpleName()).append(" {\n");
            for (String field : fields(type, unit)) {
                text.append(field).append('\n');
            }
        }
        for (String method : methods) {
            text.append(method).append('\n');
        }
        for (int i = depth - 1; i >= 0; i--) {
            text.append("    ".repeat(i)).append("}\n");
        }
        return text.toString();
    }

    /** The keyword that lets the skeleton hold fields and static methods (records and enums need more). */
    private static String keyword(TypeElement type) {
        return type.getKind() == ElementKind.INTERFACE ? "interface" : "class";
    }

    /** The static final fields of {@code type} whose value only their initializer gives. */
    private List<String> fields(TypeElement type, CompilationUnitTree unit) {
        List<String> fields = new ArrayList<>();
        for (Element e : type.getEnclosedElements()) {
            if (e instanceof VariableElement field && e.getKind() == ElementKind.FIELD
                    && field.getModifiers().containsAll(Set.of(Modifier.STATIC, Modifier.FINAL))
                    && field.getConstantValue() == null) {
                var tree = sources.field(field);
                if (tree != null && tree.getInitializer() != null) {
                    String declaration = sources.text(tree, unit);
                    fields.add(declaration.endsWith(";") ? declaration : declaration + ";");
                }
            }
        }
        return fields;
    }
}
