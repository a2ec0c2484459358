package io.gradgen.processor.plan;

import io.gradgen.processor.ir.Apply;
import io.gradgen.processor.ir.Attains;
import io.gradgen.processor.ir.ChildRewriter;
import io.gradgen.processor.ir.Const;
import io.gradgen.processor.ir.Elem;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Exprs;
import io.gradgen.processor.ir.Idx;
import io.gradgen.processor.ir.Indices;
import io.gradgen.processor.ir.Reduce;
import io.gradgen.processor.ir.Select;
import io.gradgen.processor.ir.Softmax;
import io.gradgen.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loop-invariant code motion with array expansion, for losses that couple a batch: a reduction
 * inside a loop whose index does not reach it is computed once per index of its own loop and
 * stored in a table, instead of once per iteration of every loop around it.
 *
 * <p>In NT-Xent's gradient with respect to {@code z2[b][j]}, the log-sum-exp {@code lse_a} of each
 * anchor appears inside a sum over {@code a} inside the loops over {@code b} and {@code j}: computed
 * there it costs O(B·D) per term, O(B³·D²) in all. It depends on {@code a} alone, so a table
 * {@code lse[a]} filled once before the loops brings it to O(B²·D); the similarity of {@code a} and
 * {@code b} depends on both but not on {@code j}, so it becomes a table filled once per row
 * {@code b}; norms of single rows become tables over rows. The rule is general: in a loop over
 * {@code c} nested in a loop over {@code p}, a subexpression that holds a reduction, depends on
 * {@code c} and not on {@code p}, and whose other indices are the batch row's own (or none) becomes
 * a table over {@code c}; a subexpression with no index at all inside a loop becomes a number
 * computed once. Table bodies are tabulated the same way.
 *
 * <p>Values are unchanged bit for bit: an entry is the same expression the loop would have
 * computed. Subexpressions that could read outside an array (a computed index, which the loop may
 * read only under a condition) and maxima whose arg-max indicator compares terms computed with
 * vector kernels stay where they are.
 */
public final class Tabulation {
    /** Ids of table indices: clear of the user's loops and of gradient indices. */
    private static final int TABLE_IDS = 900_000;

    private final Idx rowIndex;
    private final Map<Idx, Expr[]> ranges = new HashMap<>();
    /** The indices of reductions, as opposed to those of tables and of the gradient's row and column. */
    private final Set<Idx> reductionIndices = new java.util.HashSet<>();
    /** The indices of tables' own loops. */
    private final Set<Idx> tableIndices = new java.util.HashSet<>();
    private final Map<List<Idx>, Map<Expr, Expr>> memo = new HashMap<>();
    private final Map<List<Object>, Table> byBody = new LinkedHashMap<>();
    private final List<Table> tables = new ArrayList<>();
    private final java.util.function.Function<String, String> names;
    private int nextId = TABLE_IDS;

    private Tabulation(Idx rowIndex, java.util.function.Function<String, String> names) {
        this.rowIndex = rowIndex;
        this.names = names;
    }

    /** The rewritten roots and the tables they read, each after the tables its body reads. */
    public record Result(List<Expr> roots, List<Table> tables) {
        public Result {
            roots = List.copyOf(roots);
            tables = List.copyOf(tables);
        }
    }

    /**
     * Tabulates roots computed once (a batch loss's value): tables over loop indices, computed once.
     *
     * @param names allocates a fresh Java name for a table from a hint
     */
    public static Result once(List<Expr> roots, java.util.function.Function<String, String> names) {
        Tabulation t = new Tabulation(null, names);
        List<Expr> out = new ArrayList<>();
        for (Expr root : roots) {
            out.add(t.rewrite(root, List.of()));
        }
        return new Result(out, t.read(out));
    }

    /**
     * Tabulates the gradient element {@code ∂loss/∂z[b][j]}, computed for every row {@code b} and
     * column {@code j}: tables once for the batch, or once per row {@code b}.
     */
    public static Result perElement(Expr gradient, Idx row, Expr rows, Idx column, Expr columns,
            java.util.function.Function<String, String> names) {
        Tabulation t = new Tabulation(row, names);
        t.ranges.put(row, new Expr[] {new Const(0), rows});
        t.ranges.put(column, new Expr[] {new Const(0), columns});
        // the row's own numbers first (a log-sum-exp over the row's candidates), so that the tables
        // they fill are there to be read by every later table that needs the same terms
        for (Expr e : t.rowNumbers(gradient)) {
            t.table(e, null, true);
        }
        List<Expr> roots = List.of(t.rewrite(gradient, List.of(row, column)));
        return new Result(roots, t.read(roots));
    }

    /** The tables the roots read, directly or through other tables, in order: a table made early may go unread. */
    private List<Table> read(List<Expr> roots) {
        Set<Var> used = new java.util.HashSet<>();
        collectVars(roots, used);
        for (int k = tables.size() - 1; k >= 0; k--) {
            if (used.contains(tables.get(k).var())) {
                collectVars(List.of(tables.get(k).body()), used);
            }
        }
        return tables.stream().filter(t -> used.contains(t.var())).toList();
    }

