package io.gradgen.processor.elementwise;

import io.gradgen.Tensor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The corpus losses' Tensor-op versions are written with these static shorthands over
 * {@link Tensor}'s own differentiable operations, so that a formula reads like the Java it mirrors.
 *
 * <p>Every shorthand is one runtime op, or a composition of runtime ops that is mathematically the
 * same function ({@code cosh = (e^x + e^-x)/2}, {@code hypot = sqrt(x^2 + y^2)},
 * {@code tan = sin/cos}, {@code cbrt = x^(1/3)} for the positive arguments the corpus gives it,
 * {@code expm1 = e^x - 1}, {@code signum = (x > 0) - (x < 0)} with the comparisons' zero gradient).
 * Ops the runtime does not have and that no composition expresses ({@code atan}, {@code asin},
 * {@code acos}, {@code atan2}, {@code floor}, {@code ceil}) are looked up reflectively, so they are
 * used as soon as the runtime adds them; until then they throw {@link MissingTensorOp} and the
 * runtime-autograd comparison of that loss is skipped with a TODO naming the op.
 */
final class TensorOps {

    private TensorOps() {}

    /** A Tensor op that the runtime does not provide (yet). */
    static final class MissingTensorOp extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MissingTensorOp(String op) {
            super("TODO(runtime): io.gradgen.Tensor has no " + op + "; the Tensor-op comparison of this loss"
                    + " is skipped until it exists");
        }
    }

    static Tensor add(Tensor a, Tensor b) {
        return a.add(b);
    }

    static Tensor add(Tensor a, double b) {
        return a.add(b);
    }

    static Tensor add(double a, Tensor b) {
        return b.add(a);
    }

    static Tensor sub(Tensor a, Tensor b) {
        return a.sub(b);
    }

    static Tensor sub(Tensor a, double b) {
        return a.sub(b);
    }

    static Tensor sub(double a, Tensor b) {
        return b.neg().add(a);
    }

    static Tensor mul(Tensor a, Tensor b) {
        return a.mul(b);
    }

    static Tensor mul(Tensor a, double b) {
        return a.mul(b);
    }

    static Tensor mul(double a, Tensor b) {
        return b.mul(a);
    }

    static Tensor div(Tensor a, Tensor b) {
        return a.div(b);
    }

    static Tensor div(Tensor a, double b) {
        return a.div(b);
    }

    static Tensor div(double a, Tensor b) {
        return Tensor.scalar(a).div(b);
    }

    static Tensor neg(Tensor a) {
        return a.neg();
    }

    static Tensor square(Tensor a) {
        return a.mul(a);
    }

    static Tensor pow(Tensor a, double exponent) {
        return a.pow(exponent);
    }

    static Tensor exp(Tensor a) {
        return a.exp();
    }

    static Tensor expm1(Tensor a) {
        return a.exp().sub(1);
    }

    static Tensor log(Tensor a) {
        return a.log();
    }

    static Tensor log1p(Tensor a) {
        return a.log1p();
    }

    static Tensor sqrt(Tensor a) {
        return a.sqrt();
    }

    /** The real cube root; the corpus only takes it of positive values. */
    static Tensor cbrt(Tensor a) {
        return a.pow(1.0 / 3.0);
    }

    static Tensor abs(Tensor a) {
        return a.abs();
    }

    static Tensor relu(Tensor a) {
        return a.relu();
    }

    static Tensor sigmoid(Tensor a) {
        return a.sigmoid();
    }

    static Tensor softplus(Tensor a) {
        return a.softplus();
    }

    static Tensor logSigmoid(Tensor a) {
        return a.logSigmoid();
    }

    static Tensor tanh(Tensor a) {
        return a.tanh();
    }

    static Tensor sin(Tensor a) {
        return a.sin();
    }

    static Tensor cos(Tensor a) {
        return a.cos();
    }

    static Tensor tan(Tensor a) {
        return a.sin().div(a.cos());
    }

    static Tensor sinh(Tensor a) {
        return a.exp().sub(a.neg().exp()).mul(0.5);
    }

    static Tensor cosh(Tensor a) {
        return a.exp().add(a.neg().exp()).mul(0.5);
    }

    static Tensor hypot(Tensor a, Tensor b) {
        return a.mul(a).add(b.mul(b)).sqrt();
    }

    static Tensor asin(Tensor a) {
        return optional("asin", a);
    }

    static Tensor acos(Tensor a) {
        return optional("acos", a);
    }

    static Tensor atan(Tensor a) {
        return optional("atan", a);
    }

    static Tensor atan2(Tensor y, Tensor x) {
        return optional("atan2", y, x);
    }

    static Tensor floor(Tensor a) {
        return optional("floor", a);
    }

    static Tensor ceil(Tensor a) {
        return optional("ceil", a);
    }

    /** {@code Math.signum}: built from the comparisons, which carry no gradient, as signum's is 0. */
    static Tensor signum(Tensor a) {
        return a.gt(0).sub(a.lt(0));
    }

    static Tensor maximum(Tensor a, Tensor b) {
        return a.maximum(b);
    }

    static Tensor maximum(Tensor a, double b) {
        return a.maximum(Tensor.scalar(b));
    }

    static Tensor minimum(Tensor a, double b) {
        return a.minimum(Tensor.scalar(b));
    }

    static Tensor clamp(Tensor a, double lo, double hi) {
        return a.clamp(lo, hi);
    }

    static Tensor where(Tensor condition, Tensor a, Tensor b) {
        return Tensor.where(condition, a, b);
    }

    static Tensor gt(Tensor a, double b) {
        return a.gt(b);
    }

    static Tensor lt(Tensor a, double b) {
        return a.lt(b);
    }

    static Tensor ge(Tensor a, double b) {
        return a.ge(b);
    }

    static Tensor le(Tensor a, double b) {
        return a.le(b);
    }

    /** A constant tensor of {@code like}'s shape. */
    static Tensor full(Tensor like, double value) {
        return Tensor.full(value, like.shape());
    }

    /** Calls {@code Tensor.<op>()} (or {@code a.<op>(b)}) if the runtime has it. */
    private static Tensor optional(String op, Tensor a, Tensor... more) {
        Class<?>[] types = new Class<?>[more.length];
        java.util.Arrays.fill(types, Tensor.class);
        Method method;
        try {
            method = Tensor.class.getMethod(op, types);
        } catch (NoSuchMethodException e) {
            throw new MissingTensorOp("Tensor." + op + "(" + (more.length == 0 ? "" : "Tensor") + ")");
        }
        try {
            return (Tensor) method.invoke(a, (Object[]) more);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new AssertionError(e.getCause());
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
