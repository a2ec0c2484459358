package io.gradgen;

/** Which kernels a generated loss runs. */
public final class LossKernels {

    private LossKernels() {
    }

    /**
     * Whether a generated element-wise loss runs its float kernels on these inputs: every input
     * is a {@code FLOAT32} tensor (then the kernels read the inputs' {@code float[]} arrays
     * themselves, see {@link LossBatch#floats}, and write {@code float} gradients, summing the loss
     * in double); {@code -Dgradgen.float32=false} turns them off (the inputs are then widened
     * to double; a switch for tests and measurements).
     *
     * @param inputs the loss's tensor inputs
     * @return true when all are FLOAT32
     */
    public static boolean floatKernels(Tensor... inputs) {
        for (Tensor t : inputs) {
            if (t.dtype() != DType.FLOAT32) {
                return false;
            }
        }
        return !"false".equals(System.getProperty("gradgen.float32"));
    }

    /**
     * Whether generated losses run their staged kernels, which compute {@code exp}, {@code log}
     * and the other transcendental calls with {@link io.gradgen.kernels.VectorMath} over blocks
     * of positions: by default exactly when VectorMath has its Vector API path (the JVM was
     * started with {@code --add-modules jdk.incubator.vector}); {@code -Dgradgen.kernels=staged}
     * or {@code =scalar} forces one path (tests run both against each other).
     *
     * @return true to run the staged kernels
     */
    public static boolean vectorKernels() {
        String forced = System.getProperty("gradgen.kernels");
        if ("staged".equals(forced)) {
            return true;
        }
        if ("scalar".equals(forced)) {
            return false;
        }
        return io.gradgen.kernels.VectorMath.isVectorized();
    }
}
