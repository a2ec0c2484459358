package io.gradgen.processor.ir;

/**
 * A named value of one batch position: a tensor input, a constant given to the generated class,
 * or an integral label.
 *
 * @param name the name the user gave it (a parameter name)
 * @param role how the generated code obtains it, and whether it has a gradient
 * @param rank how many indices an element takes: 0 for a number, 1 for a row ({@code double[]},
 *     {@code int[]}), 2 for a batch of rows ({@code double[][]})
 */
public record Var(String name, Role role, int rank) implements Expr {

    /** A number (rank 0). */
    public Var(String name, Role role) {
        this(name, role, 0);
    }

    /** Where a variable's value comes from. */
    public enum Role {
        /** A {@code double} tensor input: differentiable. */
        INPUT,
        /** An {@code int} tensor input (a label): integral, never differentiated. */
        LABEL,
        /** A {@code @Param double} or {@code double[]} constant of the generated class: never differentiated. */
        CONSTANT,
        /** A {@code @Param int} constant of the generated class: integral, never differentiated. */
        INT_CONSTANT,
        /** A {@code @LastIndex int}: the position's index along the last dimension. */
        LAST_INDEX,
        /**
         * A value the generated code computes once and reads many times: a number, or a row of
         * numbers indexed by a loop's index (see {@code plan.Tabulation}). Never differentiated.
         */
        TABLE
    }

    public boolean isDifferentiable() {
        return role == Role.INPUT;
    }

    /** Whether the generated code holds it in an {@code int}: a label, an int constant, a last index. */
    public boolean isIntegral() {
        return role == Role.LABEL || role == Role.INT_CONSTANT || role == Role.LAST_INDEX;
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitVar(this);
    }

    @Override
    public boolean isPredicate() {
        return false;
    }
}
