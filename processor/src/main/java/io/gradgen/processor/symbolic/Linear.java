package io.gradgen.processor.symbolic;

import static io.gradgen.processor.symbolic.Exprs.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A constant plus a sum of monomials. Terms keep the order in which they first appeared, so a
 * difference the user wrote as {@code pred - target} keeps reading that way; like terms are
 * recognised by their canonical monomial.
 */
final class Linear {
    final double constant;
    final LinkedHashMap<Expr, Mono> terms;

    Linear(double constant) {
        this(constant, new LinkedHashMap<>());
    }

    private Linear(double constant, LinkedHashMap<Expr, Mono> terms) {
        this.constant = constant;
        this.terms = terms;
    }

    Linear plusTerm(Mono m) {
        if (m.factors.isEmpty()) {
            return new Linear(constant + m.coef, terms);
        }
        LinkedHashMap<Expr, Mono> t = new LinkedHashMap<>(terms);
        Expr key = m.withCoef(1).build();
        Mono existing = t.get(key);
        t.put(key, existing == null ? m : existing.withCoef(existing.coef + m.coef));
        return new Linear(constant, t);
    }

    Linear plus(Linear other, double sign) {
        Linear sum = new Linear(constant + sign * other.constant, terms);
        for (Mono m : other.terms.values()) {
            sum = sum.plusTerm(m.scale(sign));
        }
        return sum;
    }

    Linear times(double s) {
        Linear scaled = new Linear(constant * s);
        for (Mono m : terms.values()) {
            scaled = scaled.plusTerm(m.scale(s));
        }
        return scaled;
    }

    List<Mono> liveTerms() {
        List<Mono> live = new ArrayList<>();
        for (Mono m : terms.values()) {
            if (m.coef != 0) {
                live.add(m);
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
