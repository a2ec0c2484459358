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
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import io.gradgen.processor.body.Node;
import io.gradgen.processor.body.Stmt;
import io.gradgen.processor.diagnostics.Message.Unsupported;
import io.gradgen.processor.diagnostics.Message;
import io.gradgen.processor.ir.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads statements: blocks, local declarations, assignments (checked to accumulate inside loops),
 * {@code if}/{@code else}, {@code return}, and hands {@code for} loops to the {@link LoopReader}.
 * Everything else is reported as unsupported, with what to write instead.
 */
final class StatementReader {
    private final BodyState state;
    private final ExpressionReader expressions;
    private final LoopReader loops;

    StatementReader(BodyState state) {
        this.state = state;
        this.expressions = new ExpressionReader(state);
        this.loops = new LoopReader(state, this);
    }

    List<Stmt> block(List<? extends StatementTree> statements) {
        state.enterScope();
        List<Stmt> out = new ArrayList<>();
        for (StatementTree s : statements) {
            statement(s, out);
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
                List<Stmt> thenBranch = branch(i.getThenStatement());
                List<Stmt> elseBranch = branch(i.getElseStatement());
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
        Typed value = expressions.numeric(r.getExpression());
        state.returnedCall = null;
        if (value != null) {
            out.add(new Stmt.Return(value.node()));
        }
    }

    private void declare(VariableTree v, List<Stmt> out) {
        String name = v.getName().toString();
        String typeText = v.getType() == null ? "var" : v.getType().toString();
        ValueType declared = switch (typeText) {
            case "double", "final double" -> ValueType.DOUBLE;
            case "int" -> ValueType.INT;
            case "var" -> null;
            default -> {
                state.problem(v, Message.LOCAL_TYPE, name, typeText);
                yield ValueType.DOUBLE;
            }
        };
        Typed init = v.getInitializer() == null ? null : expressions.numeric(v.getInitializer());
        ValueType type = declared != null ? declared : init != null ? init.type() : ValueType.DOUBLE;
        if (type == ValueType.INT && init != null && init.type() == ValueType.DOUBLE) {
            type = ValueType.DOUBLE; // javac rejects this narrowing itself; keep reading without noise
        }
        state.declare(name, type);
        if (v.getInitializer() == null || init != null) {
            out.add(new Stmt.Declare(name, init == null ? null : init.node()));
        }
    }

    private void expressionStatement(ExpressionStatementTree s, List<Stmt> out) {
        ExpressionTree e = s.getExpression();
        switch (e.getKind()) {
            case ASSIGNMENT -> {
                AssignmentTree a = (AssignmentTree) e;
                String target = assignable(a.getVariable());
                Typed value = expressions.numeric(a.getExpression());
                if (target != null && value != null && checkAccumulation(e, target, value.node())) {
                    out.add(new Stmt.Assign(target, value.node()));
                }
            }
            case PLUS_ASSIGNMENT, MINUS_ASSIGNMENT, MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT ->
                    compoundAssignment((CompoundAssignmentTree) e, out);
            case POSTFIX_INCREMENT, POSTFIX_DECREMENT, PREFIX_INCREMENT, PREFIX_DECREMENT ->
                    state.problem(e, Message.UNSUPPORTED_OPERATOR, Operators.text(e.getKind()),
                            Unsupported.INCREMENT_STATEMENT.instead(e));
            case METHOD_INVOCATION -> unsupported(s, Unsupported.DISCARDED_CALL, e);
            default -> unsupported(s, Unsupported.EXPRESSION_STATEMENT, e);
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
        if (checkAccumulation(a, target, combined)) {
            out.add(new Stmt.Assign(target, combined));
        }
    }

    private String assignable(ExpressionTree variable) {
        if (variable instanceof ArrayAccessTree) {
            state.problem(variable, Message.ARRAY_WRITE, variable);
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
     * Inside a loop, an assignment to a local declared before it must accumulate: {@code s = s + e},
     * {@code s - e}, {@code s * e}, {@code Math.max(s, e)}, {@code Math.min(s, e)}, where {@code e}
     * reads nothing the loop assigns. Reports and returns false otherwise.
     */
    private boolean checkAccumulation(Tree site, String target, Node value) {
        if (!state.inLoop() || state.declaredInsideInnermostLoop(target)) {
            return true;
        }
        Set<String> assigned = state.loop().assigned();
        Node increment = Accumulations.increment(target, value);
        if (increment != null && !Accumulations.reads(increment, assigned)) {
            return true;
        }
        state.problem(site, Message.LOOP_ASSIGNMENT, site, target, target, target, target, target,
                String.join(", ", assigned));
        return false;
    }

    private void unsupported(Tree tree, Unsupported what, Object code) {
        state.problem(tree, Message.UNSUPPORTED_STATEMENT, what.construct(code), what.instead(code));
    }
}
