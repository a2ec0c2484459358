package io.gradgen.benchmarks;

import java.util.Locale;
import java.util.Map;

/**
 * Turns benchmark scores into the ratio tables of issue 6. Pure formatting over a map, so it is
 * unit-tested without running JMH.
 *
 * <p>Keys are {@code method} or {@code method@param} (e.g. {@code generatedMse@1000000},
 * {@code composedCrossEntropy@4096x1000}); values are ms/op for the loss and triad benchmarks and
 * ops/s for the training steps. Missing entries print as {@code -}.
 */
final class RatioTable {

    static final String[] SIZES = {"1000", "100000", "1000000", "10000000"};
    static final String[] LOSSES = {"Mse", "Huber", "Bce"};
    static final String[] CE_SHAPES = {"64x10", "4096x1000"};
    /** Minimal traffic of a fused forward+backward: read pred and target, write the gradient. */
    static final double FUSED_BYTES_PER_ELEMENT = 24;

    private RatioTable() {
    }

    static String render(Map<String, Double> s) {
        StringBuilder out = new StringBuilder();
        out.append("Element-wise losses, forward+backward, ms/op (lower is better)\n");
        out.append(String.format(Locale.ROOT, "%-6s %9s %10s %10s %10s %10s | %9s %9s %9s%n", "loss", "size",
                "generated", "composed", "hand 1T", "hand par", "gen/hand", "gen/best", "comp/gen"));
        for (String loss : LOSSES) {
            for (String size : SIZES) {
                Double gen = s.get("generated" + loss + "@" + size);
                Double comp = s.get("composed" + loss + "@" + size);
                Double hand = s.get("hand" + loss + "Serial@" + size);
                Double par = s.get("hand" + loss + "Parallel@" + size);
                Double best = min(hand, par);
                out.append(String.format(Locale.ROOT, "%-6s %9s %10s %10s %10s %10s | %9s %9s %9s%n", loss, size,
                        num(gen), num(comp), num(hand), num(par), ratio(gen, hand), ratio(gen, best),
                        ratio(comp, gen)));
            }
        }
        out.append("  gen/hand = generated ÷ hand-written single-thread loop; gen/best = generated ÷ the faster"
                + " hand-written loop (target ≤ 1.15); comp/gen = composed Tensor ops ÷ generated\n\n");

        Double triad = s.get("triad");
        double triadGbs = triad == null ? Double.NaN : gbs(TriadBench.BYTES_PER_ELEMENT, TriadBench.SIZE, triad);
        out.append(String.format(Locale.ROOT, "Memory bandwidth at 10^7 elements (STREAM triad, %s: %s GB/s)%n",
                "all threads", num(triadGbs)));
        out.append(String.format(Locale.ROOT, "%-6s %-22s %10s %10s%n", "loss", "variant", "GB/s", "÷ triad"));
        for (String loss : new String[] {"Mse", "Huber"}) {
            for (String variant : new String[] {"generated", "hand1T", "handPar"}) {
                String key = variant.equals("generated") ? "generated" + loss
                        : "hand" + loss + (variant.equals("hand1T") ? "Serial" : "Parallel");
                Double ms = s.get(key + "@10000000");
                double g = ms == null ? Double.NaN : gbs(FUSED_BYTES_PER_ELEMENT, 10_000_000, ms);
                out.append(String.format(Locale.ROOT, "%-6s %-22s %10s %10s%n", loss, variant, num(g),
                        num(g / triadGbs)));
            }
        }
        out.append("  GB/s counts the fused minimum of 24 bytes per element; target ≥ 0.70 of the triad\n\n");

        out.append("Cross-entropy, forward+backward, ms/op\n");
        out.append(String.format(Locale.ROOT, "%-10s %10s %10s %10s | %9s %9s%n", "shape", "composed", "hand 1T",
                "hand par", "comp/hand", "comp/best"));
        for (String shape : CE_SHAPES) {
            Double comp = s.get("composedCrossEntropy@" + shape);
            Double hand = s.get("handCrossEntropySerial@" + shape);
            Double par = s.get("handCrossEntropyParallel@" + shape);
            out.append(String.format(Locale.ROOT, "%-10s %10s %10s %10s | %9s %9s%n", shape, num(comp), num(hand),
                    num(par), ratio(comp, hand), ratio(comp, min(hand, par))));
        }
        out.append("  the generated row cross-entropy joins once issue 4 lands\n\n");

        out.append("Training steps, steps/s (higher is better)\n");
        out.append(String.format(Locale.ROOT, "%-40s %14s %12s%n", "step", "steps/s", "target"));
        out.append(String.format(Locale.ROOT, "%-40s %14s %12s%n", "Linear(1,1) + CustomLoss + SGD (runtime)",
                num(s.get("tutorialStep")), "1,000,000"));
        out.append(String.format(Locale.ROOT, "%-40s %14s %12s%n", "the same, hand-written loop",
                num(s.get("tutorialStepHand")), ""));
        out.append(String.format(Locale.ROOT, "%-40s %14s %12s%n", "Linear(784,10) + CE (composed), batch 64",
                num(s.get("mnistStepComposed")), "10,000"));
        return out.toString();
    }

    static double gbs(double bytesPerElement, long elements, double msPerOp) {
        return bytesPerElement * elements / (msPerOp * 1e-3) / 1e9;
    }

    private static Double min(Double a, Double b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Math.min(a, b);
    }

    private static String ratio(Double a, Double b) {
        return a == null || b == null ? "-" : String.format(Locale.ROOT, "%.2f", a / b);
    }

    private static String num(Double v) {
        if (v == null || v.isNaN()) {
            return "-";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, a >= 10 ? "%.1f" : a >= 0.1 ? "%.3f" : "%.5f", v);
    }
}
