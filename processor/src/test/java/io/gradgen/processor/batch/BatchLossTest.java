package io.gradgen.processor.batch;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.JavaFileObjects;
import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.annotations.Reduction;
import io.gradgen.processor.testing.CompilationMemo;
import io.gradgen.processor.testing.CompiledSources;
import io.gradgen.processor.testing.GradgenCompiler;
import io.gradgen.processor.testing.Losses;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Batch losses (double[][] and int[] parameters) compiled by the real processor and held to their
 * plain methods: the forward against the method on the same batch, every gradient element against
 * central differences of the method itself (not of the generated forward).
 */
class BatchLossTest {
    private static final CompilationMemo COMPILED = new CompilationMemo();

    static CompiledSources compiled() {
        return COMPILED.get("Batch", () -> GradgenCompiler.compileCleanly(List.of(
                JavaFileObjects.forResource("batch/BatchLosses.java"))));
    }

    private static LossFunction loss(String name) {
        return Losses.instantiate(compiled().load("batch." + name));
    }

    /**
     * An argument of the plain method: a {@code double[][]} of {@code rows × cols} (cols > 0), or
     * labels in {@code [0, -cols)} (cols < 0).
     */
    private static Object[] draw(Random rng, int[][] shapes) {
        Object[] args = new Object[shapes.length];
        for (int k = 0; k < shapes.length; k++) {
            int rows = shapes[k][0];
            int cols = shapes[k][1];
            if (cols < 0) {
                int[] labels = new int[rows];
                for (int b = 0; b < rows; b++) {
                    labels[b] = rng.nextInt(-cols);
                }
                args[k] = labels;
            } else {
                double[][] x = new double[rows][cols];
                for (double[] row : x) {
                    for (int j = 0; j < cols; j++) {
                        row[j] = rng.nextDouble() * 2 - 1;
                    }
                }
                args[k] = x;
            }
        }
        return args;
    }

    private static Tensor tensor(Object arg) {
        if (arg instanceof int[] labels) {
            return Tensor.labels(labels);
        }
        return Tensor.of((double[][]) arg).requiresGrad(true);
    }

    /** Each loss's {@code @Param} defaults, as written in BatchLosses.java ({@code @Param} is not kept at run time). */
    private static final java.util.Map<String, Object[]> DEFAULTS = java.util.Map.of(
            "ntXent", new Object[] {0.5}, "maskedNtXent", new Object[] {0.5}, "clip", new Object[] {1.0}, "batchHardTriplet", new Object[] {1.0});

    /** The tensors' arguments, then each {@code @Param}'s default, as the generated class uses it. */
    private static Object[] withDefaults(Method plain, Object[] args) {
        Object[] constants = DEFAULTS.getOrDefault(plain.getName(), new Object[0]);
        Object[] all = java.util.Arrays.copyOf(args, args.length + constants.length);
        System.arraycopy(constants, 0, all, args.length, constants.length);
        return all;
    }

    private static Object[] deepCopy(Object[] args) {
        Object[] copy = args.clone();
        for (int k = 0; k < copy.length; k++) {
            if (copy[k] instanceof double[][] x) {
                double[][] c = new double[x.length][];
                for (int b = 0; b < x.length; b++) {
                    c[b] = x[b].clone();
                }
                copy[k] = c;
            }
        }
        return copy;
    }

    private static void holdsToItsMethod(String lossClass, String method, int[]... shapes) {
        Random rng = new Random(lossClass.hashCode());
        Object[] args = draw(rng, shapes);
        Tensor[] inputs = new Tensor[args.length];
        for (int k = 0; k < args.length; k++) {
            inputs[k] = tensor(args[k]);
        }
        Method plain = Losses.plainMethod(compiled().load("batch.BatchLosses"), method);
        double expected = Losses.callPlain(plain, withDefaults(plain, deepCopy(args)));
        Tensor out = loss(lossClass).forward(inputs);
        assertThat(out.shape()).isEmpty();
        assertWithMessage("%s forward", lossClass).that(out.item())
                .isWithin(1e-12 * Math.max(1, Math.abs(expected))).of(expected);
        out.backward();
        double h = 1e-6;
        for (int k = 0; k < args.length; k++) {
            if (!(args[k] instanceof double[][] x)) {
                continue;
            }
            double[] grad = inputs[k].grad().toArray();
            for (int b = 0; b < x.length; b++) {
                for (int j = 0; j < x[b].length; j++) {
                    Object[] up = deepCopy(args);
                    Object[] down = deepCopy(args);
                    ((double[][]) up[k])[b][j] += h;
                    ((double[][]) down[k])[b][j] -= h;
                    double numeric = (Losses.callPlain(plain, withDefaults(plain, up))
                            - Losses.callPlain(plain, withDefaults(plain, down))) / (2 * h);
                    assertWithMessage("%s: ∂/∂input %s[%s][%s]", lossClass, k, b, j)
                            .that(grad[b * x[b].length + j]).isWithin(1e-6 * Math.max(1, Math.abs(numeric)))
                            .of(numeric);
                }
            }
        }
    }

    @Test
    void ntXentWithInBatchNegatives() {
        holdsToItsMethod("NtXentLoss", "ntXent", new int[] {6, 4}, new int[] {6, 4});
    }

    @Test
    void ntXentWithAMaskedCandidateInTheSameLoop() {
        holdsToItsMethod("MaskedNtXentLoss", "maskedNtXent", new int[] {6, 4}, new int[] {6, 4});
    }

