package io.gradgen.processor.read;

import io.gradgen.processor.body.Node;
import io.gradgen.processor.ir.Op;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Proves, where it can, that an element {@code x[e]} read in loops stays inside {@code x}: the
 * index, the loop bounds and the length are linear integer forms over atoms (lengths, labels,
 * {@code int} parameters), each loop variable replaced by the end of its range that makes the index
 * smallest or largest. Lengths are never negative; nothing else is assumed. The verdict is proven,
 * refuted (a read outside for every input that runs the loop), or a condition to check at run time
 * over the atoms alone.
 */
final class IndexBounds {

    /** What the reader knows of an integer name: a loop variable's range, or an int local's definition. */
    interface Facts {
        /** {@code [from, to)} of a loop variable in scope, or null. */
        Node[] loopRange(String name);

        /** The expression an {@code int} local holds, when it is assigned once, or null. */
        Node definition(String name);
    }

    /** The verdict on one element read. */
    sealed interface Verdict {
    }

    record Proven() implements Verdict {
    }

    /** @param side where the reads leave the array: "before its start" or "past its end" */
    record Refuted(String side) implements Verdict {
    }

    /** @param condition the requirement, over lengths, labels and constants only */
    record RunTime(Node condition) implements Verdict {
    }

    /** A linear form {@code constant + Σ coefficient·atom}; atoms are identified by their text. */
    private record Linear(long constant, Map<String, Long> terms, Map<String, Node> atoms) {
        static Linear of(long c) {
            return new Linear(c, Map.of(), Map.of());
        }

        static Linear atom(String key, Node node) {
            return new Linear(0, Map.of(key, 1L), Map.of(key, node));
        }

        Linear plus(Linear o, long sign) {
            Map<String, Long> t = new LinkedHashMap<>(terms);
            Map<String, Node> a = new LinkedHashMap<>(atoms);
            o.terms.forEach((k, v) -> t.merge(k, sign * v, Long::sum));
            a.putAll(o.atoms);
            t.values().removeIf(v -> v == 0);
            return new Linear(constant + sign * o.constant, t, a);
        }

        Linear times(long k) {
            Map<String, Long> t = new LinkedHashMap<>();
            terms.forEach((key, v) -> t.put(key, v * k));
            t.values().removeIf(v -> v == 0);
            return new Linear(constant * k, t, atoms);
        }

        boolean isConstant() {
            return terms.isEmpty();
        }

        Linear without(String key) {
            Map<String, Long> t = new LinkedHashMap<>(terms);
            t.remove(key);
            return new Linear(constant, t, atoms);
        }
    }

    private final Facts facts;

    IndexBounds(Facts facts) {
        this.facts = facts;
    }

    /**
     * Whether {@code array[index]} stays inside the array in every iteration of the loops around it.
     *
     * @param index the index expression
     * @param length the array's length, {@code x.length}
     */
    Verdict check(Node index, Node length) {
        Linear f = linear(index);
        Linear len = linear(length);
        if (f == null || len == null) {
            return null;
        }
        List<Node> nonEmpty = new ArrayList<>();
        Linear lo = extreme(f, true, nonEmpty);
        Linear hi = extreme(f, false, nonEmpty);
        if (lo == null || hi == null) {
            return null;
        }
        Linear aboveStart = lo;                          // lo ≥ 0
        Linear beforeEnd = len.plus(hi, -1).plus(Linear.of(1), -1); // len − 1 − hi ≥ 0
        Boolean startOk = sign(aboveStart);
        Boolean endOk = sign(beforeEnd);
        if (Boolean.FALSE.equals(startOk)) {
            return new Refuted("before its start");
        }
        if (Boolean.FALSE.equals(endOk)) {
            return new Refuted("past its end");
        }
        if (Boolean.TRUE.equals(startOk) && Boolean.TRUE.equals(endOk)) {
            return new Proven();
        }
        Node condition = and(ge(node(aboveStart)), ge(node(beforeEnd)));
        for (Node range : nonEmpty) {
            condition = new Node.Call(Op.OR, List.of(new Node.Call(Op.NOT, List.of(range)), condition));
        }
        return new RunTime(condition);
    }

