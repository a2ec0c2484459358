package corpus.elementwise;

import io.gradgen.annotations.Differentiable;

/** Numerically stable building blocks, shared by the helpers in {@link Smooth}. */
final class Stable {

    static final double LOG_2 = 0.6931471805599453;

    /** log(1 + e^z) for z <= 0, without overflow. */
    @Differentiable
    static double log1pExpOfNegative(double z) {
        return Math.log1p(Math.exp(z));
    }
}
