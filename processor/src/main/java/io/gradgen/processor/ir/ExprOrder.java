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
        int byKind = Integer.compare(a.accept(RANK), b.accept(RANK));
        return byKind != 0 ? byKind : a.accept(new SameKind(b));
    }

    /** Compares the visited node with {@code other}, a node of the same kind. */
    private final class SameKind implements ExprVisitor<Integer> {
        private final Expr other;

        SameKind(Expr other) {
            this.other = other;
        }

        @Override
        public Integer visitConst(Const c) {
            return Double.compare(c.value(), ((Const) other).value());
        }

        @Override
        public Integer visitVar(Var v) {
            return v.name().compareTo(((Var) other).name());
        }

        @Override
        public Integer visitFlag(Flag f) {
            return f.name().compareTo(((Flag) other).name());
        }

        @Override
        public Integer visitIdx(Idx i) {
            return Integer.compare(i.id(), ((Idx) other).id());
        }

        @Override
        public Integer visitLength(Length l) {
            int byRow = compare(l.row(), ((Length) other).row());
            return byRow != 0 ? byRow : Integer.compare(l.axis(), ((Length) other).axis());
        }

        @Override
        public Integer visitField(Field f) {
            Field g = (Field) other;
            int byOwner = f.owner().compareTo(g.owner());
            return byOwner != 0 ? byOwner : f.name().compareTo(g.name());
        }

        @Override
        public Integer visitElem(Elem ea) {
            Elem eb = (Elem) other;
            int c = compare(ea.row(), eb.row());
            if (c == 0) {
                c = Integer.compare(ea.indices().size(), eb.indices().size());
            }
            for (int k = 0; c == 0 && k < ea.indices().size(); k++) {
                c = compare(ea.indices().get(k), eb.indices().get(k));
            }
            return c;
        }

        @Override
        public Integer visitApply(Apply a) {
            return compareApply(a, (Apply) other);
        }

        @Override
        public Integer visitSelect(Select s) {
            return compareSelect(s, (Select) other);
        }

        @Override
        public Integer visitReduce(Reduce r) {
            return compareReduce(r, (Reduce) other);
        }

        @Override
        public Integer visitAttains(Attains aa) {
            Attains ab = (Attains) other;
            int c = compare(aa.reduction(), ab.reduction());
            return c != 0 ? c : compare(aa.at(), ab.at());
        }

        @Override
        public Integer visitSoftmax(Softmax sa) {
            Softmax sb = (Softmax) other;
            int c = compare(sa.lse(), sb.lse());
            return c != 0 ? c : compare(sa.at(), sb.at());
        }
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
            c = compare(a.from(), b.from());
        }
        if (c == 0) {
            c = compare(a.to(), b.to());
        }
        return c != 0 ? c : compare(a.body(), b.body());
    }

    /** The order of kinds: numbers first, then indices, names, lengths, elements, operations. */
    private static final ExprVisitor<Integer> RANK = new ExprVisitor<>() {
        @Override
        public Integer visitConst(Const c) {
            return 0;
        }

        @Override
        public Integer visitIdx(Idx i) {
            return 1;
        }

        @Override
        public Integer visitVar(Var v) {
            return 2;
        }

        @Override
        public Integer visitLength(Length l) {
            return 3;
        }

        @Override
        public Integer visitField(Field f) {
            return 11;
        }

        @Override
        public Integer visitElem(Elem e) {
            return 4;
        }

        @Override
        public Integer visitApply(Apply a) {
            return 5;
        }

        @Override
        public Integer visitReduce(Reduce r) {
            return 6;
        }

        @Override
        public Integer visitSelect(Select s) {
            return 7;
        }

        @Override
        public Integer visitFlag(Flag f) {
            return 8;
        }

        @Override
        public Integer visitAttains(Attains a) {
            return 9;
        }

        @Override
        public Integer visitSoftmax(Softmax s) {
            return 10;
        }
    };
}
