package io.gradgen.processor.write;

import com.palantir.javapoet.CodeBlock;
import io.gradgen.processor.plan.Binding;
import io.gradgen.processor.plan.ColumnSum;
import io.gradgen.processor.plan.Kernel;

/**
 * Writes a {@link ColumnSum}: the loop over the sum's terms outside, the loop over the columns
 * inside, each term added into its column's accumulator,
 * <pre>{@code
 * Arrays.fill(totalColumns, 0.0);
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
        b.addStatement("$T.fill($N, 0.0)", java.util.Arrays.class, sum.accumulator());
        KernelWriter.beginLoop(b, terms.loop(), inColumns);
        for (Binding t : sum.rowBindings()) {
            KernelWriter.binding(b, t, inTerms);
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
}
