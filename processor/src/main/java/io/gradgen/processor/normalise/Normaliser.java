package io.gradgen.processor.normalise;

import io.gradgen.processor.body.Body;
import io.gradgen.processor.body.Helper;
import io.gradgen.processor.body.Node;
import io.gradgen.processor.body.RowFunction;
import io.gradgen.processor.body.Stmt;
import io.gradgen.processor.ir.Apply;
import io.gradgen.processor.ir.Const;
import io.gradgen.processor.ir.Elem;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Exprs;
import io.gradgen.processor.ir.Field;
import io.gradgen.processor.ir.Flag;
import io.gradgen.processor.ir.Idx;
import io.gradgen.processor.ir.Indices;
import io.gradgen.processor.ir.Op;
import io.gradgen.processor.ir.Reduce;
import io.gradgen.processor.ir.Select;
import io.gradgen.processor.ir.Var;
import io.gradgen.processor.signature.InputKind;
import io.gradgen.processor.signature.LossParameter;
import io.gradgen.processor.signature.LossSignature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a loss body (statements with locals, reassignment, branches, early returns, loops, local
 * arrays) into one pure expression for its return value, by symbolic execution: each local is bound
 * to the value it currently holds (an expression, or a {@link Value.Row}), an {@code if} runs both
 * branches and merges every local that differs into a {@link Select} on the condition, and a
 * {@code return} inside a branch is remembered together with the condition under which it happened.
 * {@code @Differentiable} helpers are inlined, their row arguments bound as rows. The names of the
 * user's locals are kept as hints, so the generated code can reuse them.
 *
 * <p>A loop runs its body once, symbolically, with the loop variable as an {@link Idx} and each
 * local it assigns as a placeholder; what the body did to the placeholder is an accumulation
 * ({@code s + f(i)}, {@code max(s, f(i))}, possibly under a condition), and after the loop the local
 * holds its old value combined with the {@link Reduce} of {@code f} over the loop's range. A local
 * array written in the loop ({@code t[i] = f(i)}) becomes a {@link Value.Table}. Row functions
 * ({@code sum(x)}, {@code logSumExp(t)}, {@code cosine(a, b)}) become reductions too. Requirements the
 * reader found (indices it could not prove in range) become predicates over the inputs, under the
 * conditions of the branches they sit in, and over every index of the loops around them.
 */
public final class Normaliser {
    private final Map<Expr, String> hints = new LinkedHashMap<>();
    private final List<Requirement> requirements = new ArrayList<>();
    /** Where each loop index runs, {@code [from, to)}: to tell when reading a local array stays inside its fill. */
    private final Map<Idx, Expr[]> ranges = new HashMap<>();
    private int indices;

    private Normaliser() {
    }

    /** The normalise stage: a loss's body as one expression over its parameters. */
    public static NormalisedLoss normalise(Body body, LossSignature signature) {
        Map<String, Value> env = new LinkedHashMap<>();
        for (LossParameter p : signature.parameters()) {
            env.put(p.name(), parameter(p));
        }
        return new Normaliser().loss(body, env);
    }

    /** Normalises a body whose parameter names stand for the given nodes (numbers and flags). */
    public static NormalisedLoss normalise(Body body, Map<String, Expr> parameters) {
        Map<String, Value> env = new LinkedHashMap<>();
        parameters.forEach((name, e) -> env.put(name, e instanceof Var v && v.rank() > 0 ? row(v) : new Value.Num(e)));
        return new Normaliser().loss(body, env);
    }

    /** Normalises a body whose parameters are the given variables (rank 1 ones are rows). */
    public static NormalisedLoss normalise(Body body, List<Var> parameters) {
        Map<String, Expr> env = new LinkedHashMap<>();
        parameters.forEach(v -> env.put(v.name(), v));
        return normalise(body, env);
    }

