package io.gradgen.kernels;

import static io.gradgen.kernels.PolyMath.C10;
import static io.gradgen.kernels.PolyMath.C11;
import static io.gradgen.kernels.PolyMath.C12;
import static io.gradgen.kernels.PolyMath.C13;
import static io.gradgen.kernels.PolyMath.C2;
import static io.gradgen.kernels.PolyMath.C3;
import static io.gradgen.kernels.PolyMath.C4;
import static io.gradgen.kernels.PolyMath.C5;
import static io.gradgen.kernels.PolyMath.C6;
import static io.gradgen.kernels.PolyMath.C7;
import static io.gradgen.kernels.PolyMath.C8;
import static io.gradgen.kernels.PolyMath.C9;
import static io.gradgen.kernels.PolyMath.EXP_HI;
import static io.gradgen.kernels.PolyMath.EXP_LO;
import static io.gradgen.kernels.PolyMath.LG1;
import static io.gradgen.kernels.PolyMath.LG2;
import static io.gradgen.kernels.PolyMath.LG3;
import static io.gradgen.kernels.PolyMath.LG4;
import static io.gradgen.kernels.PolyMath.LG5;
import static io.gradgen.kernels.PolyMath.LG6;
import static io.gradgen.kernels.PolyMath.LG7;
import static io.gradgen.kernels.PolyMath.LN2_HI;
import static io.gradgen.kernels.PolyMath.LN2_LO;
import static io.gradgen.kernels.PolyMath.LOG2E;
import static io.gradgen.kernels.PolyMath.LOG_OFF;
import static io.gradgen.kernels.PolyMath.MIN_NORMAL;
import static io.gradgen.kernels.PolyMath.SHIFTER;
import static io.gradgen.kernels.PolyMath.SHIFTER_BITS;
import static io.gradgen.kernels.PolyMath.SOFTPLUS_THRESHOLD;
import static io.gradgen.kernels.PolyMath.TWO54;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API path of {@link VectorMath}: {@link PolyMath}'s algorithms on
 * {@code DoubleVector.SPECIES_PREFERRED} lanes, with {@link PolyMath} itself for the tail, so
 * every element gets the same bits whatever its position. Loaded reflectively, and only when the
 * JVM was started with {@code --add-modules jdk.incubator.vector}.
 *
 * <p>It uses polynomials rather than {@code lanewise(VectorOperators.EXP)}: on JDKs without SVML
 * stubs the latter falls back to scalar {@code StrictMath} per lane.
 */
final class PanamaMathKernels implements MathKernels {

    private static final VectorSpecies<Double> SPECIES = VectorShapes.doubles();
    private static final int LANES = SPECIES.length();

    /** Floats of the same lane count as {@link #SPECIES}: half its bits. */
    private static final VectorSpecies<Float> FLOATS =
            VectorSpecies.of(float.class, VectorShape.forBitSize(SPECIES.vectorBitSize() / 2));

    PanamaMathKernels() {
        VectorShapes.probe(SPECIES);
    }

    @Override
    public String name() {
        return "Vector API (" + SPECIES.vectorBitSize() + "-bit, " + LANES + " doubles per vector)";
    }

    // ---------------------------------------------------------------- lane-wise algorithms

    private static DoubleVector b(double value) {
        return DoubleVector.broadcast(SPECIES, value);
    }

    static DoubleVector exp(DoubleVector x) {
        DoubleVector xc = x.max(EXP_LO).min(EXP_HI);
        DoubleVector t = xc.fma(LOG2E, SHIFTER);
        DoubleVector nd = t.sub(SHIFTER);
        LongVector n = t.reinterpretAsLongs().sub(SHIFTER_BITS);
        DoubleVector negNd = nd.neg();
        DoubleVector r = negNd.fma(b(LN2_HI), xc);
        r = negNd.fma(b(LN2_LO), r);
        DoubleVector e = expOfReduced(r);
        LongVector n1 = n.lanewise(VectorOperators.ASHR, 1);
        LongVector n2 = n.sub(n1);
        DoubleVector s1 = n1.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        DoubleVector s2 = n2.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        return e.mul(s1).mul(s2);
    }

    /**
     * {@code e^r} for the reduced argument {@code |r| <= ln2/2}: a degree-13 polynomial. Kept in its
     * own method, like the other halves below, because C2 inlines hot methods only up to 325 bytes
     * of bytecode, and a Vector API method that is not inlined boxes its vectors (measured: a 346
     * byte exp ran 4x slower than this split one).
     */
    private static DoubleVector expOfReduced(DoubleVector r) {
        DoubleVector p = b(C13).fma(r, b(C12));
        p = p.fma(r, b(C11));
        p = p.fma(r, b(C10));
        p = p.fma(r, b(C9));
        p = p.fma(r, b(C8));
        p = p.fma(r, b(C7));
        p = p.fma(r, b(C6));
        p = p.fma(r, b(C5));
        p = p.fma(r, b(C4));
        p = p.fma(r, b(C3));
        p = p.fma(r, b(C2));
        return r.mul(r).fma(p, r).add(1.0);
    }

