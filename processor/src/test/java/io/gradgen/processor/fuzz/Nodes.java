package io.gradgen.processor.fuzz;

import io.gradgen.processor.fuzz.Ast.And;
import io.gradgen.processor.fuzz.Ast.Assign;
import io.gradgen.processor.fuzz.Ast.B;
import io.gradgen.processor.fuzz.Ast.Bin;
import io.gradgen.processor.fuzz.Ast.Call;
import io.gradgen.processor.fuzz.Ast.Cmp;
import io.gradgen.processor.fuzz.Ast.Compound;
import io.gradgen.processor.fuzz.Ast.Cond;
import io.gradgen.processor.fuzz.Ast.Decl;
import io.gradgen.processor.fuzz.Ast.E;
import io.gradgen.processor.fuzz.Ast.For;
import io.gradgen.processor.fuzz.Ast.Index;
import io.gradgen.processor.fuzz.Ast.Length;
import io.gradgen.processor.fuzz.Ast.Helper;
import io.gradgen.processor.fuzz.Ast.If;
import io.gradgen.processor.fuzz.Ast.Inject;
import io.gradgen.processor.fuzz.Ast.Named;
import io.gradgen.processor.fuzz.Ast.Neg;
import io.gradgen.processor.fuzz.Ast.Not;
import io.gradgen.processor.fuzz.Ast.Num;
import io.gradgen.processor.fuzz.Ast.Or;
import io.gradgen.processor.fuzz.Ast.Param;
import io.gradgen.processor.fuzz.Ast.Program;
import io.gradgen.processor.fuzz.Ast.Raw;
import io.gradgen.processor.fuzz.Ast.Ref;
import io.gradgen.processor.fuzz.Ast.Return;
import io.gradgen.processor.fuzz.Ast.S;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Walking and rewriting {@link Ast} trees: the shared plumbing of the generator, shrinker and checks. */
final class Nodes {
    private Nodes() {}

    /** Whether a helper call: a function without an owner ({@code h0}), rendered with the program's prefix. */
    static boolean isHelperCall(Call call) {
        return call.function().indexOf('.') < 0;
    }

    /** The {@code Functions} reductions over rows, and how many row arguments each takes. */
    static final java.util.Map<String, Integer> ROW_FUNCTIONS = java.util.Map.of(
            "Functions.sum", 1, "Functions.mean", 1, "Functions.max", 1, "Functions.min", 1,
            "Functions.logSumExp", 1, "Functions.dot", 2, "Functions.norm", 1, "Functions.cosine", 2);

    /** Whether a call of a row function, whose arguments are row references and not expressions. */
    static boolean isRowCall(Call call) {
        return ROW_FUNCTIONS.containsKey(call.function());
    }

    static boolean containsInjection(Program p) {
        boolean[] found = {false};
        forEachStatement(p, s -> {
            if (s instanceof Raw || s instanceof For f && f.bound() != null) {
                found[0] = true;
            }
        });
        mapExpressions(p, e -> {
            if (e instanceof Inject) {
                found[0] = true;
            }
            return e;
        });
        return found[0];
    }

    /** Whether {@code e} has Java type int, given the names of the int parameters. */
    static boolean isInt(E e, Set<String> intNames) {
        if (e instanceof Num n) {
            return n.isInt();
        } else if (e instanceof Named n) {
            return n.isInt();
        } else if (e instanceof Ref r) {
            return intNames.contains(r.name());
        } else if (e instanceof Neg n) {
            return isInt(n.operand(), intNames);
        } else if (e instanceof Bin b) {
            return isInt(b.left(), intNames) && isInt(b.right(), intNames);
        } else if (e instanceof Cond c) {
            return isInt(c.then(), intNames) && isInt(c.otherwise(), intNames);
        } else if (e instanceof Length || e instanceof Ast.RowLength) {
            return true;
        } else if (e instanceof Index x) {
            return intNames.contains(x.array()); // an int[] label of a batch loss
        } else if (e instanceof Call c) {
            String f = c.function();
            return (f.equals("Math.abs") || f.equals("Math.max") || f.equals("Math.min"))
                    && c.args().stream().allMatch(a -> isInt(a, intNames));
        }
        return false;
    }

