package io.gradgen.processor.fuzz;

import io.gradgen.Functions;
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
import io.gradgen.processor.fuzz.Ast.Named;
import io.gradgen.processor.fuzz.Ast.Neg;
import io.gradgen.processor.fuzz.Ast.Not;
import io.gradgen.processor.fuzz.Ast.Num;
import io.gradgen.processor.fuzz.Ast.Or;
import io.gradgen.processor.fuzz.Ast.Program;
import io.gradgen.processor.fuzz.Ast.Ref;
import io.gradgen.processor.fuzz.Ast.Return;
import io.gradgen.processor.fuzz.Ast.S;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a program exactly as Java does (the same {@code Math} and {@code Functions} calls in the
 * same order), and records along the way what the oracle needs to keep sample points away from
 * kinks: the <em>path</em> (every branch taken, every sign an {@code abs} saw, which side a
 * {@code max} chose, every integer a {@code floor} returned...) and the smallest distance to a
 * singularity (a denominator, the argument of {@code log}, {@code sqrt} or {@code cbrt}, ...). Two
 * points with the same path lie on one smooth piece of the program, so central differences
 * between them are valid.
 */
final class Interpreter {

    /** The value at one point and what the evaluation saw on the way. */
    record Outcome(double value, String path, double minSingular, double maxMagnitude) {}

    private final Program program;
    /** The int parameters, whose arithmetic is Java's int arithmetic ({@code -0} is {@code 0}, not {@code -0.0}). */
    private final java.util.Set<String> intNames;
    private java.util.Set<String> scopeInts;
    private final StringBuilder path = new StringBuilder();
    private double minSingular = Double.POSITIVE_INFINITY;
    private double maxMagnitude;
    /** The row parameters' values (inputs at this point, constants' values, int[] labels as doubles), by name. */
    private Map<String, double[]> rows = Map.of();
    /** The {@code double[][]} parameters' values at this point, by name. */
    private Map<String, double[][]> matrices = Map.of();

    private Interpreter(Program program) {
        this.program = program;
        this.intNames = Nodes.intParams(program);
        this.scopeInts = intNames;
    }

    static Outcome run(Program program, Map<String, Double> arguments) {
        return run(program, arguments, Map.of());
    }

    /**
     * Runs the program at one point: {@code arguments} are the scalar parameters, {@code rows} the
     * {@code double[]} ones. A loop appends, per iteration, whatever its body records (the side a
     * {@code Math.max} accumulation took, the outcome of a comparison), and a row {@code max}/{@code min}
     * its arg-max, so that two points with the same path have the same winners everywhere.
     */
    static Outcome run(Program program, Map<String, Double> arguments, Map<String, double[]> rows) {
        return run(program, arguments, rows, Map.of());
    }

    /** As {@link #run(Program, Map, Map)}, with a batch loss's {@code double[][]} parameters. */
    static Outcome run(Program program, Map<String, Double> arguments, Map<String, double[]> rows,
            Map<String, double[][]> matrices) {
        Interpreter in = new Interpreter(program);
        in.matrices = matrices;
        in.rows = new HashMap<>(rows); // temporary rows join them
        Double value = in.block(program.body(), new HashMap<>(arguments));
        if (value == null) {
            throw new IllegalStateException(program.name() + " completed without a return");
        }
        return new Outcome(value, in.path.toString(), in.minSingular, in.maxMagnitude);
    }

    private Double block(List<S> body, Map<String, Double> env) {
        for (S s : body) {
            Double returned = statement(s, env);
            if (returned != null) {
                return returned;
            }
        }
        return null;
    }

    private Double statement(S s, Map<String, Double> env) {
        if (s instanceof Decl d) {
            env.put(d.name(), eval(d.init(), env));
        } else if (s instanceof Assign a) {
            env.put(a.name(), eval(a.value(), env));
        } else if (s instanceof Compound c) {
            double v = eval(c.value(), env);
            env.put(c.name(), seen(arithmetic(c.op(), lookup(c.name(), env), v)));
        } else if (s instanceof If i) {
            return truth(i.condition(), env) ? block(i.then(), env) : block(i.otherwise(), env);
        } else if (s instanceof Return r) {
            return eval(r.value(), env);
        } else if (s instanceof For f) {
            if (f.bound() != null) {
                throw new IllegalArgumentException("a near miss loop is not interpreted: " + f);
            }
            int from = f.from() == null ? 0 : (int) eval(f.from(), env);
            int to = f.to() == null ? length(f.array()) : (int) eval(f.to(), env);
            for (int i = from; i < to; i++) {
                env.put(f.var(), (double) i);
                Double returned = block(f.body(), env);
                if (returned != null) {
                    throw new IllegalStateException("a return inside a loop: " + f);
                }
            }
            env.remove(f.var());
        } else if (s instanceof Ast.IntDecl d) {
            env.put(d.name(), eval(d.value(), env));
        } else if (s instanceof Ast.BoolDecl d) {
            env.put(d.name(), truth(d.value(), env) ? 1.0 : 0.0);
        } else if (s instanceof Ast.NewArray a) {
            rows.put(a.name(), new double[length(a.lengthOf())]);
        } else if (s instanceof Ast.Store st) {
            row(st.array())[(int) eval(st.index(), env)] = eval(st.value(), env);
        } else {
            throw new IllegalArgumentException("cannot interpret " + s);
        }
        return null;
    }

