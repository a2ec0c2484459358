package io.gradgen.processor.fuzz;

import io.gradgen.annotations.Reduction;
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
import io.gradgen.processor.fuzz.Ast.Helper;
import io.gradgen.processor.fuzz.Ast.If;
import io.gradgen.processor.fuzz.Ast.Neg;
import io.gradgen.processor.fuzz.Ast.Not;
import io.gradgen.processor.fuzz.Ast.Num;
import io.gradgen.processor.fuzz.Ast.Or;
import io.gradgen.processor.fuzz.Ast.Param;
import io.gradgen.processor.fuzz.Ast.Program;
import io.gradgen.processor.fuzz.Ast.Ref;
import io.gradgen.processor.fuzz.Ast.Return;
import io.gradgen.processor.fuzz.Ast.S;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Random element-wise losses: {@code double} inputs, an occasional {@code int} label,
 * {@code @Param double/int} constants with and without defaults, locals and their reassignment
 * (also {@code += -= *= /=}), {@code if/else} with early returns, {@code ?:}, every supported
 * {@code Math}/{@code Functions} call and {@code @Differentiable} helpers.
 *
 * <p>Every call is generated on its domain: a logarithm of {@code c + sq(a)}, a square root of
 * {@code c + |a|}, an arcsine of {@code 0.9·tanh(a)}, a division by {@code c + sq(b)} (or by a
 * plain expression, whose distance from zero the interpreter watches).
 */
final class ElementwiseGenerator implements ProgramGenerator {

    private static final String[] UNARY = {
        "Math.exp", "Math.log", "Math.log1p", "Math.expm1", "Math.sqrt", "Math.cbrt", "Math.abs",
        "Math.sin", "Math.cos", "Math.tan", "Math.asin", "Math.acos", "Math.atan", "Math.sinh", "Math.cosh",
        "Math.tanh", "Math.signum", "Math.floor", "Math.ceil", "Functions.sq", "Functions.sigmoid",
        "Functions.softplus", "Functions.logSigmoid", "Functions.relu", "Math.log10", "Functions.lgamma",
        "Functions.digamma",
    };
    private static final String[] BINARY = {
        "Math.pow", "Math.max", "Math.min", "Math.atan2", "Math.hypot", "Functions.clamp", "Functions.logAddExp",
    };
    private static final double[] LITERALS = {0.5, 1.0, 2.0, 1.5, 3.0, 0.25, 0.1, 4.0};
    /** Literals that exercise the simplifier's identities ({@code x * 0}, {@code x - -1}, {@code 1e-8 + x}...). */
    private static final double[] SPECIAL_LITERALS = {0.0, -1.0, 1.0, -0.5, 1e-8, 100.0};

    /** What an expression may refer to where it is generated. */
    private static final class Scope {
        final List<String> doubles = new ArrayList<>();
        final List<String> ints = new ArrayList<>();
        final List<String> locals = new ArrayList<>();
        final List<Helper> helpers = new ArrayList<>();

        Scope copy() {
            Scope s = new Scope();
            s.doubles.addAll(doubles);
            s.ints.addAll(ints);
            s.locals.addAll(locals);
            s.helpers.addAll(helpers);
            return s;
        }
    }

    /**
     * Names a user may well choose that are also names the generated code uses for its own
     * parameters, locals, fields and methods (forward's {@code inputs}, {@code shape}, {@code value},
     * the kernels' {@code i}, {@code total}, {@code predData}, {@code gradPred}, {@code dPred},
     * {@code scale}, the constants' accessors...): each program draws half its names from here.
     */
    private static final String[] INPUT_NAMES = {
        "x", "y", "pred", "target", "input", "value", "total", "i", "shape", "inputs", "scale", "d", "n", "grad",
        "result", "data", "out", "xData", "predData", "gradX", "dPred", "diff", "upstream", "loss", "backward",
        "forward", "NAME", "INPUTS", "tmp", "e", "sum", "gradFn", "numel", "weight", "x1",
    };
    private static final String[] CONST_NAMES = {
        "delta", "eps", "margin", "alpha", "beta", "value", "total", "scale", "shape", "inputs", "i", "name",
        "NAME", "forward", "result", "grad", "c", "lo", "hi", "hashCode", "toString", "sum", "data",
    };
    private static final String[] LOCAL_NAMES = {
        "t", "d", "diff", "r", "u", "tmp", "value", "total", "i", "scale", "grad", "dX", "gradPred", "predData",
        "shape", "upstream", "result", "data", "inputs", "z", "w", "NAME", "sum", "t0", "dPred", "x1",
    };
    private static final String[] LABEL_NAMES = {"k", "label", "cls", "target", "i", "index", "total"};

