package io.gradgen.processor.write;

import io.gradgen.processor.plan.LossModel;
import io.gradgen.processor.signature.LossParameter;
import io.gradgen.processor.signature.LossSignature;
import java.util.List;

/**
 * The loss planned with some {@code @Param}s at their defaults, folded in before differentiation:
 * optional rows left out ({@code @Param(1.0) double[] w}; its kernels read no such row), and numbers
 * at which the kernels do less work ({@code labelSmoothing = 0}). The public class runs it when
 * exactly these rows were not given and, of the numbers it specialises, exactly these are at their
 * defaults.
 *
 * @param defaulted the parameters at their defaults, in parameter order
 * @param model the variant's model, whose signature lacks those parameters
 */
public record DefaultVariant(List<String> defaulted, LossModel model) {
    public DefaultVariant {
        defaulted = List.copyOf(defaulted);
    }

    /** The numbers (not rows) some of {@code variants} specialise on, in parameter order. */
    static List<LossParameter> specialisedNumbers(LossSignature s, List<DefaultVariant> variants) {
        return s.constants().stream().filter(c -> !c.isOptionalRow())
                .filter(c -> variants.stream().anyMatch(v -> v.defaulted().contains(c.name()))).toList();
    }

    /** A default as the user wrote it: {@code 1.0}. */
    public static String number(double v) {
        return JavaExpressions.literal(v).toString();
    }
}