    /** {@code f} with every loop variable replaced by the end of its range that minimises (or maximises) it. */
    private Linear extreme(Linear f, boolean minimise, List<Node> nonEmpty) {
        Linear out = f;
        for (int round = 0; round < 16; round++) {
            String loopVar = null;
            for (String key : out.terms.keySet()) {
                if (key.startsWith("loop:")) {
                    loopVar = key;
                    break;
                }
            }
            if (loopVar == null) {
                return out;
            }
            String name = loopVar.substring("loop:".length());
            Node[] range = facts.loopRange(name);
            long coef = out.terms.get(loopVar);
            Linear from = linear(range[0]);
            Linear to = linear(range[1]);
            if (from == null || to == null) {
                return null;
            }
            Node nonEmptyRange = new Node.Call(Op.LT, List.of(range[0], range[1]));
            if (!nonEmpty.contains(nonEmptyRange)) {
                nonEmpty.add(nonEmptyRange);
            }
            Linear end = (coef > 0) == minimise ? from : to.plus(Linear.of(1), -1);
            out = out.without(loopVar).plus(end.times(coef), 1);
        }
        return null;
    }

    /** TRUE when {@code p ≥ 0} for every input, FALSE when {@code p < 0} for every input, else null. */
    private static Boolean sign(Linear p) {
        boolean allLengths = p.terms.keySet().stream().allMatch(k -> k.startsWith("len:"));
        if (!allLengths) {
            return null;
        }
        boolean nonNegative = p.terms.values().stream().allMatch(v -> v >= 0);
        boolean nonPositive = p.terms.values().stream().allMatch(v -> v <= 0);
        if (nonNegative && p.constant >= 0) {
            return Boolean.TRUE;
        }
        if (nonPositive && p.constant < 0) {
            return Boolean.FALSE;
        }
        return null;
    }

    /** The linear form of an integer expression, or null when it is not linear. */
    private Linear linear(Node e) {
        if (e instanceof Node.Num n) {
            return n.value() == Math.rint(n.value()) ? Linear.of((long) n.value()) : null;
        }
        if (e instanceof Node.Length l) {
            return Linear.atom("len:" + text(l.array()), e);
        }
        if (e instanceof Node.Ref r) {
            if (facts.loopRange(r.name()) != null) {
                return Linear.atom("loop:" + r.name(), e);
            }
            Node definition = facts.definition(r.name());
            return definition != null ? linear(definition) : Linear.atom("ref:" + r.name(), e);
        }
        if (e instanceof Node.Call c) {
            return switch (c.op()) {
                case ADD, SUB -> {
                    Linear a = linear(c.args().get(0));
                    Linear b = linear(c.args().get(1));
                    yield a == null || b == null ? null : a.plus(b, c.op() == Op.ADD ? 1 : -1);
                }
                case NEG -> {
                    Linear a = linear(c.args().get(0));
                    yield a == null ? null : a.times(-1);
                }
                case MUL -> {
                    Linear a = linear(c.args().get(0));
                    Linear b = linear(c.args().get(1));
                    yield a == null || b == null ? null : a.isConstant() ? b.times(a.constant)
                            : b.isConstant() ? a.times(b.constant) : null;
                }
                default -> null;
            };
        }
        return null;
    }

    /** An array's text for its length atom: {@code z[·]} for a row of a batch, whichever row. */
    private static String text(Node array) {
        if (array instanceof Node.Ref r) {
            return r.name();
        }
        if (array instanceof Node.RowOf row) {
            return text(row.matrix()) + "[·]";
        }
        return array.toString();
    }

    /** The form written out again: {@code constant + Σ coefficient·atom}. */
    private static Node node(Linear p) {
        Node out = null;
        for (Map.Entry<String, Long> t : p.terms.entrySet()) {
            Node atom = p.atoms.get(t.getKey());
            long k = t.getValue();
            Node term = Math.abs(k) == 1 ? atom : new Node.Call(Op.MUL, List.of(new Node.Num(Math.abs(k)), atom));
            out = out == null ? (k < 0 ? new Node.Call(Op.NEG, List.of(term)) : term)
                    : new Node.Call(k < 0 ? Op.SUB : Op.ADD, List.of(out, term));
        }
        if (out == null) {
            return new Node.Num(p.constant);
        }
        return p.constant == 0 ? out : new Node.Call(p.constant < 0 ? Op.SUB : Op.ADD,
                List.of(out, new Node.Num(Math.abs(p.constant))));
    }

    private static Node ge(Node e) {
        return new Node.Call(Op.GE, List.of(e, new Node.Num(0)));
    }

    private static Node and(Node a, Node b) {
        return new Node.Call(Op.AND, List.of(a, b));
    }
}
