package io.gradgen.processor.plan;

import io.gradgen.processor.ir.Apply;
import io.gradgen.processor.ir.Const;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Exprs;
import io.gradgen.processor.ir.Op;
import io.gradgen.processor.ir.ChildRewriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code sigmoid(a)} and {@code logSigmoid(a)} over the one exponential they are defined with,
 * {@code e = exp(−|a|)}, and {@code softplus} over its {@code exp} and {@code log1p}, before a kernel
 * is staged:
 * <pre>{@code
 * sigmoid(a)    = (a ≥ 0 ? 1 : e) / (1 + e)
 * logSigmoid(a) = min(a, 0) − log1p(e)
 * softplus(a)   = a > 20 ? a : log1p(exp(a))
 * }</pre>
 * These are {@code io.gradgen.Functions}' own definitions, so the values are the same bits, but
 * written this way the calls of a formula share their exponentials: {@code |−a|} is {@code |a|}, so
 * BCE with logits, whose value reads {@code logSigmoid(x)} and whose gradient reads
 * {@code sigmoid(−x)}, stages one {@code exp} pass and one {@code log1p} pass over a block instead of
 * a {@code logSigmoid} pass and a {@code sigmoid} pass (three transcendental functions per element
 * instead of two). The choice is a branch-free select, as every select of the kernels is.
 *
 * <p>It also keeps the staged passes to {@code VectorMath}'s plain {@code exp}, {@code log} and
 * {@code log1p}: a composite kernel such as the Vector API's {@code logSigmoid} is too large for C2 to
 * inline into its array loop, and then boxes a vector per call (measured: BCE with logits allocated
 * about 24 bytes per element per step through {@code logSigmoid} and {@code sigmoid}).
 */
final class SharedExponentials extends ChildRewriter {
    /** {@code io.gradgen.Functions.softplus}'s threshold (PyTorch's default): above it softplus(x) is x. */
    static final double SOFTPLUS_THRESHOLD = 20.0;


    SharedExponentials() {
    }

    /** The expressions with every sigmoid and log-sigmoid written over its exponential. */
    List<Expr> rewrite(List<Expr> exprs) {
        List<Expr> out = new ArrayList<>();
        for (Expr o : exprs) {
            out.add(apply(o));
        }
        return out;
    }

    /** The same names for the rewritten expressions (a user's local keeps its name). */
    Map<Expr, String> rewriteKeys(Map<Expr, String> names) {
        Map<Expr, String> out = new java.util.LinkedHashMap<>();
        names.forEach((e, name) -> out.putIfAbsent(apply(e), name));
        return out;
    }

    /** {@code exp(−|a|)}, with {@code |−b|} written {@code |b|} so that a and −a share it. */
    private static Expr negativeAbsExp(Expr a) {
        Expr magnitude = a instanceof Apply n && n.op() == Op.NEG ? n.arg(0) : a;
        return Exprs.apply(Op.EXP, Exprs.neg(Exprs.apply(Op.ABS, magnitude)));
    }

    @Override
    public Expr visitApply(Apply a) {
        List<Expr> args = applyAll(a.args());
        if (a.op() == Op.SIGMOID) {
            Expr x = args.get(0);
            Expr e = negativeAbsExp(x);
            return Exprs.div(Exprs.select(Exprs.apply(Op.GE, x, Const.ZERO), Const.ONE, e),
                    Exprs.add(Const.ONE, e));
        }
        if (a.op() == Op.SOFTPLUS) {
            // Functions.softplus: x above the threshold, log1p(exp(x)) below; exp and log1p then
            // stage as the plain passes rather than as one composite kernel
            Expr x = args.get(0);
            return Exprs.select(Exprs.gt(x, new Const(SOFTPLUS_THRESHOLD)), x,
                    Exprs.apply(Op.LOG1P, Exprs.apply(Op.EXP, x)));
        }
        if (a.op() == Op.LOG_SIGMOID) {
            Expr x = args.get(0);
            return Exprs.sub(Exprs.apply(Op.MIN, x, Const.ZERO), Exprs.apply(Op.LOG1P, negativeAbsExp(x)));
        }
        return args == a.args() ? a : new Apply(a.op(), args);
    }
}
