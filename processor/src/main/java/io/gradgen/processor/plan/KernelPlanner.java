package io.gradgen.processor.plan;

import io.gradgen.processor.ir.Apply;
import io.gradgen.processor.ir.Attains;
import io.gradgen.processor.ir.Const;
import io.gradgen.processor.ir.Elem;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.ExprVisitor;
import io.gradgen.processor.ir.Field;
import io.gradgen.processor.ir.Flag;
import io.gradgen.processor.ir.Idx;
import io.gradgen.processor.ir.Indices;
import io.gradgen.processor.ir.Length;
import io.gradgen.processor.ir.Op;
import io.gradgen.processor.ir.Reduce;
import io.gradgen.processor.ir.Select;
import io.gradgen.processor.ir.Softmax;
import io.gradgen.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Common subexpression elimination, loop placement and naming. Every subexpression lives in the
 * innermost loop whose index it depends on: a reduction gets a loop of its own, and anything inside
 * that loop that does not depend on its index is hoisted out (computed once, not once per element).
 * Within a loop, subexpressions used more than once, and those the user named, become locals, named
 * after the user's locals where possible, else after what they compute.
 */
public final class KernelPlanner {
    /** Integer powers up to this are written as repeated products ({@code d * d}). */
    public static final int MAX_UNROLLED_POWER = 3;

    private final Map<Expr, String> userNames;
    private final Map<Expr, String> outputNames;
    private final NameAllocator allocator;
    private final Map<Expr, String> provided;
    private final TemporaryNames temporaryNames;
    private final Set<Expr> hoisted = new HashSet<>();
    /** The user's loop variables whose names the generated scope already uses (its position {@code n}...). */
    private final Set<String> clashingIndices = new HashSet<>();
    /** The log-sum-exps whose softmax weights the outputs read: they keep their exponentials in an array. */
    private final Set<Expr> softmaxSources = new HashSet<>();

    private KernelPlanner(Map<Expr, String> userNames, Map<Expr, String> outputNames, Map<Expr, String> provided,
            NameAllocator allocator) {
        this.userNames = userNames;
        this.outputNames = outputNames;
        this.provided = provided;
        this.allocator = allocator;
        this.temporaryNames = new TemporaryNames(userNames, outputNames);
    }

    /**
     * Plans a per-position kernel whose outputs are all scalars.
     *
     * @param outputs the expressions the kernel produces
     * @param userNames names the user gave to subexpressions (their locals)
     * @param outputNames preferred names for outputs that end up shared ({@code dPred})
     * @param allocator the names already taken in the generated scope
     */
    public static Kernel plan(List<Expr> outputs, Map<Expr, String> userNames, Map<Expr, String> outputNames,
            NameAllocator allocator) {
        List<Kernel.Loop> none = new ArrayList<>();
        outputs.forEach(o -> none.add(null));
        return plan(outputs, none, userNames, outputNames, Map.of(), allocator);
    }

    /**
     * Plans a per-position kernel where some outputs are rows: for output {@code k}, a non-null
     * {@code rowLoops[k]} is the loop over the row (its index free in the output). Each of
     * {@code provided} is already known by the given name (a value the forward saved), so it is read,
     * not computed.
     */
    public static Kernel plan(List<Expr> outputs, List<Kernel.Loop> rowLoops, Map<Expr, String> userNames,
            Map<Expr, String> outputNames, Map<Expr, String> provided, NameAllocator allocator) {
        KernelPlanner planner = new KernelPlanner(userNames, outputNames, provided, allocator);
        Set<String> indexNames = new LinkedHashSet<>();
        for (Expr o : outputs) {
            indexNames.addAll(collectIndexNames(o, new HashSet<>()));
        }
        // a gradient row's loop is written even when its element does not read the index
        // (a constant gradient row): its name may clash all the same
        rowLoops.stream().filter(java.util.Objects::nonNull).forEach(l -> indexNames.add(l.index().name()));
        for (String name : indexNames) {
            if (allocator.isTaken(name)) {
                planner.clashingIndices.add(name);
            }
        }
        indexNames.forEach(allocator::reserve);
        planner.softmaxSources.addAll(Softmax.sourcesIn(outputs));
        return planner.planPosition(outputs, rowLoops);
    }

    // ------------------------------------------------------------------ scopes

    /** The nodes one loop (or the per-position body) computes, with their use counts. */
    private static final class Scope {
        final Idx own;
        final Map<Expr, Integer> uses = new HashMap<>();
        final Set<Expr> local = new LinkedHashSet<>();
        final Map<Reduce, Scope> loops = new HashMap<>();
        final Set<Expr> escaped = new LinkedHashSet<>();

