package io.gradgen.processor.write;

import com.palantir.javapoet.CodeBlock;
import io.gradgen.processor.signature.InputKind;
import io.gradgen.processor.signature.LossParameter;
import io.gradgen.processor.signature.OptionRange;
import java.util.ArrayList;
import java.util.List;

/**
 * The generated constructor's check of a {@code @Param} constant against its stated range, as
 * PyTorch checks its options where they are given: {@code if (!(delta > 0.0)) throw ...}, and for a
 * {@code double[]} constant a loop that names the offending element.
 */
final class OptionChecks {
    private OptionChecks() {
    }

    /** The check of {@code c}, or an empty block when its range allows everything. */
    static CodeBlock check(String lossName, LossParameter c, String index) {
        OptionRange range = c.range();
        if (!range.isConstrained()) {
            return CodeBlock.of("");
        }
        boolean integral = c.kind() == InputKind.CONSTANT_INT;
        String rule = range.describe(integral);
        if (c.kind() == InputKind.CONSTANT_ROW) {
            // the kept copy, not the caller's array, which may change after the check
            CodeBlock element = CodeBlock.of("this.$N[$N]", c.name(), index);
            return CodeBlock.builder()
                    .beginControlFlow("for (int $N = 0; $N < this.$N.length; $N++)", index, index, c.name(), index)
                    .beginControlFlow("if ($L)", forbidden(element, range, false))
                    .addStatement("throw new $T($S + $N + $S + $L)", IllegalArgumentException.class,
                            lossName + ": " + c.name() + "[", index, "] must be " + rule + ", got ", element)
                    .endControlFlow()
                    .endControlFlow()
                    .build();
        }
        return CodeBlock.builder()
                .beginControlFlow("if ($L)", forbidden(CodeBlock.of("$N", c.name()), range, integral))
                .addStatement("throw new $T($S + $N)", IllegalArgumentException.class,
                        lossName + ": " + c.name() + " must be " + rule + ", got ", c.name())
                .endControlFlow()
                .build();
    }

    /**
     * True exactly where the range forbids the value: {@code p != 1 && p != 2} for a set of values
     * alone, else {@code !(value > 0.0 && value <= 1.0)}, which a NaN also fails.
     */
    private static CodeBlock forbidden(CodeBlock value, OptionRange range, boolean integral) {
        if (!range.hasMin() && !range.hasMax()) {
            return range.oneOf().stream()
                    .map(v -> CodeBlock.of("$L != $L", value, literal(v, integral)))
                    .collect(CodeBlock.joining(" && "));
        }
        List<CodeBlock> parts = new ArrayList<>();
        if (!range.oneOf().isEmpty()) {
            parts.add(range.oneOf().stream()
                    .map(v -> CodeBlock.of("$L == $L", value, literal(v, integral)))
                    .collect(CodeBlock.joining(" || ", range.oneOf().size() > 1 ? "(" : "",
                            range.oneOf().size() > 1 ? ")" : "")));
        }
        if (range.hasMin()) {
            parts.add(CodeBlock.of("$L $L $L", value, range.exclusiveMin() ? ">" : ">=", literal(range.min(), integral)));
        }
        if (range.hasMax()) {
            parts.add(CodeBlock.of("$L $L $L", value, range.exclusiveMax() ? "<" : "<=", literal(range.max(), integral)));
        }
        return CodeBlock.of("!($L)", CodeBlock.join(parts, " && "));
    }

    private static CodeBlock literal(double v, boolean integral) {
        if (integral && v == Math.rint(v) && Math.abs(v) <= Integer.MAX_VALUE) {
            return CodeBlock.of("$L", (long) v);
        }
        return JavaExpressions.literal(v);
    }
}