    static DoubleVector log(DoubleVector x) {
        VectorMask<Double> subnormal = x.compare(VectorOperators.LT, MIN_NORMAL);
        DoubleVector xs = x.blend(x.mul(TWO54), subnormal);
        DoubleVector kAdjust = DoubleVector.zero(SPECIES).blend(54.0, subnormal);
        LongVector bits = xs.reinterpretAsLongs();
        LongVector k = bits.sub(LOG_OFF).lanewise(VectorOperators.ASHR, 52);
        DoubleVector m = bits.sub(k.lanewise(VectorOperators.LSHL, 52)).reinterpretAsDoubles();
        DoubleVector kd = k.add(SHIFTER_BITS).reinterpretAsDoubles().sub(SHIFTER).sub(kAdjust);
        DoubleVector f = m.sub(1.0);
        DoubleVector result = logOfReduced(f, kd);
        result = result.blend(Double.POSITIVE_INFINITY, x.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
        result = result.blend(Double.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0.0));
        VectorMask<Double> invalid = x.compare(VectorOperators.LT, 0.0).or(x.compare(VectorOperators.NE, x));
        return result.blend(Double.NaN, invalid);
    }

    /** {@code k·ln2 + log(1 + f)} for the reduced mantissa {@code f} (see {@link #expOfReduced} on why apart). */
    private static DoubleVector logOfReduced(DoubleVector f, DoubleVector kd) {
        DoubleVector s = f.div(f.add(2.0));
        DoubleVector z = s.mul(s);
        DoubleVector w = z.mul(z);
        DoubleVector t1 = w.mul(w.mul(w.mul(LG6).add(LG4)).add(LG2));
        DoubleVector t2 = z.mul(w.mul(w.mul(w.mul(LG7).add(LG5)).add(LG3)).add(LG1));
        DoubleVector rr = t2.add(t1);
        DoubleVector hfsq = f.mul(0.5).mul(f);
        DoubleVector inner = s.mul(hfsq.add(rr)).add(kd.mul(LN2_LO));
        return kd.mul(LN2_HI).sub(hfsq.sub(inner).sub(f));
    }

    static DoubleVector log1p(DoubleVector x) {
        DoubleVector u = x.add(1.0);
        DoubleVector c = x.sub(u.sub(1.0)).div(u);
        c = c.blend(0.0, c.compare(VectorOperators.NE, c));
        DoubleVector result = log(u).add(c);
        return result.blend(x, x.compare(VectorOperators.EQ, 0.0));
    }

    static DoubleVector softplus(DoubleVector x) {
        DoubleVector result = log1p(exp(x));
        return result.blend(x, x.compare(VectorOperators.GT, SOFTPLUS_THRESHOLD));
    }

    static DoubleVector sigmoid(DoubleVector x) {
        DoubleVector e = exp(x.abs().neg());
        DoubleVector onePlus = e.add(1.0);
        DoubleVector positive = DoubleVector.broadcast(SPECIES, 1.0).div(onePlus);
        DoubleVector negative = e.div(onePlus);
        return negative.blend(positive, x.compare(VectorOperators.GE, 0.0));
    }

    static DoubleVector logSigmoid(DoubleVector x) {
        return x.min(0.0).sub(log1p(exp(x.abs().neg())));
    }

    // ---------------------------------------------------------------- array loops

    @Override
    public void exp(double[] src, int srcOffset, double[] dst, int dstOffset, int length) {
        int bound = SPECIES.loopBound(length);
        int i = 0;
        for (; i < bound; i += LANES) {
            exp(DoubleVector.fromArray(SPECIES, src, srcOffset + i)).intoArray(dst, dstOffset + i);
        }
        for (; i < length; i++) {
            dst[dstOffset + i] = PolyMath.exp(src[srcOffset + i]);
        }
    }

    @Override
    public void log(double[] src, int srcOffset, double[] dst, int dstOffset, int length) {
        int bound = SPECIES.loopBound(length);
        int i = 0;
        for (; i < bound; i += LANES) {
            log(DoubleVector.fromArray(SPECIES, src, srcOffset + i)).intoArray(dst, dstOffset + i);
        }
        for (; i < length; i++) {
            dst[dstOffset + i] = PolyMath.log(src[srcOffset + i]);
        }
    }

    @Override
    public void log1p(double[] src, int srcOffset, double[] dst, int dstOffset, int length) {
        int bound = SPECIES.loopBound(length);
        int i = 0;
        for (; i < bound; i += LANES) {
            log1p(DoubleVector.fromArray(SPECIES, src, srcOffset + i)).intoArray(dst, dstOffset + i);
        }
        for (; i < length; i++) {
            dst[dstOffset + i] = PolyMath.log1p(src[srcOffset + i]);
        }
    }

