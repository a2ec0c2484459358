package io.gradgen.processor.write;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import io.gradgen.processor.plan.Binding;
import io.gradgen.processor.plan.Kernel;
import io.gradgen.processor.plan.LoopNames;
import io.gradgen.processor.plan.LossModel;
import io.gradgen.processor.plan.RowChecks;
import io.gradgen.processor.signature.InputKind;
import io.gradgen.processor.signature.LossParameter;
import io.gradgen.processor.signature.LossSignature;
import io.gradgen.processor.ir.Apply;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Indices;
import io.gradgen.processor.ir.Op;
import io.gradgen.processor.ir.Reduce;
import io.gradgen.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Writes the parts of a per-position loop that forward and backward share: loading inputs, computing temporaries. */
final class KernelWriter {
    private KernelWriter() {
    }

    /**
     * The parameters of a kernel method: {@code double[] predData} per tensor input, then for a row
     * loss {@code int logitsLength} per row input.
     */
    static List<ParameterSpec> dataParameters(LossSignature signature, LoopNames names) {
        return dataParameters(signature, names, false, false);
    }

    /**
     * As {@link #dataParameters(LossSignature, LoopNames)}, {@code float[]} data for a float kernel;
     * named as the float arrays behind its double blocks ({@code predFloats}) for the inputs it widens
     * in blocks ({@link #widened}). Labels stay {@code double[]}: every integer a label may hold is
     * exact in double, not in float.
     */
    static List<ParameterSpec> dataParameters(LossSignature signature, LoopNames names, boolean float32,
            boolean blocks) {
        List<ParameterSpec> params = new ArrayList<>();
        for (LossParameter p : signature.tensorInputs()) {
            String data = names.data().get(p.name());
            boolean floats = float32 && p.kind() != InputKind.LABEL;
            params.add(ParameterSpec.builder(FloatKernels.dataType(floats),
                    blocks && widened(signature, p) ? names.floats().get(data) : data).build());
        }
        params.addAll(shapeParameters(signature, names));
        return params;
    }

    /** {@code int logitsLength} per row input, then {@code int lastDim} for {@code @LastIndex}. */
    private static List<ParameterSpec> shapeParameters(LossSignature signature, LoopNames names) {
        List<ParameterSpec> params = new ArrayList<>();
        if (signature.hasRows()) {
            for (LossParameter p : signature.tensorInputs()) {
                if (p.kind() == InputKind.ROW) {
                    params.add(ParameterSpec.builder(TypeName.INT, names.lengths().get(p.name())).build());
                }
            }
        }
        if (signature.hasLastIndex()) {
            params.add(ParameterSpec.builder(TypeName.INT, names.lastDim()).build());
        }
        return params;
    }

    /**
     * Whether a float kernel that widens blocks widens this input: every input of an element-wise
     * loss, the row inputs of a row loss (whose element inputs it reads as floats, one per position).
     */
    static boolean widened(LossSignature signature, LossParameter p) {
        return signature.hasRows() ? p.kind() == InputKind.ROW : p.kind() != InputKind.LABEL;
    }

    /**
     * The parameters of the weights kernel ({@code Functions.weighted}'s per-position weights): the
     * labels' arrays, which are the only inputs a weight may read, then the row lengths and the last
     * dimension as in {@link #dataParameters}. The double and the float forward call it alike.
     */
    static List<ParameterSpec> weightParameters(LossSignature signature, LoopNames names) {
        List<ParameterSpec> params = new ArrayList<>();
        for (LossParameter p : signature.tensorInputs()) {
            if (p.kind() == InputKind.LABEL) {
                params.add(ParameterSpec.builder(FloatKernels.dataType(false), names.data().get(p.name())).build());
            }
        }
        params.addAll(shapeParameters(signature, names));
        return params;
    }

