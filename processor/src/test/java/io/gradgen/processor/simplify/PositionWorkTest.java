package io.gradgen.processor.simplify;

import static io.gradgen.processor.ir.Exprs.add;
import static io.gradgen.processor.ir.Exprs.apply;
import static io.gradgen.processor.ir.Exprs.eq;
import static io.gradgen.processor.ir.Exprs.mul;
import static io.gradgen.processor.ir.Exprs.num;
import static io.gradgen.processor.ir.Exprs.select;
import static io.gradgen.processor.ir.Exprs.sub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.processor.ir.Elem;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Idx;
import io.gradgen.processor.ir.Op;
import io.gradgen.processor.ir.Reduce;
import io.gradgen.processor.ir.Var;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The coarse per-position work that decides whether a {@code @Param}'s default is worth its own kernels. */
class PositionWorkTest {
    private final Var x = new Var("x", Var.Role.INPUT);
    private final Var row = new Var("row", Var.Role.INPUT, 1);
    private final Var eps = new Var("eps", Var.Role.CONSTANT);

    private static PositionWork of(Expr value) {
        return PositionWork.of(new SimplifiedLoss(null, value, null, Map.of(), List.of(), Map.of(), null, List.of()));
    }

    @Test
    void countsLoopsSelectsAndCostlyCallsOnceEach() {
        Idx i = new Idx("i", 1);
        Expr sum = Reduce.overRow(Reduce.Kind.SUM, i, row, new Elem(row, i));
        Expr e = apply(Op.EXP, x);
        Expr value = add(mul(e, e), select(eq(eps, num(0)), num(0), mul(eps, sum)));
        assertEquals(new PositionWork(1, 2), of(value), "the sum, the select and exp (used twice)");
    }

    @Test
    void cheapCallsDoNotCount() {
        Expr d = apply(Op.ABS, sub(x, eps));
        assertEquals(new PositionWork(0, 0), of(apply(Op.MIN, d, apply(Op.MAX, d, num(1)))));
    }

    @Test
    void aLoopOutweighsAnyNumberOfCalls() {
        assertTrue(new PositionWork(0, 5).lessThan(new PositionWork(1, 0)));
        assertTrue(new PositionWork(1, 1).lessThan(new PositionWork(1, 2)));
        assertFalse(new PositionWork(1, 2).lessThan(new PositionWork(1, 2)));
    }
}