    /**
     * Parameter names a generated loss refuses on purpose ({@code [gradgen/ParamName]}: a {@code @Param}
     * field of that name would clash with a method every generated loss has), never drawn.
     */
    static final java.util.Set<String> RESERVED_PARAMETER_NAMES = java.util.Set.of(
            "toString", "hashCode", "getClass", "equals", "clone", "finalize", "notify", "notifyAll", "wait",
            "forward", "withReduction", "reduction");

    private Random rng;
    private ProgramNames names;
    /** The constant {@code c0}'s name in this program, or null. */
    private String positiveConst;
    private List<Param> params;

    @Override
    public Program next(Random random, String name, long seed) {
        this.rng = random;
        this.names = new ProgramNames(random);
        this.positiveConst = null;
        this.params = new ArrayList<>();
        int inputs = 1 + rng.nextInt(3);
        for (int i = 0; i < inputs; i++) {
            double scale = new double[] {0.5, 1, 2, 3}[rng.nextInt(4)];
            params.add(new Param(parameterName(INPUT_NAMES, "x"), Param.Kind.INPUT, null, 0, scale));
        }
        if (rng.nextDouble() < 0.4) {
            double test = round(0.5 + 1.5 * rng.nextDouble());
            Double dflt = rng.nextBoolean() ? round(0.5 + 1.5 * rng.nextDouble()) : null;
            positiveConst = parameterName(CONST_NAMES, "c");
            params.add(new Param(positiveConst, Param.Kind.CONST_DOUBLE, dflt, test, 1));
        }
        if (rng.nextDouble() < 0.15) {
            Double dflt = rng.nextBoolean() ? (double) (1 + rng.nextInt(4)) : null;
            params.add(new Param(parameterName(CONST_NAMES, "n"), Param.Kind.CONST_INT, dflt, 1 + rng.nextInt(4), 1));
        }
        if (rng.nextDouble() < 0.15) {
            params.add(new Param(parameterName(LABEL_NAMES, "k"), Param.Kind.LABEL, null, 0, 3));
        }
        if (rng.nextDouble() < 0.3) {
            Collections.shuffle(params, rng);
        }

        Scope helperScope = new Scope();
        List<Helper> helpers = new ArrayList<>();
        if (rng.nextDouble() < 0.3) {
            int count = 1 + rng.nextInt(2);
            for (int h = 0; h < count; h++) {
                helpers.add(helper("h" + h, helperScope));
                helperScope.helpers.add(helpers.get(h));
            }
        }

        Scope scope = new Scope();
        scope.helpers.addAll(helpers);
        for (Param p : params) {
            if (p.kind() == Param.Kind.INPUT || p.kind() == Param.Kind.CONST_DOUBLE) {
                scope.doubles.add(p.name());
            } else {
                scope.ints.add(p.name());
            }
        }
        List<S> body = new ArrayList<>();
        int statements = rng.nextInt(5);
        for (int i = 0; i < statements; i++) {
            body.add(statement(scope, 0));
        }
        if (rng.nextDouble() < 0.1) {
            body.addAll(chain(scope));
        }
        if (rng.nextDouble() < 0.2) {
            body.add(new If(condition(scope, 2), List.of(new Return(expr(scope, 3))), List.of(new Return(expr(scope, 3)))));
        } else {
            body.add(new Return(expr(scope, 3)));
        }
        Reduction reduction = Reduction.values()[rng.nextInt(3)];
        return new Program(name, reduction, List.copyOf(params), helpers, body, seed);
    }

