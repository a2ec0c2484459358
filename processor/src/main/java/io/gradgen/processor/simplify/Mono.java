package io.gradgen.processor.simplify;

import io.gradgen.processor.ir.Const;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.ExprOrder;
import io.gradgen.processor.ir.Op;

import static io.gradgen.processor.ir.Exprs.*;

import java.util.Map;
import java.util.TreeMap;

/** A coefficient times a product of integer powers, with factors kept in {@link ExprOrder}. */
final class Mono {
    static final Mono ONE = new Mono(1, new TreeMap<>(ExprOrder.INSTANCE));

    final double coef;
    final TreeMap<Expr, Integer> factors;

    /** The monomial with coefficient 1, which like terms share; built once, on first use. */
    private Expr key;

    Mono(double coef, TreeMap<Expr, Integer> factors) {
        this.coef = coef;
        this.factors = factors;
    }

    Expr key() {
        if (key == null) {
            key = withCoef(1).build();
        }
        return key;
    }

    static Mono factor(Expr e) {
        TreeMap<Expr, Integer> f = new TreeMap<>(ExprOrder.INSTANCE);
        f.put(e, 1);
        return new Mono(1, f);
    }

    Mono times(Mono other) {
        TreeMap<Expr, Integer> f = new TreeMap<>(factors);
        other.factors.forEach((base, k) -> f.merge(base, k, Integer::sum));
        f.values().removeIf(k -> k == 0);
        return new Mono(coef * other.coef, f);
    }

    Mono scale(double s) {
        return withCoef(coef * s);
    }

    Mono withCoef(double c) {
        Mono m = new Mono(c, factors);
        m.key = key;
        return m;
    }

    Mono power(int k) {
        if (k == 0) {
            return ONE;
        }
        TreeMap<Expr, Integer> f = new TreeMap<>(ExprOrder.INSTANCE);
        factors.forEach((base, e) -> f.put(base, e * k));
        return new Mono(Math.pow(coef, k), f);
    }

    Mono reciprocal() {
        return power(-1);
    }

    Mono divide(Mono other) {
        return times(other.reciprocal());
    }

    /** The factors both share with the same sign of exponent (at the smaller power), and the coefficient if equal. */
    Mono commonWith(Mono other) {
        TreeMap<Expr, Integer> f = new TreeMap<>(ExprOrder.INSTANCE);
        for (Map.Entry<Expr, Integer> e : factors.entrySet()) {
            Integer k = other.factors.get(e.getKey());
            if (k != null && Integer.signum(k) == Integer.signum(e.getValue())) {
                f.put(e.getKey(), Integer.signum(k) * Math.min(Math.abs(k), Math.abs(e.getValue())));
            }
        }
        double c = Double.compare(coef, other.coef) == 0 && coef != 0 ? coef : 1;
        return new Mono(c, f);
    }

    /** Only the factors with positive exponents, coefficient 1. */
    Mono positivePart() {
        TreeMap<Expr, Integer> f = new TreeMap<>(ExprOrder.INSTANCE);
        factors.forEach((base, k) -> {
            if (k > 0) {
                f.put(base, k);
            }
        });
        return new Mono(1, f);
    }

    Expr build() {
        if (factors.isEmpty()) {
            return new Const(coef);
        }
        Expr num = null;
        Expr den = null;
        for (Map.Entry<Expr, Integer> e : factors.entrySet()) {
            int k = e.getValue();
            Expr power = Math.abs(k) == 1 ? e.getKey() : apply(Op.POW, e.getKey(), new Const(Math.abs(k)));
            if (k > 0) {
                num = num == null ? power : mul(num, power);
            } else {
                den = den == null ? power : mul(den, power);
            }
        }
        double magnitude = Math.abs(coef);
        if (num == null) {
            num = new Const(magnitude);
        } else if (magnitude != 1) {
            num = mul(new Const(magnitude), num);
        }
        Expr e = den == null ? num : div(num, den);
        return coef < 0 || (coef == 0 && Double.compare(coef, 0.0) < 0) ? neg(e) : e;
    }
}
