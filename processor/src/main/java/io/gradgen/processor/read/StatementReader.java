package io.gradgen.processor.read;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import io.gradgen.processor.body.Node;
import io.gradgen.processor.body.Stmt;
import io.gradgen.processor.diagnostics.Message;
import io.gradgen.processor.diagnostics.Message.Reason;
import io.gradgen.processor.diagnostics.Message.Unsupported;
import io.gradgen.processor.ir.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads statements: blocks, local declarations ({@code double}, {@code int}, {@code boolean},
 * {@code double[]}), assignments (checked to accumulate inside loops), writes that fill a local
 * array, {@code if}/{@code else} and {@code return}, and hands {@code for} loops to the
 * {@link LoopReader}. Everything else is reported as unsupported, with what to write instead.
 */
final class StatementReader {
    private final BodyState state;
    private final ExpressionReader expressions;
    private final LoopReader loops;

    StatementReader(BodyState state) {
        this.state = state;
        this.expressions = new ExpressionReader(state);
        this.loops = new LoopReader(state, this, expressions);
    }

    List<Stmt> block(List<? extends StatementTree> statements) {
        state.enterScope();
        List<Stmt> out = new ArrayList<>();
        for (StatementTree s : statements) {
            List<Stmt> read = new ArrayList<>();
            statement(s, read);
            // the run-time checks an expression of this statement needs come first
            out.addAll(state.takeRequirements());
            out.addAll(read);
        }
        state.exitScope();
        return out;
    }

    /** A branch or loop body: a block, or one statement in a scope of its own. */
    List<Stmt> branch(StatementTree s) {
        if (s == null) {
            return List.of();
        }
        return s instanceof BlockTree b ? block(b.getStatements()) : block(List.of(s));
    }

    private void statement(StatementTree s, List<Stmt> out) {
        switch (s.getKind()) {
            case BLOCK -> out.addAll(block(((BlockTree) s).getStatements()));
            case EMPTY_STATEMENT -> {
            }
            case VARIABLE -> declare((VariableTree) s, out);
            case RETURN -> returnStatement((ReturnTree) s, out);
            case IF -> {
                IfTree i = (IfTree) s;
                Typed cond = expressions.condition(i.getCondition());
                List<Stmt> pending = new ArrayList<>(state.takeRequirements());
                List<Stmt> thenBranch = branch(i.getThenStatement());
                List<Stmt> elseBranch = branch(i.getElseStatement());
                out.addAll(pending);
                if (cond != null) {
                    out.add(new Stmt.If(cond.node(), thenBranch, elseBranch));
                }
            }
            case EXPRESSION_STATEMENT -> expressionStatement((ExpressionStatementTree) s, out);
            case FOR_LOOP -> loops.forLoop((ForLoopTree) s, out);
            case ENHANCED_FOR_LOOP -> state.problem(s, Message.LOOP_FORM, Unsupported.ENHANCED_FOR.construct(s),
                    Unsupported.ENHANCED_FOR.instead(s));
            case WHILE_LOOP -> unsupported(s, Unsupported.WHILE_LOOP, s);
            case DO_WHILE_LOOP -> unsupported(s, Unsupported.DO_WHILE_LOOP, s);
            case SWITCH -> unsupported(s, Unsupported.SWITCH, s);
            case THROW -> unsupported(s, Unsupported.THROW, s);
            case TRY -> unsupported(s, Unsupported.TRY, s);
            case BREAK -> unsupported(s, Unsupported.BREAK, s);
            case CONTINUE -> unsupported(s, Unsupported.CONTINUE, s);
            case SYNCHRONIZED -> unsupported(s, Unsupported.SYNCHRONIZED, s);
            case LABELED_STATEMENT -> unsupported(s, Unsupported.LABELED, s);
            default -> unsupported(s, Unsupported.STATEMENT, s);
        }
    }

    private void returnStatement(ReturnTree r, List<Stmt> out) {
        if (state.inLoop()) {
            unsupported(r, Unsupported.RETURN_IN_LOOP, r);
            return;
        }
        ExpressionTree returned = r.getExpression();
        while (returned instanceof ParenthesizedTree p) {
            returned = p.getExpression();
        }
        state.returnedCall = returned;
        Typed value = state.returnsRow ? expressions.row(r.getExpression()) : expressions.numeric(r.getExpression());
        state.returnedCall = null;
        if (value != null) {
            out.add(new Stmt.Return(value.node()));
        }
    }

