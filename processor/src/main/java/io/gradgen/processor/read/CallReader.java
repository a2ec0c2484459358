package io.gradgen.processor.read;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import io.gradgen.processor.body.Helper;
import io.gradgen.processor.body.Node;
import io.gradgen.processor.body.RowFunction;
import io.gradgen.processor.diagnostics.Message;
import io.gradgen.processor.diagnostics.Message.Reason;
import io.gradgen.processor.ir.Op;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Resolves and reads calls: {@code java.lang.Math} and {@code io.gradgen.Functions} calls become
 * operations of the IR, the row functions of {@code Functions} ({@code sum(x)}, {@code dot(a, b)})
 * row calls, and calls of {@code @Differentiable} static methods helpers to inline. A name is
 * resolved the way javac scopes it: the loss's own class and its outer classes, then static imports.
 */
final class CallReader {
    private static final String MATH = "java.lang.Math";
    private static final String FUNCTIONS = "io.gradgen.Functions";

    private final BodyState state;
    private final ExpressionReader expressions;

    CallReader(BodyState state, ExpressionReader expressions) {
        this.state = state;
        this.expressions = expressions;
    }

    Typed invocation(MethodInvocationTree call) {
        ExpressionTree select = call.getMethodSelect();
        Typed rowCall = rowFunction(call);
        if (rowCall != null) {
            return rowCall.node() == null ? null : rowCall;
        }
        List<Typed> args = new ArrayList<>();
        boolean argsOk = true;
        for (ExpressionTree a : call.getArguments()) {
            Typed t = expressions.numeric(a);
            argsOk &= t != null;
            args.add(t);
        }
        String name;
        List<TypeElement> owners = new ArrayList<>();
        if (select instanceof MemberSelectTree m) {
            name = m.getIdentifier().toString();
            TypeElement owner = state.types.resolve(m.getExpression().toString());
            if (owner == null) {
                state.problem(call, Message.UNSUPPORTED_CALL, call.getMethodSelect() + "(...)", supportedHere(),
                        Reason.NOT_A_VISIBLE_CLASS.text(m.getExpression()));
                return null;
            }
            owners.add(owner);
        } else {
            name = ((IdentifierTree) select).getName().toString();
            for (Element e = state.enclosing; e instanceof TypeElement t; e = e.getEnclosingElement()) {
                if (hasMethod(t, name)) {
                    owners.add(t);
                    break;
                }
            }
            owners.addAll(state.types.staticImportOwners(name));
        }
        if (owners.isEmpty()) {
            state.problem(call, Message.UNSUPPORTED_CALL, name + "(...)", supportedHere(), didYouMeanAnyFunction(name));
            return null;
        }
        TypeElement owner = owners.get(0);
        String ownerName = owner.getQualifiedName().toString();
        if (ownerName.equals(MATH) || ownerName.equals(FUNCTIONS)) {
            return knownFunction(call, owner, name, args, argsOk);
        }
        return helper(call, owner, name, args, argsOk);
    }

    /** A {@code Math} or {@code Functions} call: an operation of the IR. */
    private Typed knownFunction(MethodInvocationTree call, TypeElement owner, String name, List<Typed> args,
            boolean argsOk) {
        Op.Family family = owner.getQualifiedName().contentEquals(MATH) ? Op.Family.MATH : Op.Family.FUNCTIONS;
        if (family == Op.Family.MATH && name.equals("random")) {
            state.problem(call, Message.RANDOM);
            return null;
        }
        Op op = Op.call(family, name, args.size()).orElse(null);
        if (op == null) {
            state.problem(call, Message.UNSUPPORTED_CALL, owner.getSimpleName() + "." + name + "(" + argTypes(args) + ")",
                    supportedHere(), Suggestions.didYouMean(name, Op.callNames(family), owner.getSimpleName() + "."));
            return null;
        }
        if (op == Op.WEIGHTED && call != state.returnedCall) {
            state.problem(call, Message.WEIGHTED_PLACEMENT, call);
            return null;
        }
        if (!argsOk) {
            return null;
        }
        List<Node> nodes = args.stream().map(Typed::node).toList();
        // Java picks Math's int overloads of abs, max and min for int arguments
        boolean intResult = (op == Op.ABS || op == Op.MAX || op == Op.MIN)
                && args.stream().allMatch(a -> a.type() == ValueType.INT);
        return new Typed(new Node.Call(op, nodes), intResult ? ValueType.INT : ValueType.DOUBLE);
    }