    private static double lookup(String name, Map<String, Double> env) {
        Double v = env.get(name);
        if (v == null) {
            throw new IllegalStateException("unbound " + name);
        }
        return v;
    }

    private double eval(E e, Map<String, Double> env) {
        if (e instanceof Num n) {
            return n.value();
        } else if (e instanceof Named n) {
            return n.value();
        } else if (e instanceof Ref r) {
            return lookup(r.name(), env);
        } else if (e instanceof Index x) {
            return row(x.array())[(int) eval(x.index(), env)];
        } else if (e instanceof Length l) {
            return length(l.array());
        } else if (e instanceof Ast.Elem x) {
            return matrixRow(x.matrix(), x.row(), env)[(int) eval(x.col(), env)];
        } else if (e instanceof Ast.RowLength x) {
            return matrixRow(x.matrix(), x.row(), env).length;
        } else if (e instanceof Neg n) {
            double v = eval(n.operand(), env);
            return Nodes.isInt(e, scopeInts) ? (double) -(long) v : -v;
        } else if (e instanceof Bin b) {
            double l = eval(b.left(), env);
            double r = eval(b.right(), env);
            if (Nodes.isInt(e, scopeInts)) {
                long x = (long) l;
                long y = (long) r;
                return seen(b.op() == '+' ? x + y : b.op() == '-' ? x - y : x * y);
            }
            if (b.op() == '/') {
                singular(r);
            }
            return seen(arithmetic(b.op(), l, r));
        } else if (e instanceof Cond c) {
            return truth(c.condition(), env) ? eval(c.then(), env) : eval(c.otherwise(), env);
        } else if (e instanceof Call c && Nodes.isRowCall(c)) {
            return seen(rowCall(c, env));
        } else if (e instanceof Call c) {
            double[] args = new double[c.args().size()];
            for (int i = 0; i < args.length; i++) {
                args[i] = eval(c.args().get(i), env);
            }
            return seen(Nodes.isHelperCall(c) ? helper(c.function(), args) : call(c.function(), args));
        }
        throw new IllegalArgumentException("cannot interpret " + e);
    }

    private double[] row(String name) {
        double[] v = rows.get(name);
        if (v == null) {
            throw new IllegalStateException("unbound row " + name);
        }
        return v;
    }

    /** The length of a row, or the row count of a {@code double[][]}. */
    private int length(String name) {
        double[][] m = matrices.get(name);
        return m != null ? m.length : row(name).length;
    }

    private double[] matrixRow(String matrix, E index, Map<String, Double> env) {
        double[][] m = matrices.get(matrix);
        if (m == null) {
            throw new IllegalStateException("unbound double[][] " + matrix);
        }
        return m[(int) eval(index, env)];
    }

    /** A row function's argument: a row by name, or {@code x[a]} of a {@code double[][]}. */
    private double[] rowArgument(E arg, Map<String, Double> env) {
        if (arg instanceof Ast.Row r) {
            return matrixRow(r.matrix(), r.index(), env);
        }
        return row(((Ref) arg).name());
    }

    private double rowCall(Call c, Map<String, Double> env) {
        double[] x = rowArgument(c.args().get(0), env);
        switch (c.function()) {
            case "Functions.sum": return Functions.sum(x);
            case "Functions.mean": return Functions.mean(x);
            case "Functions.logSumExp": return Functions.logSumExp(x);
            case "Functions.dot": return Functions.dot(x, rowArgument(c.args().get(1), env));
            case "Functions.cosine": {
                double[] y = rowArgument(c.args().get(1), env);
                singular(Functions.norm(x));
                singular(Functions.norm(y));
                return Functions.cosine(x, y);
            }
            case "Functions.norm": {
                double v = Functions.norm(x);
                singular(v);
                return v;
            }
            case "Functions.max":
            case "Functions.min": {
                boolean max = c.function().endsWith("max");
                int best = 0;
                int ties = 0;
                for (int i = 1; i < x.length; i++) {
                    if (max ? x[i] > x[best] : x[i] < x[best]) {
                        best = i;
                        ties = 0;
                    } else if (x[i] == x[best]) {
                        ties++;
                    }
                }
                path.append('[').append(max ? 'M' : 'm').append(best).append(ties > 0 ? "=" : "").append(']');
                return max ? Functions.max(x) : Functions.min(x);
            }
            default:
                throw new IllegalArgumentException("unknown row function " + c.function());
        }
    }

