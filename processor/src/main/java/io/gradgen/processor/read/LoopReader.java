package io.gradgen.processor.read;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import io.gradgen.processor.body.Node;
import io.gradgen.processor.body.Stmt;
import io.gradgen.processor.diagnostics.Message;
import io.gradgen.processor.diagnostics.Message.Reason;
import io.gradgen.processor.ir.Op;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the loop form: {@code for (int i = start; i < end; i++) body} (or {@code i <= end}),
 * with {@code start} and {@code end} integer expressions: lengths ({@code x.length},
 * {@code z[b].length}), labels, {@code int} parameters and locals, literals, an enclosing loop's
 * index, and their sums and differences.
 */
final class LoopReader {
    private final BodyState state;
    private final StatementReader statements;
    private final ExpressionReader expressions;

    LoopReader(BodyState state, StatementReader statements, ExpressionReader expressions) {
        this.state = state;
        this.statements = statements;
        this.expressions = expressions;
    }

    void forLoop(ForLoopTree f, List<Stmt> out) {
        String header = header(f);
        VariableTree init = f.getInitializer().size() == 1 && f.getInitializer().get(0) instanceof VariableTree v
                && v.getType() != null && v.getType().toString().equals("int") && v.getInitializer() != null ? v : null;
        if (init == null) {
            state.problem(f, Message.LOOP_FORM, header, Reason.LOOP_START.text("i"));
            return;
        }
        String index = init.getName().toString();
        Typed from = integer(init.getInitializer());
        Node to = end(f, index);
        if (to == null) {
            state.problem(f.getCondition() == null ? f : f.getCondition(), Message.LOOP_FORM, header,
                    Reason.LOOP_CONDITION.text(index));
            return;
        }
        if (!isIncrement(f, index)) {
            state.problem(f, Message.LOOP_FORM, header, Reason.LOOP_UPDATE.text(index));
            return;
        }
        if (from == null) {
            return;
        }
        state.enterLoop(assignedIn(f.getStatement()), index, arraysFilledIn(f.getStatement()), header);
        state.enterScope(index, ValueType.INDEX);
        state.enterLoopRange(index, from.node(), to);
        List<Stmt> body = statements.branch(f.getStatement());
        state.exitLoopRange(index);
        state.exitScope();
        state.exitLoop();
        out.add(new Stmt.For(index, from.node(), to, body));
    }

    /** {@code end} of {@code i < end}, or {@code end + 1} of {@code i <= end}; null when the condition is another. */
    private Node end(ForLoopTree f, String index) {
        if (!(f.getCondition() instanceof BinaryTree b) || !(b.getLeftOperand() instanceof IdentifierTree i)
                || !i.getName().contentEquals(index)
                || (b.getKind() != Tree.Kind.LESS_THAN && b.getKind() != Tree.Kind.LESS_THAN_EQUAL)) {
            return null;
        }
        Typed end = integer(b.getRightOperand());
        if (end == null) {
            return null;
        }
        return b.getKind() == Tree.Kind.LESS_THAN ? end.node()
                : new Node.Call(Op.ADD, List.of(end.node(), new Node.Num(1)));
    }

    /** An integer bound, read before the loop's index is in scope. */
    private Typed integer(ExpressionTree e) {
        Typed t = expressions.numeric(e);
        if (t != null && !t.type().isIntegral()) {
            state.problem(e, Message.INDEX, e, Reason.INDEX_FROM_DOUBLE.text(null));
            return null;
        }
        return t;
    }

    /** The header as the user wrote it, for messages: {@code for (int i = 0; i < 3; i++)}. */
    private static String header(ForLoopTree f) {
        return "for (" + f.getInitializer().stream().map(Object::toString).map(String::strip)
                .reduce((a, b) -> a + ", " + b).orElse("") + "; " + (f.getCondition() == null ? "" : f.getCondition())
                + "; " + f.getUpdate().stream().map(u -> u.getExpression().toString()).reduce((a, b) -> a + ", " + b)
                .orElse("") + ")";
    }

    private static boolean isIncrement(ForLoopTree f, String index) {
        if (f.getUpdate().size() != 1) {
            return false;
        }
        ExpressionTree u = f.getUpdate().get(0).getExpression();
        if ((u.getKind() == Tree.Kind.POSTFIX_INCREMENT || u.getKind() == Tree.Kind.PREFIX_INCREMENT)
                && ((UnaryTree) u).getExpression() instanceof IdentifierTree i) {
            return i.getName().contentEquals(index);
        }
        if (u instanceof AssignmentTree a && a.getVariable() instanceof IdentifierTree i
                && i.getName().contentEquals(index) && a.getExpression() instanceof BinaryTree sum
                && sum.getKind() == Tree.Kind.PLUS && sum.getLeftOperand() instanceof IdentifierTree same
                && same.getName().contentEquals(index) && isOne(sum.getRightOperand())) {
            return true; // i = i + 1
        }
        return u instanceof CompoundAssignmentTree c && u.getKind() == Tree.Kind.PLUS_ASSIGNMENT
                && c.getVariable() instanceof IdentifierTree i && i.getName().contentEquals(index)
                && isOne(c.getExpression());
    }

    private static boolean isOne(ExpressionTree e) {
        return e instanceof LiteralTree l && Integer.valueOf(1).equals(l.getValue());
    }

    /**
     * The simple names a statement assigns (plainly or compoundly), at any depth, that it does not
     * declare itself: the loop's accumulators. A local declared in the body (an inner loop's
     * accumulator, {@code double nearest = ...}) starts afresh in every iteration, so reading it
     * is no loop-carried dependency.
     */
    private static Set<String> assignedIn(StatementTree body) {
        Set<String> names = new HashSet<>();
        Set<String> declared = new HashSet<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitVariable(VariableTree node, Void unused) {
                declared.add(node.getName().toString());
                return super.visitVariable(node, unused);
            }

            @Override
            public Void visitAssignment(AssignmentTree node, Void unused) {
                if (node.getVariable() instanceof IdentifierTree id) {
                    names.add(id.getName().toString());
                }
                return super.visitAssignment(node, unused);
            }

            @Override
            public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
                if (node.getVariable() instanceof IdentifierTree id) {
                    names.add(id.getName().toString());
                }
                return super.visitCompoundAssignment(node, unused);
            }
        }.scan(body, null);
        names.removeAll(declared);
        return names;
    }

    /** The arrays a statement writes elements of ({@code t[i] = ...}), at any depth. */
    private static Set<String> arraysFilledIn(StatementTree body) {
        Set<String> names = new HashSet<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitAssignment(AssignmentTree node, Void unused) {
                if (node.getVariable() instanceof ArrayAccessTree a && a.getExpression() instanceof IdentifierTree id) {
                    names.add(id.getName().toString());
                }
                return super.visitAssignment(node, unused);
            }
        }.scan(body, null);
        return names;
    }
}