    /** A call of a {@code @Differentiable} static method: read once, inlined by the normaliser. */
    private Typed helper(MethodInvocationTree call, TypeElement owner, String name, List<Typed> args, boolean argsOk) {
        String shown = owner.getSimpleName() + "." + name;
        ExecutableElement method = state.context.helpers().find(owner, name, args.size());
        if (method == null) {
            state.problem(call, Message.UNSUPPORTED_CALL, shown + "(" + argTypes(args) + ")", supportedHere(),
                    didYouMeanAnyFunction(name));
            return null;
        }
        if (!state.context.helpers().isDifferentiable(method)) {
            state.problem(call, Message.NOT_DIFFERENTIABLE, shown);
            return null;
        }
        Helper helper = state.context.helpers().read(method, call, state.unit, state.context);
        if (helper == null || !argsOk) {
            return null;
        }
        return new Typed(new Node.Invoke(helper, args.stream().map(Typed::node).toList()), ValueType.DOUBLE);
    }

    /**
     * A call of a row function of {@code io.gradgen.Functions} ({@code sum(x)}, {@code dot(a, b)}), or
     * null when {@code call} is something else. A typed null node means it was one but is wrong (reported).
     */
    private Typed rowFunction(MethodInvocationTree call) {
        ExpressionTree select = call.getMethodSelect();
        String name;
        TypeElement owner;
        if (select instanceof MemberSelectTree m) {
            name = m.getIdentifier().toString();
            owner = state.types.resolve(m.getExpression().toString());
        } else {
            name = ((IdentifierTree) select).getName().toString();
            for (Element e = state.enclosing; e instanceof TypeElement t; e = e.getEnclosingElement()) {
                if (hasMethod(t, name)) {
                    return null; // the user's own method shadows the static import
                }
            }
            List<TypeElement> owners = state.types.staticImportOwners(name);
            owner = owners.isEmpty() ? null : owners.get(0);
        }
        if (owner == null || !owner.getQualifiedName().contentEquals(FUNCTIONS)) {
            return null;
        }
        RowFunction function = RowFunction.named(name, call.getArguments().size()).orElse(null);
        if (function == null) {
            return null;
        }
        List<String> rows = new ArrayList<>();
        for (ExpressionTree a : call.getArguments()) {
            if (a instanceof IdentifierTree id && state.parameters.get(id.getName().toString()) == ValueType.ROW
                    && state.local(id.getName().toString()) == null) {
                rows.add(id.getName().toString());
            } else {
                String takes = function.rows() == 1 ? "one double[] row" : function.rows() + " double[] rows of equal length";
                String example = "Functions." + name + (function.rows() == 1 ? "(logits)" : "(a, b)");
                state.problem(a, Message.ROW_ARGUMENT, "Functions." + name, takes + ", not " + a, example);
                return new Typed(null, ValueType.DOUBLE);
            }
        }
        return new Typed(new Node.RowCall(function, rows), ValueType.DOUBLE);
    }

    private static boolean hasMethod(TypeElement t, String name) {
        return t.getEnclosedElements().stream()
                .anyMatch(e -> e.getKind() == ElementKind.METHOD && e.getSimpleName().contentEquals(name));
    }

    private static String argTypes(List<Typed> args) {
        List<String> names = new ArrayList<>();
        for (Typed t : args) {
            names.add(t == null ? "?" : t.type().isIntegral() ? "int" : "double");
        }
        return String.join(", ", names);
    }

    /** Everything a loss body may call, for the message of a call it may not. */
    static String supportedHere() {
        return "Math.{" + String.join(", ", Op.callNames(Op.Family.MATH)) + "}, io.gradgen.Functions.{"
                + String.join(", ", Op.callNames(Op.Family.FUNCTIONS)) + "} and its row functions {"
                + String.join(", ", RowFunction.names()) + "}, and static methods annotated @Differentiable";
    }

    private static String didYouMeanAnyFunction(String name) {
        String math = Suggestions.didYouMean(name, Op.callNames(Op.Family.MATH), "Math.");
        return !math.isEmpty() ? math : Suggestions.didYouMean(name, Op.callNames(Op.Family.FUNCTIONS), "Functions.");
    }
}
