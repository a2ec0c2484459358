package io.gradgen.processor.ir;

import java.util.List;
import java.util.function.BiFunction;

/**
 * How the Javadoc writes reductions along whole rows, as a paper would: {@code ⟨u, v⟩} for
 * {@code Σ_i u[i]·v[i]}, {@code ‖u‖²} for {@code Σ_i u[i]²}, {@code cos(u, v)} for
 * {@code Functions.cosine}'s arithmetic and {@code ε} for the floor of its norms
 * ({@code Functions.COSINE_EPS}). A row is {@code x} for a {@code double[]} and {@code z[a]} for a
 * row of a {@code double[][]}. Anything else, such as a sum over part of a row, is left to the
 * general notation.
 */
final class RowNotation {
    /** The floor {@code Functions.cosine} puts under each squared norm. */
    static final Field COSINE_EPS = new Field("io.gradgen.Functions", "COSINE_EPS", false);

    private final BiFunction<Expr, Integer, String> text;

    /** @param text how the caller prints a subexpression in a context of a given precedence */
    RowNotation(BiFunction<Expr, Integer, String> text) {
        this.text = text;
    }

    /** {@code ⟨u, v⟩} or {@code ‖u‖²}, or null when {@code r} is not a sum along whole rows. */
    String reduction(Reduce r) {
        if (r.kind() != Reduce.Kind.SUM || !(r.from() instanceof Const c && c.value() == 0)
                || !(r.to() instanceof Length)) {
            return null;
        }
        Expr body = r.body();
        if (body instanceof Apply a && a.op() == Op.POW && a.arg(1) instanceof Const k && k.value() == 2) {
            String u = row(a.arg(0), r);
            return u == null ? null : "‖" + u + "‖²";
        }
        if (body instanceof Apply a && a.op() == Op.MUL) {
            String u = row(a.arg(0), r);
            String v = row(a.arg(1), r);
            if (u == null || v == null) {
                return null;
            }
            return u.equals(v) ? "‖" + u + "‖²" : "⟨" + u + ", " + v + "⟩";
        }
        return null;
    }

    /** {@code cos(u, v)} for {@code ⟨u, v⟩ / √(max(‖u‖², ε²) · max(‖v‖², ε²))}, or null. */
    String cosine(Apply a) {
        if (a.op() != Op.DIV || !(a.arg(0) instanceof Reduce dot) || !(a.arg(1) instanceof Apply root)
                || root.op() != Op.SQRT || !(root.arg(0) instanceof Apply product) || product.op() != Op.MUL) {
            return null;
        }
        String dotText = reduction(dot);
        String u = flooredNorm(product.arg(0));
        String v = flooredNorm(product.arg(1));
        if (dotText == null || u == null || v == null || !dotText.equals("⟨" + u + ", " + v + "⟩")
                && !(u.equals(v) && dotText.equals("‖" + u + "‖²"))) {
            return null;
        }
        return "cos(" + u + ", " + v + ")";
    }

    /** {@code u} for {@code max(‖u‖², ε²)}, or null. */
    private String flooredNorm(Expr e) {
        if (!(e instanceof Apply max) || max.op() != Op.MAX || !isEpsilonSquared(max.arg(1))
                || !(max.arg(0) instanceof Reduce r)) {
            return null;
        }
        String norm = reduction(r);
        return norm != null && norm.startsWith("‖") ? norm.substring(1, norm.length() - 2) : null;
    }

    private static boolean isEpsilonSquared(Expr e) {
        return e instanceof Apply a && (a.op() == Op.MUL && a.arg(0).equals(COSINE_EPS) && a.arg(1).equals(COSINE_EPS)
                || a.op() == Op.POW && a.arg(0).equals(COSINE_EPS) && a.arg(1) instanceof Const k && k.value() == 2);
    }

    /** {@code z[a]} for the element {@code z[a][i]} of the reduction's index, or null. */
    private String row(Expr e, Reduce r) {
        if (!(e instanceof Elem el)) {
            return null;
        }
        List<Expr> indices = el.indices();
        Expr last = indices.get(indices.size() - 1);
        if (!last.equals(r.index())) {
            return null;
        }
        StringBuilder s = new StringBuilder(el.row().name());
        for (Expr index : indices.subList(0, indices.size() - 1)) {
            if (Indices.dependsOn(index, r.index())) {
                return null;
            }
            s.append('[').append(text.apply(index, 0)).append(']');
        }
        return s.toString();
    }
}
