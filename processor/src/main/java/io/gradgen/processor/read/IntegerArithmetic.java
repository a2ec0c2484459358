package io.gradgen.processor.read;

import io.gradgen.processor.body.Node;
import io.gradgen.processor.ir.Op;

/**
 * Folds arithmetic on two int constants with Java's int semantics ({@code 1 / 2} is 0, overflow
 * wraps), so that the generated loss computes exactly what the user's method computes.
 */
final class IntegerArithmetic {
    private IntegerArithmetic() {
    }

    static Typed fold(Op op, Typed l, Typed r) {
        if (!(l.node() instanceof Node.Num a) || !(r.node() instanceof Node.Num b)) {
            return null;
        }
        int x = (int) a.value();
        int y = (int) b.value();
        Integer v = switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> y == 0 ? null : x / y;
            default -> null;
        };
        return v == null ? null : new Typed(new Node.Num(v), ValueType.INT);
    }
}
