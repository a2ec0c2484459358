package io.gradgen.processor.write;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.plan.BatchModel;
import io.gradgen.processor.plan.BatchModel.BatchGradient;
import io.gradgen.processor.plan.BatchModel.PlannedTable;
import io.gradgen.processor.plan.ColumnSum;
import io.gradgen.processor.plan.Kernel;
import io.gradgen.processor.plan.LoopNames;
import io.gradgen.processor.plan.NameAllocator;
import io.gradgen.processor.signature.LossParameter;
import io.gradgen.processor.signature.LossSignature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/**
 * Writes the backward node of a batch loss. For each {@code double[][]} input it fills the tables
 * shared by the whole batch, then runs the gradient's rows in parallel ({@code BatchSupport.forRows}:
 * fixed chunks, the same bits for any thread count), each row filling its own tables before its
 * elements {@code ∂loss/∂z[b][j]}.
 */
final class BatchBackwardWriter {

    private final BatchModel model;
    private final LossSignature s;
    private final LoopNames names;
    private final BatchKernels kernels;
    private final String gradOutput;
    private final Map<String, String> versionFields = new LinkedHashMap<>();

    BatchBackwardWriter(BatchModel model) {
        this.model = model;
        this.s = model.signature();
        this.names = model.names();
        this.kernels = new BatchKernels(model);
        NameAllocator taken = GeneratedMembers.reservedNames(s, names);
        gradOutput = taken.allocate("gradOutput");
        for (LossParameter p : s.tensorInputs()) {
            versionFields.put(p.name(), taken.allocate(p.name() + "Version"));
        }
    }

    TypeSpec write(Element origin, boolean annotateGenerated) {
        TypeSpec.Builder type = TypeSpec.classBuilder(s.backwardName())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(Names.BACKWARD_FUNCTION)
                .addJavadoc(CodeBlock.builder()
                        .add("The hand-derived backward of {@link $L}, $L $L.\n", s.lossName(), GeneratedMarker.JAVADOC,
                                Javadocs.source(s))
                        .add("\n<p>Each gradient element, scaled by the upstream gradient:\n")
                        .add(Javadocs.pre(model.formulas().gradientDefinitions(), model.formulas().gradients()))
                        .build())
                .addOriginatingElement(origin);
        if (annotateGenerated) {
            type.addAnnotation(ForwardWriter.generated());
        }
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
        GeneratedMembers.savedInputs(type, constructor, s, versionFields);
        type.addMethod(constructor.build());
        GeneratedMembers.nameAndInputs(type, s);
        type.addMethod(GeneratedMembers.derivation(String.join("\n", model.formulas().gradientDefinitions())
                + (model.formulas().gradientDefinitions().isEmpty() ? "" : "\n\n")
                + String.join("\n", model.formulas().gradients()) + "\n"));
        type.addMethod(apply());
        for (BatchGradient g : model.gradients()) {
            type.addMethod(rowsMethod(g));
            for (PlannedTable t : g.sharedTables()) {
                if (t.table().isRow()) {
                    type.addMethod(fillMethod(g, t));
                }
            }
        }
        return type.build();
    }

