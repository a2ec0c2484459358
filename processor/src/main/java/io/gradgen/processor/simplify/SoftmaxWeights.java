package io.gradgen.processor.simplify;

import io.gradgen.processor.ir.Apply;
import io.gradgen.processor.ir.Attains;
import io.gradgen.processor.ir.Elem;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.ExprVisitor;
import io.gradgen.processor.ir.Idx;
import io.gradgen.processor.ir.Indices;
import io.gradgen.processor.ir.Op;
import io.gradgen.processor.ir.Reduce;
import io.gradgen.processor.ir.Rewriter;
import io.gradgen.processor.ir.Select;
import io.gradgen.processor.ir.Softmax;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the softmax weights in derived gradients: {@code exp(f(j) − lse)} where {@code lse} is
 * {@code log Σ_i exp(f(i))} over a row and {@code f(j)} its own term at {@code j}, written as a
 * {@link Softmax} node so that the kernel reads them off the log-sum-exp's exponentials instead of
 * computing a second exponential per element. Only for log-sum-exps whose exponentials run as one
 * {@code VectorMath} pass (a body without loops or transcendental calls of its own).
 */
final class SoftmaxWeights {
    private final Map<Expr, Expr> memo = new HashMap<>();

    private SoftmaxWeights() {
    }

    /** The gradients with every softmax weight made a {@link Softmax} node. */
    static List<Expr> find(List<Expr> gradients) {
        SoftmaxWeights finder = new SoftmaxWeights();
        List<Expr> out = new ArrayList<>();
        gradients.forEach(g -> out.add(finder.rewrite(g)));
        return out;
    }

    private Expr rewrite(Expr e) {
        Expr known = memo.get(e);
        if (known != null) {
            return known;
        }
        Softmax weight = softmax(e);
        Expr out = weight != null ? weight : e.accept(rewriter);
        memo.put(e, out);
        return out;
    }

    /** Rewrites the operands of each node; leaves, elements and the nodes the rules make stay as they are. */
    private final ExprVisitor<Expr> rewriter = new Rewriter() {
        @Override
        public Expr visitElem(Elem el) {
            return el; // its index is an index, never an exponential
        }

        @Override
        public Expr visitApply(Apply a) {
            List<Expr> args = new ArrayList<>();
            a.args().forEach(x -> args.add(rewrite(x)));
            return args.equals(a.args()) ? a : new Apply(a.op(), args);
        }

        @Override
        public Expr visitSelect(Select s) {
            Expr c = rewrite(s.condition());
            Expr t = rewrite(s.ifTrue());
            Expr f = rewrite(s.ifFalse());
            return c == s.condition() && t == s.ifTrue() && f == s.ifFalse() ? s : new Select(c, t, f);
        }

        @Override
        public Expr visitReduce(Reduce r) {
            Expr body = rewrite(r.body());
            return body == r.body() ? r : r.withBody(body);
        }

        @Override
        public Expr visitAttains(Attains a) {
            return a; // compares a reduction's own term with it: rewriting either would break the tie test
        }

        @Override
        public Expr visitSoftmax(Softmax s) {
            return s;
        }
    };

    /** {@code exp(f(j) − lse)} as a {@link Softmax}, or null when {@code e} is not one. */
    private static Softmax softmax(Expr e) {
        if (!(e instanceof Apply exp) || exp.op() != Op.EXP || !(exp.arg(0) instanceof Apply d) || d.op() != Op.SUB
                || !(d.arg(1) instanceof Reduce lse) || lse.kind() != Reduce.Kind.LOG_SUM_EXP || lse.wholeRow() == null
                || !Indices.free(lse).isEmpty() || !stagesAsOnePass(lse)) {
            return null;
        }
        Expr term = d.arg(0);
        for (Idx at : Indices.free(term)) {
            if (term.equals(Indices.substitute(lse.body(), lse.index(), at))) {
                return new Softmax(lse, at);
            }
        }
        return null;
    }

    /** A body without loops or transcendental calls: its exponentials are one VectorMath pass. */
    private static boolean stagesAsOnePass(Reduce lse) {
        return !Indices.contains(lse.body(), x -> x instanceof Reduce || x instanceof Attains
                || (x instanceof Apply a && a.op().hasVectorKernel()), x -> false);
    }
}
