package io.gradgen;

/** Version counters: a generated backward records its inputs' at the forward and checks them. */
public final class LossVersions {

    private LossVersions() {
    }

    /**
     * The tensor's version: the number of in-place writes it has had.
     *
     * @param t the tensor
     * @return its version
     */
    public static int version(Tensor t) {
        return t.version();
    }

    /**
     * Checks that an input of a generated loss has not been written in place since the forward
     * pass: its backward would read the new values and return the gradient of a loss that was
     * never computed. Generated backwards call it for every tensor input before anything else.
     *
     * @param lossName the generated loss, for the message
     * @param input the parameter name of the input
     * @param saved the input tensor
     * @param expected its {@link #version} at the forward
     * @throws IllegalStateException naming the loss, the input and both versions, if it was modified
     */
    public static void checkVersion(String lossName, String input, Tensor saved, int expected) {
        int now = saved.version();
        if (now != expected) {
            throw new IllegalStateException(lossName + ": input " + input + " was modified in place after the"
                    + " forward pass (version " + expected + " at the forward, version " + now + " now), so its"
                    + " gradient would be computed from the new values; call backward() before updating " + input
                    + " in place, or run the forward again after the update");
        }
    }
}
