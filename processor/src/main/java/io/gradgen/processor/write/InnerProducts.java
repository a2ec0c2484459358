package io.gradgen.processor.write;

import com.palantir.javapoet.CodeBlock;
import io.gradgen.processor.ir.Apply;
import io.gradgen.processor.ir.Const;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Op;
import io.gradgen.processor.ir.Reduce;

/**
 * Inner products of batch rows, {@code Σ_i u[a][i] · v[b][i]} and {@code Σ_i u[a][i]²}, written as
 * one {@code VectorMath.dot} call: the similarities and norms of contrastive losses are most of their
 * work, and a plain loop adds its products one after another (the adder's latency bounds it; Java
 * may not reorder the sum), where the kernel keeps several vector chains of fused multiply-adds in
 * flight. Each call site computes a given pair's product with the same bits, so a value and the
 * tables of its backward agree.
 */
final class InnerProducts {
    private InnerProducts() {
    }

    /** {@code VectorMath.dot(zData, a * zLength, ...)} for such a sum, or null for any other reduction. */
    static CodeBlock call(Reduce r, JavaExpressions java) {
        if (r.kind() != Reduce.Kind.SUM || !(r.from() instanceof Const c && c.value() == 0)
                || !(r.body() instanceof Apply a)) {
            return null;
        }
        Expr u;
        Expr v;
        if (a.op() == Op.MUL) {
            u = a.arg(0);
            v = a.arg(1);
        } else if (a.op() == Op.POW && a.arg(1) instanceof Const k && k.value() == 2) {
            u = a.arg(0);
            v = a.arg(0);
        } else {
            return null;
        }
        CodeBlock[] first = java.batchRowAlong(u, r.index());
        CodeBlock[] second = java.batchRowAlong(v, r.index());
        if (first == null || second == null) {
            return null;
        }
        return CodeBlock.of("$T.dot($L, $L, $L, $L, $L)", Names.VECTOR_MATH, first[0], first[1], second[0], second[1],
                java.integer(r.to()));
    }
}
