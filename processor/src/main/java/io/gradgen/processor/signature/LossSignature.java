package io.gradgen.processor.signature;

import io.gradgen.annotations.Reduction;
import java.util.List;

/**
 * A validated {@code @Loss} method: everything about it except its body.
 *
 * @param packageName the package the generated classes go to (the method's)
 * @param ownerName the simple name of the class declaring the method
 * @param ownerQualifiedName its canonical name, for Javadoc links
 * @param methodName the method's name
 * @param lossName the generated forward class's simple name
 * @param reduction how batch positions are combined
 * @param parameters all parameters, in declaration order
 */
public record LossSignature(String packageName, String ownerName, String ownerQualifiedName, String methodName,
        String lossName, Reduction reduction, List<LossParameter> parameters) {

    public LossSignature {
        parameters = List.copyOf(parameters);
    }

    public String backwardName() {
        return lossName + "Backward";
    }

    /** The parameters the generated {@code forward} takes tensors for, in order. */
    public List<LossParameter> tensorInputs() {
        return parameters.stream().filter(p -> p.kind().isTensor()).toList();
    }

    /** The {@code @Param} constants, in order. */
    public List<LossParameter> constants() {
        return parameters.stream().filter(p -> p.kind().isConstant()).toList();
    }

    /** Whether a parameter is {@code @LastIndex}: the kernels then need the batch's last dimension. */
    public boolean hasLastIndex() {
        return parameters.stream().anyMatch(p -> p.kind() == InputKind.LAST_INDEX);
    }

    /**
     * Whether it is a batch loss: a {@code double[][]} or {@code int[]} parameter receives the whole
     * batch, and the loss returns the loss of the whole batch.
     */
    public boolean isBatch() {
        return parameters.stream().anyMatch(p -> p.kind().isBatch());
    }

    /** Whether some tensor input is a {@code double[]} row. */
    public boolean hasRows() {
        return parameters.stream().anyMatch(p -> p.kind() == InputKind.ROW);
    }

    public String qualifiedLossName() {
        return packageName.isEmpty() ? lossName : packageName + "." + lossName;
    }
}