    private double helper(String name, double[] args) {
        for (Helper h : program.helpers()) {
            if (h.name().equals(name)) {
                Map<String, Double> env = new HashMap<>();
                for (int i = 0; i < args.length; i++) {
                    env.put(h.params().get(i), args[i]);
                }
                java.util.Set<String> outer = scopeInts;
                scopeInts = java.util.Set.of(); // a helper's parameters are doubles
                Double v = block(h.body(), env);
                scopeInts = outer;
                if (v == null) {
                    throw new IllegalStateException("helper " + name + " completed without a return");
                }
                return v;
            }
        }
        throw new IllegalStateException("no helper " + name);
    }

    private static double arithmetic(char op, double l, double r) {
        return switch (op) {
            case '+' -> l + r;
            case '-' -> l - r;
            case '*' -> l * r;
            case '/' -> l / r;
            default -> throw new IllegalArgumentException("operator " + op);
        };
    }

    private double call(String function, double[] a) {
        double x = a[0];
        switch (function) {
            case "Math.exp": return Math.exp(x);
            case "Math.log": singular(x); return Math.log(x);
            case "Math.log10": singular(x); return Math.log10(x);
            case "Functions.lgamma": singular(x); return Functions.lgamma(x);
            case "Functions.digamma": singular(x); return Functions.digamma(x);
            case "Functions.logAddExp": return Functions.logAddExp(x, a[1]);
            case "Math.log1p": singular(1 + x); return Math.log1p(x);
            case "Math.expm1": return Math.expm1(x);
            case "Math.sqrt": singular(x); return Math.sqrt(x);
            case "Math.cbrt": singular(x); sign(x); return Math.cbrt(x);
            case "Math.pow":
                if (!(a[1] == Math.rint(a[1]) && a[1] >= 2)) {
                    singular(x);
                }
                return Math.pow(x, a[1]);
            case "Math.abs": sign(x); return Math.abs(x);
            case "Math.max": choice(x, a[1]); return Math.max(x, a[1]);
            case "Math.min": choice(x, a[1]); return Math.min(x, a[1]);
            case "Math.sin": return Math.sin(x);
            case "Math.cos": return Math.cos(x);
            case "Math.tan":
                singular(Math.cos(x));
                path.append('[').append((long) Math.floor(x / Math.PI + 0.5)).append(']');
                return Math.tan(x);
            case "Math.asin": singular(1 - Math.abs(x)); return Math.asin(x);
            case "Math.acos": singular(1 - Math.abs(x)); return Math.acos(x);
            case "Math.atan": return Math.atan(x);
            case "Math.atan2":
                singular(Math.hypot(x, a[1]));
                if (a[1] < 0) {
                    sign(x); // the branch cut along the negative x axis
                }
                return Math.atan2(x, a[1]);
            case "Math.sinh": return Math.sinh(x);
            case "Math.cosh": return Math.cosh(x);
            case "Math.tanh": return Math.tanh(x);
            case "Math.hypot": singular(Math.hypot(x, a[1])); return Math.hypot(x, a[1]);
            case "Math.signum": sign(x); return Math.signum(x);
            case "Math.floor": path.append('[').append(Math.floor(x)).append(']'); return Math.floor(x);
            case "Math.ceil": path.append('[').append(Math.ceil(x)).append(']'); return Math.ceil(x);
            case "Functions.sq": return Functions.sq(x);
            case "Functions.sigmoid": return Functions.sigmoid(x);
            case "Functions.softplus": return Functions.softplus(x);
            case "Functions.logSigmoid": return Functions.logSigmoid(x);
            case "Functions.relu": sign(x); return Functions.relu(x);
            case "Functions.clamp":
                path.append(x < a[1] ? 'l' : x > a[2] ? 'h' : 'm');
                return Functions.clamp(x, a[1], a[2]);
            default:
                throw new IllegalArgumentException("unknown function " + function);
        }
    }

    private boolean truth(B b, Map<String, Double> env) {
        boolean value;
        if (b instanceof Cmp c) {
            double l = eval(c.left(), env);
            double r = eval(c.right(), env);
            value = switch (c.op()) {
                case "<" -> l < r;
                case "<=" -> l <= r;
                case ">" -> l > r;
                case ">=" -> l >= r;
                case "==" -> l == r;
                case "!=" -> l != r;
                default -> throw new IllegalArgumentException(c.op());
            };
            path.append(value ? 'T' : 'F');
        } else if (b instanceof And a) {
            value = truth(a.left(), env) && truth(a.right(), env);
        } else if (b instanceof Or o) {
            value = truth(o.left(), env) || truth(o.right(), env);
        } else if (b instanceof Not n) {
            value = !truth(n.operand(), env);
        } else {
            value = lookup(((Ast.Flag) b).name(), env) != 0; // its comparison was recorded where it was declared
        }
        return value;
    }

    private void sign(double x) {
        path.append(x > 0 ? '+' : x < 0 ? '-' : '0');
    }

    private void choice(double x, double y) {
        path.append(x > y ? 'L' : y > x ? 'R' : '=');
    }

    private void singular(double distance) {
        minSingular = Math.min(minSingular, Math.abs(distance));
    }

    private double seen(double v) {
        maxMagnitude = Math.max(maxMagnitude, Math.abs(v));
        return v;
    }
}
