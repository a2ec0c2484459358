package io.gradgen.kernels;

import java.util.Objects;
import java.util.Optional;

/**
 * Transcendental functions over ranges of {@code double[]}, for loss kernels that spend their time
 * in {@code exp} and {@code log}: {@code dst[dstOffset + i] = f(src[srcOffset + i])} for
 * {@code 0 <= i < length}.
 *
 * <h2>Two implementations, one API</h2>
 * Lucene's pattern: the class picks its implementation once, when it is first used.
 * <ul>
 *   <li><b>Vector API</b>, when the JVM was started with {@code --add-modules jdk.incubator.vector}
 *       (the runtime detects the module in the boot layer and loads the vectorised class
 *       reflectively; nobody else needs the flag). Polynomial {@code exp}/{@code log} on whole
 *       SIMD registers, accurate to a few ulps of {@link Math} and with {@link Math}'s special
 *       values (±0, ±∞, NaN, subnormals, overflow and underflow). A range's tail uses scalar code
 *       with exactly the same arithmetic, so an element's result does not depend on its position,
 *       the range's length or its offset.</li>
 *   <li><b>Scalar</b> otherwise: {@link Math} and {@link io.gradgen.Functions} element by element,
 *       bit-identical to plain Java.</li>
 * </ul>
 * {@link #implementation()} says which is active. The system property
 * {@code -Dgradgen.vectorize=false} forces the scalar path even when the module is present (to
 * compare the two, or to get {@link Math}'s bits). Without the module, and without that choice,
 * the first use logs one warning (logger {@code io.gradgen}) naming the flag.
 *
 * <h2>Contract for generated code</h2>
 * All methods are static, allocate nothing and are safe to call from several threads on disjoint
 * ranges. {@code src} and {@code dst} may be the same array when the offsets are equal (in-place),
 * but must not otherwise overlap. Intended use: a generated kernel fills a small reusable scratch
 * buffer (a few thousand elements, so it stays in L1/L2) with the arguments of its {@code exp} or
 * {@code log1p}, calls one of these methods, then finishes the formula in a plain loop.
 */
public final class VectorMath {

    /** Set to {@code false} to force the scalar path even when the Vector API module is present. */
    public static final String VECTORIZE_PROPERTY = "gradgen.vectorize";

    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String VECTOR_KERNELS = "io.gradgen.kernels.PanamaMathKernels";

    private static final MathKernels IMPL = select();

    private VectorMath() {
    }

    private static MathKernels select() {
        if (!Boolean.parseBoolean(System.getProperty(VECTORIZE_PROPERTY, "true"))) {
            return ScalarMathKernels.INSTANCE;
        }
        Optional<Module> vector = ModuleLayer.boot().findModule(VECTOR_MODULE);
        if (vector.isEmpty()) {
            System.getLogger(VectorApiNotice.LOGGER).log(VectorApiNotice.LEVEL, VectorApiNotice.moduleAbsent());
            return ScalarMathKernels.INSTANCE;
        }
        try {
            // as a named module (io.gradgen.runtime on the module path) the kernels can link
            // against the incubator only once this module reads it; on the class path a no-op
            VectorMath.class.getModule().addReads(vector.get());
            return (MathKernels) Class.forName(VECTOR_KERNELS).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // a JVM whose incubator API differs from the one compiled against: stay correct, stay scalar
            System.getLogger(VectorApiNotice.LOGGER).log(VectorApiNotice.LEVEL, VectorApiNotice.kernelsUnusable(e));
            return ScalarMathKernels.INSTANCE;
        }
    }

    /**
     * Whether the Vector API path is active.
     *
     * @return true when {@code jdk.incubator.vector} was loaded and not disabled
     */
    public static boolean isVectorized() {
        return IMPL != ScalarMathKernels.INSTANCE;
    }

    /**
     * Describes the active implementation, for logs and benchmark reports.
     *
     * @return e.g. {@code Vector API (512-bit, 8 doubles per vector)} or
     *     {@code scalar (java.lang.Math)}
     */
    public static String implementation() {
        return IMPL.name();
    }

    /**
     * {@code dst[dstOffset + i] = exp(src[srcOffset + i])}.
     *
     * @param src the arguments
     * @param srcOffset the first argument's index
     * @param dst the results
     * @param dstOffset the first result's index
     * @param length the number of elements
     * @throws IndexOutOfBoundsException if a range does not fit its array
     */
    public static void exp(double[] src, int srcOffset, double[] dst, int dstOffset, int length) {
        check(src, srcOffset, dst, dstOffset, length);
        IMPL.exp(src, srcOffset, dst, dstOffset, length);
    }

    /**
     * {@code dst[dstOffset + i] = log(src[srcOffset + i])} (natural logarithm; NaN below 0,
     * {@code -inf} at ±0).
     *
     * @param src the arguments
     * @param srcOffset the first argument's index
     * @param dst the results
     * @param dstOffset the first result's index
     * @param length the number of elements
     * @throws IndexOutOfBoundsException if a range does not fit its array
     */
    public static void log(double[] src, int srcOffset, double[] dst, int dstOffset, int length) {
        check(src, srcOffset, dst, dstOffset, length);
        IMPL.log(src, srcOffset, dst, dstOffset, length);
    }

