package io.gradgen.processor.write;

import io.gradgen.processor.plan.LossModel;
import java.util.List;

/**
 * The loss planned with some optional rows ({@code @Param(1.0) double[] w}) left at their defaults:
 * its kernels read no such row. The public class runs it when exactly these rows were not given.
 *
 * @param defaulted the rows left out, in parameter order
 * @param model the variant's model, whose signature lacks those rows
 */
public record DefaultRowVariant(List<String> defaulted, LossModel model) {
    public DefaultRowVariant {
        defaulted = List.copyOf(defaulted);
    }

    /** A default as the user wrote it: {@code 1.0}. */
    public static String number(double v) {
        return JavaExpressions.literal(v).toString();
    }
}
