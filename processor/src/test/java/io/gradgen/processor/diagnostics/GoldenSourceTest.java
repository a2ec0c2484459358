package io.gradgen.processor.diagnostics;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.gradgen.processor.testing.GradgenCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The generated sources of the losses of API.md (and cross-entropy written out by hand, and NLL with
 * an optional class weight), compared with {@code src/test/resources/golden/}.
 * A deliberate change to the generated code regenerates them with
 * {@code mvn -pl processor test -Dtest=GoldenSourceTest -Dgradgen.regenerateGolden=true}; review the
 * diff before committing it.
 */
class GoldenSourceTest {

    private static final String REGENERATE = "gradgen.regenerateGolden";
    /** Surefire runs in the module directory. */
    private static final Path GOLDEN_DIR = Paths.get("src", "test", "resources", "golden");
    private static final List<String> GENERATED = List.of(
            "golden.CustomLoss", "golden.CustomLossBackward", "golden.HuberLoss", "golden.HuberLossBackward",
            "golden.CrossEntropyLoss", "golden.CrossEntropyLossBackward",
            "golden.StableCrossEntropyLoss", "golden.StableCrossEntropyLossBackward",
            "golden.NLLLoss", "golden.NLLLossBackward");

    private static final JavaFileObject SOURCE = JavaFileObjects.forSourceString("golden.TutorialLosses",
            String.join("\n",
                    "package golden;",
                    "",
                    "import io.gradgen.annotations.Loss;",
                    "import io.gradgen.annotations.Param;",
                    "import io.gradgen.annotations.Reduction;",
                    "import static io.gradgen.Functions.logSumExp;",
                    "import static io.gradgen.Functions.weighted;",
                    "",
                    "final class TutorialLosses {",
                    "    private TutorialLosses() {}",
                    "",
                    "    /** PyTorch tutorial's CustomLoss: ((y_pred - y_true) ** 2).sum() */",
                    "    @Loss(reduction = Reduction.SUM)",
                    "    static double customLoss(double yPred, double yTrue) {",
                    "        return Math.pow(yPred - yTrue, 2);",
                    "    }",
                    "",
                    "    @Loss",
                    "    static double huber(double pred, double target, @Param(1.0) double delta) {",
                    "        double d = Math.abs(pred - target);",
                    "        return d <= delta ? 0.5 * d * d : delta * (d - 0.5 * delta);",
                    "    }",
                    "",
                    "    @Loss",
                    "    static double crossEntropy(double[] logits, int target) {",
                    "        return logSumExp(logits) - logits[target];",
                    "    }",
                    "",
                    "    /** The same loss written out: a max-shift loop, then a sum-of-exponentials loop. */",
                    "    @Loss",
                    "    static double stableCrossEntropy(double[] logits, int target) {",
                    "        double max = Double.NEGATIVE_INFINITY;",
                    "        for (int i = 0; i < logits.length; i++) {",
                    "            max = Math.max(max, logits[i]);",
                    "        }",
                    "        double sumExp = 0.0;",
                    "        for (int i = 0; i < logits.length; i++) {",
                    "            sumExp += Math.exp(logits[i] - max);",
                    "        }",
                    "        return Math.log(sumExp) + max - logits[target];",
                    "    }",
                    "",
                    "    /** PyTorch's weight=None: left out, the loss runs the kernels of -logp[target] (nested DefaultWeight). */",
                    "    @Loss(name = \"NLLLoss\")",
                    "    static double nll(double[] logp, int target, @Param(1.0) double[] weight) {",
                    "        double w = weight[target];",
                    "        return weighted(-w * logp[target], w);",
                    "    }",
                    "}",
                    ""));

    @Test
    void generatedSourcesMatchTheGoldenFiles() throws IOException {
        Compilation compilation = GradgenCompiler.javac().compile(SOURCE);

        assertThat(compilation).succeeded();
        assertNoWarnings(compilation);
        if (Boolean.getBoolean(REGENERATE)) {
            Files.createDirectories(GOLDEN_DIR);
            for (String name : GENERATED) {
                JavaFileObject generated = compilation.generatedSourceFile(name)
                        .orElseThrow(() -> new AssertionError("no generated source " + name));
                Files.writeString(GOLDEN_DIR.resolve(simpleName(name) + ".java"),
                        generated.getCharContent(true).toString(), UTF_8);
            }
            return;
        }
        for (String name : GENERATED) {
            assertThat(compilation)
                    .generatedSourceFile(name)
                    .hasSourceEquivalentTo(JavaFileObjects.forResource("golden/" + simpleName(name) + ".java"));
        }
    }

    /** Under -Xlint:all: gradgen claims its annotations, so not even javac's "no processor claimed" note. */
    private static void assertNoWarnings(Compilation compilation) {
        assertWithMessage("warnings under -Xlint:all:\n%s", GradgenCompiler.describe(compilation.warnings()))
                .that(compilation.warnings()).isEmpty();
    }

    private static String simpleName(String qualified) {
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }
}