    static Set<String> intParams(Program p) {
        Set<String> names = new HashSet<>();
        for (Param param : p.params()) {
            if (param.isInt()) {
                names.add(param.name());
            }
        }
        forEachStatement(p.body(), s -> {
            if (s instanceof For f) {
                names.add(f.var());
            } else if (s instanceof Ast.IntDecl d) {
                names.add(d.name());
            }
        });
        return names;
    }

    /** The names of the program's {@code boolean} locals. */
    static Set<String> boolLocals(Program p) {
        Set<String> names = new HashSet<>();
        forEachStatement(p.body(), s -> {
            if (s instanceof Ast.BoolDecl d) {
                names.add(d.name());
            }
        });
        return names;
    }

    /**
     * The length of a row parameter, the row count of a {@code double[][]} or {@code int[]} one, or
     * the length of a temporary row ({@code new double[x.length]}); null for anything else.
     */
    static Integer arrayLength(String name, Program p) {
        Integer own = parameterLength(name, p);
        if (own != null) {
            return own;
        }
        Integer[] found = {null};
        forEachStatement(p.body(), s -> {
            if (s instanceof Ast.NewArray a && a.name().equals(name) && parameterLength(a.lengthOf(), p) != null) {
                found[0] = parameterLength(a.lengthOf(), p);
            }
        });
        return found[0];
    }

    private static Integer parameterLength(String name, Program p) {
        Param param = row(name, p);
        if (param != null) {
            return param.length();
        }
        Param batch = batchParam(name, p);
        return batch == null ? null : batch.rows();
    }

    /** The {@code double[][]} or {@code int[]} parameter called {@code name}, or null. */
    static Param batchParam(String name, Program p) {
        for (Param q : p.params()) {
            if (q.name().equals(name) && q.isBatch()) {
                return q;
            }
        }
        return null;
    }

    /** Whether {@code name} is a {@code double[][]} parameter. */
    static boolean isMatrix(String name, Program p) {
        Param q = batchParam(name, p);
        return q != null && q.kind() == Param.Kind.MATRIX;
    }

    // ------------------------------------------------------------------ visiting

    interface StatementVisitor {
        void visit(S s);
    }

    static void forEachStatement(Program p, StatementVisitor v) {
        for (Helper h : p.helpers()) {
            forEachStatement(h.body(), v);
        }
        forEachStatement(p.body(), v);
    }

    static void forEachStatement(List<S> body, StatementVisitor v) {
        for (S s : body) {
            v.visit(s);
            if (s instanceof If i) {
                forEachStatement(i.then(), v);
                forEachStatement(i.otherwise(), v);
            } else if (s instanceof For f) {
                forEachStatement(f.body(), v);
            }
        }
    }

    /** A bottom-up rewrite of numeric expressions and of conditions; each defaults to the identity. */
    interface Rewrite {
        default E expr(E e) {
            return e;
        }

        default B cond(B b) {
            return b;
        }
    }

    /** Rewrites every expression bottom-up (children first), in helpers and body. */
    static Program mapExpressions(Program p, UnaryOperator<E> f) {
        return rewrite(p, new Rewrite() {
            @Override
            public E expr(E e) {
                return f.apply(e);
            }
        });
    }

    /** Rewrites every expression and condition bottom-up, helpers first, then the body in order. */
    static Program rewrite(Program p, Rewrite f) {
        List<Helper> helpers = new ArrayList<>();
        for (Helper h : p.helpers()) {
            helpers.add(new Helper(h.name(), h.params(), mapBody(h.body(), f)));
        }
        return new Program(p.name(), p.reduction(), p.params(), helpers, mapBody(p.body(), f), p.seed());
    }

    static List<S> mapBody(List<S> body, Rewrite f) {
        List<S> out = new ArrayList<>();
        for (S s : body) {
            out.add(mapStatement(s, f));
        }
        return out;
    }

    static S mapStatement(S s, Rewrite f) {
        if (s instanceof Decl d) {
            return new Decl(d.name(), map(d.init(), f));
        } else if (s instanceof Assign a) {
            return new Assign(a.name(), map(a.value(), f));
        } else if (s instanceof Compound c) {
            return new Compound(c.name(), c.op(), map(c.value(), f));
        } else if (s instanceof If i) {
            return new If(map(i.condition(), f), mapBody(i.then(), f), mapBody(i.otherwise(), f));
        } else if (s instanceof Return r) {
            return new Return(map(r.value(), f));
        } else if (s instanceof For l) {
            return l.withBody(mapBody(l.body(), f));
        } else if (s instanceof Ast.BoolDecl d) {
            return new Ast.BoolDecl(d.name(), map(d.value(), f));
        } else if (s instanceof Ast.Store st) {
            return new Ast.Store(st.array(), st.index(), map(st.value(), f));
        }
        return s; // int locals and new arrays hold int expressions, which rewrites leave alone
    }

