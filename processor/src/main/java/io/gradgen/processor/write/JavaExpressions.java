package io.gradgen.processor.write;

import com.palantir.javapoet.CodeBlock;
import io.gradgen.processor.model.KernelPlanner;
import io.gradgen.processor.symbolic.Apply;
import io.gradgen.processor.symbolic.Const;
import io.gradgen.processor.symbolic.Expr;
import io.gradgen.processor.symbolic.Op;
import io.gradgen.processor.symbolic.Precedence;
import io.gradgen.processor.symbolic.Select;
import io.gradgen.processor.symbolic.Var;
import java.util.Map;

import static io.gradgen.processor.symbolic.Precedence.*;

/**
 * Renders IR expressions as Java source with minimal parentheses, referring to bound
 * subexpressions by their local names, and writing small integer powers as products.
 */
final class JavaExpressions {

    private final Map<Expr, String> names;

    JavaExpressions(Map<Expr, String> names) {
        this.names = names;
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

    static int multiplicative() {
        return MULTIPLICATIVE;
    }

    private CodeBlock render(Expr e, int context, boolean expandSelf) {
        String name = expandSelf ? null : names.get(e);
        if (name != null) {
            return CodeBlock.of("$N", name);
        }
        int prec;
        CodeBlock code;
        if (e instanceof Const c) {
            prec = c.value() < 0 || Double.compare(c.value(), -0.0) == 0 ? UNARY : PRIMARY;
            code = literal(c.value());
        } else if (e instanceof Var v) {
            prec = PRIMARY;
            code = CodeBlock.of("$N", v.name());
        } else if (e instanceof Select s) {
            prec = TERNARY;
            code = CodeBlock.of("$L ? $L : $L", reference(s.condition(), TERNARY + 1),
                    reference(s.ifTrue(), TERNARY + 1), reference(s.ifFalse(), TERNARY));
        } else {
            Apply a = (Apply) e;
            prec = precedence(a);
            code = apply(a, prec);
        }
        return prec < context ? CodeBlock.of("($L)", code) : code;
    }

    private CodeBlock apply(Apply a, int prec) {
        Op op = a.op();
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
                if (power > 0 && (names.containsKey(a.arg(0)) || a.arg(0) instanceof Var)) {
                    CodeBlock base = reference(a.arg(0), MULTIPLICATIVE + 1);
                    CodeBlock.Builder product = CodeBlock.builder().add("$L", base);
                    for (int i = 1; i < power; i++) {
                        product.add(" * $L", base);
                    }
                    return product.build();
                }
                CodeBlock.Builder call = CodeBlock.builder()
                        .add("$T.$N(", op.family() == Op.Family.MATH ? Math.class : Names.FUNCTIONS, op.symbol());
                for (int i = 0; i < a.args().size(); i++) {
                    call.add(i == 0 ? "$L" : ", $L", reference(a.arg(i), 0));
                }
                return call.add(")").build();
            }
        }
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
