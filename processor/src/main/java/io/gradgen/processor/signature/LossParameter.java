package io.gradgen.processor.signature;

import io.gradgen.processor.ir.Var;
import java.util.OptionalDouble;

/**
 * One parameter of a {@code @Loss} method.
 *
 * @param name its name in the user's source
 * @param kind what it receives
 * @param defaultValue the {@code @Param} default, when one was written
 * @param range the values a {@code @Param} constant accepts ({@link OptionRange#any()} for inputs)
 */
public record LossParameter(String name, InputKind kind, OptionalDouble defaultValue, OptionRange range) {

    public LossParameter(String name, InputKind kind, OptionalDouble defaultValue) {
        this(name, kind, defaultValue, OptionRange.any());
    }

    /**
     * Whether it is an optional row, {@code @Param(1.0) double[] w}: the generated loss may leave it
     * out, and then reads every element as the default.
     */
    public boolean isOptionalRow() {
        return kind == InputKind.CONSTANT_ROW && defaultValue.isPresent();
    }

    /** The IR variable the parameter is in the body (not for a {@code @Param boolean}, which is a flag). */
    public Var var() {
        Var.Role role = switch (kind) {
            case ELEMENT, ROW, MATRIX -> Var.Role.INPUT;
            case LABEL, LABELS -> Var.Role.LABEL;
            case LAST_INDEX -> Var.Role.LAST_INDEX;
            case CONSTANT_INT -> Var.Role.INT_CONSTANT;
            case CONSTANT_DOUBLE, CONSTANT_ROW, CONSTANT_BOOLEAN -> Var.Role.CONSTANT;
        };
        return new Var(name, role, kind.rank());
    }
}
