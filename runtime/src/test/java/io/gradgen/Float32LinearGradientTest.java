package io.gradgen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A FLOAT32 linear's leaves get their gradients added straight into their float grad() arrays (the
 * double sums rounded once, then added in float), which must be exactly what the engine gives when
 * the same gradient reaches the leaf through another node; and a FLOAT32 parameter's
 * {@code addInPlace} of a FLOAT32 gradient reads the floats directly, with the widened path's bits.
 */
class Float32LinearGradientTest {

    private static Tensor floats(long seed, int... shape) {
        Random rng = new Random(seed);
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return Tensor.of(v, shape).to(DType.FLOAT32);
    }

    /** Two steps without zeroGrad: the second accumulates into the first's gradients. */
    private static Tensor[] twoSteps(boolean throughIdentity, int in) {
        Tensor x = floats(1, 9, in).requiresGrad(true);
        Tensor w = floats(2, 3, in).requiresGrad(true);
        Tensor b = floats(3, 3).requiresGrad(true);
        for (int step = 0; step < 2; step++) {
            // mul(1.0) makes each a computed tensor: its gradient goes through the engine, rounded there
            Tensor xs = throughIdentity ? x.mul(1.0) : x;
            Tensor ws = throughIdentity ? w.mul(1.0) : w;
            Tensor bs = throughIdentity ? b.mul(1.0) : b;
            xs.linear(ws, bs).mul(floats(4 + step, 9, 3)).sum().backward();
        }
        return new Tensor[] {x.grad(), w.grad(), b.grad()};
    }

    @Test
    void leavesGetTheEnginesBitsWithoutIt() {
        for (int in : new int[] {4, 40}) { // the scalar and the Vector API kernels
            Tensor[] direct = twoSteps(false, in);
            Tensor[] viaEngine = twoSteps(true, in);
            for (int k = 0; k < direct.length; k++) {
                assertEquals(DType.FLOAT32, direct[k].dtype());
                assertArrayEquals(viaEngine[k].toArray(), direct[k].toArray(), 0.0, "gradient " + k + ", in=" + in);
            }
        }
    }

    @Test
    void addInPlaceOfFloatsMatchesTheWidenedPath() {
        Tensor p1 = floats(7, 5, 6);
        Tensor p2 = floats(7, 5, 6);
        Tensor g = floats(8, 5, 6);
        p1.addInPlace(g, -0.01);
        p2.addInPlace(g.to(DType.FLOAT64), -0.01); // widened, then rounded to float as an operand
        assertArrayEquals(p2.toArray(), p1.toArray(), 0.0);
        assertEquals(DType.FLOAT32, p1.dtype());
    }
}