    /**
     * {@code reduction == MEAN ? n : reduction == BATCH_MEAN ? batchSize(shape) : 1.0}: the divisor of
     * a reduced loss, the mean's {@code n} the sum of the weights kernel's weights when the loss
     * declared them.
     */
    static CodeBlock divisor(LossModel model, LoopNames names, String reduction, String shape) {
        LossSignature s = model.signature();
        CodeBlock mean = model.weights() == null ? CodeBlock.of("$N", names.positions())
                : CodeBlock.of("$T.sumRows($N, $L, $L)", Names.PARALLEL, names.positions(), workPerPosition(s, names),
                        chunkLambda(names, "weights", weightParameters(s, names).stream().map(p -> p.name()).toList()));
        return CodeBlock.of("$N == $T.MEAN ? $L : $N == $T.BATCH_MEAN ? $T.batchSize($N) : 1.0", reduction,
                Names.REDUCTION, mean, reduction, Names.REDUCTION, Names.SUPPORT_BATCH, shape);
    }

    /** The arguments matching {@link #dataParameters}. */
    static List<String> dataArguments(LossSignature signature, LoopNames names) {
        return dataParameters(signature, names).stream().map(p -> p.name()).toList();
    }

    /** {@code for (int n = from; n < to; n++)}: the positions of one chunk. */
    static void beginPositionLoop(CodeBlock.Builder b, LossSignature s, LoopNames names) {
        beginPositionLoop(b, s, names, names.from(), names.to());
    }

    /** {@code for (int n = first; n < end; n++)}: the positions of a chunk, or of a block of one. */
    static void beginPositionLoop(CodeBlock.Builder b, LossSignature s, LoopNames names, String first, String end) {
        b.beginControlFlow("for (int $N = $N; $N < $N; $N++)", names.index(), first, names.index(), end, names.index());
    }

    /** The {@code int from, int to} parameters of a kernel method that works on one chunk of positions. */
    static List<ParameterSpec> rangeParameters(LoopNames names) {
        return List.of(ParameterSpec.builder(TypeName.INT, names.from()).build(),
                ParameterSpec.builder(TypeName.INT, names.to()).build());
    }

    /** The elements of work per batch position, for chunking: 1, or the sum of the row lengths. */
    static CodeBlock workPerPosition(LossSignature s, LoopNames names) {
        List<CodeBlock> lengths = new ArrayList<>();
        for (LossParameter p : s.tensorInputs()) {
            if (p.kind() == InputKind.ROW) {
                lengths.add(CodeBlock.of("$N", names.lengths().get(p.name())));
            }
        }
        return lengths.isEmpty() ? CodeBlock.of("1") : CodeBlock.join(lengths, " + ");
    }

    /**
     * A chunk body that runs the staged kernel ({@code VectorMath} over blocks) when
     * {@code LossKernels.vectorKernels()} says so and {@code staged} is true, else the plain one.
     */
    static CodeBlock chunkBody(LoopNames names, String method, List<String> args, boolean staged) {
        if (!staged) {
            return chunkLambda(names, method, args);
        }
        return CodeBlock.of("$T.vectorKernels()\n$>? $L\n: $L$<", Names.SUPPORT_KERNELS,
                chunkLambda(names, method + "Staged", args), chunkLambda(names, method, args));
    }

    /** {@code (chunk, from, to) -> call(args, from, to)}: a chunk body for {@code Parallel}. */
    static CodeBlock chunkLambda(LoopNames names, String method, List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.add(names.from());
        all.add(names.to());
        return CodeBlock.of("($N, $N, $N) -> $N($L)", names.chunk(), names.from(), names.to(), method,
                String.join(", ", all));
    }

    /**
     * {@code double pred = predData[n];} for each element input the kernel reads, {@code int
     * logitsOffset = n * logitsLength;} for each row input, and each label: checked to be integral
     * and within the rows it indexes when {@code validateLabels}, else only converted.
     */
    static void loadInputs(CodeBlock.Builder b, LossSignature signature, LoopNames names, Kernel kernel,
            RowChecks checks, boolean validateLabels) {
        loadInputs(b, signature, names, kernel, checks, validateLabels, false);
    }