    /**
     * A local reassigned from itself several times ({@code t = Math.sin(t) * t + t;} ...): each
     * step uses the previous value more than once, so a differentiator that inlines locals as
     * trees instead of sharing them grows exponentially.
     */
    private List<S> chain(Scope scope) {
        String t = fresh(LOCAL_NAMES, "t");
        List<S> out = new ArrayList<>();
        out.add(new Decl(t, call("Math.tanh", leaf(scope))));
        scope.locals.add(t);
        scope.doubles.add(t);
        int steps = 6 + rng.nextInt(10);
        for (int i = 0; i < steps; i++) {
            E v = new Ref(t);
            E step = switch (rng.nextInt(4)) {
                case 0 -> new Bin('+', new Bin('*', call("Math.sin", v), v), v);
                case 1 -> call("Math.tanh", new Bin('+', new Bin('*', v, v), leaf(scope)));
                case 2 -> new Bin('*', new Num(0.5, false), new Bin('+', call("Math.cos", v), call("Functions.sigmoid", v)));
                default -> new Bin('-', v, new Bin('*', new Num(0.1, false), call("Functions.sq", v)));
            };
            out.add(new Assign(t, step));
        }
        return out;
    }

    /** One to two statements in a scope of their own, ending in a return now and then. */
    private List<S> branch(Scope outer, int nesting) {
        Scope scope = outer.copy();
        List<S> body = new ArrayList<>();
        int n = 1 + rng.nextInt(2);
        for (int i = 0; i < n; i++) {
            body.add(statement(scope, nesting + 1));
        }
        if (rng.nextDouble() < 0.3) {
            body.add(new Return(expr(scope, 2)));
        }
        return body;
    }

    private String fresh(String[] pool, String prefix) {
        return names.fresh(pool, prefix);
    }

    private String parameterName(String[] pool, String prefix) {
        return names.parameterName(pool, prefix);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private Helper helper(String name, Scope previous) {
        int arity = 1 + rng.nextInt(2);
        Scope scope = new Scope();
        scope.helpers.addAll(previous.helpers);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < arity; i++) {
            String param = fresh(INPUT_NAMES, "a");
            names.add(param);
            scope.doubles.add(param);
        }
        List<S> body = new ArrayList<>();
        int statements = rng.nextInt(3);
        for (int i = 0; i < statements; i++) {
            body.add(statement(scope, 1));
        }
        body.add(new Return(expr(scope, 2)));
        return new Helper(name, names, body);
    }

    // ------------------------------------------------------------------ statements

    /** A statement; {@code nesting} counts the enclosing ifs (at most two, for else-if chains). */
    private S statement(Scope scope, int nesting) {
        double r = rng.nextDouble();
        if (r < (nesting == 0 ? 0.25 : 0.08) && nesting < 2) {
            B condition = condition(scope, 2);
            List<S> then = branch(scope, nesting);
            List<S> otherwise = new ArrayList<>();
            double shape = rng.nextDouble();
            if (shape < 0.15) {
                otherwise.add(new If(condition(scope, 1), branch(scope, nesting + 1), branch(scope, nesting + 1)));
            } else if (shape < 0.6) {
                otherwise = branch(scope, nesting);
            }
            // a branch that returns is fine on one side; on both, the if would end the block
            if (Nodes.alwaysReturns(then) && Nodes.alwaysReturns(otherwise)) {
                otherwise = new ArrayList<>(otherwise.subList(0, otherwise.size() - 1));
            }
            return new If(condition, then, otherwise);
        }
        if (!scope.locals.isEmpty() && r < 0.55) {
            String target = pick(scope.locals);
            if (r < 0.4) {
                return new Assign(target, expr(scope, 3));
            }
            char op = "+-*/".charAt(rng.nextInt(4));
            E value = op == '/' ? positive(scope, 2) : expr(scope, 2);
            return new Compound(target, op, value);
        }
        String name = fresh(LOCAL_NAMES, "t");
        S decl = new Decl(name, expr(scope, 3));
        scope.locals.add(name);
        scope.doubles.add(name);
        return decl;
    }