    private void declare(VariableTree v, List<Stmt> out) {
        String name = v.getName().toString();
        String typeText = v.getType() == null ? "var" : v.getType().toString().replace("final ", "");
        ExpressionTree init = v.getInitializer();
        if (typeText.equals("double[]") || (typeText.equals("var") && init instanceof NewArrayTree)) {
            declareRow(v, name, out);
            return;
        }
        ValueType declared = switch (typeText) {
            case "double" -> ValueType.DOUBLE;
            case "int" -> ValueType.INT;
            case "boolean" -> ValueType.BOOLEAN;
            case "var" -> null;
            default -> {
                state.problem(v, Message.LOCAL_TYPE, name, typeText);
                yield ValueType.DOUBLE;
            }
        };
        Typed value = init == null ? null : declared == ValueType.BOOLEAN ? expressions.condition(init)
                : declared == null ? expressions.expression(init) : expressions.numeric(init);
        if (value != null && declared == null && value.type().isArray()) {
            state.declare(name, value.type());
            out.add(new Stmt.Declare(name, value.node()));
            return;
        }
        ValueType type = declared != null ? declared : value != null ? value.type() : ValueType.DOUBLE;
        if (type == ValueType.INT && value != null && value.type() == ValueType.DOUBLE) {
            type = ValueType.DOUBLE; // javac rejects this narrowing itself; keep reading without noise
        }
        if (type == ValueType.INDEX) {
            type = ValueType.INT;
        }
        state.declare(name, type);
        state.defineInt(name, type == ValueType.INT && value != null ? value.node() : null);
        if (init == null || value != null) {
            out.add(new Stmt.Declare(name, value == null ? null : value.node()));
        }
    }

    /** {@code double[] t = new double[n]} (an array to fill), or another name for a row ({@code double[] r = z[b]}). */
    private void declareRow(VariableTree v, String name, List<Stmt> out) {
        ExpressionTree init = v.getInitializer();
        if (init == null) {
            state.problem(v, Message.LOCAL_ARRAY, v, Reason.ASSIGNED_WHOLE.text(null));
            return;
        }
        Typed value = init instanceof NewArrayTree fresh ? expressions.newRow(fresh) : expressions.row(init);
        state.declare(name, ValueType.ROW);
        if (value == null) {
            return;
        }
        if (value.node() instanceof Node.NewRow) {
            state.declareLocalArray(name);
        }
        out.add(new Stmt.Declare(name, value.node()));
    }

    private void expressionStatement(ExpressionStatementTree s, List<Stmt> out) {
        ExpressionTree e = s.getExpression();
        switch (e.getKind()) {
            case ASSIGNMENT -> assignment((AssignmentTree) e, out);
            case PLUS_ASSIGNMENT, MINUS_ASSIGNMENT, MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT ->
                    compoundAssignment((CompoundAssignmentTree) e, out);
            case POSTFIX_INCREMENT, POSTFIX_DECREMENT, PREFIX_INCREMENT, PREFIX_DECREMENT ->
                    state.problem(e, Message.UNSUPPORTED_OPERATOR, Operators.text(e.getKind()),
                            Unsupported.INCREMENT_STATEMENT.instead(e));
            case METHOD_INVOCATION -> unsupported(s, Unsupported.DISCARDED_CALL, e);
            default -> unsupported(s, Unsupported.EXPRESSION_STATEMENT, e);
        }
    }

    private void assignment(AssignmentTree a, List<Stmt> out) {
        if (a.getVariable() instanceof ArrayAccessTree element) {
            write(a, element, out);
            return;
        }
        String target = assignable(a.getVariable());
        if (target == null) {
            expressions.expression(a.getExpression());
            return;
        }
        ValueType type = state.local(target);
        if (type == ValueType.ROW) {
            state.problem(a, Message.LOCAL_ARRAY, target, Reason.ASSIGNED_WHOLE.text(null));
            return;
        }
        Typed value = type == ValueType.BOOLEAN ? expressions.condition(a.getExpression())
                : expressions.numeric(a.getExpression());
        if (value != null && checkLoopAssignment(a, target, value.node())) {
            state.defineInt(target, null);
            out.add(new Stmt.Assign(target, value.node()));
        }
    }