    /**
     * As {@link #loadInputs(CodeBlock.Builder, LossSignature, LoopNames, Kernel, RowChecks, boolean)}; in
     * a float row kernel ({@code inBlock}) a row's offset is within the block of rows widened from
     * {@code start}: {@code int logitsOffset = (n - start) * logitsLength;}.
     */
    static void loadInputs(CodeBlock.Builder b, LossSignature signature, LoopNames names, Kernel kernel,
            RowChecks checks, boolean validateLabels, boolean inBlock) {
        Set<String> used = usedVariables(kernel);
        for (LossParameter p : signature.parameters()) {
            if (p.kind() == InputKind.LAST_INDEX && used.contains(p.name())) {
                b.addStatement("int $N = $N % $N", p.name(), names.index(), names.lastDim());
            }
        }
        List<CodeBlock> guardedChecks = new ArrayList<>();
        for (LossParameter p : signature.tensorInputs()) {
            String data = names.data().get(p.name());
            if (p.kind() == InputKind.LABEL) {
                // each row the label is used against gives a bound: its length for an index, one more
                // for a count; a check under a guard (an ignored class) runs after every label is loaded
                List<CodeBlock> bounds = new ArrayList<>();
                List<String> rows = new ArrayList<>(checks.labelBounds().getOrDefault(p.name(), List.of()));
                List<String> limits = checks.labelLimits().getOrDefault(p.name(), List.of());
                rows.addAll(limits);
                for (int r = 0; r < rows.size(); r++) {
                    String row = rows.get(r);
                    CodeBlock bound = r < rows.size() - limits.size() ? length(row, names)
                            : CodeBlock.of("$L + 1", length(row, names));
                    Expr guard = checks.guard(p.name(), row);
                    if (guard == null) {
                        bounds.add(bound);
                    } else if (validateLabels) {
                        guardedChecks.add(CodeBlock.of("if ($L) {\n$>$T.checkIndex($S, $S, $N[$N], $N, $L);\n$<}\n",
                                new JavaExpressions(java.util.Map.of(), names, checks).reference(guard),
                                Names.SUPPORT_INPUTS, signature.lossName(), p.name(), data, names.index(),
                                names.index(), bound));
                    }
                }
                if (validateLabels && bounds.isEmpty()) {
                    b.addStatement("int $N = $T.checkIntegral($S, $S, $N[$N], $N)", p.name(), Names.SUPPORT_INPUTS,
                            signature.lossName(), p.name(), data, names.index(), names.index());
                } else if (validateLabels) {
                    b.addStatement("int $N = $T.checkIndex($S, $S, $N[$N], $N, $L)", p.name(), Names.SUPPORT_INPUTS,
                            signature.lossName(), p.name(), data, names.index(), names.index(), bounds.get(0));
                    for (CodeBlock bound : bounds.subList(1, bounds.size())) {
                        b.addStatement("$T.checkIndex($S, $S, $N[$N], $N, $L)", Names.SUPPORT_INPUTS,
                                signature.lossName(), p.name(), data, names.index(), names.index(), bound);
                    }
                } else if (used.contains(p.name())) {
                    b.addStatement("int $N = (int) $N[$N]", p.name(), data, names.index());
                }
            } else if (p.kind() == InputKind.ROW) {
                // declared even when unused: a gradient row is written at this offset
                if (inBlock) {
                    b.addStatement("int $N = ($N - $N) * $N", names.offsets().get(p.name()), names.index(),
                            names.start(), names.lengths().get(p.name()));
                } else {
                    b.addStatement("int $N = $N * $N", names.offsets().get(p.name()), names.index(),
                            names.lengths().get(p.name()));
                }
            } else if (used.contains(p.name())) {
                b.addStatement("double $N = $N[$N]", p.name(), data, names.index());
            }
        }
        guardedChecks.forEach(b::add);
    }

    /** The Java expression for a row's length: {@code logitsLength} for an input, {@code w.length} for a constant. */
    static CodeBlock length(String row, LoopNames names) {
        String length = names.lengths().get(row);
        return length != null ? CodeBlock.of("$N", length) : CodeBlock.of("$N.length", row);
    }

