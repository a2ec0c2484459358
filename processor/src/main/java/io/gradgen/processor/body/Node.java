package io.gradgen.processor.body;

import io.gradgen.processor.ir.Op;
import java.util.List;

/**
 * An expression of a loss body as the reader resolved it: names are bound to parameters or locals,
 * calls to known operations or to {@code @Differentiable} helpers, and every expression has a type
 * the reader checked (a number, an integer, a boolean, or a row). Plain Java, no compiler types.
 */
public sealed interface Node {

    /** A numeric literal or a compile-time constant ({@code Math.PI}, a {@code static final} field). */
    record Num(double value) implements Node {
    }

    /** A reference to a parameter or a local: a number, an integer, a boolean or a row. */
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

    /** {@code array[index]}: an element of a row-valued expression (a row, {@code z[b]}, a local array). */
    record Elem(Node array, Node index) implements Node {
    }

    /** {@code array.length} of a row-valued expression ({@code x.length}, {@code z.length}, {@code z[b].length}). */
    record Length(Node array) implements Node {
    }

    /** {@code z[b]}: one row of a {@code double[][]} batch, itself a row. */
    record RowOf(Node matrix, Node index) implements Node {
    }

    /** A row function of {@code io.gradgen.Functions} ({@code sum(x)}, {@code dot(a, b)}) on row-valued arguments. */
    record RowCall(RowFunction function, List<Node> rows) implements Node {
        public RowCall {
            rows = List.copyOf(rows);
        }
    }

    /** A call of a {@code @Differentiable} helper, to be inlined; arguments are numbers or rows. */
    record Invoke(Helper helper, List<Node> args) implements Node {
        public Invoke {
            args = List.copyOf(args);
        }
    }

    /** {@code new double[length]}: a local row of zeros, to be filled in a loop. */
    record NewRow(Node length) implements Node {
    }

    /** A {@code static final} field read at run time (its value is not a compile-time constant). */
    record Field(String owner, String name, boolean integral) implements Node {
    }
}
