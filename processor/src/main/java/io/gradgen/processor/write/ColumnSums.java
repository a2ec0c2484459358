package io.gradgen.processor.write;

import com.palantir.javapoet.CodeBlock;
import io.gradgen.processor.ir.Apply;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Indices;
import io.gradgen.processor.ir.Op;
import io.gradgen.processor.plan.Binding;
import io.gradgen.processor.plan.ColumnSum;
import io.gradgen.processor.plan.Kernel;

/**
 * Writes a {@link ColumnSum}: the loop over the sum's terms outside, the loop over the columns
 * inside, each term added into its column's accumulator,
 * <pre>{@code
 * Arrays.fill(totalColumns, 0, z1Length, 0.0);
 * for (int b = 0; b < z2Rows; b++) {
 *     double w = wTable[b];                      // the term's own numbers, once per b
 *     for (int j = 0; j < z1Length; j++) {
 *         totalColumns[j] += w * z2Data[b * z2Length + j];
 *     }
 * }
 * }</pre>
 */
final class ColumnSums {
    private ColumnSums() {
    }

    /**
     * @param inColumns the renderer of the column loop's kernel (the row's names and the column's)
     */
    static void write(CodeBlock.Builder b, ColumnSum sum, Kernel columns, JavaExpressions inColumns) {
        Kernel terms = sum.terms();
        JavaExpressions inTerms = inColumns.inner(terms.names());
        // a reused array may be longer than the row: only its first entries, one per column, are the sums
        b.addStatement("$T.fill($N, 0, $L, 0.0)", java.util.Arrays.class, sum.accumulator(),
                inColumns.integer(columns.loop().to()));
        KernelWriter.beginLoop(b, terms.loop(), inColumns);
        for (Binding t : sum.rowBindings()) {
            KernelWriter.binding(b, t, inTerms);
        }
        CodeBlock axpy = axpy(sum, columns, inTerms);
        if (axpy != null) {
            b.addStatement("$L", axpy);
            b.endControlFlow();
            return;
        }
        KernelWriter.beginLoop(b, columns.loop(), inColumns);
        for (Binding c : sum.columnBindings()) {
            KernelWriter.binding(b, c, inColumns);
        }
        for (Binding t : sum.elementBindings()) {
            KernelWriter.binding(b, t, inTerms);
        }
        b.addStatement("$N[$N] += $L", sum.accumulator(), columns.loop().indexName(),
                inTerms.reference(terms.outputs().get(0)));
        b.endControlFlow();
        b.endControlFlow();
    }

    /**
     * {@code VectorMath.axpy(w, zData, b * zLength, totalColumns, 0, length)} when each term is a
     * row element times a number of the term's row ({@code z[b][j] · w_b}), else null.
     */
    private static CodeBlock axpy(ColumnSum sum, Kernel columns, JavaExpressions inTerms) {
        Kernel.Loop loop = columns.loop(); // from 0, as ColumnSum requires
        if (!sum.columnBindings().isEmpty() || !sum.elementBindings().isEmpty()
                || !(sum.terms().outputs().get(0) instanceof Apply product) || product.op() != Op.MUL) {
            return null;
        }
        for (int k = 0; k < 2; k++) {
            Expr weight = product.arg(1 - k);
            CodeBlock[] row = inTerms.batchRowAlong(product.arg(k), loop.index());
            if (row != null && !Indices.dependsOn(weight, loop.index())) {
                return CodeBlock.of("$T.axpy($L, $L, $L, $N, 0, $L)", Names.VECTOR_MATH, inTerms.reference(weight),
                        row[0], row[1], sum.accumulator(), inTerms.integer(loop.to()));
            }
        }
        return null;
    }
}