    private static void collectVars(List<Expr> roots, Set<Var> into) {
        for (Expr e : Indices.nodes(roots)) {
            if (e instanceof Var v && v.role() == Var.Role.TABLE) {
                into.add(v);
            }
        }
    }

    /** The outermost subexpressions that hold a reduction and depend on the gradient's row alone. */
    private List<Expr> rowNumbers(Expr root) {
        Set<Expr> all = Indices.nodes(List.of(root));
        List<Expr> found = new ArrayList<>();
        for (Expr e : all) {
            if (Indices.free(e).equals(Set.of(rowIndex)) && !e.isPredicate() && !Indices.isIndex(e)
                    && e instanceof Reduce && safe(e)
                    && found.stream().noneMatch(f -> Indices.contains(f, e::equals, x -> false))) {
                found.add(e);
            }
        }
        return found;
    }

    private Expr rewrite(Expr e, List<Idx> enclosing) {
        if (Indices.children(e).isEmpty()) {
            return e;
        }
        Map<Expr, Expr> known = memo.computeIfAbsent(enclosing, k -> new HashMap<>());
        Expr done = known.get(e);
        if (done != null) {
            return done;
        }
        Expr out = tabulated(e, enclosing);
        if (out == null) {
            out = rebuilt(e, enclosing);
        }
        known.put(e, out);
        return out;
    }

    /** The table read that replaces {@code e}, or null when {@code e} stays. */
    private Expr tabulated(Expr e, List<Idx> enclosing) {
        if (enclosing.isEmpty() || e.isPredicate() || Indices.isIndex(e) || !worthATable(e) || !safe(e)) {
            return null;
        }
        Set<Idx> free = Indices.free(e);
        Idx innermost = enclosing.get(enclosing.size() - 1);
        if (free.isEmpty()) {
            return rowIndex == null ? null : table(e, null, false).var();
        }
        if (rowIndex != null && free.equals(Set.of(rowIndex)) && !innermost.equals(rowIndex)) {
            return table(e, null, true).var(); // one number per row, computed before the row's loops
        }
        if (!free.contains(innermost) || enclosing.size() < 2) {
            return null;
        }
        Expr[] range = ranges.get(innermost);
        if (e instanceof Reduce && tableIndices.contains(innermost) && onlyRowAnd(innermost, free)) {
            // a reduction inside a table's entry (the dot product inside a similarity) is a table of
            // its own: every other entry built on it (the similarity over τ, its weight, its cube)
            // reads it, instead of computing the O(D) reduction once per table
            boolean perRow = rowIndex != null && (free.contains(rowIndex)
                    || Indices.dependsOn(range[0], rowIndex) || Indices.dependsOn(range[1], rowIndex));
            return read(table(e, innermost, perRow), innermost, range);
        }
        Table known = existing(e, innermost, range);
        if (known != null) {
            return read(known, innermost, range); // the same terms over the same range: one table
        }
        Idx outer = enclosing.get(enclosing.size() - 2);
        // a reduction right inside a row's scope runs once per row either way; as a per-row table its
        // terms are there for the row's other tables to read (one similarity per pair, not one per use)
        boolean rowLevel = outer.equals(rowIndex) && enclosing.size() == 2 && reductionIndices.contains(innermost);
        if (free.contains(outer) && !rowLevel) {
            return null;
        }
        boolean perRow = false;
        for (Idx i : free) {
            if (i.equals(innermost)) {
                continue;
            }
            if (!i.equals(rowIndex)) {
                return null;
            }
            perRow = true;
        }
        for (Expr bound : range) {
            for (Idx i : Indices.free(bound)) {
                if (!i.equals(rowIndex)) {
                    return null;
                }
                perRow = true;
            }
        }
        return read(table(e, innermost, perRow), innermost, range);
    }

    /** Whether {@code free} holds {@code index} and otherwise at most the gradient's row. */
    private boolean onlyRowAnd(Idx index, Set<Idx> free) {
        return free.stream().allMatch(i -> i.equals(index) || i.equals(rowIndex)); // rowIndex may be null
    }

    private static Expr read(Table t, Idx index, Expr[] range) {
        Expr at = range[0] instanceof Const c && c.value() == 0 ? index : Exprs.sub(index, range[0]);
        return new Elem(t.var(), at);
    }

    /** The table that already holds {@code e} over {@code index}'s range, or null. */
    private Table existing(Expr e, Idx index, Expr[] range) {
        return byBody.get(List.of(alphaNormal(Indices.substitute(e, index, CANONICAL)), range[0], range[1]));
    }

    /**
     * {@code e} with the index of every reduction in it renamed in order of appearance: two
     * reductions that differ only in their indices' names and ids key one table.
     */
    private static Expr alphaNormal(Expr e) {
        return new AlphaNormal().apply(e);
    }

