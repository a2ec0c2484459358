package io.gradgen.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Round axis ticks and their labels. */
class NiceScaleTest {

    @Test
    void aLossRangeGetsTicksAtRoundValuesCoveringIt() {
        NiceScale s = NiceScale.covering(0.0312, 1.0987, 6);
        assertEquals(0.2, s.step(), 1e-15);
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0, 1.2000000000000002}, s.ticks(), 1e-12);
        assertEquals("[0.0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.2]",
                Arrays.toString(Arrays.stream(s.ticks()).mapToObj(s::label).toArray()));
    }

    @Test
    void stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(1, NiceScale.niceStep(0.8), 0);
        assertEquals(1, NiceScale.niceStep(1.4), 0);
        assertEquals(2, NiceScale.niceStep(2.9), 0);
        assertEquals(5, NiceScale.niceStep(6.9), 0);
        assertEquals(10, NiceScale.niceStep(7.5), 0);
        assertEquals(0.05, NiceScale.niceStep(0.031), 1e-17);
        assertEquals(2000, NiceScale.niceStep(1500), 0);
    }

    @Test
    void epochAxesHaveWholeNumberStepsAndOneEpochStillGetsAnAxis() {
        NiceScale hundred = NiceScale.epochs(199, 9);
        assertEquals(20, hundred.step(), 0);
        assertEquals(199, hundred.max(), 0, "the axis ends at the last epoch");
        assertEquals("[0, 20, 40, 60, 80, 100, 120, 140, 160, 180]",
                Arrays.toString(Arrays.stream(hundred.ticks()).mapToObj(hundred::label).toArray()));
        NiceScale one = NiceScale.epochs(0, 9);
        assertEquals(0.5, one.fraction(0), 0, "a single epoch in the middle");
        assertEquals("[0]", Arrays.toString(Arrays.stream(one.ticks()).mapToObj(one::label).toArray()));
        NiceScale few = NiceScale.epochs(3, 9);
        assertEquals("[0, 1, 2, 3]", Arrays.toString(Arrays.stream(few.ticks()).mapToObj(few::label).toArray()));
    }

    @Test
    void aConstantValueIsWidenedAndTinyOrHugeRangesUseExponents() {
        NiceScale flat = NiceScale.covering(0.5, 0.5, 6);
        assertEquals(true, flat.min() < 0.5 && flat.max() > 0.5);
        NiceScale zero = NiceScale.covering(0, 0, 6);
        assertEquals(-1, zero.min(), 0);
        assertEquals(1, zero.max(), 0);
        NiceScale tiny = NiceScale.covering(1.00001, 1.00004, 4);
        assertEquals("[1.00001e+00, 1.00002e+00, 1.00003e+00, 1.00004e+00]",
                Arrays.toString(Arrays.stream(tiny.ticks()).mapToObj(tiny::label).toArray()));
        NiceScale huge = NiceScale.covering(0, 3e8, 4);
        assertEquals("[0.0e+00, 1.0e+08, 2.0e+08, 3.0e+08]",
                Arrays.toString(Arrays.stream(huge.ticks()).mapToObj(huge::label).toArray()));
        NiceScale negative = NiceScale.covering(-0.3, 0.1, 5);
        assertEquals("[-0.3, -0.2, -0.1, 0.0, 0.1]",
                Arrays.toString(Arrays.stream(negative.ticks()).mapToObj(negative::label).toArray()));
    }
}