    /** The kernel's temporaries in order; a reduction is written as the loop that accumulates it. */
    static void bindings(CodeBlock.Builder b, Kernel kernel, JavaExpressions java, LoopNames names) {
        for (Binding binding : kernel.bindings()) {
            if (binding.isReduction()) {
                reduction(b, binding, java, names, valueRead(kernel, binding.expr()));
            } else {
                binding(b, binding, java);
            }
        }
    }

    /** {@code double name = definition;} (or {@code boolean} for a predicate). */
    static void binding(CodeBlock.Builder b, Binding binding, JavaExpressions java) {
        b.addStatement("$L $N = $L", binding.isPredicate() ? "boolean" : "double", binding.name(),
                java.definition(binding.expr()));
    }

    /**
     * Whether the kernel reads a reduction's value, rather than only the softmax weights of a
     * log-sum-exp (which come from its exponentials): a backward needs no {@code log} then.
     */
    private static boolean valueRead(Kernel kernel, Expr reduction) {
        for (Expr o : kernel.outputs()) {
            if (Indices.contains(o, reduction::equals, x -> x instanceof io.gradgen.processor.ir.Softmax)) {
                return true;
            }
        }
        return false;
    }

    private static void reduction(CodeBlock.Builder b, Binding binding, JavaExpressions java, LoopNames names,
            boolean valueRead) {
        Reduce r = (Reduce) binding.expr();
        Kernel body = binding.loop();
        JavaExpressions inner = java.inner(body.names());
        String name = binding.name();
        if (r.kind() == Reduce.Kind.LOG_SUM_EXP && StagedLoops.stagesLogSumExp(body)) {
            String shift = binding.temporaries().get(0);
            String sumExp = binding.temporaries().get(1);
            Kernel.Loop loop = body.loop();
            String i = loop.indexName();
            CodeBlock length = StagedLoops.length(body, names);
            String exponentials = binding.exponentials() != null ? binding.exponentials() : names.scratch();
            CodeBlock element = binding.exponentials() != null ? CodeBlock.of("$N[$N]", exponentials, i)
                    : StagedLoops.slot(names, 0, length, i);
            // the terms once into scratch with their maximum, so that no exp overflows:
            // log Σ exp(x) = m + log Σ exp(x − m), the exponentials in one VectorMath pass
            b.addStatement("double $N = $T.NEGATIVE_INFINITY", shift, Double.class);
            b.beginControlFlow("for (int $N = 0; $N < $L; $N++)", i, i, length, i);
            bindings(b, body, inner, names);
            b.addStatement("$L = $L", element, inner.reference(body.outputs().get(0)));
            b.addStatement("$N = $T.max($N, $L)", shift, Math.class, shift, element);
            b.endControlFlow();
            b.beginControlFlow("for (int $N = 0; $N < $L; $N++)", i, i, length, i);
            b.addStatement("$L -= $N", element, shift);
            b.endControlFlow();
            b.addStatement("$T.exp($N, 0, $N, 0, $L)", Names.VECTOR_MATH, exponentials, exponentials, length);
            b.addStatement("double $N = 0.0", sumExp);
            b.beginControlFlow("for (int $N = 0; $N < $L; $N++)", i, i, length, i);
            b.addStatement("$N += $L", sumExp, element);
            b.endControlFlow();
            if (valueRead || binding.exponentials() == null) {
                b.addStatement("double $N = $T.isInfinite($N) ? $N : $N + $T.log($N)", name, Double.class, shift,
                        shift, shift, Math.class, sumExp);
            }
            if (binding.exponentials() != null) {
                // softmax weights multiply by it: one division per row, not per element
                b.addStatement("double $N = 1.0 / $N", binding.inverseSum(), sumExp);
                java.softmaxFrom(r, exponentials, binding.inverseSum());
            }
            return;
        }
        if (r.kind() == Reduce.Kind.LOG_SUM_EXP) {
            String shift = binding.temporaries().get(0);
            String sumExp = binding.temporaries().get(1);
            // the running maximum first, so that no exp overflows: log Σ exp(x) = m + log Σ exp(x − m)
            b.addStatement("double $N = $T.NEGATIVE_INFINITY", shift, Double.class);
            loop(b, body, inner, names, java2 -> CodeBlock.of("$N = $T.max($N, $L)", shift, Math.class, shift,
                    java2.reference(body.outputs().get(0))));
            b.addStatement("double $N = 0.0", sumExp);
            loop(b, body, inner, names, java2 -> CodeBlock.of("$N += $T.exp($L - $N)", sumExp, Math.class,
                    java2.reference(body.outputs().get(0), JavaExpressions.additive() + 1), shift));
            b.addStatement("double $N = $T.isInfinite($N) ? $N : $N + $T.log($N)", name, Double.class, shift, shift,
                    shift, Math.class, sumExp);
            return;
        }
        CodeBlock product = InnerProducts.call(r, java);
        if (product != null) {
            b.addStatement("double $N = $L", name, product);
            return;
        }
        CodeBlock identity = JavaExpressions.literal(r.kind().identity());
        b.addStatement("double $N = $L", name, identity);
        loop(b, body, inner, names, java2 -> {
            CodeBlock value = java2.reference(body.outputs().get(0));
            return switch (r.kind()) {
                case SUM -> CodeBlock.of("$N += $L", name, value);
                case PRODUCT -> CodeBlock.of("$N *= $L", name, value);
                case MAX -> CodeBlock.of("$N = $T.max($N, $L)", name, Math.class, name, value);
                default -> CodeBlock.of("$N = $T.min($N, $L)", name, Math.class, name, value);
            };
        });
    }

