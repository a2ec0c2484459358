package io.gradgen.processor.read;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import io.gradgen.processor.body.Node;
import io.gradgen.processor.body.Stmt;
import io.gradgen.processor.diagnostics.Message;
import io.gradgen.processor.diagnostics.Message.Reason;
import io.gradgen.processor.diagnostics.Message.Unsupported;
import io.gradgen.processor.ir.Op;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * Reads expressions: literals, names (parameters, locals, constants), {@code x[k]} and
 * {@code x.length}, arithmetic, comparisons and logic, {@code ?:}, casts; calls go to the
 * {@link CallReader}. Each expression comes back with its static type, which the reader works out
 * itself (bodies are not attributed while processors run).
 */
final class ExpressionReader {
    private final BodyState state;
    private final ConstantReader constants;
    private final CallReader calls;

    ExpressionReader(BodyState state) {
        this.state = state;
        this.constants = new ConstantReader(state);
        this.calls = new CallReader(state, this);
    }

    /** A numeric expression; a row or a boolean here is reported. */
    Typed numeric(ExpressionTree e) {
        Typed t = expression(e);
        if (t != null && t.type().isArray()) {
            state.problem(e, Message.ROW_VALUE, e, e, e);
            return null;
        }
        if (t != null && !t.type().isNumeric()) {
            state.problem(e, Message.UNSUPPORTED_EXPRESSION, Unsupported.BOOLEAN_AS_NUMBER.construct(e),
                    Unsupported.BOOLEAN_AS_NUMBER.instead(e));
            return null;
        }
        return t;
    }

    /** A row-valued expression ({@code double[]}): a row, {@code z[b]}, a local array, a helper's row. */
    Typed row(ExpressionTree e) {
        Typed t = expression(e);
        if (t != null && t.type() != ValueType.ROW) {
            state.problem(e, Message.ROW_ARGUMENT, e, "a double[] row here, not " + describe(t.type()),
                    "x, z[b], or a local double[]");
            return null;
        }
        return t;
    }

    /** {@code new double[n]}, the initializer of a local array. */
    Typed newRow(com.sun.source.tree.NewArrayTree fresh) {
        if (fresh.getType() == null || !fresh.getType().toString().equals("double") || fresh.getDimensions().size() != 1
                || fresh.getInitializers() != null) {
            state.problem(fresh, Message.UNSUPPORTED_EXPRESSION, Unsupported.ARRAY_TYPE.construct(fresh),
                    Unsupported.ARRAY_TYPE.instead(fresh));
            return null;
        }
        Typed length = numeric(fresh.getDimensions().get(0));
        if (length == null) {
            return null;
        }
        if (!length.type().isIntegral()) {
            state.problem(fresh.getDimensions().get(0), Message.INDEX, fresh.getDimensions().get(0),
                    Reason.INDEX_FROM_DOUBLE.text(null));
            return null;
        }
        return new Typed(new Node.NewRow(length.node()), ValueType.ROW);
    }

    private static String describe(ValueType type) {
        return switch (type) {
            case ROW -> "a double[]";
            case MATRIX -> "a double[][] (pass one row, z[b])";
            case LABELS -> "an int[]";
            case BOOLEAN -> "a boolean";
            default -> "a number";
        };
    }

    /** A boolean expression; a number here is reported. */
    Typed condition(ExpressionTree e) {
        Typed t = expression(e);
        if (t != null && t.type() != ValueType.BOOLEAN) {
            state.problem(e, Message.UNSUPPORTED_EXPRESSION, Unsupported.NUMBER_AS_CONDITION.construct(e),
                    Unsupported.NUMBER_AS_CONDITION.instead(e));
            return null;
        }
        return t;
    }

