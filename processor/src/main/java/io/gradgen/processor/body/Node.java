package io.gradgen.processor.body;

import io.gradgen.processor.ir.Op;
import java.util.List;

/**
 * An expression of a loss body as the reader resolved it: names are bound to parameters or locals,
 * calls to known operations or to {@code @Differentiable} helpers. Plain Java, no compiler types.
 */
public sealed interface Node {

    /** A numeric literal or a resolved compile-time constant ({@code Math.PI}, a {@code static final} field). */
    record Num(double value) implements Node {
    }

    /** A reference to a parameter or a local variable. */
    record Ref(String name) implements Node {
    }

    /** An operator, comparison, logical connective, or {@code Math}/{@code Functions} call. */
    record Call(Op op, List<Node> args) implements Node {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** {@code condition ? ifTrue : ifFalse}. */
    record Cond(Node condition, Node ifTrue, Node ifFalse) implements Node {
    }

    /** {@code row[index]}: an element of a {@code double[]} parameter. */
    record Elem(String row, Node index) implements Node {
    }

    /** {@code row.length}. */
    record Length(String row) implements Node {
    }

    /** A row function of {@code io.gradgen.Functions} ({@code sum(x)}, {@code dot(a, b)}) on row parameters. */
    record RowCall(RowFunction function, List<String> rows) implements Node {
        public RowCall {
            rows = List.copyOf(rows);
        }
    }

    /** A call of a {@code @Differentiable} helper, to be inlined. */
    record Invoke(Helper helper, List<Node> args) implements Node {
        public Invoke {
            args = List.copyOf(args);
        }
    }
}
