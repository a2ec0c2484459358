package io.gradgen.processor.read;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import io.gradgen.processor.body.Node;
import io.gradgen.processor.diagnostics.Message;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;

/**
 * Resolves named constants: {@code static final} numeric fields of the loss's own class and its
 * outer classes, of statically imported classes, or named by their class ({@code Math.PI},
 * {@code Double.NEGATIVE_INFINITY}, {@code Losses.EPS}). A compile-time constant is its value. A
 * field initialised by a call ({@code static final double LOG_2PI = Math.log(2 * Math.PI)}) is read
 * by the generated code itself when it can see the field, so both compute with one value; a private
 * one is evaluated here when its initializer is pure (literals, constants, {@code Math} calls).
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
     * A {@code static final} numeric field of {@code owner}, or null if there is no such field; a
     * field of that name that gradgen cannot use is reported.
     */
    Typed field(TypeElement owner, String name, Tree site) {
        for (Element e : owner.getEnclosedElements()) {
            if (e.getKind() != ElementKind.FIELD || !e.getSimpleName().contentEquals(name)) {
                continue;
            }
            VariableElement field = (VariableElement) e;
            Set<Modifier> mods = field.getModifiers();
            TypeKind kind = field.asType().getKind();
            boolean integral = kind == TypeKind.INT || kind == TypeKind.LONG || kind == TypeKind.SHORT
                    || kind == TypeKind.BYTE;
            if (!mods.contains(Modifier.STATIC) || !mods.contains(Modifier.FINAL)
                    || !(integral || kind == TypeKind.DOUBLE || kind == TypeKind.FLOAT)) {
                state.problem(site, Message.UNKNOWN_NAME, owner.getSimpleName() + "." + name,
                        Message.Reason.NO_COMPILE_TIME_VALUE.text(null));
                return new Typed(new Node.Num(0), ValueType.DOUBLE); // already reported; keep reading
            }
            ValueType type = integral ? ValueType.INT : ValueType.DOUBLE;
            if (field.getConstantValue() instanceof Number n) {
                return new Typed(new Node.Num(n.doubleValue()), type);
            }
            if (readableByGeneratedCode(field)) {
                return new Typed(new Node.Field(owner.getQualifiedName().toString(), name, integral), type);
            }
            Double value = evaluate(field, 0);
            if (value != null) {
                return new Typed(new Node.Num(value), type);
            }
            state.problem(site, Message.CONSTANT_FIELD, owner.getSimpleName() + "." + name,
                    mods.contains(Modifier.PRIVATE) ? "private" : "not visible from the loss's package");
            return new Typed(new Node.Num(0), type);
        }
        return null;
    }

    /** Whether the generated class, in the loss's package, can name the field. */
    private boolean readableByGeneratedCode(VariableElement field) {
        String lossPackage = state.context.elements().getPackageOf(state.enclosing).getQualifiedName().toString();
        String fieldPackage = state.context.elements().getPackageOf(field).getQualifiedName().toString();
        for (Element e = field; e instanceof VariableElement || e instanceof TypeElement; e = e.getEnclosingElement()) {
            Set<Modifier> mods = e.getModifiers();
            if (mods.contains(Modifier.PRIVATE)) {
                return false;
            }
            if (!mods.contains(Modifier.PUBLIC) && !lossPackage.equals(fieldPackage)) {
                return false;
            }
        }
        return true;
    }

    /** The value of a field's initializer when it is pure, computed as Java would; null otherwise. */
    private Double evaluate(VariableElement field, int depth) {
        if (depth > 16 || !(state.context.trees().getTree(field) instanceof VariableTree tree)
                || tree.getInitializer() == null) {
            return null;
        }
        TypeElement owner = (TypeElement) field.getEnclosingElement();
        return value(tree.getInitializer(), owner, depth);
    }

    private Double value(ExpressionTree e, TypeElement owner, int depth) {
        if (e instanceof ParenthesizedTree p) {
            return value(p.getExpression(), owner, depth);
        }
        if (e instanceof LiteralTree l && l.getValue() instanceof Number n) {
            return n.doubleValue();
        }
        if (e instanceof TypeCastTree c && c.getType().toString().equals("double")) {
            return value(c.getExpression(), owner, depth);
        }
        if (e instanceof UnaryTree u && u.getKind() == Tree.Kind.UNARY_MINUS) {
            Double v = value(u.getExpression(), owner, depth);
            return v == null ? null : -v;
        }
        if (e instanceof BinaryTree b) {
            Double x = value(b.getLeftOperand(), owner, depth);
            Double y = value(b.getRightOperand(), owner, depth);
            if (x == null || y == null) {
                return null;
            }
            return switch (b.getKind()) {
                case PLUS -> x + y;
                case MINUS -> x - y;
                case MULTIPLY -> x * y;
                case DIVIDE -> x / y;
                default -> null;
            };
        }
        if (e instanceof IdentifierTree id) {
            return constant(owner, id.getName().toString(), depth);
        }
        if (e instanceof MemberSelectTree m) {
            TypeElement type = state.types.resolve(m.getExpression().toString());
            return type == null ? null : constant(type, m.getIdentifier().toString(), depth);
        }
        if (e instanceof MethodInvocationTree call && call.getMethodSelect() instanceof MemberSelectTree m
                && m.getExpression().toString().equals("Math")) {
            List<Double> args = new ArrayList<>();
            for (ExpressionTree a : call.getArguments()) {
                Double v = value(a, owner, depth);
                if (v == null) {
                    return null;
                }
                args.add(v);
            }
            return math(m.getIdentifier().toString(), args);
        }
        return null;
    }

    private Double constant(TypeElement owner, String name, int depth) {
        for (Element e : owner.getEnclosedElements()) {
            if (e.getKind() == ElementKind.FIELD && e.getSimpleName().contentEquals(name)
                    && e.getModifiers().contains(Modifier.STATIC) && e.getModifiers().contains(Modifier.FINAL)) {
                VariableElement field = (VariableElement) e;
                return field.getConstantValue() instanceof Number n ? n.doubleValue() : evaluate(field, depth + 1);
            }
        }
        return null;
    }

    /** A pure {@code java.lang.Math} method of doubles, called as the user's class initializer calls it. */
    private static Double math(String name, List<Double> args) {
        if (name.equals("random")) {
            return null;
        }
        try {
            Class<?>[] types = new Class<?>[args.size()];
            java.util.Arrays.fill(types, double.class);
            Method m = Math.class.getMethod(name, types);
            Object r = m.invoke(null, args.toArray());
            return r instanceof Number n ? n.doubleValue() : null;
        } catch (ReflectiveOperationException | IllegalArgumentException notPure) {
            return null;
        }
    }
}