    // ------------------------------------------------------------------ expressions

    E expr(Scope scope, int depth) {
        if (depth <= 0 || rng.nextDouble() < 0.2) {
            return leaf(scope);
        }
        double r = rng.nextDouble();
        if (r < 0.25) {
            return new Bin("+-*".charAt(rng.nextInt(3)), expr(scope, depth - 1), expr(scope, depth - 1));
        } else if (r < 0.33) {
            return division(scope, depth);
        } else if (r < 0.37) {
            return new Neg(expr(scope, depth - 1));
        } else if (r < 0.72) {
            return unary(UNARY[rng.nextInt(UNARY.length)], expr(scope, depth - 1), scope);
        } else if (r < 0.84) {
            return binary(BINARY[rng.nextInt(BINARY.length)], scope, depth);
        } else if (r < 0.92) {
            return new Cond(condition(scope, depth - 1), expr(scope, depth - 1), expr(scope, depth - 1));
        } else if (!scope.helpers.isEmpty()) {
            Helper h = pick(scope.helpers);
            List<E> args = new ArrayList<>();
            for (int i = 0; i < h.params().size(); i++) {
                args.add(expr(scope, depth - 1));
            }
            return new Call(h.name(), args);
        }
        return new Bin("+-*".charAt(rng.nextInt(3)), expr(scope, depth - 1), leaf(scope));
    }

    private E leaf(Scope scope) {
        double r = rng.nextDouble();
        if (r < 0.03) {
            return new Num(SPECIAL_LITERALS[rng.nextInt(SPECIAL_LITERALS.length)], false);
        } else if (r < 0.12) {
            return new Num(LITERALS[rng.nextInt(LITERALS.length)], false);
        } else if (r < 0.15) {
            return new Num(1 + rng.nextInt(3), true);
        } else if (r < 0.19) {
            return JavaRenderer.CONSTANTS.get(rng.nextInt(JavaRenderer.CONSTANTS.size()));
        } else if (r < 0.24 && !scope.ints.isEmpty()) {
            return new Ref(pick(scope.ints));
        }
        return new Ref(pick(scope.doubles));
    }

    /** An expression that is at least {@code c > 0}: a safe denominator or logarithm argument. */
    private E positive(Scope scope, int depth) {
        E a = expr(scope, depth - 1);
        E c = smallPositive(scope);
        return switch (rng.nextInt(4)) {
            case 0 -> new Bin('+', c, call("Functions.sq", a));
            case 1 -> new Bin('+', c, call("Math.abs", a));
            case 2 -> new Bin('+', call("Math.exp", call("Math.tanh", a)), c);
            default -> call("Math.hypot", a, c);
        };
    }

    private E smallPositive(Scope scope) {
        if (positiveConst != null && scope.doubles.contains(positiveConst) && rng.nextInt(4) == 0) {
            return new Ref(positiveConst);
        }
        return new Num(new double[] {0.1, 0.5, 1.0, 2.0}[rng.nextInt(4)], false);
    }

    private E division(Scope scope, int depth) {
        E numerator = expr(scope, depth - 1);
        double r = rng.nextDouble();
        if (r < 0.55) {
            return new Bin('/', numerator, positive(scope, depth));
        } else if (r < 0.75) {
            return new Bin('/', numerator, new Num(LITERALS[rng.nextInt(LITERALS.length)], false));
        }
        // an unguarded denominator: the interpreter keeps sample points away from its zeros
        E denominator = expr(scope, depth - 1);
        if (Nodes.isInt(denominator, java.util.Set.copyOf(scope.ints)) && Nodes.isInt(numerator, java.util.Set.copyOf(scope.ints))) {
            denominator = new Bin('+', denominator, new Num(0.5, false));
        }
        return new Bin('/', numerator, denominator);
    }