    static E map(E e, Rewrite f) {
        E rebuilt;
        if (e instanceof Neg n) {
            rebuilt = new Neg(map(n.operand(), f));
        } else if (e instanceof Bin b) {
            rebuilt = new Bin(b.op(), map(b.left(), f), map(b.right(), f));
        } else if (e instanceof Call c && !isRowCall(c)) {
            List<E> args = new ArrayList<>();
            for (E a : c.args()) {
                args.add(map(a, f));
            }
            rebuilt = new Call(c.function(), args);
        } else if (e instanceof Cond c) {
            rebuilt = new Cond(map(c.condition(), f), map(c.then(), f), map(c.otherwise(), f));
        } else if (e instanceof Inject i) {
            rebuilt = new Inject(i.template(), map(i.inner(), f));
        } else {
            rebuilt = e;
        }
        return f.expr(rebuilt);
    }

    static B map(B b, Rewrite f) {
        B rebuilt;
        if (b instanceof Cmp c) {
            rebuilt = new Cmp(c.op(), map(c.left(), f), map(c.right(), f));
        } else if (b instanceof And a) {
            rebuilt = new And(map(a.left(), f), map(a.right(), f));
        } else if (b instanceof Or o) {
            rebuilt = new Or(map(o.left(), f), map(o.right(), f));
        } else if (b instanceof Not n) {
            rebuilt = new Not(map(n.operand(), f));
        } else {
            rebuilt = b;
        }
        return f.cond(rebuilt);
    }

    /**
     * The direct numeric sub-expressions of {@code e}. An index ({@code x[i]}) and the row arguments
     * of a row function are part of their node: neither is a {@code double} a rewrite may replace.
     */
    static List<E> children(E e) {
        if (e instanceof Neg n) {
            return List.of(n.operand());
        } else if (e instanceof Bin b) {
            return List.of(b.left(), b.right());
        } else if (e instanceof Call c && !isRowCall(c)) {
            return c.args();
        } else if (e instanceof Cond c) {
            List<E> out = new ArrayList<>(List.of(c.then(), c.otherwise()));
            collectOperands(c.condition(), out);
            return out;
        } else if (e instanceof Inject i) {
            return List.of(i.inner());
        }
        return List.of();
    }

    static void collectOperands(B b, List<E> out) {
        if (b instanceof Cmp c) {
            out.add(c.left());
            out.add(c.right());
        } else if (b instanceof And a) {
            collectOperands(a.left(), out);
            collectOperands(a.right(), out);
        } else if (b instanceof Or o) {
            collectOperands(o.left(), out);
            collectOperands(o.right(), out);
        } else if (b instanceof Not n) {
            collectOperands(n.operand(), out);
        }
    }

    static int size(E e) {
        int n = 1;
        for (E c : children(e)) {
            n += size(c);
        }
        return n;
    }

    /** Node count of the whole program: the shrinker's measure. */
    static int size(Program p) {
        int[] n = {p.params().size() + p.helpers().size()};
        forEachStatement(p, s -> n[0]++);
        mapExpressions(p, e -> {
            n[0]++;
            return e;
        });
        return n[0];
    }

    // ------------------------------------------------------------------ well-formedness

    /**
     * Whether the program is valid Java of the loss language as the generator would write it: every
     * name is declared before use and in scope, helpers exist and are called with their arity, no
     * int-by-int division, every body ends in a return that makes the rest reachable.
     */
    static boolean wellFormed(Program p) {
        Set<String> intNames = intParams(p);
        List<String> helperNames = new ArrayList<>();
        for (Helper h : p.helpers()) {
            if (!blockOk(h.body(), new HashSet<>(h.params()), Set.of(), p, helperNames) || !alwaysReturns(h.body())) {
                return false;
            }
            helperNames.add(h.name());
        }
        Set<String> scope = new HashSet<>();
        boolean hasInput = false;
        for (Param param : p.params()) {
            scope.add(param.name());
            hasInput |= param.isDifferentiable();
        }
        return hasInput && blockOk(p.body(), scope, intNames, p, helperNames) && alwaysReturns(p.body());
    }

