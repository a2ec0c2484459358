package io.gradgen.benchmarks;

import java.util.Locale;
import java.util.Map;

/**
 * Issue 18's table: the catalogue losses against the best hand-written loop for the same formula,
 * float64 and float32 side by side, as ratios of scores from one run; then the training steps.
 * Pure formatting over maps (see {@link RatioTable} for the keys), so it is unit-tested without JMH.
 * Allocation columns ({@code B/op}, JMH's {@code gc.alloc.rate.norm}) fill in when the run used
 * {@code -prof gc}.
 */
final class GoalTable {

    /** The goal for catalogue ÷ best hand-written. */
    static final double GOAL_RATIO = 1.25;

    private static final String[][] ELEMENTWISE = {
        {"Huber", "100000"}, {"Huber", "1000000"}, {"Huber", "10000000"},
        {"Bce", "100000"}, {"Bce", "1000000"}, {"Bce", "10000000"},
        {"Mse", "100000"}, {"Mse", "1000000"}, {"Mse", "10000000"},
    };

    private GoalTable() {
    }

    static String render(Map<String, Double> s, Map<String, Double> alloc) {
        StringBuilder out = new StringBuilder();
        out.append("Catalogue losses (io.gradgen.losses), forward+backward, ms/op; ratio = catalogue ÷ best hand-written"
                + " loop (goal ≤ " + GOAL_RATIO + ")\n");
        String format = "%-24s | %9s %9s %6s %7s | %9s %9s %6s %7s | %7s%n";
        out.append(String.format(Locale.ROOT, format, "case", "f64 cat", "f64 hand", "ratio", "B/op", "f32 cat",
                "f32 hand", "ratio", "B/op", "f64÷f32"));
        for (String[] row : ELEMENTWISE) {
            String loss = row[0];
            String size = row[1];
            String at = "@" + size;
            Double cat = s.get("catalogue" + loss + at);
            Double hand = min(s.get("hand" + loss + "Serial" + at), s.get("hand" + loss + "Parallel" + at));
            Double cat32 = s.get("catalogue" + loss + "32" + at);
            Double hand32 = min(s.get("hand" + loss + "32Serial" + at), s.get("hand" + loss + "32Parallel" + at));
            out.append(String.format(Locale.ROOT, format, name(loss) + ", " + size(size), num(cat), num(hand),
                    ratio(cat, hand), bytes(alloc.get("catalogue" + loss + at)), num(cat32), num(hand32),
                    ratio(cat32, hand32), bytes(alloc.get("catalogue" + loss + "32" + at)), ratio(cat, cat32)));
        }
        for (String shape : RatioTable.CE_SHAPES) {
            String at = "@" + shape;
            Double cat = s.get("catalogueCrossEntropy" + at);
            Double hand = min(s.get("handCrossEntropySerial" + at), s.get("handCrossEntropyParallel" + at));
            Double cat32 = s.get("catalogueCrossEntropy32" + at);
            Double hand32 = s.get("handCrossEntropy32Parallel" + at);
            out.append(String.format(Locale.ROOT, format, "cross-entropy, " + shape.replace('x', '×'), num(cat),
                    num(hand), ratio(cat, hand), bytes(alloc.get("catalogueCrossEntropy" + at)), num(cat32), num(hand32),
                    ratio(cat32, hand32), bytes(alloc.get("catalogueCrossEntropy32" + at)), ratio(cat, cat32)));
        }
        out.append("  hand = the faster of the hand-written loops (1 thread, or Parallel's chunks on all threads);"
                + " f32 cross-entropy's is HandLosses32's, rows widened to double\n\n");

        Double ntGen = s.get("generatedNtXent@256x128");
        Double ntHand = s.get("handNtXent@256x128");
        out.append(String.format(Locale.ROOT, "Batch loss: NT-Xent 256×128, forward+backward: generated %s ms, hand-written"
                + " %s ms, ratio %s, %s B/op%n%n", num(ntGen), num(ntHand), ratio(ntGen, ntHand),
                bytes(alloc.get("generatedNtXent@256x128"))));

        out.append("Training steps, steps/s (higher is better)\n");
        String steps = "%-50s %12s %9s%n";
        out.append(String.format(Locale.ROOT, steps, "step", "steps/s", "B/op"));
        String[][] rows = {
            {"tutorialStep", "Linear(1,1) + CustomLoss + SGD"},
            {"tutorialStepHand", "  the same, hand-written"},
            {"mnistStepCatalogue", "Linear(784,10) + CrossEntropyLoss + SGD, batch 64"},
            {"mnistStepCatalogue32", "  the same in float32"},
            {"mnistStepAdam", "  with Adam"},
            {"mnistStepAdam32", "  with Adam, float32"},
            {"mnistStepHand", "  SGD step hand-written (double[] loops)"},
        };
        for (String[] row : rows) {
            out.append(String.format(Locale.ROOT, steps, row[1], num(s.get(row[0])), bytes(alloc.get(row[0]))));
        }
        Double step = s.get("tutorialStep");
        out.append(String.format(Locale.ROOT, "  fixed cost of one autograd step: %s µs (goal ≤ 0.1); Linear(784,10)"
                + " goal ≥ 25,000 steps/s, ≤ 1 KB/step%n%n", step == null ? "-" : String.format(Locale.ROOT,
                "%.3f", 1e6 / step)));
        return out.toString();
    }

    private static String name(String loss) {
        return switch (loss) {
            case "Bce" -> "BCE with logits";
            case "Mse" -> "MSE";
            default -> loss;
        };
    }

    private static String size(String size) {
        return "1e" + (size.length() - 1);
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

    private static String bytes(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String num(Double v) {
        if (v == null || v.isNaN()) {
            return "-";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, a >= 10 ? "%.1f" : a >= 0.1 ? "%.3f" : "%.4f", v);
    }
}
