package io.gradgen.processor.write;

import static io.gradgen.processor.ir.Precedence.*;

import com.palantir.javapoet.CodeBlock;
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
import io.gradgen.processor.ir.Precedence;
import io.gradgen.processor.ir.Reduce;
import io.gradgen.processor.ir.Select;
import io.gradgen.processor.ir.Softmax;
import io.gradgen.processor.ir.Var;
import io.gradgen.processor.plan.KernelPlanner;
import io.gradgen.processor.plan.LoopNames;
import io.gradgen.processor.plan.RowChecks;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders IR expressions as Java source with minimal parentheses, referring to bound
 * subexpressions by their local names, and writing small integer powers as products.
 */
final class JavaExpressions {

    private final Map<Expr, String> names;
    private final LoopNames loop;
    private final RowChecks checks;
    /**
     * For each log-sum-exp written with its exponentials kept: the array and the sum, from which
     * its softmax weights are read. Shared with the inner renderers, and filled as the kernel's
     * bindings are written, before the gradient rows that read them.
     */
    private final Map<Expr, SoftmaxSource> softmaxSources;

    /**
     * @param names the local name of every bound subexpression in scope
     * @param loop the kernel's own names: a row input's element {@code x[i]} is read as
     *     {@code xData[xOffset + i]}, a {@code @Param double[]} one as {@code w[i]}
     */
    JavaExpressions(Map<Expr, String> names, LoopNames loop, RowChecks checks) {
        this(names, loop, checks, new java.util.HashMap<>());
    }

    private JavaExpressions(Map<Expr, String> names, LoopNames loop, RowChecks checks,
            Map<Expr, SoftmaxSource> softmaxSources) {
        this.names = names;
        this.loop = loop;
        this.checks = checks;
        this.softmaxSources = softmaxSources;
    }

    /** The same renderer with the names bound in an inner loop added. */
    JavaExpressions inner(Map<Expr, String> more) {
        Map<Expr, String> all = new LinkedHashMap<>(names);
        all.putAll(more);
        return new JavaExpressions(all, loop, checks, softmaxSources);
    }

    /** Where a log-sum-exp's softmax weights are read from: its exponentials and {@code 1 / Σ} of them. */
    private record SoftmaxSource(String exponentials, String inverseSum) {
    }

    /**
     * Records that the log-sum-exp {@code lse} keeps {@code exp(x[i] − shift)} in {@code array},
     * and {@code 1 / Σ} of them in {@code inverseSum}.
     */
    void softmaxFrom(Expr lse, String array, String inverseSum) {
        softmaxSources.put(lse, new SoftmaxSource(array, inverseSum));
    }

    /** {@code e} in full (its own name is not used), e.g. for the right-hand side of its binding. */
    CodeBlock definition(Expr e) {
        return render(e, 0, true);
    }

    /** {@code e}, by name when it is bound, in a context of the given precedence. */
    CodeBlock reference(Expr e, int context) {
        return render(e, context, false);
    }

    CodeBlock reference(Expr e) {
        return reference(e, 0);
    }

    boolean isNamed(Expr e) {
        return names.containsKey(e);
    }

    static int additive() {
        return ADDITIVE;
    }

    static int multiplicative() {
        return MULTIPLICATIVE;
    }

    private CodeBlock render(Expr e, int context, boolean expandSelf) {
        String name = expandSelf ? null : names.get(e);
        if (name != null) {
            return CodeBlock.of("$N", name);
        }
        Rendered r = e.accept(renderer);
        return r.precedence() < context ? CodeBlock.of("($L)", r.code()) : r.code();
    }

    /** A node's code and the precedence of its outermost operator, which decides parentheses around it. */
    private record Rendered(CodeBlock code, int precedence) {
        static Rendered primary(String format, Object... args) {
            return new Rendered(CodeBlock.of(format, args), PRIMARY);
        }
    }