    /** {@code for (int i = 0; i < xLength; i++) { temporaries; step; }}. */
    static void loop(CodeBlock.Builder b, Kernel body, JavaExpressions inner, LoopNames names,
            java.util.function.Function<JavaExpressions, CodeBlock> step) {
        List<io.gradgen.processor.ir.Apply> calls = StagedLoops.calls(body);
        if (!calls.isEmpty()) {
            StagedLoops.loop(b, body, inner, names, step, calls);
            return;
        }
        beginLoop(b, body.loop(), inner);
        bindings(b, body, inner, names);
        b.addStatement("$L", step.apply(inner));
        b.endControlFlow();
    }

    /** {@code for (int i = from; i < to; i++)}, the bounds integer expressions of the enclosing scope. */
    static void beginLoop(CodeBlock.Builder b, Kernel.Loop loop, JavaExpressions java) {
        String i = loop.indexName();
        b.beginControlFlow("for (int $N = $L; $N < $L; $N++)", i, java.integer(loop.from()), i,
                java.integer(loop.to()), i);
    }

    static Set<String> usedVariables(Kernel kernel) {
        Set<String> used = new HashSet<>();
        for (Expr e : Indices.nodes(kernel.outputs())) {
            if (e instanceof Var v) {
                used.add(v.name());
            }
        }
        return used;
    }

    /** factor × gradient, with a leading minus pulled to the front: {@code -scaleAt * dPred}. */
    static CodeBlock scaled(Expr gradient, JavaExpressions java, String factor) {
        boolean negated = gradient instanceof Apply a && a.op() == Op.NEG && !java.isNamed(gradient);
        Expr magnitude = negated ? ((Apply) gradient).arg(0) : gradient;
        return CodeBlock.of("$L$N * $L", negated ? "-" : "", factor,
                java.reference(magnitude, JavaExpressions.multiplicative() + 1));
    }

    /** The Java type of a {@code @Param} constant. */
    static TypeName constantType(LossParameter p) {
        return switch (p.kind()) {
            case CONSTANT_INT -> TypeName.INT;
            case CONSTANT_ROW -> ArrayTypeName.of(TypeName.DOUBLE);
            case CONSTANT_BOOLEAN -> TypeName.BOOLEAN;
            default -> TypeName.DOUBLE;
        };
    }
}
