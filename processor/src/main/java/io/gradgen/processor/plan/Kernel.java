package io.gradgen.processor.plan;

import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Idx;
import io.gradgen.processor.ir.Reduce;
import io.gradgen.processor.ir.Var;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of a generated loop: named temporaries in dependency order, then the outputs. The
 * outermost kernel runs once per batch position ({@link #loop()} is null); a reduction's kernel runs
 * once per element of a row; a row gradient's kernel once per element of the gradient row.
 *
 * @param loop the loop this kernel is the body of, or null for the per-position kernel
 * @param bindings temporaries, each used by later ones or by the outputs
 * @param names the variable name of every subexpression bound here (and of the loop index)
 * @param outputs the expressions the loop stores, in order
 * @param rows for each output, null when it is a scalar, else the kernel of the loop over the row
 *     it is an element of (whose single output is that element)
 */
public record Kernel(Loop loop, List<Binding> bindings, Map<Expr, String> names, List<Expr> outputs, List<Kernel> rows) {
    public Kernel {
        bindings = List.copyOf(bindings);
        names = Collections.unmodifiableMap(new LinkedHashMap<>(names));
        outputs = List.copyOf(outputs);
        rows = Collections.unmodifiableList(new ArrayList<>(rows));
    }

    /**
     * {@code for (int indexName = from; indexName < to; indexName++)}.
     *
     * @param index the IR index the loop binds
     * @param indexName its Java name
     * @param from the first index, an integer expression of the enclosing scope
     * @param to the end, exclusive
     */
    public record Loop(Idx index, String indexName, Expr from, Expr to) {

        /** The loop over a whole row, {@code [0, row.length)}. */
        public static Loop overRow(Idx index, String indexName, Var row) {
            return new Loop(index, indexName, new io.gradgen.processor.ir.Const(0), new io.gradgen.processor.ir.Length(row));
        }

        /** The loop of a reduction. */
        static Loop of(Reduce r, String indexName) {
            return new Loop(r.index(), indexName, r.from(), r.to());
        }
    }
}
