package io.gradgen.processor.write;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.gradgen.processor.plan.NameAllocator;
import io.gradgen.processor.signature.LossParameter;
import io.gradgen.processor.signature.LossSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * How the public class of a loss with {@link DefaultVariant}s runs them: one final field per variant,
 * set by the constructor to the variant with the same options when exactly its parameters are at their
 * defaults (at most one field is set), and a test at the top of {@code forward} and
 * {@code gradientAndHessian} that hands the call to it. The variant is made once per loss, not per
 * call: a step allocates nothing for it, and a row given with a number at its default is copied once.
 */
final class VariantDispatch {
    private final LossSignature s;
    private final List<DefaultVariant> variants;
    private final List<String> fields = new ArrayList<>();
    private final String reduction;
    private final List<LossParameter> numbers;

    /**
     * @param s the public class's signature
     * @param taken the class's names so far; the fields' names are allocated around them
     * @param reduction the name of the reduction field
     */
    VariantDispatch(LossSignature s, List<DefaultVariant> variants, NameAllocator taken, String reduction) {
        this.s = s;
        this.variants = List.copyOf(variants);
        this.reduction = reduction;
        this.numbers = DefaultVariant.specialisedNumbers(s, variants);
        for (DefaultVariant v : variants) {
            String type = GeneratedTypes.variant(s, v.defaulted()).forward().simpleName();
            fields.add(taken.allocate(Character.toLowerCase(type.charAt(0)) + type.substring(1)));
        }
    }

    void addFields(TypeSpec.Builder type) {
        for (int i = 0; i < variants.size(); i++) {
            GeneratedTypes t = GeneratedTypes.variant(s, variants.get(i).defaulted());
            type.addField(FieldSpec.builder(t.forward(), fields.get(i), Modifier.PRIVATE, Modifier.FINAL)
                    .addJavadoc("This loss's kernels when {@code $L}; else null.\n", condition(variants.get(i)))
                    .build());
        }
    }

    /** The constructor's last statements: each field set to its variant, or null. */
    CodeBlock setup() {
        CodeBlock.Builder b = CodeBlock.builder();
        for (int i = 0; i < variants.size(); i++) {
            DefaultVariant v = variants.get(i);
            String constants = v.model().signature().constants().stream().map(c -> c.name() + ", ")
                    .collect(Collectors.joining());
            b.addStatement("this.$N = $L ? new $T($L$N) : null", fields.get(i), condition(v),
                    GeneratedTypes.variant(s, v.defaulted()).forward(), constants, reduction);
        }
        return b.build();
    }

    /**
     * {@code if (defaultWeight != null) return defaultWeight.forward(input, target);}, one test per
     * variant.
     */
    void dispatch(MethodSpec.Builder m, String call, boolean returnsValue) {
        for (String field : fields) {
            m.beginControlFlow("if ($N != null)", field);
            m.addStatement("$L$N.$L", returnsValue ? "return " : "", field, call);
            if (!returnsValue) {
                m.addStatement("return");
            }
            m.endControlFlow();
        }
    }

    /**
     * Exactly the variant's parameters at their defaults: {@code weight == null &&
     * Double.compare(labelSmoothing, 0.0) == 0}. A number compares by {@code Double.compare}, which
     * tells {@code -0.0} from {@code 0.0}: the variant's kernels fold in the default itself.
     */
    private CodeBlock condition(DefaultVariant v) {
        List<CodeBlock> tests = new ArrayList<>();
        for (LossParameter p : s.constants()) {
            boolean defaulted = v.defaulted().contains(p.name());
            if (p.isOptionalRow()) {
                tests.add(CodeBlock.of("$N $L null", p.name(), defaulted ? "==" : "!="));
            } else if (numbers.contains(p)) {
                tests.add(CodeBlock.of("Double.compare($N, $L) $L 0", p.name(),
                        JavaExpressions.literal(p.defaultValue().getAsDouble()), defaulted ? "==" : "!="));
            }
        }
        return CodeBlock.join(tests, " && ");
    }
}
