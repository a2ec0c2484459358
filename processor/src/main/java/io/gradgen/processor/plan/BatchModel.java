package io.gradgen.processor.plan;

import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.signature.LossParameter;
import io.gradgen.processor.signature.LossSignature;
import java.util.List;

/**
 * Everything the writer needs for a batch loss (one whose {@code double[][]} and {@code int[]}
 * parameters receive the whole batch), fully decided: the value computed once, and for each
 * {@code double[][]} input the kernel of one gradient row {@code ∂loss/∂z[b][·]}, run in parallel
 * over the rows {@code b}, each with the tables it reads.
 *
 * @param signature the loss's declaration
 * @param names the generated code's own variable names
 * @param value the kernel of the loss's value (one output, no loop)
 * @param valueTables the tables the value reads, filled before it
 * @param gradients one per {@code double[][]} input, in parameter order
 * @param formulas the derivation, for Javadoc
 * @param checks what the inputs must satisfy: equal row counts and lengths, labels inside rows
 * @param requirements the kernel of the body's own run-time conditions (one predicate each), or null
 * @param requirementTexts what each requirement reads, in the user's code
 */
public record BatchModel(LossSignature signature, LoopNames names, Kernel value, List<PlannedTable> valueTables,
        List<BatchGradient> gradients, Formulas formulas, BatchChecks checks, Kernel requirements,
        List<String> requirementTexts) {
    public BatchModel {
        valueTables = List.copyOf(valueTables);
        gradients = List.copyOf(gradients);
        requirementTexts = List.copyOf(requirementTexts);
    }

    /**
     * Tables filled by one loop (or one number), with the kernel of their entries: tables over the
     * same range share the loop, and the subexpressions their entries have in common.
     *
     * @param tables what they hold, all over one range (or numbers)
     * @param body the kernel of one entry of each (no loop; the index is named {@code indexName}),
     *     one output per table
     * @param indexName the Java name of the index of the loop that fills them, or null for numbers
     */
    public record PlannedTable(List<Table> tables, Kernel body, String indexName) {
        public PlannedTable {
            tables = List.copyOf(tables);
        }

        /** The first table: its range is the loop's. */
        public Table table() {
            return tables.get(0);
        }
    }

    /**
     * The gradient of one {@code double[][]} input.
     *
     * @param input the parameter
     * @param derivative ∂loss/∂z[b][j], as simplified (for the formulas)
     * @param row the row index {@code b}, free in the per-row kernel
     * @param rowName the Java name of the row index {@code b}
     * @param columnName the Java name of the column index {@code j}
     * @param sharedTables tables filled once for the whole batch, before the rows
     * @param rowTables tables filled once per row, before its columns
     * @param kernel the per-row kernel: its top level runs once per row, {@code rows().get(0)} is the
     *     loop over the row's columns, whose single output is the gradient element
     * @param columnSums the sums over the batch in the column loop that run interchanged, rows outside
     */
    public record BatchGradient(LossParameter input, Expr derivative, io.gradgen.processor.ir.Idx row, String rowName,
            String columnName, List<PlannedTable> sharedTables, List<PlannedTable> rowTables, Kernel kernel,
            List<ColumnSum> columnSums) {
        public BatchGradient {
            sharedTables = List.copyOf(sharedTables);
            rowTables = List.copyOf(rowTables);
            columnSums = List.copyOf(columnSums);
        }
    }
}
