package io.gradgen.processor.ir;

import static io.gradgen.processor.ir.Exprs.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random expression trees over x, y, z with + − · / neg exp log sqrt pow(·, small int) and
 * selects on comparisons. log and sqrt only ever see positive arguments, exp only bounded ones, so
 * values stay finite at moderate points.
 */
public final class RandomExprs {
    public static final Var X = new Var("x", Var.Role.INPUT);
    public static final Var Y = new Var("y", Var.Role.INPUT);
    public static final Var Z = new Var("z", Var.Role.INPUT);
    public static final List<Var> VARS = List.of(X, Y, Z);

    private final Random random;

    public RandomExprs(long seed) {
        random = new Random(seed);
    }

    public Expr next(int depth) {
        if (depth == 0 || random.nextInt(5) == 0) {
            return leaf();
        }
        int d = depth - 1;
        return switch (random.nextInt(11)) {
            case 0 -> add(next(d), next(d));
            case 1 -> sub(next(d), next(d));
            case 2, 3 -> mul(next(d), next(d));
            case 4 -> div(next(d), positive(next(d)));
            case 5 -> neg(next(d));
            case 6 -> apply(Op.EXP, apply(Op.TANH, next(d)));
            case 7 -> apply(Op.LOG, positive(next(d)));
            case 8 -> apply(Op.SQRT, positive(next(d)));
            case 9 -> power(d);
            default -> select(comparison(next(d), next(d)), next(d), next(d));
        };
    }

    /** pow(e, k) for a small integer k; a negative k only on a positive base, so no pole (pow(0, −1) = ∞). */
    private Expr power(int d) {
        int k = random.nextInt(5) - 1;
        return apply(Op.POW, k < 0 ? positive(next(d)) : next(d), num(k));
    }

    private Expr leaf() {
        int k = random.nextInt(6);
        return k < 4 ? VARS.get(k % 3) : num(List.of(0.5, 1.0, 2.0, 3.0, -1.0, 0.0).get(random.nextInt(6)));
    }

    /** A positive expression built from e: 1 + e², or 0.5 + e·e written as a product. */
    private Expr positive(Expr e) {
        return random.nextBoolean() ? add(Const.ONE, apply(Op.POW, e, Const.TWO)) : add(num(0.5), mul(e, e));
    }

    private Expr comparison(Expr a, Expr b) {
        Op op = List.of(Op.LT, Op.LE, Op.GT, Op.GE).get(random.nextInt(4));
        return apply(op, a, b);
    }

    public Map<String, Double> point() {
        Map<String, Double> p = new HashMap<>();
        for (Var v : VARS) {
            p.put(v.name(), 0.3 + 1.7 * random.nextDouble() * (random.nextBoolean() ? 1 : -1));
        }
        return p;
    }
}
