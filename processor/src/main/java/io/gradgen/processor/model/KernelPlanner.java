package io.gradgen.processor.model;

import io.gradgen.processor.symbolic.Apply;
import io.gradgen.processor.symbolic.Const;
import io.gradgen.processor.symbolic.Expr;
import io.gradgen.processor.symbolic.Op;
import io.gradgen.processor.symbolic.Select;
import io.gradgen.processor.symbolic.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Common subexpression elimination and naming: decides which subexpressions of a kernel's outputs
 * become named locals (those used more than once, and those the user named), orders them by
 * dependency, and names them after the user's locals where possible, else after what they compute.
 */
public final class KernelPlanner {
    /** Integer powers up to this are written as repeated products ({@code d * d}). */
    public static final int MAX_UNROLLED_POWER = 3;

    private final Map<Expr, String> userNames;
    private final Map<Expr, String> outputNames;
    private final NameAllocator allocator;
    private final Map<Expr, Integer> uses = new HashMap<>();

    private KernelPlanner(Map<Expr, String> userNames, Map<Expr, String> outputNames, NameAllocator allocator) {
        this.userNames = userNames;
        this.outputNames = outputNames;
        this.allocator = allocator;
    }

    /**
     * Plans a kernel.
     *
     * @param outputs the expressions the kernel produces
     * @param userNames names the user gave to subexpressions (their locals)
     * @param outputNames preferred names for outputs that end up shared ({@code dPred})
     * @param allocator the names already taken in the generated scope
     */
    public static Kernel plan(List<Expr> outputs, Map<Expr, String> userNames, Map<Expr, String> outputNames,
            NameAllocator allocator) {
        return new KernelPlanner(userNames, outputNames, allocator).plan(outputs);
    }

    private Kernel plan(List<Expr> outputs) {
        Set<Expr> visited = new HashSet<>();
        for (Expr root : outputs) {
            uses.merge(root, 1, Integer::sum);
            count(root, visited);
        }
        List<Binding> bindings = new ArrayList<>();
        Map<Expr, String> names = new LinkedHashMap<>();
        Set<Expr> done = new HashSet<>();
        for (Expr root : outputs) {
            order(root, done, bindings, names);
        }
        return new Kernel(bindings, names, outputs);
    }

    private void count(Expr e, Set<Expr> visited) {
        if (!visited.add(e)) {
            return;
        }
        for (Expr child : children(e)) {
            int weight = 1;
            if (e instanceof Apply a && a.op() == Op.POW && child == a.arg(0) && unrolledPower(a) > 0) {
                weight = unrolledPower(a); // written out as child * child: it is read that many times
            }
            uses.merge(child, weight, Integer::sum);
            count(child, visited);
        }
    }

    private void order(Expr e, Set<Expr> done, List<Binding> bindings, Map<Expr, String> names) {
        if (!done.add(e)) {
            return;
        }
        for (Expr child : children(e)) {
            order(child, done, bindings, names);
        }
        if (shouldBind(e)) {
            String name = allocator.allocate(suggestName(e));
            names.put(e, name);
            bindings.add(new Binding(name, e));
        }
    }

    private boolean shouldBind(Expr e) {
        if (e instanceof Const || e instanceof Var) {
            return false;
        }
        if (e instanceof Apply a && (a.op() == Op.TRUE || a.op() == Op.FALSE)) {
            return false;
        }
        if (e instanceof Apply a && a.op() == Op.NEG && (a.arg(0) instanceof Var || a.arg(0) instanceof Const)) {
            return false;
        }
        return uses.getOrDefault(e, 0) >= 2 || userNames.containsKey(e);
    }

    /** The exponent when {@code a} is a small whole power that the writer unrolls, else 0. */
    public static int unrolledPower(Apply a) {
        if (a.op() == Op.POW && a.arg(1) instanceof Const k && k.isWhole()
                && k.value() >= 2 && k.value() <= MAX_UNROLLED_POWER) {
            return (int) k.value();
        }
        return 0;
    }

    private String suggestName(Expr e) {
        String user = userNames.get(e);
        if (user != null) {
            return user;
        }
        String output = outputNames.get(e);
        if (output != null) {
            return output;
        }
        if (e instanceof Select) {
            return "piece";
        }
        Apply a = (Apply) e;
        return switch (a.op()) {
            case ADD -> "sum";
            case SUB -> "diff";
            case MUL -> "product";
            case DIV -> "ratio";
            case NEG -> "negated";
            case POW -> "power";
            case SIGNUM -> "sign";
            case LT, LE, GT, GE, EQ, NE -> comparisonName(a);
            case AND, OR, NOT -> "condition";
            default -> a.op().symbol();
        };
    }

    /** {@code d <= delta → dAtMostDelta}: reads as the condition it tests. */
    private String comparisonName(Apply a) {
        String left = simpleName(a.arg(0));
        String right = simpleName(a.arg(1));
        if (left == null || right == null) {
            return "condition";
        }
        String relation = switch (a.op()) {
            case LT -> "Below";
            case LE -> "AtMost";
            case GT -> "Above";
            case GE -> "AtLeast";
            case EQ -> "Equals";
            default -> "Differs";
        };
        return left + relation + NameAllocator.capitalize(right);
    }

    private String simpleName(Expr e) {
        if (e instanceof Var v) {
            return v.name();
        }
        if (e instanceof Const c && c.isWhole() && Math.abs(c.value()) < 1000) {
            return c.value() < 0 ? "minus" + (long) -c.value() : c.value() == 0 ? "Zero" : "" + (long) c.value();
        }
        String user = userNames.get(e);
        return user;
    }

    static List<Expr> children(Expr e) {
        if (e instanceof Apply a) {
            return a.args();
        }
        if (e instanceof Select s) {
            return List.of(s.condition(), s.ifTrue(), s.ifFalse());
        }
        return List.of();
    }
}
