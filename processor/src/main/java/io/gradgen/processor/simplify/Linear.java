package io.gradgen.processor.simplify;

import io.gradgen.processor.ir.Const;
import io.gradgen.processor.ir.Expr;

import static io.gradgen.processor.ir.Exprs.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A constant plus a sum of monomials. Terms keep the order in which they first appeared, so a
 * difference the user wrote as {@code pred - target} keeps reading that way; like terms are
 * recognised by their canonical monomial.
 */
final class Linear {
    final double constant;
    final LinkedHashMap<Expr, Mono> terms;
    /**
     * Keys of terms that came in with a zero coefficient, a product by zero such as {@code 0.0·log(x)}.
     * They stay in the sum: dropping them would fold {@code a·0} to 0 and hide a NaN or infinity of
     * {@code a}, which the simplifier promises never to do. Before, such a term was dropped only when
     * it sat inside a sum, so {@code −(0.0·a)} became {@code −0.0} on a second simplification while
     * {@code 0.0·a} survived the first (found by the idempotence property test). Terms that cancel
     * ({@code x − x}) are still dropped.
     */
    final Set<Expr> zeroProducts;

    Linear(double constant) {
        this(constant, new LinkedHashMap<>(), Set.of());
    }

    private Linear(double constant, LinkedHashMap<Expr, Mono> terms, Set<Expr> zeroProducts) {
        this.constant = constant;
        this.terms = terms;
        this.zeroProducts = zeroProducts;
    }

    Linear plusTerm(Mono m) {
        if (m.factors.isEmpty()) {
            return new Linear(constant + m.coef, terms, zeroProducts);
        }
        Linear sum = copy(constant);
        sum.addTerm(m);
        return sum;
    }

    Linear plus(Linear other, double sign) {
        Linear sum = copy(constant + sign * other.constant);
        for (Mono m : other.liveTerms()) {
            sum.addTerm(m.scale(sign));
        }
        return sum;
    }

    Linear times(double s) {
        Linear scaled = new Linear(constant * s, new LinkedHashMap<>(), new HashSet<>());
        for (Mono m : liveTerms()) {
            scaled.addTerm(m.scale(s));
        }
        return scaled;
    }

    /** A private copy that {@link #addTerm} may change: one copy per sum rather than one per term. */
    private Linear copy(double newConstant) {
        return new Linear(newConstant, new LinkedHashMap<>(terms), new HashSet<>(zeroProducts));
    }

    /** Adds a term to this sum; only ever called on a fresh {@link #copy}, before it is shared. */
    private void addTerm(Mono m) {
        if (m.factors.isEmpty()) {
            throw new IllegalStateException("a constant term reached Linear.addTerm: " + m.coef);
        }
        Expr key = m.key();
        Mono existing = terms.get(key);
        terms.put(key, existing == null ? m : existing.withCoef(existing.coef + m.coef));
        if (m.coef == 0) {
            zeroProducts.add(key);
        }
    }

    List<Mono> liveTerms() {
        List<Mono> live = new ArrayList<>();
        for (Map.Entry<Expr, Mono> t : terms.entrySet()) {
            if (t.getValue().coef != 0 || zeroProducts.contains(t.getKey())) {
                live.add(t.getValue());
            }
        }
        return live;
    }

    Expr build() {
        List<Mono> live = liveTerms();
        if (live.isEmpty()) {
            return new Const(constant);
        }
        Mono lead = live.stream().filter(m -> m.coef > 0).findFirst().orElse(null);
        Expr acc;
        boolean constantUsed = false;
        if (lead != null) {
            acc = lead.build();
            live.remove(lead);
        } else if (constant > 0) {
            acc = new Const(constant);
            constantUsed = true;
        } else {
            acc = live.remove(0).build();
        }
        for (Mono m : live) {
            acc = m.coef > 0 ? add(acc, m.build()) : sub(acc, m.scale(-1).build());
        }
        if (!constantUsed && constant != 0) {
            acc = constant > 0 ? add(acc, new Const(constant)) : sub(acc, new Const(-constant));
        }
        return acc;
    }
}
