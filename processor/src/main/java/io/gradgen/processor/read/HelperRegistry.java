package io.gradgen.processor.read;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import io.gradgen.annotations.Differentiable;
import io.gradgen.processor.body.Helper;
import io.gradgen.processor.diagnostics.Message;
import io.gradgen.processor.diagnostics.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;

/**
 * Finds and reads {@code @Differentiable} helpers, each once per loss, and detects recursion
 * (direct or through other helpers), which inlining could never finish.
 */
final class HelperRegistry {
    private final Map<ExecutableElement, Helper> read = new HashMap<>();
    private final LinkedHashMap<ExecutableElement, Boolean> inProgress = new LinkedHashMap<>();

    /** A static method of {@code owner} with this name and arity, preferring {@code @Differentiable} ones. */
    ExecutableElement find(TypeElement owner, String name, int arity) {
        ExecutableElement any = null;
        for (Element e : owner.getEnclosedElements()) {
            if (e.getKind() == ElementKind.METHOD && e.getSimpleName().contentEquals(name)
                    && ((ExecutableElement) e).getParameters().size() == arity) {
                if (isDifferentiable((ExecutableElement) e)) {
                    return (ExecutableElement) e;
                }
                any = (ExecutableElement) e;
            }
        }
        return any;
    }

    boolean isDifferentiable(ExecutableElement method) {
        return method.getAnnotation(Differentiable.class) != null;
    }

    /** The helper's resolved body, or null after reporting why it cannot be read. */
    Helper read(ExecutableElement method, Tree callSite, CompilationUnitTree callUnit, ReadContext context) {
        String shown = method.getEnclosingElement().getSimpleName() + "." + method.getSimpleName();
        if (inProgress.containsKey(method)) {
            List<String> cycle = new ArrayList<>();
            boolean inCycle = false;
            for (ExecutableElement m : inProgress.keySet()) {
                inCycle |= m.equals(method);
                if (inCycle) {
                    cycle.add(m.getSimpleName().toString());
                }
            }
            cycle.add(method.getSimpleName().toString());
            context.problems().add(Problem.at(callSite, callUnit, Message.RECURSIVE_HELPER, shown,
                    String.join(" → ", cycle)));
            return null;
        }
        Helper known = read.get(method);
        if (known != null) {
            return known;
        }
        MethodTree tree = context.trees().getTree(method);
        TreePath path = context.trees().getPath(method);
        if (tree == null || tree.getBody() == null || path == null) {
            context.problems().add(Problem.at(callSite, callUnit, Message.HELPER_NO_SOURCE, shown));
            return null;
        }
        boolean returnsRow = isRow(method.getReturnType());
        if (!method.getModifiers().contains(Modifier.STATIC)
                || (method.getReturnType().getKind() != TypeKind.DOUBLE && !returnsRow)
                || method.getParameters().stream().anyMatch(p -> type(p.asType()) == null)) {
            context.problems().add(Problem.at(callSite, callUnit, Message.HELPER_SIGNATURE, shown, signature(method)));
            return null;
        }
        Map<String, ValueType> params = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (VariableElement p : method.getParameters()) {
            params.put(p.getSimpleName().toString(), type(p.asType()));
            names.add(p.getSimpleName().toString());
        }
        inProgress.put(method, Boolean.TRUE);
        int before = context.problems().all().size();
        BodyReader reader = new BodyReader(context, path.getCompilationUnit(),
                (TypeElement) method.getEnclosingElement(), params, returnsRow);
        var body = reader.read(tree.getBody());
        inProgress.remove(method);
        if (context.problems().all().size() > before) {
            return null;
        }
        Helper helper = new Helper(shown, names, returnsRow, body);
        read.put(method, helper);
        return helper;
    }

    /** A helper parameter's type: {@code double}, {@code int} or {@code double[]}; null for anything else. */
    private static ValueType type(javax.lang.model.type.TypeMirror t) {
        return t.getKind() == TypeKind.DOUBLE ? ValueType.DOUBLE : t.getKind() == TypeKind.INT ? ValueType.INT
                : isRow(t) ? ValueType.ROW : null;
    }

    private static boolean isRow(javax.lang.model.type.TypeMirror t) {
        return t.getKind() == TypeKind.ARRAY
                && ((javax.lang.model.type.ArrayType) t).getComponentType().getKind() == TypeKind.DOUBLE;
    }

    private static String signature(ExecutableElement method) {
        StringBuilder sb = new StringBuilder();
        if (method.getModifiers().contains(Modifier.STATIC)) {
            sb.append("static ");
        }
        sb.append(method.getReturnType()).append(' ').append(method.getSimpleName()).append('(');
        for (int i = 0; i < method.getParameters().size(); i++) {
            VariableElement p = method.getParameters().get(i);
            sb.append(i == 0 ? "" : ", ").append(p.asType()).append(' ').append(p.getSimpleName());
        }
        return sb.append(')').toString();
    }
}
