package io.gradgen.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The branch-free forms give the bits of the Java expressions they stand for, special values included. */
class BranchlessTest {
    private static final double[] SPECIAL = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
        -Double.MIN_NORMAL, 1.0, -1.0, 0.5, -2.5, 1e-300, -1e-300, 1e300, -1e300, Double.MAX_VALUE, -Double.MAX_VALUE,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Double.longBitsToDouble(0x7ff8dead0000beefL),
        Math.nextUp(0.0), Math.nextDown(-0.0), 0x1p-600, 0x1p-1000};

    @Test
    void signumIsMathSignumBitForBit() {
        for (double x : SPECIAL) {
            assertEquals(Double.doubleToLongBits(Math.signum(x)), Double.doubleToLongBits(Branchless.signum(x)),
                    "signum(" + x + ")");
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int k = 0; k < 100_000; k++) {
            double x = Double.longBitsToDouble(random.nextLong());
            assertEquals(Double.doubleToLongBits(Math.signum(x)), Double.doubleToLongBits(Branchless.signum(x)),
                    "signum(" + x + ")");
        }
    }

    @Test
    void selectKeepsTheChosenBitsExactly() {
        for (double a : SPECIAL) {
            for (double b : SPECIAL) {
                assertEquals(Double.doubleToRawLongBits(a), Double.doubleToRawLongBits(Branchless.select(true, a, b)));
                assertEquals(Double.doubleToRawLongBits(b), Double.doubleToRawLongBits(Branchless.select(false, a, b)));
            }
        }
    }
}
