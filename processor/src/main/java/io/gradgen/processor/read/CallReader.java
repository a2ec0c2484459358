package io.gradgen.processor.read;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import io.gradgen.processor.body.Helper;
import io.gradgen.processor.body.Node;
import io.gradgen.processor.body.RowFunction;
import io.gradgen.processor.body.Stmt;
import io.gradgen.processor.diagnostics.Message;
import io.gradgen.processor.diagnostics.Message.Reason;
import io.gradgen.processor.ir.Op;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;

/**
 * Resolves and reads calls: {@code java.lang.Math} and {@code io.gradgen.Functions} calls become
 * operations of the IR, the row functions of {@code Functions} ({@code sum(x)}, {@code dot(a, b)},
 * {@code cosine(z1[a], z2[b])}) row calls, and calls of {@code @Differentiable} static methods
 * helpers to inline (their arguments numbers or rows). A name is resolved the way javac scopes it:
 * the loss's own class and its outer classes, then static imports.
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
        String name;
        List<TypeElement> owners = new ArrayList<>();
        if (select instanceof MemberSelectTree m) {
            name = m.getIdentifier().toString();
            TypeElement owner = state.types.resolve(m.getExpression().toString());
            if (owner == null) {
                readArguments(call);
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
            readArguments(call);
            state.problem(call, Message.UNSUPPORTED_CALL, name + "(...)", supportedHere(), didYouMeanAnyFunction(name));
            return null;
        }
        TypeElement owner = owners.get(0);
        String ownerName = owner.getQualifiedName().toString();
        if (ownerName.equals(FUNCTIONS)) {
            RowFunction function = RowFunction.named(name, call.getArguments().size()).orElse(null);
            if (function != null) {
                return rowFunction(call, function);
            }
        }
        if (ownerName.equals(MATH) || ownerName.equals(FUNCTIONS)) {
            return knownFunction(call, owner, name);
        }
        return helper(call, owner, name);
    }

    /** Reads the arguments of a call that is reported, so that their own problems are reported too. */
    private void readArguments(MethodInvocationTree call) {
        for (ExpressionTree a : call.getArguments()) {
            expressions.expression(a);
        }
    }

    /** A {@code Math} or {@code Functions} call: an operation of the IR. */
    private Typed knownFunction(MethodInvocationTree call, TypeElement owner, String name) {
        List<Typed> args = new ArrayList<>();
        boolean argsOk = true;
        for (ExpressionTree a : call.getArguments()) {
            Typed t = expressions.numeric(a);
            argsOk &= t != null;
            args.add(t);
        }
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
                && args.stream().allMatch(a -> a.type().isIntegral());
        return new Typed(new Node.Call(op, nodes), intResult ? ValueType.INT : ValueType.DOUBLE);
    }

    /**
     * A row function of {@code io.gradgen.Functions} on rows: parameters, batch rows
     * {@code z[b]}, local arrays, helpers' rows. Two rows must have one length: checked at run time
     * where the processor cannot see it.
     */
    private Typed rowFunction(MethodInvocationTree call, RowFunction function) {
        List<Node> rows = new ArrayList<>();
        boolean ok = true;
        for (ExpressionTree a : call.getArguments()) {
            Typed row = a instanceof com.sun.source.tree.NewArrayTree ? new Typed(null, ValueType.DOUBLE)
                    : expressions.expression(a);
            if (row != null && row.type() != ValueType.ROW) {
                String takes = function.rows() == 1 ? "one double[] row" : function.rows() + " double[] rows of equal length";
                String example = "Functions." + function.javaName() + (function.rows() == 1 ? "(x) or (z[b])" : "(a, b)");
                state.problem(a, Message.ROW_ARGUMENT, "Functions." + function.javaName(), takes + ", not " + a, example);
                row = null;
            }
            ok &= row != null;
            rows.add(row == null ? null : row.node());
        }
        if (!ok) {
            return null;
        }
        if (rows.size() == 2 && !sameLengthChecked(rows.get(0), rows.get(1))) {
            Node equal = new Node.Call(Op.EQ, List.of(new Node.Length(rows.get(0)), new Node.Length(rows.get(1))));
            state.require(new Stmt.Require(equal, "Functions." + function.javaName() + "(" + call.getArguments().get(0)
                    + ", " + call.getArguments().get(1) + ") needs rows of one length"));
        }
        return new Typed(new Node.RowCall(function, rows), ValueType.DOUBLE);
    }

    /** Two row parameters, or rows of batch parameters: the generated code checks their lengths already. */
    private static boolean sameLengthChecked(Node a, Node b) {
        return isParameterRow(a) && isParameterRow(b);
    }

    private static boolean isParameterRow(Node row) {
        return row instanceof Node.Ref || (row instanceof Node.RowOf r && r.matrix() instanceof Node.Ref);
    }

    /** A call of a {@code @Differentiable} static method: read once, inlined by the normaliser. */
    private Typed helper(MethodInvocationTree call, TypeElement owner, String name) {
        String shown = owner.getSimpleName() + "." + name;
        ExecutableElement method = state.context.helpers().find(owner, name, call.getArguments().size());
        if (method == null) {
            List<Typed> args = new ArrayList<>();
            call.getArguments().forEach(a -> args.add(expressions.expression(a)));
            state.problem(call, Message.UNSUPPORTED_CALL, shown + "(" + argTypes(args) + ")", supportedHere(),
                    didYouMeanAnyFunction(name));
            return null;
        }
        if (!state.context.helpers().isDifferentiable(method)) {
            readArguments(call);
            state.problem(call, Message.NOT_DIFFERENTIABLE, shown);
            return null;
        }
        List<Node> args = new ArrayList<>();
        boolean argsOk = true;
        for (int k = 0; k < call.getArguments().size(); k++) {
            ExpressionTree a = call.getArguments().get(k);
            VariableElement p = method.getParameters().get(k);
            Typed t = p.asType().getKind() == TypeKind.ARRAY ? expressions.row(a) : expressions.numeric(a);
            argsOk &= t != null;
            args.add(t == null ? null : t.node());
        }
        Helper helper = state.context.helpers().read(method, call, state.unit, state.context);
        if (helper == null || !argsOk) {
            return null;
        }
        return new Typed(new Node.Invoke(helper, args), helper.returnsRow() ? ValueType.ROW : ValueType.DOUBLE);
    }

    private static boolean hasMethod(TypeElement t, String name) {
        return t.getEnclosedElements().stream()
                .anyMatch(e -> e.getKind() == ElementKind.METHOD && e.getSimpleName().contentEquals(name));
    }

    private static String argTypes(List<Typed> args) {
        List<String> names = new ArrayList<>();
        for (Typed t : args) {
            names.add(t == null ? "?" : t.type().isIntegral() ? "int" : t.type() == ValueType.ROW ? "double[]" : "double");
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
