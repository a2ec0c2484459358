package io.gradgen.processor.signature;

/** What a parameter of a {@code @Loss} method receives. */
public enum InputKind {
    /** {@code double}: one element per batch position; differentiable. */
    ELEMENT(true, false),
    /** {@code double[]}: one row (the last dimension) per batch position; differentiable. */
    ROW(true, false),
    /** {@code int}: one integral value per batch position (a label); not differentiable. */
    LABEL(true, false),
    /** {@code double[][]}: the whole batch, one row per batch element ({@code [B, D]}); differentiable. */
    MATRIX(true, false),
    /** {@code int[]}: the whole batch's integral labels ({@code [B]}); not differentiable. */
    LABELS(true, false),
    /** {@code @Param double}: a constant of the generated class. */
    CONSTANT_DOUBLE(false, true),
    /** {@code @Param int}: a constant of the generated class. */
    CONSTANT_INT(false, true),
    /** {@code @Param double[]}: a constant array of the generated class. */
    CONSTANT_ROW(false, true),
    /** {@code @Param boolean}: a flag of the generated class ({@code false} unless {@code @Param(1)}). */
    CONSTANT_BOOLEAN(false, true),
    /** {@code @LastIndex int}: the position's index along the last dimension, supplied by the generated code. */
    LAST_INDEX(false, false);

    private final boolean tensor;
    private final boolean constant;

    InputKind(boolean tensor, boolean constant) {
        this.tensor = tensor;
        this.constant = constant;
    }

    /** Whether the generated {@code forward} takes a tensor for it. */
    public boolean isTensor() {
        return tensor;
    }

    /** Whether it is a {@code @Param} constant given to the generated constructor. */
    public boolean isConstant() {
        return constant;
    }

    public boolean isDifferentiable() {
        return this == ELEMENT || this == ROW || this == MATRIX;
    }

    /** Whether it receives a whole batch: a loss with such a parameter is a batch loss. */
    public boolean isBatch() {
        return this == MATRIX || this == LABELS;
    }

    /** How many indices one of its elements takes inside the body. */
    public int rank() {
        return switch (this) {
            case ROW, CONSTANT_ROW, LABELS -> 1;
            case MATRIX -> 2;
            case ELEMENT, LABEL, CONSTANT_DOUBLE, CONSTANT_INT, CONSTANT_BOOLEAN, LAST_INDEX -> 0;
        };
    }
}
