package io.gradgen.processor.normalise;

import io.gradgen.processor.body.Body;
import io.gradgen.processor.body.Helper;
import io.gradgen.processor.body.Node;
import io.gradgen.processor.body.Stmt;
import io.gradgen.processor.ir.Apply;
import io.gradgen.processor.ir.Const;
import io.gradgen.processor.ir.Elem;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Exprs;
import io.gradgen.processor.ir.Idx;
import io.gradgen.processor.ir.Length;
import io.gradgen.processor.ir.Op;
import io.gradgen.processor.ir.Reduce;
import io.gradgen.processor.ir.Select;
import io.gradgen.processor.ir.Var;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a loss body (statements with locals, reassignment, branches and early returns) into one
 * pure expression for its return value, by symbolic execution: each local is bound to the
 * expression it currently holds, an {@code if} runs both branches and merges every local that
 * differs into a {@link Select} on the condition, and a {@code return} inside a branch is
 * remembered together with the condition under which it happened. {@code @Differentiable} helpers
 * are inlined. The names of the user's locals are kept as hints, so the generated code can reuse
 * them.
 *
 * <p>A loop over a row runs its body once, symbolically, with the loop variable as an {@link Idx}
 * and each local it assigns as a placeholder; what the body did to the placeholder is an
 * accumulation ({@code s + f(i)}, {@code max(s, f(i))}, possibly under a condition), and after the
 * loop the local holds its old value combined with the {@link Reduce} of {@code f}. Row functions
 * ({@code sum(x)}, {@code logSumExp(x)}, {@code dot(a, b)}) become reductions too.
 */
public final class Normaliser {
    private final Map<Expr, String> hints = new LinkedHashMap<>();
    private int indices;

    private Normaliser() {
    }

    /**
     * Normalises a body whose parameters are the given variables.
     *
     * @throws IllegalStateException if some path of the body does not return (javac reports that first)
     * @throws IllegalArgumentException if {@code Functions.weighted} is used inside a computation rather
     *     than as the returned value (possible through a helper; the reader rejects it in the loss itself)
     */
    public static NormalisedLoss normalise(Body body, List<Var> parameters) {
        Map<String, Expr> env = new LinkedHashMap<>();
        for (Var v : parameters) {
            env.put(v.name(), v);
        }
        return normalise(body, env);
    }

