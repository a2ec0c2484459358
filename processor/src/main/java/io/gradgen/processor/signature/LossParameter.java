package io.gradgen.processor.signature;

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
}
