package io.gradgen.processor.read;

import com.sun.source.tree.Tree;
import io.gradgen.processor.body.Node;
import io.gradgen.processor.diagnostics.Message;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Resolves named constants: {@code static final} numeric fields with a compile-time value, of the
 * loss's own class and its outer classes, of statically imported classes, or named by their class
 * ({@code Math.PI}, {@code Double.NEGATIVE_INFINITY}, {@code Losses.EPS}).
 */
final class ConstantReader {
    private final BodyState state;

    ConstantReader(BodyState state) {
        this.state = state;
    }

    /** A constant visible by its simple name, or null when there is none of that name. */
    Typed simpleName(String name, Tree site) {
        for (Element e = state.enclosing; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            Typed c = field(t, name, site);
            if (c != null) {
                return c;
            }
        }
        for (TypeElement owner : state.types.staticImportOwners(name)) {
            Typed c = field(owner, name, site);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    /**
     * A {@code static final} numeric field of {@code owner} with a compile-time value, or null if
     * there is no such field; a field of that name without such a value is reported.
     */
    Typed field(TypeElement owner, String name, Tree site) {
        for (Element e : owner.getEnclosedElements()) {
            if (e.getKind() != ElementKind.FIELD || !e.getSimpleName().contentEquals(name)) {
                continue;
            }
            VariableElement field = (VariableElement) e;
            Object value = field.getConstantValue();
            Set<Modifier> mods = field.getModifiers();
            if (value instanceof Number n && mods.contains(Modifier.STATIC) && mods.contains(Modifier.FINAL)) {
                boolean integral = value instanceof Integer || value instanceof Long || value instanceof Short
                        || value instanceof Byte;
                return new Typed(new Node.Num(n.doubleValue()), integral ? ValueType.INT : ValueType.DOUBLE);
            }
            state.problem(site, Message.UNKNOWN_NAME, owner.getSimpleName() + "." + name,
                    Message.Reason.NO_COMPILE_TIME_VALUE.text(null));
            return new Typed(new Node.Num(0), ValueType.DOUBLE); // already reported; keep reading
        }
        return null;
    }
}
