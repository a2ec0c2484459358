package io.gradgen.processor.read;

import io.gradgen.processor.body.Node;
import java.util.Set;

/**
 * The accumulation forms a loop may apply to a local declared before it: {@code s + e},
 * {@code e + s}, {@code s - e}, {@code s * e}, {@code e * s}, {@code Math.max(s, e)} and
 * {@code Math.min(s, e)} either way round.
 */
final class Accumulations {
    private Accumulations() {
    }

    /** The {@code e} that {@code value} accumulates into {@code target}, or null when it is no accumulation. */
    static Node increment(String target, Node value) {
        if (!(value instanceof Node.Call c) || c.args().size() != 2) {
            return null;
        }
        boolean leftIsTarget = isRef(c.args().get(0), target);
        boolean rightIsTarget = isRef(c.args().get(1), target);
        return switch (c.op()) {
            case ADD, MUL, MAX, MIN, LOG_ADD_EXP -> leftIsTarget ? c.args().get(1) : rightIsTarget ? c.args().get(0) : null;
            case SUB -> leftIsTarget ? c.args().get(1) : null;
            default -> null;
        };
    }

    /** Whether {@code n} reads any of {@code names}. */
    static boolean reads(Node n, Set<String> names) {
        if (n instanceof Node.Ref r) {
            return names.contains(r.name());
        }
        if (n instanceof Node.Call c) {
            return c.args().stream().anyMatch(a -> reads(a, names));
        }
        if (n instanceof Node.Cond c) {
            return reads(c.condition(), names) || reads(c.ifTrue(), names) || reads(c.ifFalse(), names);
        }
        if (n instanceof Node.Elem e) {
            return reads(e.index(), names);
        }
        if (n instanceof Node.Invoke i) {
            return i.args().stream().anyMatch(a -> reads(a, names));
        }
        return false;
    }

    private static boolean isRef(Node n, String name) {
        return n instanceof Node.Ref r && r.name().equals(name);
    }
}