    @Override
    public void softplus(double[] src, int srcOffset, double[] dst, int dstOffset, int length) {
        int bound = SPECIES.loopBound(length);
        int i = 0;
        for (; i < bound; i += LANES) {
            softplus(DoubleVector.fromArray(SPECIES, src, srcOffset + i)).intoArray(dst, dstOffset + i);
        }
        for (; i < length; i++) {
            dst[dstOffset + i] = PolyMath.softplus(src[srcOffset + i]);
        }
    }

    @Override
    public void sigmoid(double[] src, int srcOffset, double[] dst, int dstOffset, int length) {
        int bound = SPECIES.loopBound(length);
        int i = 0;
        for (; i < bound; i += LANES) {
            sigmoid(DoubleVector.fromArray(SPECIES, src, srcOffset + i)).intoArray(dst, dstOffset + i);
        }
        for (; i < length; i++) {
            dst[dstOffset + i] = PolyMath.sigmoid(src[srcOffset + i]);
        }
    }

    @Override
    public void logSigmoid(double[] src, int srcOffset, double[] dst, int dstOffset, int length) {
        int bound = SPECIES.loopBound(length);
        int i = 0;
        for (; i < bound; i += LANES) {
            logSigmoid(DoubleVector.fromArray(SPECIES, src, srcOffset + i)).intoArray(dst, dstOffset + i);
        }
        for (; i < length; i++) {
            dst[dstOffset + i] = PolyMath.logSigmoid(src[srcOffset + i]);
        }
    }

    /**
     * Four vector accumulators of fused multiply-adds (four chains in flight hide the adder's
     * latency), then whole vectors, then a scalar tail; the lanes are added in a fixed order, so the
     * same arguments give the same bits on every call (reduceLanes leaves its order unspecified).
     */
    @Override
    public double dot(double[] a, int aOffset, double[] b, int bOffset, int length) {
        DoubleVector s0 = DoubleVector.zero(SPECIES);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        int i = 0;
        for (int bound = length - 4 * LANES; i <= bound; i += 4 * LANES) {
            s0 = DoubleVector.fromArray(SPECIES, a, aOffset + i).fma(DoubleVector.fromArray(SPECIES, b, bOffset + i), s0);
            s1 = DoubleVector.fromArray(SPECIES, a, aOffset + i + LANES)
                    .fma(DoubleVector.fromArray(SPECIES, b, bOffset + i + LANES), s1);
            s2 = DoubleVector.fromArray(SPECIES, a, aOffset + i + 2 * LANES)
                    .fma(DoubleVector.fromArray(SPECIES, b, bOffset + i + 2 * LANES), s2);
            s3 = DoubleVector.fromArray(SPECIES, a, aOffset + i + 3 * LANES)
                    .fma(DoubleVector.fromArray(SPECIES, b, bOffset + i + 3 * LANES), s3);
        }
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            s0 = DoubleVector.fromArray(SPECIES, a, aOffset + i).fma(DoubleVector.fromArray(SPECIES, b, bOffset + i), s0);
        }
        DoubleVector lanes = s0.add(s1).add(s2.add(s3));
        double sum = 0.0;
        for (int k = 0; k < LANES; k++) {
            sum += lanes.lane(k);
        }
        for (; i < length; i++) {
            sum = Math.fma(a[aOffset + i], b[bOffset + i], sum);
        }
        return sum;
    }

    /** One fused multiply-add per element, whole vectors then a scalar tail with the same arithmetic. */
    @Override
    public void axpy(double alpha, double[] x, int xOffset, double[] y, int yOffset, int length) {
        DoubleVector a = DoubleVector.broadcast(SPECIES, alpha);
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            DoubleVector.fromArray(SPECIES, x, xOffset + i).fma(a, DoubleVector.fromArray(SPECIES, y, yOffset + i))
                    .intoArray(y, yOffset + i);
        }
        for (; i < length; i++) {
            y[yOffset + i] = Math.fma(x[xOffset + i], alpha, y[yOffset + i]);
        }
    }

    @Override
    public void widen(float[] src, int srcOffset, double[] dst, int length) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            ((DoubleVector) FloatVector.fromArray(FLOATS, src, srcOffset + i).convertShape(VectorOperators.F2D, SPECIES, 0))
                    .intoArray(dst, i);
        }
        for (; i < length; i++) {
            dst[i] = src[srcOffset + i];
        }
    }

    @Override
    public void narrow(double[] src, float[] dst, int dstOffset, int length) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            ((FloatVector) DoubleVector.fromArray(SPECIES, src, i).convertShape(VectorOperators.D2F, FLOATS, 0))
                    .intoArray(dst, dstOffset + i);
        }
        for (; i < length; i++) {
            dst[dstOffset + i] = (float) src[i];
        }
    }
}