    @Test
    void aMaskedCandidateInTheSameLoopIsDerivedAsInALoopOfItsOwn() {
        // log Σ_b e^{logAddExp(t1, b ≠ a ? t2 : −∞)} is two log-sum-exps: the gradient's row is
        // collapsed in each, instead of kept in every term (O(B³·D) for the batch)
        String masked = generated("MaskedNtXentLossBackward").replace("MaskedNtXentLoss", "Loss")
                .replace("maskedNtXent", "method");
        String separate = generated("SeparateNtXentLossBackward").replace("SeparateNtXentLoss", "Loss")
                .replace("separateNtXent", "method");
        assertThat(masked).isEqualTo(separate);
    }

    private static String generated(String simpleName) {
        return compiled().generatedSources().entrySet().stream()
                .filter(e -> e.getKey().endsWith("/" + simpleName + ".java")).findFirst().orElseThrow().getValue();
    }

    @Test
    void clipIsSymmetric() {
        holdsToItsMethod("ClipLoss", "clip", new int[] {5, 3}, new int[] {5, 3});
    }

    @Test
    void batchHardTripletMinesWithinTheBatch() {
        holdsToItsMethod("BatchHardTripletLoss", "batchHardTriplet", new int[] {8, 3}, new int[] {8, -3});
    }

    @Test
    void centreLossLearnsItsCentres() {
        holdsToItsMethod("CentreLoss", "centre", new int[] {7, 4}, new int[] {7, -3}, new int[] {3, 4});
    }

    @Test
    void chamferBetweenPointSetsOfDifferentSizes() {
        holdsToItsMethod("ChamferLoss", "chamfer", new int[] {5, 3}, new int[] {7, 3});
    }

    @Test
    void crossEntropyWrittenOverTheBatch() {
        holdsToItsMethod("BatchCrossEntropyLoss", "batchCrossEntropy", new int[] {6, 5}, new int[] {6, -5});
    }

    @Test
    void aLoopUpToAnEnclosingIndex() {
        // the triangle b < a: its tables' ranges move with the enclosing row (found crashing Tabulation at 142ebee)
        holdsToItsMethod("EarlierSimilarityLoss", "earlierSimilarity", new int[] {6, 3});
    }

    @Test
    void aBatchLossHasNoReduction() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> loss("NtXentLoss").withReduction(Reduction.SUM));
        assertThat(e).hasMessageThat().contains("batch loss");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a label outside the rows it indexes | CentreLoss | label labels[",
        "two batches of different row lengths in one loop | NtXentLoss | rows of one length",
        "a one-dimensional tensor for a double[][] | ClipLoss | takes a tensor of shape [B, D]",
    })
    void badInputsAreRefusedWithTheFix(String what, String lossClass, String message) {
        LossFunction loss = loss(lossClass);
        Tensor[] inputs = switch (lossClass) {
            case "CentreLoss" -> new Tensor[] {Tensor.of(new double[4][2]), Tensor.labels(new int[] {0, 1, 2, 3}),
                Tensor.of(new double[3][2])};
            case "NtXentLoss" -> new Tensor[] {Tensor.of(new double[][] {{1, 2}, {3, 4}}),
                Tensor.of(new double[][] {{1, 2, 3}, {3, 4, 5}})};
            default -> new Tensor[] {Tensor.of(new double[] {1, 2, 3}, 3), Tensor.of(new double[][] {{1}, {2}, {3}})};
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loss.forward(inputs));
        assertWithMessage(what).that(e).hasMessageThat().contains(message);
    }

    @Test
    void theBackwardOfNtXentReadsTablesNotRecomputedSimilarities() {
        String backward = compiled().generatedSources().entrySet().stream()
                .filter(e -> e.getKey().endsWith("/NtXentLossBackward.java")).findFirst().orElseThrow().getValue();
        // the log-sum-exp of each anchor is computed once for the batch, in a table filled in parallel
        assertThat(backward).contains("BatchSupport.forRows(");
        assertThat(backward).containsMatch("double\\[\\] \\w+Table\\w* = new double\\[z1Rows\\]");
    }

    @Test
    void theBackwardOfNtXentSumsRowsAlongTheirLengthAsAHandDerivationDoes() {
        String backward = compiled().generatedSources().entrySet().stream()
                .filter(e -> e.getKey().endsWith("/NtXentLossBackward.java")).findFirst().orElseThrow().getValue();
        // ∂L/∂z1[r][j] holds Σ_b w_rb · z2[b][j]: separated into a coefficient table and interchanged,
        // the rows of z2 are added along their length, one multiply-add per element
        assertThat(backward).containsMatch(
                "VectorMath\\.axpy\\(\\w+Table\\w*\\[(\\w+)\\], z2Data, \\1 \\* z2Length, \\w+Columns, 0, z1Length\\);");
        // and the similarity of a pair is one table (an inner product), which every table built on it reads
        assertThat(backward).containsMatch(
                "double (dot\\w*) = VectorMath\\.dot\\(z1Data, \\w+ \\* z1Length, z2Data, \\w+ \\* z2Length, z1Length\\);"
                        + "\\s+\\w+Table\\w*\\[\\w+\\] = \\1;");
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        Random rng = new Random(7);
        Object[] args = draw(rng, new int[][] {{40, 16}, {40, 16}});
        List<double[]> grads = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            Tensor z1 = tensor(args[0]);
            Tensor z2 = tensor(args[1]);
            loss("NtXentLoss").forward(z1, z2).backward();
            grads.add(z2.grad().toArray());
        }
        assertThat(grads.get(0)).isEqualTo(grads.get(1));
    }
}