    private static Value parameter(LossParameter p) {
        if (p.kind() == InputKind.CONSTANT_BOOLEAN) {
            return new Value.Num(new Flag(p.name()));
        }
        return p.kind().rank() == 0 ? new Value.Num(p.var()) : row(p.var());
    }

    private static Value row(Var v) {
        return v.rank() == 2 ? new Value.Batch(v) : new Value.ParameterRow(v);
    }

    private NormalisedLoss loss(Body body, Map<String, Value> env) {
        Expr[] split;
        try {
            split = WeightSplit.split(number(run(body.statements(), env), "the loss"));
        } catch (WeightSplit.Misplaced e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return new NormalisedLoss(split[0], split[1], hints, requirements);
    }

    /** What a body returns on every path. */
    private Value run(List<Stmt> statements, Map<String, Value> env) {
        State end = exec(statements, new State(env, Map.of(), null, null, Exprs.apply(Op.TRUE)));
        if (!end.hasReturnedEverywhere()) {
            throw new IllegalStateException("a path through the body does not return a value");
        }
        return end.returned;
    }

    /**
     * Locals in scope; the local arrays written in the current loop iteration (array → element at the
     * loop's index); what has been returned so far under which condition (null: nothing yet); and the
     * condition under which the statements being run execute.
     */
    private record State(Map<String, Value> env, Map<String, Expr> written, Expr returnedWhen, Value returned,
            Expr when) {
        boolean hasReturnedEverywhere() {
            return returnedWhen instanceof Apply a && a.op() == Op.TRUE;
        }

        State with(Map<String, Value> newEnv) {
            return new State(newEnv, written, returnedWhen, returned, when);
        }
    }

    private State exec(List<Stmt> statements, State state) {
        State s = state;
        for (Stmt stmt : statements) {
            if (s.hasReturnedEverywhere()) {
                break;
            }
            s = exec(stmt, s);
        }
        return s;
    }

    private State exec(Stmt stmt, State s) {
        if (stmt instanceof Stmt.Declare d) {
            Map<String, Value> env = new LinkedHashMap<>(s.env);
            env.put(d.name(), d.init() == null ? new Value.Num(Const.ZERO) : bind(d.name(), eval(d.init(), s)));
            return s.with(env);
        }
        if (stmt instanceof Stmt.Assign a) {
            Map<String, Value> env = new LinkedHashMap<>(s.env);
            env.put(a.name(), bind(a.name(), eval(a.value(), s)));
            return s.with(env);
        }
        if (stmt instanceof Stmt.Write w) {
            Map<String, Expr> written = new LinkedHashMap<>(s.written);
            written.put(w.array(), number(eval(w.value(), s), "an array element"));
            return new State(s.env, written, s.returnedWhen, s.returned, s.when);
        }
        if (stmt instanceof Stmt.For f) {
            return loop(f, s);
        }
        if (stmt instanceof Stmt.Require r) {
            Expr holds = number(eval(r.condition(), s), "a requirement");
            requirements.add(new Requirement(isTrue(s.when) ? holds : Exprs.or(Exprs.not(s.when), holds),
                    r.description()));
            return s;
        }
        if (stmt instanceof Stmt.Return r) {
            Value value = eval(r.value(), s);
            Value returned = s.returnedWhen == null ? value : merge(s.returnedWhen, s.returned, value);
            return new State(s.env, s.written, Exprs.apply(Op.TRUE), returned, s.when);
        }
        Stmt.If branch = (Stmt.If) stmt;
        Expr cond = number(eval(branch.condition(), s), "a condition");
        State t = exec(branch.thenBranch(), new State(new LinkedHashMap<>(s.env), s.written, s.returnedWhen,
                s.returned, conjunction(s.when, cond)));
        State f = exec(branch.elseBranch(), new State(new LinkedHashMap<>(s.env), s.written, s.returnedWhen,
                s.returned, conjunction(s.when, Exprs.not(cond))));
        return merge(cond, s, t, f);
    }

    /**
     * Runs a loop's body once with its index symbolic. Locals declared before the loop that the
     * body assigns become reductions over the loop's range; local arrays it writes become tables;
     * requirements it adds must hold for every index of the range.
     */
    private State loop(Stmt.For f, State s) {
        Idx index = new Idx(f.index(), ++indices);
        Expr from = number(eval(f.from(), s), "a loop bound");
        Expr to = number(eval(f.to(), s), "a loop bound");
        ranges.put(index, new Expr[] {from, to});
        Set<String> assigned = new LinkedHashSet<>();
        assignedIn(f.body(), assigned);
        Map<String, Value> env = new LinkedHashMap<>(s.env);
        Map<String, Var> placeholders = new LinkedHashMap<>();
        for (String name : assigned) {
            if (s.env.containsKey(name)) {
                Var placeholder = new Var("\u0000" + name, Var.Role.CONSTANT);
                placeholders.put(name, placeholder);
                env.put(name, new Value.Num(placeholder));
            }
        }
        env.put(f.index(), new Value.Num(index));
        int requirementsBefore = requirements.size();
        State after = exec(f.body(), new State(env, Map.of(), null, null, Exprs.apply(Op.TRUE)));
        forEveryIndex(requirementsBefore, index, from, to, s.when);
        Map<String, Value> out = new LinkedHashMap<>(s.env);
        for (Map.Entry<String, Var> p : placeholders.entrySet()) {
            Value now = after.env.get(p.getKey());
            Accumulation acc = now instanceof Value.Num n
                    ? Accumulation.of(n.expr(), p.getValue(), placeholders.values()) : null;
            if (acc == null) {
                throw new IllegalStateException("the loop over " + f.index() + " does not accumulate into " + p.getKey());
            }
            if (acc.kind() != null) {
                Expr before = number(s.env.get(p.getKey()), p.getKey());
                Expr reduced = acc.reduction(index, from, to);
                out.put(p.getKey(), bind(p.getKey(), new Value.Num(acc.combine(before, reduced))));
            }
        }
        for (Map.Entry<String, Expr> w : after.written.entrySet()) {
            Value.Table table = (Value.Table) s.env.get(w.getKey());
            out.put(w.getKey(), new Value.Table(table.length(), new Value.Fill(index, from, to, w.getValue(), ranges)));
        }
        return new State(out, s.written, s.returnedWhen, s.returned, s.when);
    }

    /**
     * A requirement added in a loop's body that reads the loop's index must hold for every index of
     * the range: it becomes {@code Σ_i [not holds(i)] == 0} (checked when the loop runs at all).
     */
    private void forEveryIndex(int from, Idx index, Expr lo, Expr hi, Expr when) {
        for (int k = from; k < requirements.size(); k++) {
            Requirement r = requirements.get(k);
            if (!Indices.dependsOn(r.condition(), index)) {
                continue;
            }
            Expr violations = new Reduce(Reduce.Kind.SUM, index, lo, hi,
                    Exprs.select(r.condition(), Const.ZERO, Const.ONE));
            Expr holds = Exprs.eq(violations, Const.ZERO);
            requirements.set(k, new Requirement(isTrue(when) ? holds : Exprs.or(Exprs.not(when), holds),
                    r.description()));
        }
    }

    private static void assignedIn(List<Stmt> statements, Set<String> names) {
        for (Stmt stmt : statements) {
            if (stmt instanceof Stmt.Assign a) {
                names.add(a.name());
            } else if (stmt instanceof Stmt.If i) {
                assignedIn(i.thenBranch(), names);
                assignedIn(i.elseBranch(), names);
            } else if (stmt instanceof Stmt.For f) {
                assignedIn(f.body(), names);
            }
        }
    }

    private State merge(Expr cond, State before, State t, State f) {
        Map<String, Value> env = new LinkedHashMap<>();
        for (String name : before.env.keySet()) {
            Value vt = t.env.get(name);
            Value vf = f.env.get(name);
            if (t.hasReturnedEverywhere()) {
                env.put(name, vf);
            } else if (f.hasReturnedEverywhere() || vt.equals(vf)) {
                env.put(name, vt);
            } else {
                env.put(name, merge(cond, vt, vf));
            }
        }
        Map<String, Expr> written = new LinkedHashMap<>(before.written);
        Set<String> arrays = new LinkedHashSet<>(t.written.keySet());
        arrays.addAll(f.written.keySet());
        for (String array : arrays) {
            // an element written on one path only keeps its earlier value (0) on the other
            Expr wt = t.written.getOrDefault(array, before.written.getOrDefault(array, Const.ZERO));
            Expr wf = f.written.getOrDefault(array, before.written.getOrDefault(array, Const.ZERO));
            written.put(array, wt.equals(wf) ? wt : new Select(cond, wt, wf));
        }
        if (t.returnedWhen == null && f.returnedWhen == null) {
            return new State(env, written, null, null, before.when);
        }
        Expr whenT = orFalse(t.returnedWhen);
        Expr whenF = orFalse(f.returnedWhen);
        Expr when = whenT.equals(whenF) ? whenT : new Select(cond, whenT, whenF);
        Value returned = t.returned == null ? f.returned
                : f.returned == null ? t.returned
                : merge(cond, t.returned, f.returned);
        return new State(env, written, when, returned, before.when);
    }

    /** Two values a branch chose between: numbers merge into a select; a row must be the same row on both paths. */
    private static Value merge(Expr cond, Value t, Value f) {
        if (t instanceof Value.Num a && f instanceof Value.Num b) {
            return new Value.Num(new Select(cond, a.expr(), b.expr()));
        }
        if (t.equals(f)) {
            return t;
        }
        throw new IllegalStateException("a row that depends on a condition: " + t + " or " + f);
    }

    private static Expr orFalse(Expr when) {
        return when == null ? Exprs.apply(Op.FALSE) : when;
    }

    private static Expr conjunction(Expr a, Expr b) {
        return isTrue(a) ? b : Exprs.and(a, b);
    }

    private static boolean isTrue(Expr e) {
        return e instanceof Apply a && a.op() == Op.TRUE;
    }

    private Value bind(String name, Value value) {
        if (value instanceof Value.Num n) {
            Expr e = n.expr();
            if (e instanceof Apply || e instanceof Select || e instanceof Reduce || e instanceof Elem) {
                hints.putIfAbsent(e, name);
            }
        }
        return value;
    }

    private static Expr number(Value v, String what) {
        if (v instanceof Value.Num n) {
            return n.expr();
        }
        throw new IllegalStateException(what + " is a row, not a number: " + v);
    }

    private static Value.Row row(Value v) {
        if (v instanceof Value.Row r) {
            return r;
        }
        throw new IllegalStateException("not a row: " + v);
    }

    private Expr expr(Node node, State s) {
        return number(eval(node, s), "an operand");
    }

    private Value eval(Node node, State s) {
        if (node instanceof Node.Num n) {
            return new Value.Num(new Const(n.value()));
        }
        if (node instanceof Node.Ref r) {
            Value value = s.env.get(r.name());
            if (value == null) {
                throw new IllegalStateException("unresolved name " + r.name());
            }
            return value;
        }
        if (node instanceof Node.Call c) {
            List<Expr> args = new ArrayList<>();
            for (Node arg : c.args()) {
                args.add(expr(arg, s));
            }
            return new Value.Num(new Apply(c.op(), args));
        }
        if (node instanceof Node.Cond c) {
            return new Value.Num(new Select(expr(c.condition(), s), expr(c.ifTrue(), s), expr(c.ifFalse(), s)));
        }
        if (node instanceof Node.Elem el) {
            return new Value.Num(element(el, s));
        }
        if (node instanceof Node.Length l) {
            Value array = eval(l.array(), s);
            return new Value.Num(array instanceof Value.Batch b ? b.length() : row(array).length());
        }
        if (node instanceof Node.RowOf r) {
            Value matrix = eval(r.matrix(), s);
            return ((Value.Batch) matrix).row(expr(r.index(), s));
        }
        if (node instanceof Node.RowCall call) {
            return new Value.Num(rowFunction(call, s));
        }
        if (node instanceof Node.NewRow fresh) {
            return new Value.Table(expr(fresh.length(), s), null);
        }
        if (node instanceof Node.Field f) {
            return new Value.Num(new Field(f.owner(), f.name(), f.integral()));
        }
        Node.Invoke invoke = (Node.Invoke) node;
        return inline(invoke.helper(), invoke.args(), s);
    }

    /** {@code a[k]}: the element just written in this iteration, else the row's element. */
    private Expr element(Node.Elem el, State s) {
        Expr index = expr(el.index(), s);
        if (el.array() instanceof Node.Ref r && s.written.containsKey(r.name())) {
            return s.written.get(r.name());
        }
        return row(eval(el.array(), s)).element(index);
    }

    /**
     * {@code sum(x) = Σ_i x[i]}, {@code logSumExp(x) = log Σ_i exp(x[i])}, {@code dot(a, b) = Σ_i a[i]·b[i]},
     * {@code cosine(a, b) = Σ ab / sqrt(max(Σa², ε²)·max(Σb², ε²))} as {@code Functions.cosine} computes it, ...
     */
    private Expr rowFunction(Node.RowCall call, State s) {
        Value.Row x = row(eval(call.rows().get(0), s));
        Idx i = new Idx("i", ++indices);
        ranges.put(i, new Expr[] {Const.ZERO, x.length()});
        Expr xi = x.element(i);
        return switch (call.function()) {
            case SUM -> over(Reduce.Kind.SUM, i, x, xi);
            case MEAN -> Exprs.div(over(Reduce.Kind.SUM, i, x, xi), x.length());
            case MAX -> over(Reduce.Kind.MAX, i, x, xi);
            case MIN -> over(Reduce.Kind.MIN, i, x, xi);
            case LOG_SUM_EXP -> over(Reduce.Kind.LOG_SUM_EXP, i, x, xi);
            case NORM -> Exprs.apply(Op.SQRT, over(Reduce.Kind.SUM, i, x, Exprs.mul(xi, xi)));
            case DOT -> over(Reduce.Kind.SUM, i, x, Exprs.mul(xi, row(eval(call.rows().get(1), s)).element(i)));
            case COSINE -> cosine(x, row(eval(call.rows().get(1), s)), i);
        };
    }

    private static Reduce over(Reduce.Kind kind, Idx i, Value.Row x, Expr body) {
        return new Reduce(kind, i, Const.ZERO, x.length(), body);
    }

    /** {@code Functions.cosine}'s arithmetic: the two squared norms each floored at ε², one square root. */
    private static Expr cosine(Value.Row a, Value.Row b, Idx i) {
        Expr ai = a.element(i);
        Expr bi = b.element(i);
        // read from Functions itself and squared as it squares it, so that the two agree bit for bit
        Expr eps = new Field("io.gradgen.Functions", "COSINE_EPS", false);
        Expr epsSquared = Exprs.mul(eps, eps);
        Expr dot = over(Reduce.Kind.SUM, i, a, Exprs.mul(ai, bi));
        Expr aa = Exprs.apply(Op.MAX, over(Reduce.Kind.SUM, i, a, Exprs.mul(ai, ai)), epsSquared);
        Expr bb = Exprs.apply(Op.MAX, over(Reduce.Kind.SUM, i, a, Exprs.mul(bi, bi)), epsSquared);
        return Exprs.div(dot, Exprs.apply(Op.SQRT, Exprs.mul(aa, bb)));
    }

    private Value inline(Helper helper, List<Node> args, State caller) {
        Map<String, Value> env = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            env.put(helper.parameters().get(i), eval(args.get(i), caller));
        }
        return run(helper.body(), env);
    }
}
