package io.gradgen.processor.signature;

import io.gradgen.processor.diagnostics.Message.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * The values a {@code @Param} constant accepts ({@code @Param(min = 0, exclusiveMin = true)},
 * {@code @Param(oneOf = {1, 2})}), which the generated constructor checks as PyTorch checks its
 * options. A NaN is outside every stated range.
 *
 * @param min the lower bound, {@code -∞} when there is none
 * @param exclusiveMin whether the lower bound itself is excluded
 * @param max the upper bound, {@code +∞} when there is none
 * @param exclusiveMax whether the upper bound itself is excluded
 * @param oneOf the only values allowed, or empty
 */
public record OptionRange(double min, boolean exclusiveMin, double max, boolean exclusiveMax, List<Double> oneOf) {

    public OptionRange {
        oneOf = List.copyOf(oneOf);
    }

    /** Whether the range restricts anything at all. */
    public boolean isConstrained() {
        return hasMin() || hasMax() || !oneOf.isEmpty();
    }

    public boolean hasMin() {
        return min != Double.NEGATIVE_INFINITY || exclusiveMin;
    }

    public boolean hasMax() {
        return max != Double.POSITIVE_INFINITY || exclusiveMax;
    }

    /** Whether {@code v} is allowed. */
    public boolean allows(double v) {
        if (Double.isNaN(v)) {
            return false;
        }
        if (hasMin() && (exclusiveMin ? !(v > min) : !(v >= min))) {
            return false;
        }
        if (hasMax() && (exclusiveMax ? !(v < max) : !(v <= max))) {
            return false;
        }
        return oneOf.isEmpty() || oneOf.stream().anyMatch(x -> x == v);
    }

    /**
     * The rule as a reader writes it: {@code > 0}, {@code in [0, 1]}, {@code one of 1, 2},
     * {@code one of 1, 2 and ≥ 0}.
     */
    public String describe(boolean integral) {
        List<String> parts = new ArrayList<>();
        if (!oneOf.isEmpty()) {
            parts.add("one of " + String.join(", ", oneOf.stream().map(x -> number(x, integral)).toList()));
        }
        if (hasMin() && hasMax()) {
            parts.add("in " + (exclusiveMin ? "(" : "[") + number(min, integral) + ", " + number(max, integral)
                    + (exclusiveMax ? ")" : "]"));
        } else if (hasMin()) {
            parts.add((exclusiveMin ? "> " : "≥ ") + number(min, integral));
        } else if (hasMax()) {
            parts.add((exclusiveMax ? "< " : "≤ ") + number(max, integral));
        }
        return String.join(" and ", parts);
    }

    /** Why the stated range is contradictory or empty, or null when it is sound. */
    public String problem(boolean integral) {
        if (Double.isNaN(min) || Double.isNaN(max) || oneOf.stream().anyMatch(x -> Double.isNaN(x))) {
            return Reason.NAN_BOUND.text(null);
        }
        if (min > max || (min == max && (exclusiveMin || exclusiveMax))) {
            return Reason.EMPTY_RANGE.text(describe(integral));
        }
        if (integral && oneOf.stream().anyMatch(x -> x != Math.rint(x))) {
            return Reason.WHOLE_ONE_OF.text(null);
        }
        if (!oneOf.isEmpty() && oneOf.stream().noneMatch(this::allowsBounds)) {
            return Reason.ONE_OF_OUTSIDE.text(new OptionRange(min, exclusiveMin, max, exclusiveMax, List.of())
                    .describe(integral));
        }
        return null;
    }

    private boolean allowsBounds(double v) {
        return new OptionRange(min, exclusiveMin, max, exclusiveMax, List.of()).allows(v);
    }

    /** A range that allows everything. */
    public static OptionRange any() {
        return new OptionRange(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false, List.of());
    }

    private static String number(double v, boolean integral) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        if (integral || (v == Math.rint(v) && Math.abs(v) < 1e15)) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