    private E unary(String f, E a, Scope scope) {
        switch (f) {
            case "Math.log":
                return rng.nextInt(3) == 0 ? call(f, call("Functions.sigmoid", a)) : call(f, positiveOf(a, scope));
            case "Math.sqrt":
            case "Math.log10":
            case "Functions.lgamma":
            case "Functions.digamma":
                // lgamma and digamma on positive arguments, away from their poles at 0, -1, -2, ...
                return call(f, positiveOf(a, scope));
            case "Math.log1p":
                return call(f, rng.nextBoolean() ? call("Functions.sq", a) : call("Math.abs", a));
            case "Math.asin":
            case "Math.acos":
                return call(f, new Bin('*', new Num(0.9, false), call(rng.nextBoolean() ? "Math.tanh" : "Math.sin", a)));
            case "Math.tan":
                return call(f, rng.nextBoolean() ? a : new Bin('*', new Num(1.2, false), call("Math.tanh", a)));
            case "Math.exp":
            case "Math.expm1":
            case "Math.sinh":
            case "Math.cosh":
                return call(f, rng.nextInt(3) == 0 ? call("Math.tanh", a) : a);
            default:
                return call(f, a);
        }
    }

    private E positiveOf(E a, Scope scope) {
        E c = smallPositive(scope);
        return rng.nextBoolean() ? new Bin('+', c, call("Functions.sq", a)) : new Bin('+', call("Math.abs", a), c);
    }

    private E binary(String f, Scope scope, int depth) {
        E a = expr(scope, depth - 1);
        switch (f) {
            case "Math.pow": {
                int form = rng.nextInt(3);
                if (form == 0) {
                    return call(f, a, new Num(rng.nextInt(4), rng.nextBoolean()));
                }
                E base = positiveOf(a, scope);
                E exponent = form == 1 ? new Num(new double[] {0.5, 1.5, -1.0, -0.5, 2.5}[rng.nextInt(5)], false)
                        : call("Math.tanh", expr(scope, depth - 1));
                return call(f, base, exponent);
            }
            case "Functions.clamp": {
                double lo = -LITERALS[rng.nextInt(LITERALS.length)];
                double hi = LITERALS[rng.nextInt(LITERALS.length)];
                return call(f, a, new Num(lo, false), new Num(hi, false));
            }
            default:
                // now and then both arguments are one expression: a tie everywhere (max, min) or a diagonal
                return call(f, a, rng.nextInt(10) == 0 ? a : expr(scope, depth - 1));
        }
    }

    private B condition(Scope scope, int depth) {
        double r = rng.nextDouble();
        if (depth > 0 && r < 0.12) {
            return new And(condition(scope, depth - 1), condition(scope, depth - 1));
        } else if (depth > 0 && r < 0.22) {
            return new Or(condition(scope, depth - 1), condition(scope, depth - 1));
        } else if (depth > 0 && r < 0.28) {
            return new Not(condition(scope, depth - 1));
        } else if (r < 0.36 && !scope.ints.isEmpty()) {
            String op = new String[] {"==", "!=", ">", "<="}[rng.nextInt(4)];
            return new Cmp(op, new Ref(pick(scope.ints)), new Num(1 + rng.nextInt(2), true));
        }
        String op = new String[] {"<", "<=", ">", ">="}[rng.nextInt(4)];
        E right = rng.nextBoolean() ? new Num(rng.nextBoolean() ? 0.0 : LITERALS[rng.nextInt(LITERALS.length)], false)
                : expr(scope, Math.max(0, depth - 1));
        return new Cmp(op, expr(scope, Math.max(0, depth - 1)), right);
    }

    private static Call call(String f, E... args) {
        return new Call(f, List.of(args));
    }

    private <T> T pick(List<T> list) {
        return list.get(rng.nextInt(list.size()));
    }
}
