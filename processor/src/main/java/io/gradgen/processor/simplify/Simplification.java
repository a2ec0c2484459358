package io.gradgen.processor.simplify;

import io.gradgen.processor.differentiate.DerivedLoss;
import io.gradgen.processor.differentiate.Gradient;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.normalise.NormalisedLoss;
import io.gradgen.processor.normalise.Requirement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The simplify stage: the value exactly (identities and constant folding only), the gradients
 * canonically, keeping the user's local names attached to what they name.
 */
public final class Simplification {
    private Simplification() {
    }

    /**
     * Simplifies the value, then the gradients relying on what the generated code will check about
     * the rows the value reads ({@code checksOf} the simplified value).
     */
    public static SimplifiedLoss simplify(DerivedLoss derived, Function<Expr, CheckedRows> checksOf) {
        NormalisedLoss loss = derived.loss();
        Simplifier exact = Simplifier.light();
        Expr value = KinkContinuation.rewrite(exact.simplify(loss.value()), exact::simplify);
        Map<Expr, String> valueNames = rekey(loss.localNames(), exact);
        Expr weight = loss.weight() == null ? null : exact.simplify(loss.weight());

        Simplifier canonical = Simplifier.full(loss.localNames().keySet(), checksOf.apply(value));
        List<Gradient> gradients = new ArrayList<>();
        for (Gradient g : derived.gradients()) {
            Expr simplified = KinkContinuation.rewrite(ExactTwins.prefer(canonical, canonical.simplify(g.derivative())),
                    canonical::simplify);
            gradients.add(g.with(SoftmaxWeights.find(List.of(simplified)).get(0)));
        }
        Gradient curvature = derived.curvature() == null ? null
                : derived.curvature().with(SoftmaxWeights.find(List.of(KinkContinuation.rewrite(ExactTwins.prefer(
                        canonical, canonical.simplify(derived.curvature().derivative())), canonical::simplify))).get(0));
        Map<Expr, String> gradientNames = rekey(loss.localNames(), canonical);
        List<Requirement> requirements = new ArrayList<>();
        for (Requirement r : loss.requirements()) {
            requirements.add(new Requirement(exact.simplify(r.condition()), r.description()));
        }
        return new SimplifiedLoss(derived.signature(), value, weight, valueNames, gradients, gradientNames, curvature,
                requirements);
    }

    /** The user's names keyed by what each named expression simplifies to. */
    private static Map<Expr, String> rekey(Map<Expr, String> names, Simplifier simplifier) {
        Map<Expr, String> out = new LinkedHashMap<>();
        names.forEach((e, name) -> out.putIfAbsent(simplifier.simplify(e), name));
        return out;
    }
}
