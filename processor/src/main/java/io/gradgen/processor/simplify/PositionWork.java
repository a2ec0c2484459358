package io.gradgen.processor.simplify;

import io.gradgen.processor.differentiate.Gradient;
import io.gradgen.processor.ir.Apply;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Indices;
import io.gradgen.processor.ir.Op;
import io.gradgen.processor.ir.Reduce;
import io.gradgen.processor.ir.Select;
import io.gradgen.processor.ir.Softmax;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What the kernels of a simplified loss compute per batch position, counted coarsely enough to compare
 * two forms of one loss: the loops over a row (reductions), and the selects and calls that cost more
 * than an arithmetic operation. It decides whether specialising a loss on a {@code @Param}'s default
 * pays: {@code CrossEntropyLoss} at {@code labelSmoothing = 0} loses its smoothing sum, a loop per row,
 * and the select that skipped it, while {@code HuberLoss} at {@code delta = 1} computes the same
 * {@code min} either way and is not worth a second set of kernels.
 *
 * @param loops reductions over a row, each a loop the kernels run per position
 * @param selectsAndCalls selects and calls other than the cheap ones ({@code abs}, {@code min}, {@code max}, ...)
 */
public record PositionWork(int loops, int selectsAndCalls) {
    /** Calls that compile to one or two instructions: not worth specialising away. */
    private static final Set<Op> CHEAP = EnumSet.of(Op.ABS, Op.MIN, Op.MAX, Op.SQ, Op.RELU, Op.CLAMP, Op.SIGNUM,
            Op.FLOOR, Op.CEIL, Op.DETACH, Op.WEIGHTED);

    /** The work of the value, its weight and its gradients, each distinct subexpression once. */
    public static PositionWork of(SimplifiedLoss loss) {
        List<Expr> roots = new ArrayList<>();
        roots.add(loss.value());
        if (loss.weight() != null) {
            roots.add(loss.weight());
        }
        loss.gradients().stream().map(Gradient::derivative).forEach(roots::add);
        int loops = 0;
        int selectsAndCalls = 0;
        for (Expr e : Indices.nodes(roots)) {
            if (e instanceof Reduce) {
                loops++;
            } else if (e instanceof Select || e instanceof Softmax) {
                selectsAndCalls++;
            } else if (e instanceof Apply a && a.op().family() != Op.Family.OPERATOR
                    && a.op().family() != Op.Family.COMPARISON && a.op().family() != Op.Family.LOGIC
                    && !CHEAP.contains(a.op())) {
                selectsAndCalls++;
            }
        }
        return new PositionWork(loops, selectsAndCalls);
    }

    /** Fewer loops, or as many loops and fewer selects and calls. */
    public boolean lessThan(PositionWork other) {
        return loops != other.loops ? loops < other.loops : selectsAndCalls < other.selectsAndCalls;
    }
}
