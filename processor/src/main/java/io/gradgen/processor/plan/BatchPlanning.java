package io.gradgen.processor.plan;

import io.gradgen.processor.differentiate.Gradient;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Idx;
import io.gradgen.processor.ir.Length;
import io.gradgen.processor.normalise.Requirement;
import io.gradgen.processor.signature.InputKind;
import io.gradgen.processor.signature.LossParameter;
import io.gradgen.processor.signature.LossSignature;
import io.gradgen.processor.simplify.SimplifiedLoss;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan stage of a batch loss: the value's kernel, and for each {@code double[][]} input the
 * kernel of one row of its gradient, with the tables {@link Tabulation} moves out of their loops
 * (which keeps NT-Xent's backward at O(B²·D) work).
 */
public final class BatchPlanning {
    private BatchPlanning() {
    }

    public static BatchModel plan(SimplifiedLoss loss) {
        LossSignature signature = loss.signature();
        LoopNames names = batchNames(signature);
        NameAllocator valueScope = scope(signature, names);
        Tabulation.Result value = Tabulation.once(List.of(loss.value()), valueScope::allocate);
        List<BatchModel.PlannedTable> valueTables = planTables(value.tables(), loss.valueNames(), valueScope);
        Kernel valueKernel = KernelPlanner.plan(value.roots(), loss.valueNames(), Map.of(), valueScope);

        List<BatchModel.BatchGradient> gradients = new ArrayList<>();
        List<String> differentiable = new ArrayList<>();
        List<Expr> derivatives = new ArrayList<>();
        for (Gradient g : loss.gradients()) {
            differentiable.add(g.input().name() + "[" + g.row().name() + "][" + g.element().name() + "]");
            derivatives.add(g.derivative());
            gradients.add(gradient(signature, names, g, loss.gradientNames()));
        }
        Formulas formulas = Formulas.ofElements(loss.value(), loss.valueNames(), differentiable, derivatives,
                loss.gradientNames(), null);
        Kernel requirements = null;
        if (!loss.requirements().isEmpty()) {
            requirements = KernelPlanner.plan(loss.requirements().stream().map(Requirement::condition).toList(),
                    loss.valueNames(), Map.of(), scope(signature, names));
        }
        return new BatchModel(signature, names, valueKernel, valueTables, gradients, formulas,
                BatchChecks.of(loss.value()), requirements,
                loss.requirements().stream().map(Requirement::description).toList());
    }

    private static BatchModel.BatchGradient gradient(LossSignature signature, LoopNames names, Gradient g,
            Map<Expr, String> userNames) {
        NameAllocator scope = scope(signature, names);
        Idx b = g.row();
        Idx j = g.element();
        String rowName = scope.allocate(b.name());
        String columnName = scope.allocate(j.name());
        Tabulation.Result tabulated = Tabulation.perElement(ColumnSeparation.apply(g.derivative(), j), b, new Length(g.input().var(), 0), j,
                new Length(g.input().var(), 1), scope::allocate);
        List<Table> shared = tabulated.tables().stream().filter(t -> !t.perRow()).toList();
        List<Table> perRow = tabulated.tables().stream().filter(Table::perRow).toList();
        Map<Expr, String> provided = new LinkedHashMap<>();
        provided.put(b, rowName);
        List<BatchModel.PlannedTable> sharedTables = planTables(shared, userNames, scope);
        List<BatchModel.PlannedTable> rowTables = planTables(perRow, userNames, scope, provided);
        provided.put(j, columnName);
        Kernel.Loop columns = new Kernel.Loop(j, columnName, new io.gradgen.processor.ir.Const(0),
                new Length(g.input().var(), 1));
        Map<Expr, String> outputNames = Map.of(tabulated.roots().get(0), "d" + NameAllocator.capitalize(g.input().name()));
        Kernel kernel = KernelPlanner.plan(tabulated.roots(), java.util.Collections.singletonList(columns), userNames,
                outputNames, rowOnly(provided, j), scope);
        return new BatchModel.BatchGradient(g.input(), g.derivative(), b, rowName, columnName, sharedTables, rowTables,
                kernel, ColumnSum.find(kernel.rows().get(0), b, scope));
    }

    /** The row index alone is known by name in the per-row kernel; its column loop names its own. */
    private static Map<Expr, String> rowOnly(Map<Expr, String> provided, Idx column) {
        Map<Expr, String> out = new LinkedHashMap<>(provided);
        out.remove(column);
        return out;
    }

    private static List<BatchModel.PlannedTable> planTables(List<Table> tables, Map<Expr, String> userNames,
            NameAllocator scope) {
        return planTables(tables, userNames, scope, Map.of());
    }

    private static List<BatchModel.PlannedTable> planTables(List<Table> tables, Map<Expr, String> userNames,
            NameAllocator scope, Map<Expr, String> provided) {
        List<BatchModel.PlannedTable> out = new ArrayList<>();
        for (List<Table> group : groups(tables)) {
            Table first = group.get(0);
            Map<Expr, String> known = new LinkedHashMap<>(provided);
            String indexName = null;
            List<Expr> bodies = new ArrayList<>();
            for (Table t : group) {
                // one loop fills the group: each body in the first table's index
                bodies.add(t.isRow() ? io.gradgen.processor.ir.Indices.substitute(t.body(), t.index(), first.index())
                        : t.body());
            }
            if (first.isRow()) {
                indexName = scope.allocate(first.index().name());
                known.put(first.index(), indexName);
            }
            List<Kernel.Loop> noRows = new ArrayList<>();
            bodies.forEach(b -> noRows.add(null));
            Kernel body = KernelPlanner.plan(bodies, noRows, userNames, Map.of(), known, scope);
            out.add(new BatchModel.PlannedTable(group, body, indexName));
        }
        return out;
    }

    /**
     * Consecutive tables over one range (or numbers of one scope) that do not read each other:
     * filled by one loop, which computes what their entries share once (NT-Xent's similarity
     * {@code z1[a]·z2[b]} for its exponential and for its derivative's factors).
     */
    private static List<List<Table>> groups(List<Table> tables) {
        List<List<Table>> groups = new ArrayList<>();
        List<Table> current = new ArrayList<>();
        for (Table t : tables) {
            if (!current.isEmpty() && !(sameLoop(current.get(0), t) && readsNone(t, current))) {
                groups.add(current);
                current = new ArrayList<>();
            }
            current.add(t);
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        return groups;
    }

    private static boolean sameLoop(Table a, Table b) {
        return a.isRow() == b.isRow() && a.perRow() == b.perRow()
                && (!a.isRow() || (a.from().equals(b.from()) && a.to().equals(b.to())));
    }

    private static boolean readsNone(Table t, List<Table> group) {
        java.util.Set<io.gradgen.processor.ir.Var> vars = new java.util.HashSet<>();
        group.forEach(g -> vars.add(g.var()));
        return !io.gradgen.processor.ir.Indices.contains(t.body(),
                e -> e instanceof io.gradgen.processor.ir.Var v && vars.contains(v), e -> false);
    }

    private static NameAllocator scope(LossSignature signature, LoopNames names) {
        NameAllocator scope = new NameAllocator(signature.parameters().stream().map(LossParameter::name).toList());
        names.all().forEach(scope::reserve);
        return scope;
    }

    /**
     * The generated code's names: each {@code double[][]} input's data ({@code z1Data}), row count
     * ({@code z1Rows}) and row length ({@code z1Length}), each {@code int[]}'s labels
     * ({@code labelsData}, an {@code int[]}), the gradient arrays, and the upstream scale.
     */
    private static LoopNames batchNames(LossSignature signature) {
        NameAllocator names = new NameAllocator(signature.parameters().stream().map(LossParameter::name).toList());
        Map<String, String> data = new LinkedHashMap<>();
        Map<String, String> grads = new LinkedHashMap<>();
        Map<String, String> lengths = new LinkedHashMap<>();
        Map<String, String> rows = new LinkedHashMap<>();
        for (LossParameter p : signature.tensorInputs()) {
            data.put(p.name(), names.allocate(p.name() + "Data"));
            if (p.kind() == InputKind.MATRIX) {
                rows.put(p.name(), names.allocate(p.name() + "Rows"));
                lengths.put(p.name(), names.allocate(p.name() + "Length"));
                grads.put(p.name(), names.allocate("grad" + NameAllocator.capitalize(p.name())));
            }
        }
        return new LoopNames(names.allocate("n"), data, grads, names.allocate("scale"), names.allocate("upstream"),
                names.allocate("total"), names.allocate("out"), Map.of(), lengths, names.allocate("positions"),
                names.allocate("scaleAt"), names.allocate("chunk"), names.allocate("from"), names.allocate("to"),
                names.allocate("lastDim"), names.allocate("start"), names.allocate("end"), names.allocate("scratch"),
                names.allocate("grad"), names.allocate("hessian"), rows, Map.of(), names.allocate("blockPositions"));
    }
}