    Typed expression(ExpressionTree e) {
        return switch (e.getKind()) {
            case PARENTHESIZED -> expression(((ParenthesizedTree) e).getExpression());
            case INT_LITERAL, LONG_LITERAL ->
                    new Typed(new Node.Num(((Number) ((LiteralTree) e).getValue()).doubleValue()), ValueType.INT);
            case DOUBLE_LITERAL, FLOAT_LITERAL ->
                    new Typed(new Node.Num(((Number) ((LiteralTree) e).getValue()).doubleValue()), ValueType.DOUBLE);
            case BOOLEAN_LITERAL -> new Typed(new Node.Call((Boolean) ((LiteralTree) e).getValue() ? Op.TRUE : Op.FALSE,
                    List.of()), ValueType.BOOLEAN);
            case IDENTIFIER -> identifier((IdentifierTree) e);
            case MEMBER_SELECT -> memberSelect((MemberSelectTree) e);
            case METHOD_INVOCATION -> calls.invocation((MethodInvocationTree) e);
            case CONDITIONAL_EXPRESSION -> conditional((ConditionalExpressionTree) e);
            case TYPE_CAST -> cast((TypeCastTree) e);
            case UNARY_MINUS, UNARY_PLUS, LOGICAL_COMPLEMENT -> unary((UnaryTree) e);
            case PLUS, MINUS, MULTIPLY, DIVIDE, LESS_THAN, LESS_THAN_EQUAL, GREATER_THAN, GREATER_THAN_EQUAL, EQUAL_TO,
                    NOT_EQUAL_TO, CONDITIONAL_AND, CONDITIONAL_OR -> binary((BinaryTree) e);
            case ARRAY_ACCESS -> element((ArrayAccessTree) e);
            case REMAINDER -> operator(e, "%", Unsupported.REMAINDER);
            case AND, OR, XOR, LEFT_SHIFT, RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT, BITWISE_COMPLEMENT ->
                    operator(e, Operators.text(e.getKind()), Unsupported.BITWISE);
            case POSTFIX_INCREMENT, POSTFIX_DECREMENT, PREFIX_INCREMENT, PREFIX_DECREMENT ->
                    operator(e, Operators.text(e.getKind()), Unsupported.INCREMENT);
            case ASSIGNMENT, PLUS_ASSIGNMENT, MINUS_ASSIGNMENT, MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT ->
                    unsupported(e, Unsupported.NESTED_ASSIGNMENT);
            case NEW_ARRAY -> unsupported(e, Unsupported.NEW_ARRAY);
            case NEW_CLASS -> unsupported(e, Unsupported.OBJECT_CREATION);
            case LAMBDA_EXPRESSION, MEMBER_REFERENCE -> unsupported(e, Unsupported.LAMBDA);
            case SWITCH_EXPRESSION -> unsupported(e, Unsupported.SWITCH_EXPRESSION);
            case STRING_LITERAL, CHAR_LITERAL, NULL_LITERAL -> unsupported(e, Unsupported.LITERAL);
            default -> unsupported(e, Unsupported.EXPRESSION);
        };
    }

    private Typed unsupported(Tree e, Unsupported what) {
        state.problem(e, Message.UNSUPPORTED_EXPRESSION, what.construct(e), what.instead(e));
        return null;
    }

    private Typed operator(Tree e, String operator, Unsupported what) {
        state.problem(e, Message.UNSUPPORTED_OPERATOR, operator, what.instead(e));
        return null;
    }

    private Typed identifier(IdentifierTree id) {
        String name = id.getName().toString();
        ValueType type = state.typeOf(name);
        if (type != null) {
            return new Typed(new Node.Ref(name), type);
        }
        Typed constant = constants.simpleName(name, id);
        if (constant != null) {
            return constant;
        }
        state.problem(id, Message.UNKNOWN_NAME, name, Suggestions.didYouMean(name, state.knownNames(), ""));
        return null;
    }

    private Typed memberSelect(MemberSelectTree m) {
        String member = m.getIdentifier().toString();
        if (member.equals("length") && !(m.getExpression() instanceof IdentifierTree id
                && state.typeOf(id.getName().toString()) == null)) {
            Typed array = expression(m.getExpression());
            if (array == null) {
                return null;
            }
            if (!array.type().isArray()) {
                return unsupported(m, Unsupported.LENGTH_OF);
            }
            return new Typed(new Node.Length(array.node()), ValueType.INT);
        }
        TypeElement owner = state.types.resolve(m.getExpression().toString());
        if (owner != null) {
            Typed c = constants.field(owner, member, m);
            if (c != null) {
                return c;
            }
            state.problem(m, Message.UNKNOWN_NAME, m.toString(),
                    Reason.NOT_A_CONSTANT.text(owner.getSimpleName() + "." + member));
            return null;
        }
        state.problem(m, Message.UNKNOWN_NAME, m.toString(), "");
        return null;
    }