    private final ExprVisitor<Rendered> renderer = new ExprVisitor<>() {
        @Override
        public Rendered visitConst(Const c) {
            return new Rendered(literal(c.value()), c.value() < 0 || Double.compare(c.value(), -0.0) == 0 ? UNARY : PRIMARY);
        }

        @Override
        public Rendered visitVar(Var v) {
            return Rendered.primary("$N", v.name());
        }

        @Override
        public Rendered visitFlag(Flag f) {
            return Rendered.primary("$N", f.name());
        }

        @Override
        public Rendered visitIdx(Idx i) {
            return Rendered.primary("$N", i.name());
        }

        @Override
        public Rendered visitLength(Length l) {
            String rows = l.axis() == 0 ? loop.rows().get(l.row().name()) : null;
            if (rows != null) {
                return Rendered.primary("$N", rows); // a double[][] batch's number of rows
            }
            String length = loop.lengths().get(l.row().name());
            return length != null ? Rendered.primary("$N", length) : Rendered.primary("$N.length", l.row().name());
        }

        @Override
        public Rendered visitField(Field f) {
            // the user's own field, read as the user's method reads it
            return Rendered.primary("$T.$N", com.palantir.javapoet.ClassName.bestGuess(f.owner()), f.name());
        }

        @Override
        public Rendered visitElem(Elem el) {
            return new Rendered(element(el), PRIMARY);
        }

        @Override
        public Rendered visitApply(Apply a) {
            int prec = precedence(a);
            return new Rendered(apply(a, prec), prec);
        }

        @Override
        public Rendered visitSelect(Select s) {
            if (!s.isPredicate() && onData(s.condition()) && cheap(s.ifTrue()) && cheap(s.ifFalse())) {
                // a condition on the data goes either way at random, and both sides are a few
                // operations: computing both beats a mispredicted jump
                return Rendered.primary("$T.select($L, $L, $L)", Names.BRANCHLESS, reference(s.condition(), 0),
                        reference(s.ifTrue(), 0), reference(s.ifFalse(), 0));
            }
            return new Rendered(CodeBlock.of("$L ? $L : $L", reference(s.condition(), TERNARY + 1),
                    reference(s.ifTrue(), TERNARY + 1), reference(s.ifFalse(), TERNARY)), TERNARY);
        }

        @Override
        public Rendered visitReduce(Reduce r) {
            // the planner binds every reduction to a local, computed by a loop of its own
            throw new IllegalStateException("reduction without a local: " + r);
        }

        @Override
        public Rendered visitAttains(Attains a) {
            return new Rendered(CodeBlock.of("$L == $L", reference(a.term(), EQUALITY + 1),
                    reference(a.reduction(), EQUALITY + 1)), EQUALITY);
        }

        @Override
        public Rendered visitSoftmax(Softmax sm) {
            SoftmaxSource source = softmaxSources.get(sm.lse());
            if (source == null) {
                return sm.asWritten().accept(this);
            }
            // exp(x[j] − lse) = exp(x[j] − shift) / Σ exp(x[i] − shift): the log-sum-exp's own exponentials
            return new Rendered(CodeBlock.of("$N[$L] * $N", source.exponentials(), reference(sm.at(), 0),
                    source.inverseSum()), MULTIPLICATIVE);
        }
    };

    /**
     * Whether the condition compares values computed from the data (x > 0, d ≤ delta), which go
     * either way at random, rather than only labels, indices and flags (target == j), which a
     * branch predictor learns: those stay jumps, nearly free when predicted.
     */
    private boolean onData(Expr condition) {
        if (condition instanceof Apply a && a.op().family() == Op.Family.COMPARISON) {
            return a.args().stream().anyMatch(arg -> !isInt(arg));
        }
        if (condition instanceof Apply a && a.op().family() == Op.Family.LOGIC) {
            return a.args().stream().anyMatch(this::onData);
        }
        return false;
    }

    /** Depth of unnamed arithmetic up to which a select's side counts as cheap to compute eagerly. */
    private static final int CHEAP_DEPTH = 4;

    /**
     * Whether computing {@code e} whatever the condition costs little and cannot fail: names,
     * constants, inputs, and a few levels of arithmetic, {@code abs}, {@code min}, {@code max},
     * {@code signum} and comparisons over them. Not row elements (a guarded label's index may be
     * out of range) and not transcendental calls.
     */
    private boolean cheap(Expr e) {
        return cheap(e, CHEAP_DEPTH);
    }

    private boolean cheap(Expr e, int depth) {
        if (names.containsKey(e) || e instanceof Const || e instanceof Var || e instanceof Flag) {
            return true;
        }
        if (depth == 0) {
            return false;
        }
        if (e instanceof Select s) {
            return cheap(s.condition(), depth - 1) && cheap(s.ifTrue(), depth - 1) && cheap(s.ifFalse(), depth - 1);
        }
        if (!(e instanceof Apply a)) {
            return false;
        }
        Op op = a.op();
        boolean arithmetic = op.family() == Op.Family.OPERATOR || op.family() == Op.Family.COMPARISON
                || op.family() == Op.Family.LOGIC || op == Op.ABS || op == Op.MIN || op == Op.MAX || op == Op.SIGNUM
                || KernelPlanner.unrolledPower(a) > 0;
        if (!arithmetic) {
            return false;
        }
        for (Expr arg : a.args()) {
            if (!cheap(arg, depth - 1)) {
                return false;
            }
        }
        return true;
    }

