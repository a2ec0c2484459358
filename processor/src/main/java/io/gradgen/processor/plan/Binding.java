package io.gradgen.processor.plan;

import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Reduce;
import java.util.List;

/**
 * A local variable of a generated kernel: {@code double name = expr;} (or {@code boolean} for a
 * predicate), computed once per iteration of the loop it lives in. A reduction is computed by a
 * loop of its own, {@link #loop()}, whose single output is the reduction's body; a log-sum-exp also
 * names its running maximum and sum ({@link #temporaries()}), and, when the kernel reads its softmax
 * weights, the array that keeps its exponentials ({@link #exponentials()}).
 */
public record Binding(String name, Expr expr, Kernel loop, List<String> temporaries) {
    public Binding {
        temporaries = List.copyOf(temporaries);
    }

    public Binding(String name, Expr expr) {
        this(name, expr, null, List.of());
    }

    public boolean isPredicate() {
        return expr.isPredicate();
    }

    public boolean isReduction() {
        return expr instanceof Reduce;
    }

    /** The name of the array of a log-sum-exp's exponentials {@code exp(x[i] − shift)}, or null. */
    public String exponentials() {
        return temporaries.size() > 2 ? temporaries.get(2) : null;
    }

    /** The name of {@code 1 / Σ exp(x[i] − shift)} when {@link #exponentials()} is kept, or null. */
    public String inverseSum() {
        return temporaries.size() > 3 ? temporaries.get(3) : null;
    }
}