    /** {@code t[i] = value}: fills a local array in the loop over {@code i}. */
    private void write(AssignmentTree a, ArrayAccessTree element, List<Stmt> out) {
        String array = element.getExpression() instanceof IdentifierTree id ? id.getName().toString() : null;
        Typed value = expressions.numeric(a.getExpression());
        if (array == null || !state.isLocalArray(array)) {
            if (array != null && state.typeOf(array) != null && state.local(array) == null) {
                state.problem(element, Message.ARRAY_WRITE, element);
            } else {
                state.problem(element, Message.LOCAL_ARRAY, element, Reason.NOT_FILLED_ARRAY.text(null));
            }
            return;
        }
        Reason wrong = null;
        if (!state.inLoop()) {
            wrong = Reason.WRITE_OUTSIDE_LOOP;
        } else if (!(element.getIndex() instanceof IdentifierTree index)
                || state.local(index.getName().toString()) != ValueType.INDEX
                || !index.getName().contentEquals(state.innermostLoopIndex())) {
            wrong = Reason.WRITE_OTHER_INDEX;
        } else if (state.isFilled(array) || state.declaredInsideInnermostLoop(array)) {
            wrong = Reason.FILLED_TWICE;
        }
        if (wrong != null) {
            state.problem(element, Message.LOCAL_ARRAY, element, wrong.text(element.getIndex()));
            return;
        }
        if (value != null) {
            state.fill(array);
            out.add(new Stmt.Write(array, new Node.Ref(element.getIndex().toString()), value.node()));
        }
    }

    /** {@code s op= e}, read as {@code s = s op e}. */
    private void compoundAssignment(CompoundAssignmentTree a, List<Stmt> out) {
        String target = assignable(a.getVariable());
        Typed value = expressions.numeric(a.getExpression());
        if (target == null || value == null) {
            return;
        }
        Op op = switch (a.getKind()) {
            case PLUS_ASSIGNMENT -> Op.ADD;
            case MINUS_ASSIGNMENT -> Op.SUB;
            case MULTIPLY_ASSIGNMENT -> Op.MUL;
            default -> Op.DIV;
        };
        if (op == Op.DIV && state.local(target) == ValueType.INT && value.type() == ValueType.INT) {
            state.problem(a, Message.INTEGER_DIVISION, a, target + " = " + target + " / (double) " + a.getExpression());
            return;
        }
        Node combined = new Node.Call(op, List.of(new Node.Ref(target), value.node()));
        if (checkLoopAssignment(a, target, combined)) {
            state.defineInt(target, null);
            out.add(new Stmt.Assign(target, combined));
        }
    }

    private String assignable(ExpressionTree variable) {
        if (variable instanceof ArrayAccessTree element) {
            // x[k] += ...: rows are inputs, and a local array is filled with plain writes only
            boolean local = element.getExpression() instanceof IdentifierTree id
                    && state.isLocalArray(id.getName().toString());
            if (local) {
                state.problem(variable, Message.LOCAL_ARRAY, variable, Reason.COMPOUND_WRITE.text(null));
            } else {
                state.problem(variable, Message.ARRAY_WRITE, variable);
            }
            return null;
        }
        if (variable instanceof IdentifierTree id) {
            String name = id.getName().toString();
            if (state.local(name) == ValueType.INDEX) {
                state.problem(variable, Message.LOOP_FORM, Unsupported.ASSIGN_LOOP_VARIABLE.construct(name),
                        Unsupported.ASSIGN_LOOP_VARIABLE.instead(name));
                return null;
            }
            if (state.local(name) != null) {
                return name;
            }
            if (state.parameters.containsKey(name)) {
                state.problem(variable, Message.ASSIGN_TO_PARAMETER, name, name + "2");
                return null;
            }
        }
        state.problem(variable, Message.UNSUPPORTED_EXPRESSION, Unsupported.ASSIGN_TO.construct(variable),
                Unsupported.ASSIGN_TO.instead(variable));
        return null;
    }

    /**
     * Inside a loop, an assignment to a local declared before it must accumulate into a double:
     * {@code s = s + e}, {@code s - e}, {@code s * e}, {@code Math.max(s, e)}, {@code Math.min(s, e)}
     * or {@code Functions.logAddExp(s, e)}, where {@code e} reads nothing the loop assigns. Reports
     * and returns false otherwise.
     */
    private boolean checkLoopAssignment(Tree site, String target, Node value) {
        if (!state.inLoop() || state.declaredInsideInnermostLoop(target)) {
            return true;
        }
        ValueType type = state.local(target);
        if (type != ValueType.DOUBLE) {
            String kind = type == ValueType.BOOLEAN ? "the boolean" : "the int";
            state.problem(site, Message.LOOP_LOCAL, site, kind, target, target);
            return false;
        }
        Set<String> assigned = state.loop().assigned();
        Node increment = Accumulations.increment(target, value);
        if (increment != null && !Accumulations.reads(increment, assigned)) {
            return true;
        }
        state.problem(site, Message.LOOP_ASSIGNMENT, site, target, target, target, target, target, target,
                String.join(", ", assigned));
        return false;
    }

    private void unsupported(Tree tree, Unsupported what, Object code) {
        state.problem(tree, Message.UNSUPPORTED_STATEMENT, what.construct(code), what.instead(code));
    }
}