        Scope(Idx own) {
            this.own = own;
        }

        boolean owns(Expr e) {
            return own == null || Indices.dependsOn(e, own);
        }
    }

    private Kernel planPosition(List<Expr> outputs, List<Kernel.Loop> rowLoops) {
        Scope top = new Scope(null);
        Map<Integer, Scope> rowScopes = new HashMap<>();
        for (int k = 0; k < outputs.size(); k++) {
            Expr o = outputs.get(k);
            Kernel.Loop loop = rowLoops.get(k);
            if (loop == null) {
                use(top, o);
            } else {
                Scope row = new Scope(loop.index());
                use(row, o);
                rowScopes.put(k, row);
                for (Expr x : row.escaped) {
                    hoist(x);
                    use(top, x);
                }
            }
        }
        Map<Expr, String> names = new LinkedHashMap<>(provided);
        List<Binding> bindings = new ArrayList<>();
        Set<Expr> done = new HashSet<>();
        for (int k = 0; k < outputs.size(); k++) {
            Scope row = rowScopes.get(k);
            if (row == null) {
                order(top, outputs.get(k), done, bindings, names, Set.of());
            } else {
                for (Expr x : row.escaped) {
                    order(top, x, done, bindings, names, Set.of());
                }
            }
        }
        List<Kernel> rows = new ArrayList<>();
        for (int k = 0; k < outputs.size(); k++) {
            Scope row = rowScopes.get(k);
            Kernel.Loop loop = rowLoops.get(k);
            rows.add(row == null ? null : kernel(row, List.of(outputs.get(k)), loop.index(), loop.indexName(),
                    loop.from(), loop.to(), Set.of()));
        }
        return new Kernel(null, bindings, names, outputs, rows);
    }

    /** Records a use of {@code e} from {@code scope}, planning the loops of reductions it reaches. */
    private void use(Scope scope, Expr e) {
        if (isLeaf(e) || provided.containsKey(e)) {
            return;
        }
        if (!scope.owns(e)) {
            scope.escaped.add(e);
            return;
        }
        scope.uses.merge(e, 1, Integer::sum);
        if (!scope.local.add(e)) {
            return;
        }
        if (e instanceof Reduce r) {
            Scope body = new Scope(r.index());
            use(body, r.body());
            scope.loops.put(r, body);
            for (Expr x : body.escaped) {
                hoist(x);
                use(scope, x);
            }
            return;
        }
        for (Expr child : Indices.children(e)) {
            int weight = e instanceof Apply a && unrolledPower(a) > 0 && child == a.arg(0) ? unrolledPower(a) : 1;
            for (int w = 0; w < weight; w++) {
                use(scope, child);
            }
        }
    }

    /** Something a loop reads but does not depend on its index: worth computing once, outside. */
    private void hoist(Expr e) {
        if (e instanceof Reduce || e instanceof Select
                || (e instanceof Apply a && !isTrivialApply(a))) {
            hoisted.add(e);
        }
    }

    private void order(Scope scope, Expr e, Set<Expr> done, List<Binding> bindings, Map<Expr, String> names,
            Set<String> enclosingIndices) {
        if (isLeaf(e) || provided.containsKey(e) || !scope.owns(e) || !done.add(e)) {
            return;
        }
        Scope loop = e instanceof Reduce r ? scope.loops.get(r) : null;
        if (loop != null) {
            for (Expr x : loop.escaped) {
                order(scope, x, done, bindings, names, enclosingIndices);
            }
        } else {
            for (Expr child : Indices.children(e)) {
                order(scope, child, done, bindings, names, enclosingIndices);
            }
        }
        if (!shouldBind(scope, e)) {
            return;
        }
        String name = allocator.allocate(temporaryNames.suggest(e));
        names.put(e, name);
        if (e instanceof Reduce r) {
            Kernel body = kernel(loop, List.of(r.body()), r.index(), r.from(), r.to(), enclosingIndices);
            List<String> temporaries = r.kind() != Reduce.Kind.LOG_SUM_EXP ? List.of()
                    : softmaxSources.contains(r)
                    ? List.of(allocator.allocate("shift"), allocator.allocate("sumExp"),
                            allocator.allocate("exp" + (r.wholeRow() != null
                                    ? NameAllocator.capitalize(r.wholeRow().name()) : "Terms")),
                            allocator.allocate("inverseSumExp"))
                    : List.of(allocator.allocate("shift"), allocator.allocate("sumExp"));
            bindings.add(new Binding(name, e, body, temporaries));
        } else {
            bindings.add(new Binding(name, e));
        }
    }