    /**
     * {@code a[k]}: an element of a row ({@code x[i]}, {@code x[i - 1]}, {@code t[k]}), a row of a batch
     * ({@code z[b]}, itself a row), or a label of a batch ({@code y[b]}, an int). The index is any
     * integer expression; whether it stays inside the array is proven here, or checked at run time.
     */
    private Typed element(ArrayAccessTree a) {
        Typed array = expression(a.getExpression());
        if (array == null) {
            return null;
        }
        if (!array.type().isArray()) {
            state.problem(a, Message.UNSUPPORTED_EXPRESSION, Unsupported.INDEXING.construct(a.getExpression()),
                    Unsupported.INDEXING.instead(a));
            return null;
        }
        Typed index = index(a.getIndex());
        if (index == null) {
            return null;
        }
        if (array.node() instanceof Node.Ref r && state.isLocalArray(r.name()) && state.isBeingFilled(r.name())
                && !state.readsElementJustWritten(r.name(), index.node())) {
            state.problem(a, Message.LOCAL_ARRAY, a, Reason.READ_WHILE_FILLING.text(null));
            return null;
        }
        checkBounds(a, array.node(), index.node());
        return switch (array.type()) {
            case MATRIX -> new Typed(new Node.RowOf(array.node(), index.node()), ValueType.ROW);
            case LABELS -> new Typed(new Node.Elem(array.node(), index.node()), ValueType.INT);
            default -> new Typed(new Node.Elem(array.node(), index.node()), ValueType.DOUBLE);
        };
    }

    /** An index: any integer expression; one computed from a double, or a negative literal, is reported. */
    private Typed index(ExpressionTree indexTree) {
        ExpressionTree inner = indexTree;
        while (inner instanceof ParenthesizedTree p) {
            inner = p.getExpression();
        }
        if (inner instanceof TypeCastTree cast && cast.getType().toString().equals("int")) {
            Typed castFrom = expression(cast.getExpression());
            if (castFrom != null && !castFrom.type().isIntegral()) {
                state.problem(indexTree, Message.INDEX, indexTree, Reason.INDEX_FROM_DOUBLE.text(null));
                return null;
            }
        }
        Typed index = expression(indexTree);
        if (index == null) {
            return null;
        }
        Reason reason = !index.type().isIntegral()
                ? index.type() == ValueType.DOUBLE ? Reason.INDEX_FROM_DOUBLE : Reason.INDEX_NOT_INT
                : index.node() instanceof Node.Num n && n.value() < 0 ? Reason.INDEX_NEGATIVE : null;
        if (reason != null) {
            state.problem(indexTree, Message.INDEX, indexTree, reason.text(null));
            return null;
        }
        return index;
    }

    /**
     * Proves {@code array[index]} inside the array in every iteration of the loops around it, or
     * adds a run-time requirement, or reports a read that leaves it. A plain {@code x[i]} in a loop
     * over a whole row, a label and a literal are checked by the generated code already (rows
     * indexed together have equal lengths; labels and constants are checked against their rows).
     */
    private void checkBounds(ArrayAccessTree a, Node array, Node index) {
        if (checkedElsewhere(array, index)) {
            return;
        }
        IndexBounds.Verdict verdict = state.bounds().check(index, new Node.Length(array));
        if (verdict instanceof IndexBounds.Refuted refuted) {
            state.problem(a, Message.INDEX_RANGE, a, refuted.side(), "of " + a.getExpression(), loopsAround(),
                    a.getExpression());
        } else if (verdict instanceof IndexBounds.RunTime runTime) {
            state.require(new Stmt.Require(runTime.condition(), a + " reads outside " + a.getExpression()
                    + " for some index of " + loopsAround()));
        } else if (verdict == null) {
            state.require(new Stmt.Require(inside(index, array), a + " reads outside " + a.getExpression()));
        }
    }