    private MethodSpec apply() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("apply")
                .addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(ArrayTypeName.of(Names.TENSOR))
                .addParameter(Names.TENSOR, gradOutput);
        GeneratedMembers.checkVersions(m, s, versionFields);
        kernels.loadInputs(m, CodeBlock.of("$S", s.lossName()));
        m.addStatement("double $N = $N.item()", names.scale(), gradOutput);
        List<String> inputArgs = kernels.inputArguments();
        for (BatchGradient g : model.gradients()) {
            LossParameter p = g.input();
            String grad = names.grads().get(p.name());
            m.addStatement("double[] $N = $N.requiresGrad() ? $T.gradientBuffer($N) : null", grad, p.name(),
                    Names.SUPPORT_RESULTS, p.name());
            m.beginControlFlow("if ($N != null)", grad);
            CodeBlock.Builder shared = CodeBlock.builder();
            // the numbers filled here, in apply itself, may stage their loops in scratch
            StagedLoops.declareScratch(shared, g.sharedTables().stream().filter(t -> !t.table().isRow())
                    .map(PlannedTable::body).toList(), names);
            for (PlannedTable t : g.sharedTables()) {
                kernels.declare(shared, t, null); // read by the fill methods' threads: fresh arrays
                if (t.table().isRow()) {
                    // a table over the batch costs as much as the gradient: filled in parallel too
                    List<String> args = new ArrayList<>(inputArgs);
                    args.addAll(BatchKernels.tableArguments(earlier(g.sharedTables(), t)));
                    args.addAll(BatchKernels.tableArguments(List.of(t)));
                    shared.addStatement("$T.forRows($N.length, $L, $L)", Names.BATCH_SUPPORT, t.table().var().name(),
                            kernels.workPerRow(), KernelWriter.chunkLambda(names, fillName(g, t), args));
                } else {
                    kernels.fill(shared, List.of(t));
                }
            }
            m.addCode(shared.build());
            List<String> args = new ArrayList<>(inputArgs);
            args.addAll(BatchKernels.tableArguments(g.sharedTables()));
            args.add(names.scale());
            args.add(grad);
            m.addStatement("$T.forRows($N, $L, $L)", Names.BATCH_SUPPORT, names.rows().get(p.name()), kernels.workPerRow(),
                    KernelWriter.chunkLambda(names, rowsName(g), args));
            m.endControlFlow();
        }
        GeneratedMembers.returnGradients(m, s, names.grads());
        return m.build();
    }

    private static List<PlannedTable> earlier(List<PlannedTable> tables, PlannedTable t) {
        return tables.subList(0, tables.indexOf(t));
    }

    private String rowsName(BatchGradient g) {
        return "gradient" + NameAllocator.capitalize(g.input().name());
    }

    private static String fillName(BatchGradient g, PlannedTable t) {
        return "fill" + NameAllocator.capitalize(g.input().name()) + NameAllocator.capitalize(t.table().var().name());
    }

    /** Fills entries {@code [from, to)} of a table shared by the batch (positions in the table). */
    private MethodSpec fillMethod(BatchGradient g, PlannedTable t) {
        JavaExpressions java = kernels.java(t.body());
        CodeBlock.Builder body = CodeBlock.builder();
        StagedLoops.declareScratch(body, List.of(t.body()), names);
        Expr first = t.table().from();
        boolean zero = first instanceof io.gradgen.processor.ir.Const c && c.value() == 0;
        kernels.fillRange(body, t, java, zero ? CodeBlock.of("$N", names.from())
                        : CodeBlock.of("$N + ($L)", names.from(), java.integer(first)),
                zero ? CodeBlock.of("$N", names.to()) : CodeBlock.of("$N + ($L)", names.to(), java.integer(first)));
        return MethodSpec.methodBuilder(fillName(g, t))
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addJavadoc("Fills the entries {@code [$N, $N)} of {@code $L}.\n", names.from(), names.to(),
                        String.join("}, {@code ", BatchKernels.tableArguments(List.of(t))))
                .addParameters(kernels.inputParameters())
                .addParameters(BatchKernels.tableParameters(earlier(g.sharedTables(), t)))
                .addParameters(BatchKernels.tableParameters(List.of(t)))
                .addParameters(KernelWriter.rangeParameters(names))
                .addCode(body.build())
                .build();
    }

    /** Adds {@code scale · ∂loss/∂z[b][j]} for the rows {@code [from, to)} into the gradient array. */
    private MethodSpec rowsMethod(BatchGradient g) {
        LossParameter p = g.input();
        String grad = names.grads().get(p.name());
        String length = names.lengths().get(p.name());
        Kernel kernel = g.kernel();
        JavaExpressions java = kernels.java(kernel);
        CodeBlock.Builder body = CodeBlock.builder();
        Kernel columns = kernel.rows().get(0);
        // with its sums over the batch read from accumulators, the column loop may stage its calls
        Kernel columnLoop = ColumnSum.readingAccumulators(columns, g.columnSums());
        List<Kernel> all = new ArrayList<>();
        g.rowTables().forEach(t -> all.add(t.body()));
        all.add(kernel);
        all.add(columnLoop);
        StagedLoops.declareScratch(body, all, names);
        int[] slots = {BatchKernels.FIRST_TABLE_SLOT};
        for (PlannedTable t : g.rowTables()) {
            if (!BatchKernels.sizedPerRow(t, g.row())) {
                kernels.declare(body, t, slots); // once per chunk, refilled for every row
            }
        }
        for (ColumnSum sum : g.columnSums()) {
            body.addStatement("double[] $N = $T.get($L, $L)", sum.accumulator(), Names.SCRATCH, slots[0]++,
                    java.integer(columns.loop().to()));
        }
        String b = g.rowName();
        body.beginControlFlow("for (int $N = $N; $N < $N; $N++)", b, names.from(), b, names.to(), b);
        for (PlannedTable t : g.rowTables()) {
            if (BatchKernels.sizedPerRow(t, g.row())) {
                kernels.declare(body, t, slots);
            }
        }
        kernels.fill(body, g.rowTables());
        KernelWriter.bindings(body, kernel, java, names);
        JavaExpressions inColumns = java.inner(columns.names());
        g.columnSums().forEach(sum -> ColumnSums.write(body, sum, columns, inColumns));
        Expr gradient = kernel.outputs().get(0);
        String j = columns.loop().indexName();
        KernelWriter.loop(body, columnLoop, inColumns, names, java2 -> CodeBlock.of(
                "$N[$N * $N + $N] += $L", grad, b, length, j, KernelWriter.scaled(gradient, java2, names.scale())));
        body.endControlFlow();
        return MethodSpec.methodBuilder(rowsName(g))
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addJavadoc("Adds the rows {@code [$N, $N)} of the gradient of {@code $L}, scaled by {@code $N}.\n",
                        names.from(), names.to(), p.name(), names.scale())
                .addParameters(kernels.inputParameters())
                .addParameters(BatchKernels.tableParameters(g.sharedTables()))
                .addParameter(TypeName.DOUBLE, names.scale())
                .addParameter(ParameterSpec.builder(ArrayTypeName.of(TypeName.DOUBLE), grad).build())
                .addParameters(KernelWriter.rangeParameters(names))
                .addCode(body.build())
                .build();
    }
}