    private static boolean blockOk(List<S> body, Set<String> outer, Set<String> intNames, Program p,
            List<String> helpers) {
        Set<String> scope = new HashSet<>(outer);
        for (int i = 0; i < body.size(); i++) {
            S s = body.get(i);
            if (i < body.size() - 1 && alwaysReturns(List.of(s))) {
                return false; // the rest would be unreachable
            }
            if (s instanceof Decl d) {
                if (!exprOk(d.init(), scope, intNames, p, helpers) || scope.contains(d.name())) {
                    return false;
                }
                scope.add(d.name());
            } else if (s instanceof Assign a) {
                if (!exprOk(a.value(), scope, intNames, p, helpers) || !isLocal(a.name(), scope, p)) {
                    return false;
                }
            } else if (s instanceof Compound c) {
                if (!exprOk(c.value(), scope, intNames, p, helpers) || !isLocal(c.name(), scope, p)) {
                    return false;
                }
            } else if (s instanceof If f) {
                if (!condOk(f.condition(), scope, intNames, p, helpers)) {
                    return false;
                }
                if (!blockOk(f.then(), scope, intNames, p, helpers) || !blockOk(f.otherwise(), scope, intNames, p, helpers)) {
                    return false;
                }
            } else if (s instanceof Return r) {
                if (!exprOk(r.value(), scope, intNames, p, helpers)) {
                    return false;
                }
            } else if (s instanceof For l) {
                if (arrayLength(l.array(), p) == null || !scope.contains(l.array()) || scope.contains(l.var())
                        || containsReturn(l.body())) {
                    return false;
                }
                for (E bound : java.util.Arrays.asList(l.from(), l.to())) {
                    if (bound != null && (!isInt(bound, intNames) || !exprOk(bound, scope, intNames, p, helpers))) {
                        return false;
                    }
                }
                Set<String> inner = new HashSet<>(scope);
                inner.add(l.var());
                if (!blockOk(l.body(), inner, intNames, p, helpers)) {
                    return false;
                }
            } else if (s instanceof Ast.IntDecl d) {
                if (scope.contains(d.name()) || !isInt(d.value(), intNames) || !exprOk(d.value(), scope, intNames, p, helpers)) {
                    return false;
                }
                scope.add(d.name());
            } else if (s instanceof Ast.BoolDecl d) {
                if (scope.contains(d.name()) || !condOk(d.value(), scope, intNames, p, helpers)) {
                    return false;
                }
                scope.add(d.name());
            } else if (s instanceof Ast.NewArray a) {
                if (scope.contains(a.name()) || parameterLength(a.lengthOf(), p) == null) {
                    return false;
                }
                scope.add(a.name());
            } else if (s instanceof Ast.Store st) {
                if (!scope.contains(st.array()) || row(st.array(), p) != null || arrayLength(st.array(), p) == null
                        || !isInt(st.index(), intNames) || !exprOk(st.index(), scope, intNames, p, helpers)
                        || !exprOk(st.value(), scope, intNames, p, helpers)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A condition's operands are well formed and its {@code boolean} locals are in scope. */
    private static boolean condOk(B b, Set<String> scope, Set<String> intNames, Program p, List<String> helpers) {
        if (b instanceof Ast.Flag f) {
            return scope.contains(f.name()) && boolLocals(p).contains(f.name());
        } else if (b instanceof Cmp c) {
            return exprOk(c.left(), scope, intNames, p, helpers) && exprOk(c.right(), scope, intNames, p, helpers);
        } else if (b instanceof And a) {
            return condOk(a.left(), scope, intNames, p, helpers) && condOk(a.right(), scope, intNames, p, helpers);
        } else if (b instanceof Or o) {
            return condOk(o.left(), scope, intNames, p, helpers) && condOk(o.right(), scope, intNames, p, helpers);
        }
        return condOk(((Not) b).operand(), scope, intNames, p, helpers);
    }

    private static boolean containsReturn(List<S> body) {
        boolean[] found = {false};
        forEachStatement(body, s -> found[0] |= s instanceof Return);
        return found[0];
    }

    /** The row parameter (input or constant) called {@code name}, or null. */
    static Param row(String name, Program p) {
        for (Param q : p.params()) {
            if (q.name().equals(name) && q.isRow()) {
                return q;
            }
        }
        return null;
    }

    private static boolean isLocal(String name, Set<String> scope, Program p) {
        return scope.contains(name) && p.params().stream().noneMatch(q -> q.name().equals(name))
                && !intParams(p).contains(name) && !boolLocals(p).contains(name) && arrayLength(name, p) == null;
    }

    private static boolean exprOk(E e, Set<String> scope, Set<String> intNames, Program p, List<String> helpers) {
        if (e instanceof Ref r) {
            return scope.contains(r.name()) && arrayLength(r.name(), p) == null && !boolLocals(p).contains(r.name());
        }
        if (e instanceof Index x) {
            Integer length = arrayLength(x.array(), p);
            return length != null && !isMatrix(x.array(), p) && scope.contains(x.array()) && indexOk(x.index(), length,
                    scope, intNames, p, helpers);
        }
        if (e instanceof Ast.Elem x) {
            Param m = batchParam(x.matrix(), p);
            return m != null && m.kind() == Param.Kind.MATRIX && scope.contains(x.matrix())
                    && indexOk(x.row(), m.rows(), scope, intNames, p, helpers)
                    && indexOk(x.col(), m.length(), scope, intNames, p, helpers);
        }
        if (e instanceof Ast.RowLength x) {
            Param m = batchParam(x.matrix(), p);
            return m != null && m.kind() == Param.Kind.MATRIX && scope.contains(x.matrix())
                    && indexOk(x.row(), m.rows(), scope, intNames, p, helpers);
        }
        if (e instanceof Ast.Row) {
            return false; // a row of a double[][] is a row function's argument, never a number
        }
        if (e instanceof Cond c && !condOk(c.condition(), scope, intNames, p, helpers)) {
            return false;
        }
        if (e instanceof Length l) {
            return arrayLength(l.array(), p) != null && scope.contains(l.array());
        }
        if (e instanceof Call c && isRowCall(c)) {
            if (c.args().size() != ROW_FUNCTIONS.get(c.function())) {
                return false;
            }
            for (E a : c.args()) {
                if (!rowArgumentOk(a, scope, intNames, p, helpers)) {
                    return false;
                }
            }
            return true;
        }
        if (e instanceof Bin b && b.op() == '/' && isInt(b.left(), intNames) && isInt(b.right(), intNames)) {
            return false;
        }
        if (e instanceof Call c && isHelperCall(c)) {
            int arity = -1;
            for (Helper h : p.helpers()) {
                if (h.name().equals(c.function())) {
                    arity = h.params().size();
                }
            }
            if (!helpers.contains(c.function()) || arity != c.args().size()) {
                return false;
            }
        }
        for (E child : children(e)) {
            if (!exprOk(child, scope, intNames, p, helpers)) {
                return false;
            }
        }
        return true;
    }

    /** An int index expression in scope, a literal one inside {@code [0, length)}. */
    private static boolean indexOk(E index, int length, Set<String> scope, Set<String> intNames, Program p,
            List<String> helpers) {
        return isInt(index, intNames) && exprOk(index, scope, intNames, p, helpers)
                && (!(index instanceof Num n) || n.value() >= 0 && n.value() < length);
    }

    /** A row function's argument: a row parameter or temporary row by name, or a row {@code x[a]} of a {@code double[][]}. */
    private static boolean rowArgumentOk(E a, Set<String> scope, Set<String> intNames, Program p, List<String> helpers) {
        if (a instanceof Ref r) {
            return scope.contains(r.name()) && arrayLength(r.name(), p) != null && batchParam(r.name(), p) == null;
        }
        if (a instanceof Ast.Row r) {
            Param m = batchParam(r.matrix(), p);
            return m != null && m.kind() == Param.Kind.MATRIX && scope.contains(r.matrix())
                    && indexOk(r.index(), m.rows(), scope, intNames, p, helpers);
        }
        return false;
    }

    /** Whether the statements cannot complete normally (javac's rule, for the forms the fuzzer writes). */
    static boolean alwaysReturns(List<S> body) {
        for (S s : body) {
            if (s instanceof Return) {
                return true;
            }
            if (s instanceof If i && alwaysReturns(i.then()) && alwaysReturns(i.otherwise())) {
                return true;
            }
        }
        return false;
    }
}