    /** Normalises a body whose parameter names stand for the given nodes (variables and flags). */
    public static NormalisedLoss normalise(Body body, Map<String, Expr> parameters) {
        Normaliser n = new Normaliser();
        Map<String, Expr> env = new LinkedHashMap<>(parameters);
        Expr[] split;
        try {
            split = WeightSplit.split(n.run(body.statements(), env));
        } catch (WeightSplit.Misplaced e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return new NormalisedLoss(split[0], split[1], n.hints);
    }

    private Expr run(List<Stmt> statements, Map<String, Expr> env) {
        State end = exec(statements, new State(env, null, null));
        if (!end.hasReturnedEverywhere()) {
            throw new IllegalStateException("a path through the body does not return a value");
        }
        return end.returned;
    }

    /** Locals in scope, and what has been returned so far under which condition (null: nothing yet). */
    private record State(Map<String, Expr> env, Expr returnedWhen, Expr returned) {
        boolean hasReturnedEverywhere() {
            return returnedWhen instanceof Apply a && a.op() == Op.TRUE;
        }

        State copy() {
            return new State(new LinkedHashMap<>(env), returnedWhen, returned);
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
            Map<String, Expr> env = new LinkedHashMap<>(s.env);
            env.put(d.name(), d.init() == null ? Const.ZERO : bind(d.name(), eval(d.init(), s.env)));
            return new State(env, s.returnedWhen, s.returned);
        }
        if (stmt instanceof Stmt.Assign a) {
            Map<String, Expr> env = new LinkedHashMap<>(s.env);
            env.put(a.name(), bind(a.name(), eval(a.value(), s.env)));
            return new State(env, s.returnedWhen, s.returned);
        }
        if (stmt instanceof Stmt.For f) {
            return loop(f, s);
        }
        if (stmt instanceof Stmt.Return r) {
            Expr value = eval(r.value(), s.env);
            Expr returned = s.returnedWhen == null ? value : new Select(s.returnedWhen, s.returned, value);
            return new State(s.env, Exprs.apply(Op.TRUE), returned);
        }
        Stmt.If branch = (Stmt.If) stmt;
        Expr cond = eval(branch.condition(), s.env);
        State t = exec(branch.thenBranch(), s.copy());
        State f = exec(branch.elseBranch(), s.copy());
        return merge(cond, s, t, f);
    }

    private State loop(Stmt.For f, State s) {
        Var row = (Var) s.env.get(f.row());
        Idx index = new Idx(f.index(), ++indices);
        Set<String> assigned = new LinkedHashSet<>();
        assignedIn(f.body(), assigned);
        Map<String, Expr> env = new LinkedHashMap<>(s.env);
        Map<String, Var> placeholders = new LinkedHashMap<>();
        for (String name : assigned) {
            if (s.env.containsKey(name)) {
                Var placeholder = new Var("\u0000" + name, Var.Role.CONSTANT);
                placeholders.put(name, placeholder);
                env.put(name, placeholder);
            }
        }
        env.put(f.index(), index);
        State after = exec(f.body(), new State(env, null, null));
        Map<String, Expr> out = new LinkedHashMap<>(s.env);
        for (Map.Entry<String, Var> p : placeholders.entrySet()) {
            Accumulation acc = Accumulation.of(after.env.get(p.getKey()), p.getValue(), placeholders.values());
            if (acc == null) {
                throw new IllegalStateException("the loop over " + f.row() + " does not accumulate into " + p.getKey());
            }
            if (acc.kind() != null) {
                Expr before = s.env.get(p.getKey());
                Expr reduced = new Reduce(acc.kind(), index, row, acc.term());
                out.put(p.getKey(), bind(p.getKey(), acc.combine(before, reduced)));
            }
        }
        return new State(out, s.returnedWhen, s.returned);
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

    private static State merge(Expr cond, State before, State t, State f) {
        Map<String, Expr> env = new LinkedHashMap<>();
        for (String name : before.env.keySet()) {
            Expr vt = t.env.get(name);
            Expr vf = f.env.get(name);
            if (t.hasReturnedEverywhere()) {
                env.put(name, vf);
            } else if (f.hasReturnedEverywhere() || vt.equals(vf)) {
                env.put(name, vt);
            } else {
                env.put(name, new Select(cond, vt, vf));
            }
        }
        if (t.returnedWhen == null && f.returnedWhen == null) {
            return new State(env, null, null);
        }
        Expr whenT = orFalse(t.returnedWhen);
        Expr whenF = orFalse(f.returnedWhen);
        Expr when = whenT.equals(whenF) ? whenT : new Select(cond, whenT, whenF);
        Expr returned = t.returned == null ? f.returned
                : f.returned == null ? t.returned
                : new Select(cond, t.returned, f.returned);
        return new State(env, when, returned);
    }

    private static Expr orFalse(Expr when) {
        return when == null ? Exprs.apply(Op.FALSE) : when;
    }

    private Expr bind(String name, Expr value) {
        if (value instanceof Apply || value instanceof Select || value instanceof Reduce || value instanceof Elem) {
            hints.putIfAbsent(value, name);
        }
        return value;
    }

    private Expr eval(Node node, Map<String, Expr> env) {
        if (node instanceof Node.Num n) {
            return new Const(n.value());
        }
        if (node instanceof Node.Ref r) {
            Expr value = env.get(r.name());
            if (value == null) {
                throw new IllegalStateException("unresolved name " + r.name());
            }
            return value;
        }
        if (node instanceof Node.Call c) {
            List<Expr> args = new ArrayList<>();
            for (Node arg : c.args()) {
                args.add(eval(arg, env));
            }
            return new Apply(c.op(), args);
        }
        if (node instanceof Node.Cond c) {
            return new Select(eval(c.condition(), env), eval(c.ifTrue(), env), eval(c.ifFalse(), env));
        }
        if (node instanceof Node.Elem el) {
            return new Elem((Var) env.get(el.row()), eval(el.index(), env));
        }
        if (node instanceof Node.Length l) {
            return new Length((Var) env.get(l.row()));
        }
        if (node instanceof Node.RowCall call) {
            return rowFunction(call, env);
        }
        Node.Invoke invoke = (Node.Invoke) node;
        return inline(invoke.helper(), invoke.args(), env);
    }

    /** {@code sum(x) = Σ_i x[i]}, {@code logSumExp(x) = log Σ_i exp(x[i])}, {@code dot(a, b) = Σ_i a[i]·b[i]}, ... */
    private Expr rowFunction(Node.RowCall call, Map<String, Expr> env) {
        Var x = (Var) env.get(call.rows().get(0));
        Idx i = new Idx("i", ++indices);
        Expr xi = new Elem(x, i);
        return switch (call.function()) {
            case SUM -> new Reduce(Reduce.Kind.SUM, i, x, xi);
            case MEAN -> Exprs.div(new Reduce(Reduce.Kind.SUM, i, x, xi), new Length(x));
            case MAX -> new Reduce(Reduce.Kind.MAX, i, x, xi);
            case MIN -> new Reduce(Reduce.Kind.MIN, i, x, xi);
            case LOG_SUM_EXP -> new Reduce(Reduce.Kind.LOG_SUM_EXP, i, x, xi);
            case NORM -> Exprs.apply(Op.SQRT, new Reduce(Reduce.Kind.SUM, i, x, Exprs.mul(xi, xi)));
            case DOT -> new Reduce(Reduce.Kind.SUM, i, x,
                    Exprs.mul(xi, new Elem((Var) env.get(call.rows().get(1)), i)));
        };
    }

    private Expr inline(Helper helper, List<Node> args, Map<String, Expr> callerEnv) {
        Map<String, Expr> env = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            env.put(helper.parameters().get(i), eval(args.get(i), callerEnv));
        }
        return run(helper.body(), env);
    }
}
