package io.gradgen.processor.ir;

import java.util.Comparator;

/**
 * A total, deterministic order on expressions (constants, then variables by name, then
 * operations), used to give products a canonical factor order so that {@code x·y} and {@code y·x}
 * are recognised as one term. It never depends on hash codes or identity, so output is stable.
 */
public final class ExprOrder implements Comparator<Expr> {
    public static final ExprOrder INSTANCE = new ExprOrder();

    private ExprOrder() {
    }

    @Override
    public int compare(Expr a, Expr b) {
        if (a == b) {
            return 0;
        }
        int byKind = Integer.compare(rank(a), rank(b));
        if (byKind != 0) {
            return byKind;
        }
        if (a instanceof Const ca) {
            return Double.compare(ca.value(), ((Const) b).value());
        }
        if (a instanceof Var va) {
            return va.name().compareTo(((Var) b).name());
        }
        if (a instanceof Apply aa) {
            return compareApply(aa, (Apply) b);
        }
        if (a instanceof Attains aa) {
            Attains ab = (Attains) b;
            int c = compare(aa.reduction(), ab.reduction());
            return c != 0 ? c : compare(aa.at(), ab.at());
        }
        if (a instanceof Softmax sa) {
            Softmax sb = (Softmax) b;
            int c = compare(sa.lse(), sb.lse());
            return c != 0 ? c : compare(sa.at(), sb.at());
        }
        if (a instanceof Flag fa) {
            return fa.name().compareTo(((Flag) b).name());
        }
        if (a instanceof Idx ia) {
            return Integer.compare(ia.id(), ((Idx) b).id());
        }
        if (a instanceof Elem ea) {
            Elem eb = (Elem) b;
            int byRow = compare(ea.row(), eb.row());
            return byRow != 0 ? byRow : compare(ea.index(), eb.index());
        }
        if (a instanceof Length la) {
            return compare(la.row(), ((Length) b).row());
        }
        if (a instanceof Reduce ra) {
            return compareReduce(ra, (Reduce) b);
        }
        return compareSelect((Select) a, (Select) b);
    }

    private int compareApply(Apply a, Apply b) {
        int byOp = Integer.compare(a.op().ordinal(), b.op().ordinal());
        if (byOp != 0) {
            return byOp;
        }
        for (int i = 0; i < a.args().size(); i++) {
            int byArg = compare(a.arg(i), b.arg(i));
            if (byArg != 0) {
                return byArg;
            }
        }
        return 0;
    }

    private int compareSelect(Select a, Select b) {
        int c = compare(a.condition(), b.condition());
        if (c != 0) {
            return c;
        }
        c = compare(a.ifTrue(), b.ifTrue());
        return c != 0 ? c : compare(a.ifFalse(), b.ifFalse());
    }

    private int compareReduce(Reduce a, Reduce b) {
        int c = a.kind().compareTo(b.kind());
        if (c == 0) {
            c = compare(a.index(), b.index());
        }
        if (c == 0) {
            c = compare(a.range(), b.range());
        }
        return c != 0 ? c : compare(a.body(), b.body());
    }

    private static int rank(Expr e) {
        if (e instanceof Const) {
            return 0;
        }
        if (e instanceof Idx) {
            return 1;
        }
        if (e instanceof Var) {
            return 2;
        }
        if (e instanceof Length) {
            return 3;
        }
        if (e instanceof Elem) {
            return 4;
        }
        if (e instanceof Apply) {
            return 5;
        }
        if (e instanceof Flag) {
            return 8;
        }
        if (e instanceof Attains) {
            return 9;
        }
        if (e instanceof Softmax) {
            return 10;
        }
        return e instanceof Reduce ? 6 : 7;
    }
}
