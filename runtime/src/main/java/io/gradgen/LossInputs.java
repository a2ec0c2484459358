package io.gradgen;

/** Input checks, with the messages of the public contract; each names the loss and the input. */
public final class LossInputs {

    private LossInputs() {
    }

    /**
     * Validates the arguments of the varargs {@code forward(Tensor...)}.
     *
     * @param lossName the generated class's simple name, e.g. {@code HuberLoss}
     * @param parameterNames the tensor parameters' names, in order
     * @param inputs the arguments
     * @throws IllegalArgumentException if the count is wrong, e.g.
     *     {@code HuberLoss.forward takes 2 tensors (pred, target), got 3}
     * @throws NullPointerException if {@code inputs} or an input is null, naming the parameter
     */
    public static void checkArity(String lossName, String[] parameterNames, Tensor[] inputs) {
        InputChecks.checkArity(lossName, parameterNames, inputs);
    }

    /**
     * The inputs of {@code SecondOrderLoss.gradientAndHessian}: the prediction and the other
     * inputs as one array in declaration order, checked like {@code forward}'s, and the output
     * arrays checked to hold one element per element of the prediction.
     *
     * @param lossName the generated class's simple name
     * @param parameterNames the names of its tensor parameters, in declaration order
     * @param pred the prediction, the first tensor parameter
     * @param others the other tensor inputs
     * @param grad the array of first derivatives
     * @param hessian the array of second derivatives
     * @return {@code pred} followed by {@code others}
     * @throws IllegalArgumentException if the number of inputs is wrong or an array has the wrong length
     * @throws NullPointerException if an input or an array is null, naming it
     */
    public static Tensor[] secondOrderInputs(String lossName, String[] parameterNames, Tensor pred,
            Tensor[] others, double[] grad, double[] hessian) {
        return InputChecks.secondOrderInputs(lossName, parameterNames, pred, others, grad, hessian);
    }

    /**
     * The batch shape of a loss whose tensor parameters are all {@code double} (or {@code int}):
     * every input must have the same shape, which is returned.
     *
     * @param lossName the generated class's simple name
     * @param names the tensor parameters' names, aligned with {@code inputs}
     * @param inputs the (non-null) inputs
     * @return the shared shape (the first input's own array, which callers must not modify);
     *     {@code []} when there are no inputs
     * @throws IllegalArgumentException naming the first two parameters whose shapes differ, e.g.
     *     {@code HuberLoss: pred has shape [3, 4] but target has shape [4]; every input must have
     *     the batch shape}
     */
    public static int[] elementBatchShape(String lossName, String[] names, Tensor[] inputs) {
        return InputChecks.elementBatchShape(lossName, names, inputs);
    }

    /**
     * The batch shape of a loss that mixes element ({@code double}, {@code int}) and row
     * ({@code double[]}) parameters: an element input's batch shape is its whole shape, a row
     * input's is its shape without the last dimension. All must agree.
     *
     * @param lossName the generated class's simple name
     * @param names the tensor parameters' names, aligned with {@code inputs}
     * @param rows which parameters are rows ({@code double[]}), aligned with {@code inputs}
     * @param inputs the (non-null) inputs
     * @return the shared batch shape (a new array when the first input is a row, which callers
     *     must not modify otherwise); {@code []} when there are no inputs
     * @throws IllegalArgumentException if a row input is 0-dim, or naming two parameters, their
     *     shapes and batch shapes when the batch shapes differ
     */
    public static int[] batchShape(String lossName, String[] names, boolean[] rows, Tensor[] inputs) {
        return InputChecks.batchShape(lossName, names, rows, inputs);
    }

    /**
     * Checks, before any work, that a {@code @Param double[]} indexed by a {@code @LastIndex}
     * parameter has one entry per element of the batch's last dimension, as PyTorch requires of
     * a {@code weight} that broadcasts over it.
     *
     * @param lossName the loss, for the message
     * @param row the constant's name
     * @param rowLength its length
     * @param lastDim the batch's last dimension
     * @throws IllegalArgumentException naming the constant and both sizes if they differ
     */
    public static void checkLastDim(String lossName, String row, int rowLength, int lastDim) {
        InputChecks.checkLastDim(lossName, row, rowLength, lastDim);
    }

    /**
     * Checks, before any work, that two rows one loop of the loss indexes together have equal
     * lengths.
     *
     * @param lossName the loss, for the message
     * @param first the first row parameter's name
     * @param firstLength its row length
     * @param second the second row parameter's name
     * @param secondLength its row length
     * @throws IllegalArgumentException naming both parameters and lengths if they differ
     */
    public static void checkSameLength(String lossName, String first, int firstLength, String second,
            int secondLength) {
        InputChecks.checkSameLength(lossName, first, firstLength, second, secondLength);
    }

    /**
     * Checks, before any work, that a constant index ({@code x[k]} with {@code @Param int k}, or
     * a literal) is within a row.
     *
     * @param lossName the loss, for the message
     * @param index the index's name or literal text
     * @param value its value
     * @param row the row parameter's name
     * @param rowLength the row's length
     * @throws IllegalArgumentException naming the index, the row and its length if out of range
     */
    public static void checkConstantIndex(String lossName, String index, int value, String row,
            int rowLength) {
        InputChecks.checkConstantIndex(lossName, index, value, row, rowLength);
    }

    /**
     * Converts the value of an {@code int} input at one batch position to an index, checking
     * that it is integral and in {@code [0, bound)}.
     *
     * @param lossName the generated class's simple name
     * @param name the parameter's name
     * @param value the tensor element
     * @param position the flat (row-major) batch position
     * @param bound the exclusive upper bound, usually the length of the row it indexes
     * @return the value as an int
     * @throws IllegalArgumentException naming the parameter, the position and the value
     */
    public static int checkIndex(String lossName, String name, double value, int position, int bound) {
        return InputChecks.checkIndex(lossName, name, value, position, bound, null);
    }

    /**
     * Converts the value of an {@code int} input at one batch position to an int, checking only
     * that it is integral and within the range of {@code int}.
     *
     * @param lossName the generated class's simple name
     * @param name the parameter's name
     * @param value the tensor element
     * @param position the flat (row-major) batch position
     * @return the value as an int
     * @throws IllegalArgumentException naming the parameter, the position and the value
     */
    public static int checkIntegral(String lossName, String name, double value, int position) {
        return InputChecks.checkIntegral(lossName, name, value, position, null);
    }

    /**
     * The error of a requirement a loss's body has on its inputs (an index the processor could
     * not prove inside its row, such as {@code x[i + 1]} in a loop whose end is a label) that
     * fails at a batch position.
     *
     * @param lossName the generated class's simple name
     * @param requirement what the body reads outside which row, in the user's code
     * @param position the flat batch position
     * @return the exception to throw
     */
    public static IllegalArgumentException unmet(String lossName, String requirement, int position) {
        return InputChecks.unmet(lossName, requirement, position);
    }
}
