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
        if (t != null && t.type() == ValueType.ROW) {
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
            case NEW_CLASS, NEW_ARRAY -> unsupported(e, Unsupported.OBJECT_CREATION);
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
        ValueType localType = state.local(name);
        if (localType != null) {
            return new Typed(new Node.Ref(name), localType);
        }
        ValueType paramType = state.parameters.get(name);
        if (paramType != null) {
            return new Typed(new Node.Ref(name), paramType);
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
        if (member.equals("length")) {
            if (m.getExpression() instanceof IdentifierTree id
                    && state.parameters.get(id.getName().toString()) == ValueType.ROW) {
                return new Typed(new Node.Length(id.getName().toString()), ValueType.INT);
            }
            return unsupported(m, Unsupported.LENGTH_OF);
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

    /** {@code x[k]}: x a row parameter, k the loop variable, an int parameter or an int literal. */
    private Typed element(ArrayAccessTree a) {
        if (!(a.getExpression() instanceof IdentifierTree rowName)
                || state.parameters.get(rowName.getName().toString()) != ValueType.ROW) {
            state.problem(a, Message.UNSUPPORTED_EXPRESSION, Unsupported.INDEXING.construct(a.getExpression()),
                    Unsupported.INDEXING.instead(a));
            return null;
        }
        ExpressionTree indexTree = a.getIndex();
        while (indexTree instanceof ParenthesizedTree p) {
            indexTree = p.getExpression();
        }
        if (indexTree instanceof TypeCastTree cast && cast.getType().toString().equals("int")) {
            Typed inner = expression(cast.getExpression());
            if (inner != null && !inner.type().isIntegral()) {
                state.problem(a.getIndex(), Message.INDEX, a.getIndex(), Reason.INDEX_FROM_DOUBLE.text(null));
                return null;
            }
        }
        Typed index = expression(a.getIndex());
        if (index == null) {
            return null;
        }
        Reason reason = indexProblem(index);
        if (reason != null) {
            state.problem(a.getIndex(), Message.INDEX, a.getIndex(), reason.text(null));
            return null;
        }
        return new Typed(new Node.Elem(rowName.getName().toString(), index.node()), ValueType.DOUBLE);
    }

    private Reason indexProblem(Typed index) {
        if (!index.type().isIntegral()) {
            return index.type() == ValueType.DOUBLE ? Reason.INDEX_FROM_DOUBLE : Reason.INDEX_NOT_INT;
        }
        if (index.node() instanceof Node.Num n) {
            return n.value() < 0 ? Reason.INDEX_NEGATIVE : null;
        }
        if (!(index.node() instanceof Node.Ref r)) {
            return Reason.INDEX_COMPUTED;
        }
        ValueType local = state.local(r.name());
        return local != null && local != ValueType.INDEX ? Reason.INDEX_LOCAL : null;
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