    /**
     * {@code dst[dstOffset + i] = log(1 + src[srcOffset + i])}, accurate for small arguments.
     *
     * @param src the arguments
     * @param srcOffset the first argument's index
     * @param dst the results
     * @param dstOffset the first result's index
     * @param length the number of elements
     * @throws IndexOutOfBoundsException if a range does not fit its array
     */
    public static void log1p(double[] src, int srcOffset, double[] dst, int dstOffset, int length) {
        check(src, srcOffset, dst, dstOffset, length);
        IMPL.log1p(src, srcOffset, dst, dstOffset, length);
    }

    /**
     * {@code dst[dstOffset + i] = softplus(src[srcOffset + i])}, as
     * {@link io.gradgen.Functions#softplus(double)}: {@code log1p(exp(x))}, and {@code x} above 20.
     *
     * @param src the arguments
     * @param srcOffset the first argument's index
     * @param dst the results
     * @param dstOffset the first result's index
     * @param length the number of elements
     * @throws IndexOutOfBoundsException if a range does not fit its array
     */
    public static void softplus(double[] src, int srcOffset, double[] dst, int dstOffset, int length) {
        check(src, srcOffset, dst, dstOffset, length);
        IMPL.softplus(src, srcOffset, dst, dstOffset, length);
    }

    /**
     * {@code dst[dstOffset + i] = sigmoid(src[srcOffset + i])}, as
     * {@link io.gradgen.Functions#sigmoid(double)} (no overflow at either end).
     *
     * @param src the arguments
     * @param srcOffset the first argument's index
     * @param dst the results
     * @param dstOffset the first result's index
     * @param length the number of elements
     * @throws IndexOutOfBoundsException if a range does not fit its array
     */
    public static void sigmoid(double[] src, int srcOffset, double[] dst, int dstOffset, int length) {
        check(src, srcOffset, dst, dstOffset, length);
        IMPL.sigmoid(src, srcOffset, dst, dstOffset, length);
    }

    /**
     * {@code dst[dstOffset + i] = logSigmoid(src[srcOffset + i])}, as
     * {@link io.gradgen.Functions#logSigmoid(double)}: {@code min(x, 0) - log1p(exp(-|x|))}.
     *
     * @param src the arguments
     * @param srcOffset the first argument's index
     * @param dst the results
     * @param dstOffset the first result's index
     * @param length the number of elements
     * @throws IndexOutOfBoundsException if a range does not fit its array
     */
    public static void logSigmoid(double[] src, int srcOffset, double[] dst, int dstOffset, int length) {
        check(src, srcOffset, dst, dstOffset, length);
        IMPL.logSigmoid(src, srcOffset, dst, dstOffset, length);
    }

    /**
     * {@code Σ_i a[aOffset + i] · b[bOffset + i]}, the inner product of two ranges (which may be
     * the same, for a squared norm). The vectorised path adds in its own order (fused
     * multiply-adds in several chains), so the result may differ from the sequential sum in the
     * last bits; for the same arguments it is the same on every call.
     *
     * @param a the first range's array
     * @param aOffset its first index
     * @param b the second range's array
     * @param bOffset its first index
     * @param length the number of elements
     * @return the inner product, 0 for an empty range
     * @throws IndexOutOfBoundsException if a range does not fit its array
     */
    public static double dot(double[] a, int aOffset, double[] b, int bOffset, int length) {
        Objects.checkFromIndexSize(aOffset, length, Objects.requireNonNull(a, "a").length);
        Objects.checkFromIndexSize(bOffset, length, Objects.requireNonNull(b, "b").length);
        return IMPL.dot(a, aOffset, b, bOffset, length);
    }

    /**
     * {@code y[yOffset + i] += alpha · x[xOffset + i]}: one row of a weighted sum of rows, as a
     * batch gradient accumulates {@code Σ_b w_b · z[b]}. Each element is updated on its own (the
     * vectorised path with a fused multiply-add), so the result does not depend on the length or the
     * offsets. The ranges must not overlap unless they are the same range.
     *
     * @param alpha the weight
     * @param x the added range's array
     * @param xOffset its first index
     * @param y the accumulating range's array
     * @param yOffset its first index
     * @param length the number of elements
     * @throws IndexOutOfBoundsException if a range does not fit its array
     */
    public static void axpy(double alpha, double[] x, int xOffset, double[] y, int yOffset, int length) {
        check(x, xOffset, y, yOffset, length);
        IMPL.axpy(alpha, x, xOffset, y, yOffset, length);
    }

    /** {@link MathKernels#widen} on the active path, for {@link FloatBlocks} (ranges checked there). */
    static void widen(float[] src, int srcOffset, double[] dst, int length) {
        IMPL.widen(src, srcOffset, dst, length);
    }

    /** {@link MathKernels#narrow} on the active path, for {@link FloatBlocks}. */
    static void narrow(double[] src, float[] dst, int dstOffset, int length) {
        IMPL.narrow(src, dst, dstOffset, length);
    }

    private static void check(double[] src, int srcOffset, double[] dst, int dstOffset, int length) {
        Objects.checkFromIndexSize(srcOffset, length, Objects.requireNonNull(src, "src").length);
        Objects.checkFromIndexSize(dstOffset, length, Objects.requireNonNull(dst, "dst").length);
    }
}
