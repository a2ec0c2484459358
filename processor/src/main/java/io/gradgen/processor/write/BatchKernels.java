package io.gradgen.processor.write;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import io.gradgen.processor.ir.Const;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.plan.BatchModel;
import io.gradgen.processor.plan.BatchModel.PlannedTable;
import io.gradgen.processor.plan.Kernel;
import io.gradgen.processor.plan.LoopNames;
import io.gradgen.processor.plan.RowChecks;
import io.gradgen.processor.signature.InputKind;
import io.gradgen.processor.signature.LossParameter;
import io.gradgen.processor.signature.LossSignature;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The pieces the forward and backward of a batch loss share: the arguments every kernel method
 * takes (each batch's data, row count and row length, each label array, each {@code @Param}), the
 * loading of inputs from tensors, and the loops that fill tables.
 */
final class BatchKernels {
    private final BatchModel model;
    private final LossSignature s;
    private final LoopNames names;
    private final RowChecks noRows;

    BatchKernels(BatchModel model) {
        this.model = model;
        this.s = model.signature();
        this.names = model.names();
        this.noRows = RowChecks.of(new Const(0), List.of());
    }

    /** Renders one kernel's expressions. */
    JavaExpressions java(Kernel kernel) {
        return new JavaExpressions(kernel.names(), names, noRows);
    }

    /** {@code double[] z1Data, int z1Rows, int z1Length, ..., int[] labelsData, ..., double temperature}. */
    List<ParameterSpec> inputParameters() {
        List<ParameterSpec> params = new ArrayList<>();
        for (LossParameter p : s.tensorInputs()) {
            String data = names.data().get(p.name());
            if (p.kind() == InputKind.MATRIX) {
                params.add(ParameterSpec.builder(ArrayTypeName.of(TypeName.DOUBLE), data).build());
                params.add(ParameterSpec.builder(TypeName.INT, names.rows().get(p.name())).build());
                params.add(ParameterSpec.builder(TypeName.INT, names.lengths().get(p.name())).build());
            } else {
                params.add(ParameterSpec.builder(ArrayTypeName.of(TypeName.INT), data).build());
            }
        }
        for (LossParameter c : s.constants()) {
            params.add(ParameterSpec.builder(KernelWriter.constantType(c), c.name()).build());
        }
        return params;
    }

    List<String> inputArguments() {
        return inputParameters().stream().map(ParameterSpec::name).toList();
    }

    /** {@code double[] lseTable} or {@code double shared} for each table. */
    static List<ParameterSpec> tableParameters(List<PlannedTable> tables) {
        List<ParameterSpec> params = new ArrayList<>();
        for (PlannedTable group : tables) {
            for (var t : group.tables()) {
                TypeName type = t.isRow() ? ArrayTypeName.of(TypeName.DOUBLE) : TypeName.DOUBLE;
                params.add(ParameterSpec.builder(type, t.var().name()).build());
            }
        }
        return params;
    }

    static List<String> tableArguments(List<PlannedTable> tables) {
        return tables.stream().flatMap(g -> g.tables().stream()).map(t -> t.var().name()).toList();
    }

    /**
     * From the tensors to the kernels' arguments: {@code int z1Rows = BatchSupport.rows(...)}, the
     * data arrays, the labels converted to {@code int[]}.
     */
    void loadInputs(MethodSpec.Builder m, CodeBlock lossName) {
        for (LossParameter p : s.tensorInputs()) {
            String data = names.data().get(p.name());
            if (p.kind() == InputKind.MATRIX) {
                m.addStatement("int $N = $T.rows($L, $S, $N)", names.rows().get(p.name()), Names.BATCH_SUPPORT,
                        lossName, p.name(), p.name());
                m.addStatement("int $N = $T.rowLength($N)", names.lengths().get(p.name()), Names.BATCH_SUPPORT,
                        p.name());
                m.addStatement("double[] $N = $T.data($N)", data, Names.SUPPORT_BATCH, p.name());
            } else {
                m.addStatement("int[] $N = $T.labels($L, $S, $N)", data, Names.BATCH_SUPPORT, lossName, p.name(),
                        p.name());
            }
        }
    }

    /** Equal extents where one loop reads two arrays, and labels inside the rows they index. */
    void checks(MethodSpec.Builder m, String nameField) {
        for (var same : model.checks().sameExtents()) {
            String first = same.first().name();
            String second = same.second().name();
            m.addStatement("$T.checkSameExtent($N, $S, $L, $S, $L, $L)", Names.BATCH_SUPPORT, nameField, first,
                    extent(first, same.axis()), second, extent(second, same.axis()), same.axis());
        }
        for (var bound : model.checks().labelBounds()) {
            String rows = bound.rows().name();
            m.addStatement("$T.checkLabels($N, $S, $N, $S, $L)", Names.BATCH_SUPPORT, nameField,
                    bound.labels().name(), names.data().get(bound.labels().name()), rows, extent(rows, 0));
        }
    }

    /** The extent of an array along an axis: {@code z1Rows}, {@code z1Length}, {@code labelsData.length}. */
    private CodeBlock extent(String array, int axis) {
        if (axis == 0 && names.rows().containsKey(array)) {
            return CodeBlock.of("$N", names.rows().get(array));
        }
        if (axis == 1) {
            return CodeBlock.of("$N", names.lengths().get(array));
        }
        String data = names.data().get(array);
        return CodeBlock.of("$N.length", data != null ? data : array);
    }

    /** {@code checkRequirements(...)}: the body's own conditions on its inputs, checked once. */
    MethodSpec requirementsMethod(String nameField) {
        Kernel kernel = model.requirements();
        JavaExpressions java = java(kernel);
        CodeBlock.Builder body = CodeBlock.builder();
        StagedLoops.declareScratch(body, List.of(kernel), names);
        KernelWriter.bindings(body, kernel, java, names);
        for (int k = 0; k < kernel.outputs().size(); k++) {
            body.beginControlFlow("if (!($L))", java.reference(kernel.outputs().get(k)))
                    .addStatement("throw $T.unmet($N, $S)", Names.BATCH_SUPPORT, nameField,
                            model.requirementTexts().get(k))
                    .endControlFlow();
        }
        return MethodSpec.methodBuilder("checkRequirements")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addJavadoc("Checks what the loss's body needs of its inputs.\n")
                .addParameters(inputParameters())
                .addCode(body.build())
                .build();
    }

    /**
     * Fills tables in order, inline: {@code for (int a = 0; a < z1Rows; a++) { ...; lseTable[a] = ...; }}
     * or {@code double shared = ...}. Tables are declared by the caller.
     */
    void fill(CodeBlock.Builder b, List<PlannedTable> tables) {
        for (PlannedTable t : tables) {
            JavaExpressions java = java(t.body());
            if (!t.table().isRow()) {
                b.add("{\n$>");
                KernelWriter.bindings(b, t.body(), java, names);
                for (int k = 0; k < t.tables().size(); k++) {
                    b.addStatement("$N = $L", t.tables().get(k).var().name(),
                            java.reference(t.body().outputs().get(k)));
                }
                b.add("$<}\n");
                continue;
            }
            fillRange(b, t, java, CodeBlock.of("$L", java.integer(t.table().from())),
                    CodeBlock.of("$L", java.integer(t.table().to())));
        }
    }

    /** {@code for (int a = from; a < to; a++) { bindings; table[a − first] = entry; }}. */
    void fillRange(CodeBlock.Builder b, PlannedTable t, JavaExpressions java, CodeBlock from, CodeBlock to) {
        String i = t.indexName();
        Expr first = t.table().from();
        b.beginControlFlow("for (int $N = $L; $N < $L; $N++)", i, from, i, to, i);
        KernelWriter.bindings(b, t.body(), java, names);
        CodeBlock slot = first instanceof Const c && c.value() == 0 ? CodeBlock.of("$N", i)
                : CodeBlock.of("$N - ($L)", i, java.integer(first));
        for (int k = 0; k < t.tables().size(); k++) {
            b.addStatement("$N[$L] = $L", t.tables().get(k).var().name(), slot,
                    java.reference(t.body().outputs().get(k)));
        }
        b.endControlFlow();
    }

    /**
     * The first {@code Scratch} slot of the tables a kernel method keeps for itself: clear of slot 0
     * (staged loops) and of the slots after it (a log-sum-exp's exponentials).
     */
    static final int FIRST_TABLE_SLOT = 64;

    /**
     * {@code double[] lseTable = Scratch.get(slot, to - from);} or {@code double shared;} for each
     * table of a group. A table one thread fills and reads within one call (a kernel method's own)
     * is that thread's reusable array, so that a training step allocates nothing for it; its entries
     * are all written before they are read, as a fresh array's would be. A table other threads read
     * ({@code slots} null) is a fresh array, {@code new double[to - from]}.
     *
     * @param slots the next free {@code Scratch} slot, advanced past the tables declared; null for fresh arrays
     */
    void declare(CodeBlock.Builder b, PlannedTable t, int[] slots) {
        JavaExpressions java = java(t.body());
        for (var table : t.tables()) {
            if (!table.isRow()) {
                b.addStatement("double $N", table.var().name());
            } else if (slots == null) {
                b.addStatement("double[] $N = new double[$L]", table.var().name(), size(t, java));
            } else {
                b.addStatement("double[] $N = $T.get($L, $L)", table.var().name(), Names.SCRATCH, slots[0]++,
                        size(t, java));
            }
        }
    }

    /** The number of entries of a row table. */
    static CodeBlock size(PlannedTable t, JavaExpressions java) {
        Expr from = t.table().from();
        return from instanceof Const c && c.value() == 0 ? java.integer(t.table().to())
                : CodeBlock.of("$L - ($L)", java.integer(t.table().to()), java.integer(from));
    }

    /** Whether a per-row table's range moves with the row, so it is sized per row. */
    static boolean sizedPerRow(PlannedTable t, io.gradgen.processor.ir.Idx row) {
        return !t.table().isRow() || io.gradgen.processor.ir.Indices.dependsOn(t.table().from(), row)
                || io.gradgen.processor.ir.Indices.dependsOn(t.table().to(), row);
    }

    /** The work of one row of a batch, for deciding to go parallel: every batch's elements. */
    CodeBlock workPerRow() {
        List<CodeBlock> terms = new ArrayList<>();
        for (LossParameter p : s.tensorInputs()) {
            if (p.kind() == InputKind.MATRIX) {
                terms.add(CodeBlock.of("(long) $N * $N", names.rows().get(p.name()), names.lengths().get(p.name())));
            }
        }
        return CodeBlock.join(terms, " + ");
    }
}