    /** The kernel of one loop: its bindings in order, then its outputs. */
    private Kernel kernel(Scope scope, List<Expr> outputs, Idx index, Expr from, Expr to,
            Set<String> enclosingIndices) {
        return kernel(scope, outputs, index, index.name(), from, to, enclosingIndices);
    }

    private Kernel kernel(Scope scope, List<Expr> outputs, Idx index, String preferred, Expr from, Expr to,
            Set<String> enclosingIndices) {
        // a user's loop variable keeps its name unless an enclosing loop or the generated code around
        // the kernel (its batch position n, offsets, lengths, ...) already uses it
        String indexName = enclosingIndices.contains(preferred) || clashingIndices.contains(preferred)
                ? allocator.allocate(preferred) : preferred;
        Set<String> inner = new HashSet<>(enclosingIndices);
        inner.add(indexName);
        Map<Expr, String> names = new LinkedHashMap<>();
        names.put(index, indexName);
        List<Binding> bindings = new ArrayList<>();
        Set<Expr> done = new HashSet<>();
        for (Expr o : outputs) {
            order(scope, o, done, bindings, names, inner);
        }
        return new Kernel(new Kernel.Loop(index, indexName, from, to), bindings, names, outputs, List.of());
    }

    private boolean shouldBind(Scope scope, Expr e) {
        if (e instanceof Reduce) {
            return true;
        }
        if (e instanceof Apply a && (isTrivialApply(a) || Indices.isIndex(a))) {
            return false; // an integer expression (j + 1) is cheaper to recompute than to name
        }
        if (e instanceof Elem) {
            return userNames.containsKey(e) || scope.uses.getOrDefault(e, 0) >= 2;
        }
        return hoisted.contains(e) || scope.uses.getOrDefault(e, 0) >= 2 || userNames.containsKey(e);
    }

    private static boolean isTrivialApply(Apply a) {
        return a.op() == Op.TRUE || a.op() == Op.FALSE
                || (a.op() == Op.NEG && (isLeaf(a.arg(0)) || a.arg(0) instanceof Elem));
    }

    private static boolean isLeaf(Expr e) {
        return e.accept(IS_LEAF);
    }

    /** Nodes the kernels read directly and never bind: numbers, names, indices and lengths. */
    private static final ExprVisitor<Boolean> IS_LEAF = new ExprVisitor<>() {
        @Override
        public Boolean visitConst(Const c) {
            return true;
        }

        @Override
        public Boolean visitVar(Var v) {
            return true;
        }

        @Override
        public Boolean visitFlag(Flag f) {
            return true;
        }

        @Override
        public Boolean visitIdx(Idx i) {
            return true;
        }

        @Override
        public Boolean visitLength(Length l) {
            return true;
        }

        @Override
        public Boolean visitField(Field f) {
            return true;
        }

        @Override
        public Boolean visitElem(Elem e) {
            // a label of an int[] batch is read where it is used: bound to a local it would be a double
            return e.isIntegral() && e.indices().stream().allMatch(i -> i instanceof Idx || i instanceof Const);
        }

        @Override
        public Boolean visitApply(Apply a) {
            return false;
        }

        @Override
        public Boolean visitSelect(Select s) {
            return false;
        }

        @Override
        public Boolean visitReduce(Reduce r) {
            return false;
        }

        @Override
        public Boolean visitAttains(Attains a) {
            return false;
        }

        @Override
        public Boolean visitSoftmax(Softmax s) {
            return false;
        }
    };

    private static Set<String> collectIndexNames(Expr e, Set<Expr> seen) {
        Set<String> names = new LinkedHashSet<>();
        collect(e, seen, names);
        return names;
    }

    private static void collect(Expr e, Set<Expr> seen, Set<String> names) {
        if (!seen.add(e)) {
            return;
        }
        if (e instanceof Idx i) {
            names.add(i.name());
        }
        if (e instanceof Reduce r) {
            names.add(r.index().name());
        }
        for (Expr c : Indices.children(e)) {
            collect(c, seen, names);
        }
    }

    /** The exponent when {@code a} is a small whole power that the writer unrolls, else 0. */
    public static int unrolledPower(Apply a) {
        if (a.op() == Op.POW && a.arg(1) instanceof Const k && k.isWhole()
                && k.value() >= 2 && k.value() <= MAX_UNROLLED_POWER) {
            return (int) k.value();
        }
        return 0;
    }

}