    /** {@code xData[xOffset + i]} for a row input, {@code w[i]} for a {@code @Param double[]}. */
    /**
     * An integer expression (an index, a loop bound) in int arithmetic: {@code i - 1},
     * {@code xLength - k}, {@code 0}. Index expressions are exact integers, so no widening here.
     */
    CodeBlock integer(Expr e) {
        return integer(e, 0);
    }

    private CodeBlock integer(Expr e, int context) {
        if (e instanceof Const c) {
            long v = (long) c.value();
            return v < 0 && context > ADDITIVE ? CodeBlock.of("($L)", v) : CodeBlock.of("$L", v);
        }
        if (e instanceof Apply a && a.op().family() == Op.Family.OPERATOR) {
            int prec = Precedence.of(a);
            CodeBlock code = a.op() == Op.NEG ? CodeBlock.of("-$L", integer(a.arg(0), UNARY))
                    : CodeBlock.of("$L $L $L", integer(a.arg(0), prec), a.op().symbol(), integer(a.arg(1), prec + 1));
            return prec < context ? CodeBlock.of("($L)", code) : code;
        }
        if (e instanceof Apply a && (a.op() == Op.MAX || a.op() == Op.MIN)) {
            return CodeBlock.of("$T.$N($L, $L)", Math.class, a.op().symbol(), integer(a.arg(0)), integer(a.arg(1)));
        }
        return reference(e, context);
    }

    /**
     * The array and first index ({@code zData}, {@code b * zLength}) of the batch row that {@code e}
     * reads along {@code along}, when {@code e} is an element {@code z[b][along]} of an input whose
     * row {@code b} does not move with {@code along}, for a kernel that reads the row whole
     * ({@code VectorMath.dot}, {@code axpy}); null for anything else (a row input's element, a
     * table's, one at a computed row).
     */
    CodeBlock[] batchRowAlong(Expr e, io.gradgen.processor.ir.Idx along) {
        if (!(e instanceof Elem el) || el.indices().size() != 2 || !el.index().equals(along)
                || Indices.dependsOn(el.indices().get(0), along)) {
            return null;
        }
        String row = el.row().name();
        if (el.row().role() == io.gradgen.processor.ir.Var.Role.TABLE || el.indices().get(0) instanceof Apply
                || !loop.data().containsKey(row) || !loop.lengths().containsKey(row)) {
            return null;
        }
        return new CodeBlock[] {CodeBlock.of("$N", loop.data().get(row)),
                CodeBlock.of("$L * $N", integer(el.indices().get(0), MULTIPLICATIVE), loop.lengths().get(row))};
    }

    private CodeBlock element(Elem el) {
        if (el.row().role() == io.gradgen.processor.ir.Var.Role.TABLE) {
            return CodeBlock.of("$N[$L]", el.row().name(), integer(el.index()));
        }
        if (el.indices().size() == 2) {
            // z[b][k] of a double[][] batch, stored row after row; a computed index is checked where it is read
            String row = el.row().name();
            CodeBlock b = integer(el.indices().get(0), MULTIPLICATIVE);
            CodeBlock k = integer(el.index(), ADDITIVE);
            String length = loop.lengths().get(row);
            if (el.indices().stream().anyMatch(x -> x instanceof Apply)) {
                return CodeBlock.of("$T.at($N, $N, $N, $L, $L)", Names.BATCH_SUPPORT, loop.data().get(row),
                        loop.rows().get(row), length, integer(el.indices().get(0)), integer(el.index()));
            }
            return CodeBlock.of("$N[$L * $N + $L]", loop.data().get(row), b, length, k);
        }
        if (el.isIntegral()) {
            // y[b] of an int[] batch of labels, converted to int[] by the forward
            return CodeBlock.of("$N[$L]", loop.data().get(el.row().name()), integer(el.index()));
        }
        CodeBlock index = integer(el.index(), loop.data().containsKey(el.row().name()) ? ADDITIVE : 0);
        String row = el.row().name();
        String data = loop.data().get(row);
        // a label that indexes this row only under a condition (an ignored class) may lie outside it, and
        // so may a computed index (x[j + 1]) that a gradient reads only where a range condition holds
        boolean guarded = (el.index() instanceof Var label && checks.guard(label.name(), row) != null)
                || el.index() instanceof Apply;
        if (data == null) {
            return guarded ? CodeBlock.of("$T.at($N, $L)", Names.SUPPORT_BATCH, row, index)
                    : CodeBlock.of("$N[$L]", row, index);
        }
        return guarded
                ? CodeBlock.of("$T.at($N, $N, $N, $L)", Names.SUPPORT_BATCH, data, loop.offsets().get(row),
                        loop.lengths().get(row), index)
                : CodeBlock.of("$N[$N + $L]", data, loop.offsets().get(row), index);
    }

