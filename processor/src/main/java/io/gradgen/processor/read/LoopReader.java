package io.gradgen.processor.read;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import io.gradgen.processor.body.Stmt;
import io.gradgen.processor.diagnostics.Message;
import io.gradgen.processor.diagnostics.Message.Reason;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads the one loop form there is: {@code for (int i = 0; i < x.length; i++) body}, with x a row parameter. */
final class LoopReader {
    private final BodyState state;
    private final StatementReader statements;

    LoopReader(BodyState state, StatementReader statements) {
        this.state = state;
        this.statements = statements;
    }

    void forLoop(ForLoopTree f, List<Stmt> out) {
        String header = header(f);
        String index = loopIndex(f);
        if (index == null) {
            state.problem(f, Message.LOOP_FORM, header, Reason.LOOP_START.text("i"));
            return;
        }
        String row = loopRow(f, index);
        if (row == null) {
            state.problem(f.getCondition() == null ? f : f.getCondition(), Message.LOOP_FORM, header,
                    Reason.LOOP_CONDITION.text(index));
            return;
        }
        if (!isIncrement(f, index)) {
            state.problem(f, Message.LOOP_FORM, header, Reason.LOOP_UPDATE.text(index));
            return;
        }
        state.enterLoop(assignedIn(f.getStatement()));
        state.enterScope(index, ValueType.INDEX);
        List<Stmt> body = statements.branch(f.getStatement());
        state.exitScope();
        state.exitLoop();
        out.add(new Stmt.For(index, row, body));
    }

    /** The header as the user wrote it, for messages: {@code for (int i = 0; i < 3; i++)}. */
    private static String header(ForLoopTree f) {
        return "for (" + f.getInitializer().stream().map(Object::toString).map(String::strip)
                .reduce((a, b) -> a + ", " + b).orElse("") + "; " + (f.getCondition() == null ? "" : f.getCondition())
                + "; " + f.getUpdate().stream().map(u -> u.getExpression().toString()).reduce((a, b) -> a + ", " + b)
                .orElse("") + ")";
    }

    private static String loopIndex(ForLoopTree f) {
        if (f.getInitializer().size() != 1 || !(f.getInitializer().get(0) instanceof VariableTree v)) {
            return null;
        }
        boolean zero = v.getInitializer() instanceof LiteralTree l && Integer.valueOf(0).equals(l.getValue());
        return v.getType() != null && v.getType().toString().equals("int") && zero ? v.getName().toString() : null;
    }

    private String loopRow(ForLoopTree f, String index) {
        if (f.getCondition() instanceof BinaryTree b && b.getKind() == Tree.Kind.LESS_THAN
                && b.getLeftOperand() instanceof IdentifierTree i && i.getName().contentEquals(index)
                && b.getRightOperand() instanceof MemberSelectTree m && m.getIdentifier().contentEquals("length")
                && m.getExpression() instanceof IdentifierTree rowName
                && state.parameters.get(rowName.getName().toString()) == ValueType.ROW) {
            return rowName.getName().toString();
        }
        return null;
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
        return u instanceof CompoundAssignmentTree c && u.getKind() == Tree.Kind.PLUS_ASSIGNMENT
                && c.getVariable() instanceof IdentifierTree i && i.getName().contentEquals(index)
                && c.getExpression() instanceof LiteralTree l && Integer.valueOf(1).equals(l.getValue());
    }

    /** The simple names a statement assigns (plainly or compoundly), at any depth. */
    private static Set<String> assignedIn(StatementTree body) {
        Set<String> names = new HashSet<>();
        new TreeScanner<Void, Void>() {
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
        return names;
    }
}
