package io.gradgen.processor.simplify;

import io.gradgen.processor.ir.Apply;
import io.gradgen.processor.ir.Attains;
import io.gradgen.processor.ir.ChildRewriter;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Indices;
import io.gradgen.processor.ir.Op;
import io.gradgen.processor.ir.Reduce;
import io.gradgen.processor.ir.Softmax;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One form for each forward quantity a gradient reads. The canonical simplifier gives the operands
 * of comparisons only exact rewrites (a branch must go where the forward's went), so a quantity both
 * compared and used (NT-Xent's log-sum-exp: {@code L > −∞} guards the weight {@code e^{s − L}})
 * would reach the backward in two forms, {@code s/√(n·m)/τ} and {@code s/(τ·√(n·m))}, which no later
 * stage recognises as one: each would be computed, an O(B·D) reduction twice per row. Where the two
 * simplifiers made different forms of one expression, the gradient's canonical form is replaced by
 * the exact one (the same real number, rounded as the forward rounds it).
 *
 * <p>Only reductions are swapped (the costly part, and a whole unit: the same kind over the same
 * range, with the same free indices); comparisons, arg-max indicators and softmax weights are left
 * as they are, and a canonical form that two different exact forms claim is left alone, so the
 * result does not depend on the order of any map.
 */
final class ExactTwins {
    private ExactTwins() {
    }

    /** {@code simplified}, a result of {@code canonical}, with each canonical twin replaced by its exact form. */
    static Expr prefer(Simplifier canonical, Expr simplified) {
        Simplifier exact = canonical.exactTwin();
        if (exact == null) {
            return simplified;
        }
        Map<Expr, Expr> twins = new HashMap<>();
        Set<Expr> ambiguous = new HashSet<>();
        Map<Expr, Expr> canonicalForms = canonical.results();
        exact.results().forEach((original, exactForm) -> {
            Expr canonicalForm = canonicalForms.get(original);
            // only a reduction for the same reduction over the same range: a canonical form that
            // folded its reduction away (Σ_i (x[i] − x[i]) to 0) would otherwise put the exact sum
            // in place of every 0, and a form that is not itself a reduction may have been moved
            // where its indices are not bound
            if (canonicalForm == null || canonicalForm.equals(exactForm) || !sameReduction(canonicalForm, exactForm)
                    || !Indices.free(canonicalForm).equals(Indices.free(exactForm))) {
                return;
            }
            Expr known = twins.putIfAbsent(canonicalForm, exactForm);
            if (known != null && !known.equals(exactForm)) {
                ambiguous.add(canonicalForm);
            }
        });
        twins.keySet().removeAll(ambiguous);
        if (twins.isEmpty()) {
            return simplified;
        }
        return new ChildRewriter() {
            @Override
            public Expr apply(Expr e) {
                Expr twin = twins.get(e);
                return twin != null ? twin : super.apply(e);
            }

            @Override
            protected boolean unchanged(Expr e) {
                // a comparison's operands are already the forward's arithmetic; an arg-max indicator
                // or a softmax weight derives its term from its reduction's body at an index, which
                // may lie outside that body's loop when the canonical body did not read it
                return e instanceof Apply a && a.op().family() == Op.Family.COMPARISON
                        || e instanceof Attains || e instanceof Softmax;
            }
        }.apply(simplified);
    }

    /** Whether both are reductions of one kind over one range (their bodies differ in form only). */
    private static boolean sameReduction(Expr canonicalForm, Expr exactForm) {
        return canonicalForm instanceof Reduce c && exactForm instanceof Reduce e && c.kind() == e.kind()
                && c.from().equals(e.from()) && c.to().equals(e.to());
    }
}