    /**
     * Whether Java computes {@code e} as an {@code int}: a loop index, a row length, an int
     * parameter, or {@code Math.max}/{@code min}/{@code abs} or a negation of such (Java picks the
     * int overloads). Bound subexpressions are {@code double} locals.
     */
    private boolean isInt(Expr e) {
        if (e instanceof Idx || e instanceof Length || (e instanceof Var v && v.isIntegral())
                || (e instanceof Field f && f.integral()) || (e instanceof Elem el && el.isIntegral())) {
            return true;
        }
        return !names.containsKey(e) && e instanceof Apply a && (a.op() == Op.MAX || a.op() == Op.MIN || a.op() == Op.ABS || a.op() == Op.NEG)
                && a.args().stream().allMatch(this::isInt);
    }

    private CodeBlock apply(Apply a, int prec) {
        Op op = a.op();
        if (op.family() == Op.Family.COMPARISON && Indices.isIndex(a.arg(0)) && Indices.isIndex(a.arg(1))) {
            return CodeBlock.of("$L $L $L", integer(a.arg(0), prec), op.symbol(), integer(a.arg(1), prec + 1));
        }
        if (isArithmetic(op) && a.args().stream().allMatch(this::isInt)) {
            // the IR computes with real numbers: lengths, labels and indices combined by + − · / are
            // widened first, or Java would truncate the quotient and wrap the product of two ints
            return CodeBlock.of("(double) $L $L $L", reference(a.arg(0), UNARY), op.symbol(),
                    reference(a.arg(1), prec + 1));
        }
        switch (op.family()) {
            case OPERATOR, COMPARISON, LOGIC -> {
                if (op == Op.TRUE || op == Op.FALSE) {
                    return CodeBlock.of("$L", op.symbol());
                }
                if (op.arity() == 1) {
                    // a space keeps "- -x" from reading as the decrement operator
                    CodeBlock operand = reference(a.arg(0), UNARY);
                    boolean clash = operand.toString().startsWith(op.symbol());
                    return CodeBlock.of(clash ? "$L($L)" : "$L$L", op.symbol(), operand);
                }
                return CodeBlock.of("$L $L $L", reference(a.arg(0), prec), op.symbol(), reference(a.arg(1), prec + 1));
            }
            default -> {
                int power = KernelPlanner.unrolledPower(a);
                if (power > 0 && (names.containsKey(a.arg(0)) || a.arg(0) instanceof Var || a.arg(0) instanceof Elem)) {
                    CodeBlock base = reference(a.arg(0), MULTIPLICATIVE + 1);
                    // k * k of an int k would be an int product, which a quotient around it (k² / n)
                    // would truncate: the first factor is widened, so the power is a double like its IR
                    CodeBlock.Builder product = CodeBlock.builder().add(isInt(a.arg(0)) ? "(double) $L" : "$L", base);
                    for (int i = 1; i < power; i++) {
                        product.add(" * $L", base);
                    }
                    return product.build();
                }
                // Math.signum branches twice on JDK 17; Branchless.signum gives the same bits without
                Object owner = op == Op.SIGNUM ? Names.BRANCHLESS
                        : op.family() == Op.Family.MATH ? Math.class : Names.FUNCTIONS;
                CodeBlock.Builder call = CodeBlock.builder().add("$T.$N(", owner, op.symbol());
                for (int i = 0; i < a.args().size(); i++) {
                    call.add(i == 0 ? "$L" : ", $L", reference(a.arg(i), 0));
                }
                return call.add(")").build();
            }
        }
    }

    private static boolean isArithmetic(Op op) {
        return op == Op.ADD || op == Op.SUB || op == Op.MUL || op == Op.DIV;
    }

    private static int precedence(Apply a) {
        return KernelPlanner.unrolledPower(a) > 0 ? MULTIPLICATIVE : Precedence.of(a);
    }

    static CodeBlock literal(double v) {
        if (Double.isNaN(v)) {
            return CodeBlock.of("$T.NaN", Double.class);
        }
        if (Double.isInfinite(v)) {
            return CodeBlock.of(v > 0 ? "$T.POSITIVE_INFINITY" : "$T.NEGATIVE_INFINITY", Double.class);
        }
        if (v == Double.MAX_VALUE) {
            return CodeBlock.of("$T.MAX_VALUE", Double.class);
        }
        if (v == Double.MIN_VALUE) {
            return CodeBlock.of("$T.MIN_VALUE", Double.class);
        }
        return CodeBlock.of("$L", Double.toString(v));
    }
}