    private static final class AlphaNormal extends ChildRewriter {
        private int next = TABLE_IDS - 2;

        @Override
        public Expr visitReduce(Reduce r) {
            Idx fresh = new Idx("·", next--);
            return new Reduce(r.kind(), fresh, apply(r.from()), apply(r.to()),
                    apply(Indices.substitute(r.body(), r.index(), fresh)));
        }
    }

    /** The index table bodies are keyed in, whatever index they were written in. */
    private static final Idx CANONICAL = new Idx("·", TABLE_IDS - 1);

    /** A table holding {@code e} over {@code index} (or a number, without one), made once per body. */
    private Table table(Expr e, Idx index, boolean perRow) {
        Expr[] range = index == null ? null : ranges.get(index);
        Idx own = index == null ? null : new Idx(index.name(), nextId++);
        Expr body = index == null ? e : Indices.substitute(e, index, own);
        // the same body over the same range is one table, whatever index it was written in
        Expr key = alphaNormal(index == null ? e : Indices.substitute(e, index, CANONICAL));
        List<Object> identity = index == null ? List.of(key) : List.of(key, range[0], range[1]);
        Table existing = byBody.get(identity);
        if (existing != null) {
            return existing;
        }
        List<Idx> scope = new ArrayList<>();
        if (perRow) {
            scope.add(rowIndex);
        }
        if (own != null) {
            scope.add(own);
            ranges.put(own, range);
            tableIndices.add(own);
        }
        Expr rewritten = rebuilt(body, scope); // the entry itself stays: only what is inside it moves
        String name = names.apply(index == null ? "shared" : index.name() + "Table");
        Var var = new Var(name, Var.Role.TABLE, index == null ? 0 : 1);
        Table t = new Table(var, own, range == null ? null : range[0], range == null ? null : range[1], rewritten,
                perRow);
        tables.add(t);
        byBody.put(identity, t);
        return t;
    }

    /** {@code e} with its children rewritten, a reduction's body inside the loop over its index. */
    private Expr rebuilt(Expr e, List<Idx> enclosing) {
        if (e instanceof Reduce r) {
            List<Idx> inner = new ArrayList<>(enclosing);
            inner.add(r.index());
            ranges.put(r.index(), new Expr[] {r.from(), r.to()});
            reductionIndices.add(r.index());
            return new Reduce(r.kind(), r.index(), rewrite(r.from(), enclosing), rewrite(r.to(), enclosing),
                    rewrite(r.body(), inner));
        }
        if (e instanceof Softmax sm) {
            Expr lse = rewrite(sm.lse(), enclosing);
            Expr at = rewrite(sm.at(), enclosing);
            return lse instanceof Reduce r ? new Softmax(r, at)
                    : Exprs.apply(io.gradgen.processor.ir.Op.EXP, Exprs.sub(rewrite(sm.term(), enclosing), lse));
        }
        if (e instanceof Attains a) {
            Expr reduction = rewrite(a.reduction(), enclosing);
            Expr at = rewrite(a.at(), enclosing);
            // a tabulated maximum holds the same bits as the loop would have (see safe): compare with it
            return reduction instanceof Reduce r ? new Attains(r, at)
                    : Exprs.eq(rewrite(a.term(), enclosing), reduction);
        }
        if (e instanceof Elem el) {
            List<Expr> indices = new ArrayList<>();
            el.indices().forEach(x -> indices.add(rewrite(x, enclosing)));
            return new Elem(el.row(), indices);
        }
        if (e instanceof Select s) {
            return new Select(rewrite(s.condition(), enclosing), rewrite(s.ifTrue(), enclosing),
                    rewrite(s.ifFalse(), enclosing));
        }
        if (!(e instanceof Apply a)) {
            return e; // a length, a variable, an index: nothing below to move
        }
        List<Expr> args = new ArrayList<>();
        a.args().forEach(x -> args.add(rewrite(x, enclosing)));
        return new Apply(a.op(), args);
    }

    /** Only a reduction costs enough to be worth an array. */
    private static boolean worthATable(Expr e) {
        return Indices.contains(e, x -> x instanceof Reduce, x -> false);
    }

    /**
     * Whether every entry can be computed whatever the conditions around {@code e}: no computed
     * index (which a loop may read only where a condition holds), and no maximum or minimum whose
     * body calls a function the loops compute with vector kernels (its arg-max indicator compares
     * a term computed with {@code Math} against it, and must see the same bits).
     */
    private static boolean safe(Expr e) {
        return !Indices.contains(e, x -> (x instanceof Elem el && el.indices().stream().anyMatch(i -> i instanceof Apply))
                || (x instanceof Reduce r && (r.kind() == Reduce.Kind.MAX || r.kind() == Reduce.Kind.MIN)
                        && Indices.contains(r.body(), y -> y instanceof Apply ap && ap.op().hasVectorKernel(), y -> false)),
                x -> false);
    }
}
