package io.gradgen.processor.symbolic;

import static io.gradgen.processor.symbolic.Exprs.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Symbolic differentiation by the chain rule over the IR DAG, with each shared subexpression
 * differentiated once. A subexpression that does not depend on the variable contributes no term at
 * all (a structural zero), which is what an autograd engine does for inputs that need no grad: so
 * {@code a·0} terms never appear and no NaN or infinity of {@code a} can leak into a gradient.
 */
public final class Differentiator {
    private final Var wrt;
    private final Map<Expr, Expr> memo = new HashMap<>();

    private Differentiator(Var wrt) {
        this.wrt = wrt;
    }

    /** ∂e/∂wrt, unsimplified; {@link Const#ZERO} when {@code e} does not depend on {@code wrt}. */
    public static Expr derivative(Expr e, Var wrt) {
        return new Differentiator(wrt).d(e);
    }

    private Expr d(Expr e) {
        Expr known = memo.get(e);
        if (known != null) {
            return known;
        }
        Expr result;
        if (e instanceof Var v) {
            result = v.equals(wrt) ? Const.ONE : Const.ZERO;
        } else if (e instanceof Select s) {
            result = dSelect(s);
        } else if (e instanceof Apply a) {
            result = dApply(a);
        } else {
            result = Const.ZERO;
        }
        memo.put(e, result);
        return result;
    }

    private Expr dSelect(Select s) {
        Expr dTrue = d(s.ifTrue());
        Expr dFalse = d(s.ifFalse());
        if (isZero(dTrue) && isZero(dFalse)) {
            return Const.ZERO;
        }
        return select(s.condition(), dTrue, dFalse);
    }

    private Expr dApply(Apply a) {
        if (a.op().isPredicate()) {
            return Const.ZERO;
        }
        List<Expr> terms = new ArrayList<>();
        for (int i = 0; i < a.args().size(); i++) {
            Expr dArg = d(a.arg(i));
            if (isZero(dArg)) {
                continue;
            }
            Expr partial = Derivatives.partial(a.op(), a.args(), a, i);
            if (isZero(partial)) {
                continue;
            }
            terms.add(partial instanceof Const c && c.is(1) ? dArg : mul(partial, dArg));
        }
        if (terms.isEmpty()) {
            return Const.ZERO;
        }
        Expr sum = terms.get(0);
        for (int i = 1; i < terms.size(); i++) {
            sum = add(sum, terms.get(i));
        }
        return sum;
    }

    /** A structural zero: the derivative of something independent of the variable. */
    public static boolean isZero(Expr e) {
        return e instanceof Const c && c.value() == 0;
    }
}
