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
import io.gradgen.processor.ir.Length;
import io.gradgen.processor.ir.Op;
import io.gradgen.processor.ir.Reduce;
import io.gradgen.processor.ir.Select;
import io.gradgen.processor.ir.Softmax;
import io.gradgen.processor.ir.Var;
import java.util.Map;

/**
 * Names for the temporaries of generated kernels, so that generated code reads like a derivation:
 * the user's own local names first, then the output's ({@code dPred}), then a name after what the
 * temporary computes ({@code diff}, {@code sumExp}, {@code dAtMostDelta}, {@code isMax}).
 */
final class TemporaryNames {
    private final Map<Expr, String> userNames;
    private final Map<Expr, String> outputNames;

    TemporaryNames(Map<Expr, String> userNames, Map<Expr, String> outputNames) {
        this.userNames = userNames;
        this.outputNames = outputNames;
    }

    /** The user's name for {@code e}, its preferred output name, or a name after what it computes. */
    String suggest(Expr e) {
        String user = userNames.get(e);
        if (user != null) {
            return user;
        }
        String output = outputNames.get(e);
        if (output != null) {
            return output;
        }
        return e.accept(names);
    }

    /** A name for a temporary after what it computes: {@code diff}, {@code sumExp}, {@code isMax}. */
    private final ExprVisitor<String> names = new ExprVisitor<>() {
        @Override
        public String visitConst(Const c) {
            return "constant";
        }

        @Override
        public String visitVar(Var v) {
            return v.name();
        }

        @Override
        public String visitFlag(Flag f) {
            return f.name();
        }

        @Override
        public String visitIdx(Idx i) {
            return i.name();
        }

        @Override
        public String visitLength(Length l) {
            return l.row().name() + "Length";
        }

        @Override
        public String visitField(Field f) {
            return f.name();
        }

        @Override
        public String visitElem(Elem el) {
            return el.row().name() + "At";
        }

        @Override
        public String visitApply(Apply a) {
            return switch (a.op()) {
                case ADD -> "sum";
                case SUB -> "diff";
                case MUL -> "product";
                case DIV -> "ratio";
                case NEG -> "negated";
                case POW -> "power";
                case SIGNUM -> "sign";
                case LT, LE, GT, GE, EQ, NE -> comparisonName(a);
                case AND, OR, NOT -> "condition";
                default -> a.op().symbol();
            };
        }

        @Override
        public String visitSelect(Select s) {
            return "piece";
        }

        @Override
        public String visitReduce(Reduce r) {
            return reductionName(r);
        }

        @Override
        public String visitAttains(Attains a) {
            return a.reduction().kind() == Reduce.Kind.MAX ? "isMax" : "isMin";
        }

        @Override
        public String visitSoftmax(Softmax s) {
            return "softmax";
        }
    };

    private static String reductionName(Reduce r) {
        String row = r.wholeRow() != null ? NameAllocator.capitalize(r.wholeRow().name()) : "";
        Expr body = r.body();
        if (r.kind() == Reduce.Kind.SUM) {
            if (body instanceof Elem) {
                return "sum" + row;
            }
            if (body instanceof Apply b && b.op() == Op.MUL && b.arg(0) instanceof Elem && b.arg(1) instanceof Elem) {
                return b.arg(0).equals(b.arg(1)) ? "sumSq" + row : "dot";
            }
            if (body instanceof Apply b && b.op() == Op.POW && b.arg(0) instanceof Elem) {
                return "sumSq" + row;
            }
            if (body instanceof Apply b && b.op() == Op.EXP) {
                return "sumExp";
            }
            if (body instanceof Select sel && sel.ifTrue() instanceof Const && sel.ifFalse() instanceof Const) {
                return "count";
            }
        }
        if (body instanceof Elem && r.kind() != Reduce.Kind.PRODUCT) {
            return r.kind() == Reduce.Kind.LOG_SUM_EXP ? "logSumExp" + row
                    : r.kind().name().toLowerCase(java.util.Locale.ROOT) + row;
        }
        return switch (r.kind()) {
            case SUM -> "total";
            case PRODUCT -> "product";
            case MAX -> "max";
            case MIN -> "min";
            case LOG_SUM_EXP -> "logSumExp";
        };
    }

    /** {@code d <= delta → dAtMostDelta}: reads as the condition it tests. */
    private String comparisonName(Apply a) {
        String left = simpleName(a.arg(0));
        String right = simpleName(a.arg(1));
        if (left == null || right == null) {
            return "condition";
        }
        String relation = switch (a.op()) {
            case LT -> "Below";
            case LE -> "AtMost";
            case GT -> "Above";
            case GE -> "AtLeast";
            case EQ -> "Equals";
            default -> "Differs";
        };
        return left + relation + NameAllocator.capitalize(right);
    }

    private String simpleName(Expr e) {
        if (e instanceof Var v) {
            return v.name();
        }
        if (e instanceof Idx i) {
            return i.name();
        }
        if (e instanceof Const c && c.isWhole() && Math.abs(c.value()) < 1000) {
            return c.value() < 0 ? "minus" + (long) -c.value() : c.value() == 0 ? "Zero" : "" + (long) c.value();
        }
        return userNames.get(e);
    }
}
