package io.gradgen.processor.write;

import com.palantir.javapoet.CodeBlock;
import io.gradgen.processor.plan.LossModel;
import io.gradgen.processor.signature.LossParameter;
import io.gradgen.processor.signature.LossSignature;
import java.util.List;
import java.util.stream.Collectors;

/** The Javadoc of generated classes: where they came from and the formulas they implement. */
final class Javadocs {
    private Javadocs() {
    }

    static String source(LossSignature s) {
        return "{@code " + s.ownerQualifiedName() + "." + s.methodName() + "}";
    }

    static CodeBlock forwardClass(LossModel model) {
        LossSignature s = model.signature();
        return CodeBlock.builder()
                .add("The loss {@code $L}, $L $L.\n", s.methodName(), GeneratedMarker.JAVADOC, source(s))
                .add("\n<p>Per batch position:\n")
                .add(pre(model.formulas().definitions(), List.of(model.formulas().value())))
                .add("\n<p>Reduction: {@code $L} unless changed with {@code withReduction}. The gradient is computed by"
                        + " {@link $L}.\n", s.reduction(), s.backwardName())
                .add(secondOrder(model))
                .build();
    }

    /**
     * A variant's class: the loss with some optional rows left at their defaults, so that {@code what}
     * (its kernels, or its backward's) read no such row.
     */
    static CodeBlock variantClass(LossSignature s, List<LossParameter> defaulted, String what) {
        List<String> rows = defaulted.stream().filter(LossParameter::isOptionalRow).map(LossParameter::name).toList();
        List<String> numbers = defaulted.stream().filter(p -> !p.isOptionalRow()).map(Javadocs::atDefault).toList();
        if (numbers.isEmpty()) {
            return CodeBlock.of("{@code $L} with {@code $L} left at $L default: $L read every element of $L as the\n"
                    + "default number, folded in before differentiation.\n", s.lossName(), String.join("}, {@code ", rows),
                    rows.size() > 1 ? "their" : "its", what, rows.size() > 1 ? "those rows" : "that row");
        }
        return CodeBlock.of("{@code $L} at {@code $L}, $L: $L are derived with $L folded in before\n"
                        + "differentiation, which leaves less to compute per position$L.\n", s.lossName(),
                String.join("}, {@code ", numbers), numbers.size() > 1 ? "their defaults" : "its default", what,
                numbers.size() > 1 ? "those numbers" : "that number",
                rows.isEmpty() ? "" : CodeBlock.of(", and with {@code $L} left out (every element read as the default)",
                        String.join("}, {@code ", rows)));
    }

    /** {@code labelSmoothing = 0.0}: a number at its default. */
    private static String atDefault(LossParameter p) {
        return p.name() + " = " + JavaExpressions.literal(p.defaultValue().getAsDouble());
    }

    /**
     * The paragraph the public class adds when it specialises on numbers at their defaults: which
     * kernels run when.
     */
    static CodeBlock specialisedNumbers(List<LossParameter> numbers) {
        return CodeBlock.of("\n<p>At {@code $L} ($L) the loss runs kernels derived with $L folded in, which do\n"
                        + "less work per position; otherwise the general ones.\n",
                numbers.stream().map(Javadocs::atDefault).collect(Collectors.joining("}, {@code ")),
                numbers.size() > 1 ? "their defaults" : "its default", numbers.size() > 1 ? "those numbers" : "that number");
    }

    /**
     * The paragraph the public class adds when it has optional rows: which kernels run when.
     *
     * @param optional the optional rows, in parameter order
     */
    static CodeBlock optionalRows(List<String> optional, List<String> defaults) {
        return CodeBlock.of("\n<p>Optional rows: {@code $L}. Each left out (null) reads as a row of {@code $L}s of the length"
                + " the body indexes; the loss then runs kernels derived with that value folded in (for all rows left"
                + " out: kernels that read no weight at all), and the weighted kernels only when a row is given.\n",
                String.join("}, {@code ", optional), String.join("}, {@code ", defaults));
    }

    /** The second derivative that {@code gradientAndHessian} computes, and a word where it vanishes. */
    private static CodeBlock secondOrder(LossModel model) {
        String curvature = model.formulas().curvature();
        if (curvature == null) {
            return CodeBlock.of("");
        }
        CodeBlock.Builder b = CodeBlock.builder()
                .add("\n<p>{@code gradientAndHessian} (a {@code SecondOrderLoss}) gives, per element:\n")
                .add(pre(List.of(), List.of(model.formulas().gradients().get(0), curvature)));
        if (model.formulas().curvatureVanishes()) {
            b.add("\n<p>The second derivative is 0 wherever it is defined: the loss is piecewise linear in the"
                    + " prediction. Newton methods (XGBoost) need a floor on the Hessian or a bounded step"
                    + " ({@code max_delta_step}).\n");
        }
        return b.build();
    }

    static CodeBlock backwardClass(LossModel model) {
        LossSignature s = model.signature();
        return CodeBlock.builder()
                .add("The hand-derived backward of {@link $L}, $L $L.\n", s.lossName(), GeneratedMarker.JAVADOC, source(s))
                .add("\n<p>Per batch position, each gradient scaled by the upstream gradient (divided by the mean's"
                        + " denominator when the forward reduced):\n")
                .add(pre(model.formulas().gradientDefinitions(), model.formulas().gradients()))
                .build();
    }

    /** The gradient formulas as plain text, with the definitions they use first. */
    static String derivationText(LossModel model) {
        return text(model.formulas().gradientDefinitions(), model.formulas().gradients());
    }

    private static String text(List<String> definitions, List<String> formulas) {
        return definitions.stream().map(d -> d + "\n").collect(Collectors.joining())
                + (definitions.isEmpty() ? "" : "\n")
                + formulas.stream().map(f -> f + "\n").collect(Collectors.joining());
    }

    static CodeBlock pre(List<String> definitions, List<String> formulas) {
        String body = text(definitions, formulas);
        return CodeBlock.of("<pre>{@code\n$L}</pre>\n", escape(body));
    }

    /** Keeps formulas from closing the comment or confusing JavaPoet. */
    private static String escape(String text) {
        return text.replace("*/", "*&#47;").replace("@", "&#64;");
    }
}
