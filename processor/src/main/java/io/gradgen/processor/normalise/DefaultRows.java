package io.gradgen.processor.normalise;

import io.gradgen.processor.ir.Const;
import io.gradgen.processor.ir.Elem;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Indices;
import io.gradgen.processor.ir.ChildRewriter;
import io.gradgen.processor.ir.Var;
import io.gradgen.processor.signature.LossParameter;
import io.gradgen.processor.signature.LossSignature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The loss with some optional rows ({@code @Param(1.0) double[] w}) left at their defaults: every
 * element {@code w[i]} becomes the default number, before differentiation, so the simplifier folds
 * it away ({@code 1.0 · x} is {@code x}) and the kernels of this variant never read a row. The
 * generated class runs this variant when those rows are not given, and the weighted kernels otherwise.
 *
 * <p>A row left at its default has no length of its own: only its elements may be read. What is
 * read of it otherwise ({@code w.length}, a loop over {@code w}, {@code sum(w)}) is found by
 * {@link #wholeReads} and reported.
 */
public final class DefaultRows {
    private DefaultRows() {
    }

    /**
     * The signature of the variant: the same loss without the defaulted {@code @Param} rows, and
     * without a {@code @LastIndex} that only indexed them ({@code weight[c]}), so that the variant's
     * kernels do not compute it.
     *
     * @param loss the variant's loss, {@link #substitute}d
     */
    public static LossSignature signature(LossSignature s, Set<String> defaulted, NormalisedLoss loss) {
        Set<String> read = new java.util.HashSet<>();
        List<Expr> roots = new ArrayList<>(List.of(loss.value()));
        if (loss.weight() != null) {
            roots.add(loss.weight());
        }
        loss.requirements().forEach(r -> roots.add(r.condition()));
        Indices.nodes(roots).forEach(e -> {
            if (e instanceof Var v) {
                read.add(v.name());
            }
        });
        List<LossParameter> kept = s.parameters().stream().filter(p -> !defaulted.contains(p.name()))
                .filter(p -> p.kind() != io.gradgen.processor.signature.InputKind.LAST_INDEX || read.contains(p.name()))
                .toList();
        return new LossSignature(s.packageName(), s.ownerName(), s.ownerQualifiedName(), s.methodName(), s.lossName(),
                s.reduction(), kept);
    }

    /**
     * The loss with each element of a defaulted row, and each defaulted {@code @Param double}, replaced
     * by its default number.
     *
     * @param defaults parameter name → default, for rows and numbers alike (names are unique)
     */
    public static NormalisedLoss substitute(NormalisedLoss loss, Map<String, Double> defaults) {
        Substitution rows = new Substitution(defaults);
        Map<Expr, String> names = new LinkedHashMap<>();
        loss.localNames().forEach((e, name) -> names.putIfAbsent(rows.apply(e), name));
        List<Requirement> requirements = new ArrayList<>();
        for (Requirement r : loss.requirements()) {
            requirements.add(new Requirement(rows.apply(r.condition()), r.description()));
        }
        Expr weight = loss.weight() == null ? null : rows.apply(loss.weight());
        if (weight instanceof Const c && c.value() == 1.0) {
            weight = null; // weighted(v, w[y]) with w all 1: the mean over positions, without summing ones
        }
        return new NormalisedLoss(rows.apply(loss.value()), weight, names, requirements);
    }

    /**
     * The defaulted rows that {@code loss} still reads other than by element (a length, or the row
     * passed whole), in parameter order, each with an expression that reads it.
     */
    public static Map<String, Expr> wholeReads(NormalisedLoss loss, Set<String> defaulted) {
        List<Expr> roots = new ArrayList<>();
        roots.add(loss.value());
        if (loss.weight() != null) {
            roots.add(loss.weight());
        }
        loss.requirements().forEach(r -> roots.add(r.condition()));
        Map<String, Expr> found = new LinkedHashMap<>();
        Set<Expr> nodes = Indices.nodes(roots);
        for (Expr e : nodes) {
            for (Expr child : Indices.children(e)) {
                if (child instanceof Var v && defaulted.contains(v.name())) {
                    found.putIfAbsent(v.name(), e);
                }
            }
        }
        return found;
    }

    /** The names of the optional rows of {@code s}, in parameter order. */
    public static Set<String> optionalRows(LossSignature s) {
        Set<String> out = new LinkedHashSet<>();
        s.parameters().stream().filter(LossParameter::isOptionalRow).forEach(p -> out.add(p.name()));
        return out;
    }

    /**
     * Replaces {@code w[i]} by a number for the named rows, and a named number {@code ε} by its value;
     * every other node is rebuilt only above a change.
     */
    private static final class Substitution extends ChildRewriter {
        private final Map<String, Double> defaults;

        Substitution(Map<String, Double> defaults) {
            this.defaults = defaults;
        }

        @Override
        public Expr apply(Expr e) {
            if (e instanceof Var v && v.rank() == 0 && v.role() == Var.Role.CONSTANT && defaults.containsKey(v.name())) {
                return new Const(defaults.get(v.name()));
            }
            return super.apply(e);
        }

        @Override
        public Expr visitElem(Elem el) {
            Double value = defaults.get(el.row().name());
            return value != null ? new Const(value) : super.visitElem(el);
        }
    }
}
