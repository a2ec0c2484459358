package io.gradgen.xgboost;

import io.gradgen.SecondOrderLoss;
import io.gradgen.Tensor;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The best constant margin of a loss over a training set, and whether its second derivative
 * vanishes there: what {@link GradgenObjective#recommendedParams} turns into {@code base_score} and
 * {@code max_delta_step}.
 *
 * <p>The constant {@code c} solves {@code G(c) = Σ wᵢ ∂ℓ(c, yᵢ)/∂c = 0}. {@code G} increases for a
 * convex loss, so the root is bracketed by stepping out from the weighted mean label, then found by
 * Newton steps that fall back to bisection whenever a step would leave the bracket or the Hessian
 * sum vanishes (Huber far from every label, L1): the same safeguard as Numerical Recipes' rtsafe.
 */
final class StartingMargin {
    /** How far the bracket may grow, in units of the labels' spread, before the minimiser counts as infinite. */
    private static final int MAX_EXPANSIONS = 60;
    private static final int MAX_ITERATIONS = 200;

    private final SecondOrderLoss loss;
    private final double[] weights;
    private final double[] margins;
    private final Tensor marginTensor;
    private final Tensor labelTensor;
    private final double[] grad;
    private final double[] hess;

    private StartingMargin(SecondOrderLoss loss, double[] labels, double[] weights) {
        this.loss = loss;
        this.weights = weights;
        int n = labels.length;
        margins = new double[n];
        marginTensor = Tensor.wrap(margins, n);
        labelTensor = Tensor.wrap(labels, n);
        grad = new double[n];
        hess = new double[n];
    }

    static Map<String, Object> recommend(SecondOrderLoss loss, double hessianFloor, float[] labels, float[] weights) {
        if (labels.length == 0) {
            throw new IllegalArgumentException("GradgenObjective.recommendedParams: the DMatrix has no labels;"
                    + " call dtrain.setLabel first");
        }
        if (weights.length != 0 && weights.length != labels.length) {
            throw new IllegalArgumentException("GradgenObjective.recommendedParams: the DMatrix has " + weights.length
                    + " weights for " + labels.length + " labels; recommendedParams works with one margin and one"
                    + " label per row");
        }
        double[] w = new double[labels.length];
        double[] y = new double[labels.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels[i];
            w[i] = weights.length == 0 ? 1.0 : weights[i];
        }
        StartingMargin search = new StartingMargin(loss, y, w);
        Map<String, Object> params = new LinkedHashMap<>();
        double start;
        try {
            start = search.minimiser(y);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("GradgenObjective.recommendedParams evaluates " + loss + " with one margin"
                    + " and one label per row, which it rejects: " + e.getMessage(), e);
        }
        double at = Double.isFinite(start) ? start : 0.5;
        if (Double.isFinite(start)) {
            params.put("base_score", start);
        }
        if (search.hessianVanishes(at, hessianFloor)) {
            params.put("max_delta_step", search.stepCap(at, hessianFloor, y));
        }
        return Collections.unmodifiableMap(params);
    }

    /** The constant margin minimising the weighted loss, or NaN when the loss keeps falling towards ±∞. */
    private double minimiser(double[] labels) {
        double mean = 0;
        double totalWeight = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < labels.length; i++) {
            mean += weights[i] * labels[i];
            totalWeight += weights[i];
            lo = Math.min(lo, labels[i]);
            hi = Math.max(hi, labels[i]);
        }
        double c = totalWeight > 0 ? mean / totalWeight : 0;
        double g = slope(c);
        if (g == 0) {
            return c;
        }
        // step out against the slope until it changes sign
        double step = Math.max(1.0, hi - lo);
        double a = c;
        double b = c;
        double gb = g;
        int expansions = 0;
        // a strict change of sign: a slope that only rounds to 0 far out (a saturated sigmoid) is no minimum
        while (Math.signum(gb) != -Math.signum(g)) {
            if (++expansions > MAX_EXPANSIONS || !Double.isFinite(gb)) {
                return Double.NaN;
            }
            a = b;
            b = b - Math.signum(g) * step;
            step *= 2;
            gb = slope(b);
        }
        double left = Math.min(a, b);
        double right = Math.max(a, b);
        return root(left, right);
    }

    /** Newton steps inside the bracket [left, right], where the slope changes sign; bisection when Newton would leave it. */
    private double root(double left, double right) {
        double c = 0.5 * (left + right);
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            double g = slope(c);
            if (g == 0) {
                return c;
            }
            if (g < 0) {
                left = c;
            } else {
                right = c;
            }
            double h = curvature();
            double next = h > 0 ? c - g / h : Double.NaN;
            if (!(next > left && next < right)) {
                next = 0.5 * (left + right);
            }
            if (Math.abs(next - c) <= 1e-12 * Math.max(1.0, Math.abs(c)) || right - left <= 1e-12 * Math.max(1.0, Math.abs(c))) {
                return next;
            }
            c = next;
        }
        return c;
    }

    /** Σ wᵢ ∂ℓ(c, yᵢ)/∂c, leaving the per-row Hessians of the same point in {@link #hess}. */
    private double slope(double c) {
        Arrays.fill(margins, c);
        loss.gradientAndHessian(marginTensor, grad, hess, labelTensor);
        double sum = 0;
        for (int i = 0; i < grad.length; i++) {
            sum += weights[i] * grad[i];
        }
        return sum;
    }

    /** Σ wᵢ ∂²ℓ/∂c² at the point of the last {@link #slope} call. */
    private double curvature() {
        double sum = 0;
        for (int i = 0; i < hess.length; i++) {
            sum += weights[i] * hess[i];
        }
        return sum;
    }

    /** Whether some row of positive weight has a second derivative at most {@code floor} at margin {@code c}. */
    private boolean hessianVanishes(double c, double floor) {
        slope(c);
        for (int i = 0; i < hess.length; i++) {
            if (weights[i] > 0 && !(hess[i] > floor)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A cap for the leaves' Newton steps, in margin units: the longest step {@code |g/h|} that one
     * row where the loss is curved would take on its own from margin {@code c} (for Huber, at most
     * delta), or, where no row is curved (L1), the mean distance of the labels from {@code c}.
     */
    private double stepCap(double c, double floor, double[] labels) {
        slope(c);
        double longest = 0;
        for (int i = 0; i < hess.length; i++) {
            if (weights[i] > 0 && hess[i] > floor) {
                longest = Math.max(longest, Math.abs(grad[i] / hess[i]));
            }
        }
        if (longest > 0 && Double.isFinite(longest)) {
            return longest;
        }
        double distance = 0;
        double totalWeight = 0;
        for (int i = 0; i < labels.length; i++) {
            distance += weights[i] * Math.abs(labels[i] - c);
            totalWeight += weights[i];
        }
        return totalWeight > 0 && distance > 0 ? distance / totalWeight : 1.0;
    }
}
