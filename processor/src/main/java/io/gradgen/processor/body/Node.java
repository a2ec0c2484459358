package io.gradgen.processor.body;

import io.gradgen.processor.symbolic.Op;
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

    /** A call of a {@code @Differentiable} helper, to be inlined. */
    record Invoke(Helper helper, List<Node> args) implements Node {
        public Invoke {
            args = List.copyOf(args);
        }
    }
}