    private boolean checkedElsewhere(Node array, Node index) {
        if (index instanceof Node.Num || (index instanceof Node.Ref r && state.parameters.containsKey(r.name()))
                || (index instanceof Node.Elem e && e.array() instanceof Node.Ref)) {
            return true; // a literal, a label or an int @Param, a label of a batch: checked by the generated code
        }
        if (!(index instanceof Node.Ref r) || state.local(r.name()) != ValueType.INDEX) {
            return false;
        }
        Node[] range = state.loopRange(r.name());
        // x[i] in for (i = 0; i < y.length; i++): rows indexed together are checked to have equal lengths
        return range != null && range[0] instanceof Node.Num n && n.value() == 0 && range[1] instanceof Node.Length l
                && l.array() instanceof Node.Ref && array instanceof Node.Ref;
    }

    /** {@code 0 <= index && index < array.length}: the requirement of an index the prover cannot place. */
    private static Node inside(Node index, Node array) {
        return new Node.Call(Op.AND, List.of(new Node.Call(Op.GE, List.of(index, new Node.Num(0))),
                new Node.Call(Op.LT, List.of(index, new Node.Length(array)))));
    }

    private String loopsAround() {
        return state.loopHeaders();
    }

    private Typed conditional(ConditionalExpressionTree c) {
        Typed cond = condition(c.getCondition());
        Typed a = numeric(c.getTrueExpression());
        Typed b = numeric(c.getFalseExpression());
        if (cond == null || a == null || b == null) {
            return null;
        }
        return new Typed(new Node.Cond(cond.node(), a.node(), b.node()), ValueType.numeric(a.type(), b.type()));
    }

    private Typed cast(TypeCastTree c) {
        String type = c.getType().toString();
        Typed inner = numeric(c.getExpression());
        if (inner == null) {
            return null;
        }
        if (type.equals("double")) {
            return new Typed(inner.node(), ValueType.DOUBLE);
        }
        if (type.equals("int") && inner.type().isIntegral()) {
            return inner;
        }
        state.problem(c, Message.UNSUPPORTED_EXPRESSION, Unsupported.INTEGER_CAST.construct(type),
                Unsupported.INTEGER_CAST.instead(c));
        return null;
    }

    private Typed unary(UnaryTree u) {
        if (u.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
            Typed a = condition(u.getExpression());
            return a == null ? null : new Typed(new Node.Call(Op.NOT, List.of(a.node())), ValueType.BOOLEAN);
        }
        Typed a = numeric(u.getExpression());
        if (a == null) {
            return null;
        }
        if (u.getKind() == Tree.Kind.UNARY_PLUS) {
            return a;
        }
        if (a.node() instanceof Node.Num n) {
            return new Typed(new Node.Num(-n.value()), a.type());
        }
        return new Typed(new Node.Call(Op.NEG, List.of(a.node())), a.type());
    }

    private Typed binary(BinaryTree b) {
        Op op = switch (b.getKind()) {
            case PLUS -> Op.ADD;
            case MINUS -> Op.SUB;
            case MULTIPLY -> Op.MUL;
            case DIVIDE -> Op.DIV;
            case LESS_THAN -> Op.LT;
            case LESS_THAN_EQUAL -> Op.LE;
            case GREATER_THAN -> Op.GT;
            case GREATER_THAN_EQUAL -> Op.GE;
            case EQUAL_TO -> Op.EQ;
            case NOT_EQUAL_TO -> Op.NE;
            case CONDITIONAL_AND -> Op.AND;
            default -> Op.OR;
        };
        boolean logic = op == Op.AND || op == Op.OR;
        Typed l = logic ? condition(b.getLeftOperand()) : numeric(b.getLeftOperand());
        Typed r = logic ? condition(b.getRightOperand()) : numeric(b.getRightOperand());
        if (l == null || r == null) {
            return null;
        }
        if (logic || op.family() == Op.Family.COMPARISON) {
            return new Typed(new Node.Call(op, List.of(l.node(), r.node())), ValueType.BOOLEAN);
        }
        ValueType type = ValueType.numeric(l.type(), r.type());
        if (type == ValueType.INT) {
            Typed folded = IntegerArithmetic.fold(op, l, r);
            if (folded != null) {
                return folded;
            }
            if (op == Op.DIV) {
                state.problem(b, Message.INTEGER_DIVISION, b, b.getLeftOperand() + " / (double) " + b.getRightOperand());
                return null;
            }
        }
        return new Typed(new Node.Call(op, List.of(l.node(), r.node())), type);
    }
}
