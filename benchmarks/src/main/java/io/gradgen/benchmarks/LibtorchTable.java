package io.gradgen.benchmarks;

import java.util.Locale;
import java.util.Map;

/**
 * Issue 18's libtorch goal: libtorch's fused aten losses ({@code LibtorchLossBench}, built with
 * {@code -Plibtorch}) against the catalogue losses measured in the same run, float64, as
 * libtorch ÷ catalogue (goal ≥ 2). Pure formatting over {@link Report}'s score map (keys as in
 * {@link RatioTable}); it prints nothing when the run had no libtorch rows, so the default build,
 * which has no libtorch, reports as before.
 */
final class LibtorchTable {

    /** The goal for libtorch ÷ catalogue: the catalogue at least twice as fast. */
    static final double GOAL_RATIO = 2.0;

    /** {name shown, libtorch benchmark, catalogue benchmark, parameter}. */
    private static final String[][] ROWS = {
        {"Huber, 1e5", "libtorchHuber", "catalogueHuber", "100000"},
        {"Huber, 1e6", "libtorchHuber", "catalogueHuber", "1000000"},
        {"BCE with logits, 1e5", "libtorchBce", "catalogueBce", "100000"},
        {"BCE with logits, 1e6", "libtorchBce", "catalogueBce", "1000000"},
        {"MSE, 1e5", "libtorchMse", "catalogueMse", "100000"},
        {"MSE, 1e6", "libtorchMse", "catalogueMse", "1000000"},
        {"cross-entropy, 4096×1000", "libtorchCrossEntropy", "catalogueCrossEntropy", "4096x1000"},
    };

    private LibtorchTable() {
    }

    /**
     * libtorch's intra-op threads in {@code LibtorchLossBench}: {@code -Dgradgen.libtorch.threads}
     * ({@link Report} passes {@code gradgen.*} properties on to the benchmark JVMs), else one per core.
     */
    static int threads() {
        int threads = Integer.getInteger("gradgen.libtorch.threads", Runtime.getRuntime().availableProcessors());
        if (threads < 1) {
            throw new IllegalArgumentException("gradgen.libtorch.threads must be at least 1, was " + threads
                    + "; write -Dgradgen.libtorch.threads=2 (or leave it out for one thread per core)");
        }
        return threads;
    }

    static String render(Map<String, Double> s) {
        if (s.keySet().stream().noneMatch(key -> key.startsWith("libtorch"))) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("libtorch (aten losses, " + threads() + " intra-op threads) against"
                + " the catalogue, float64, forward+backward, ms/op; goal: libtorch ÷ catalogue ≥ " + GOAL_RATIO + "\n");
        String format = "%-26s %10s %10s %16s %5s%n";
        out.append(String.format(Locale.ROOT, format, "case", "libtorch", "catalogue", "libtorch÷catalog", "goal"));
        for (String[] row : ROWS) {
            String at = "@" + row[3];
            Double torch = s.get(row[1] + at);
            Double catalogue = s.get(row[2] + at);
            String met = torch == null || catalogue == null ? "-" : torch / catalogue >= GOAL_RATIO ? "met" : "no";
            out.append(String.format(Locale.ROOT, format, row[0], num(torch), num(catalogue), ratio(torch, catalogue),
                    met));
        }
        out.append('\n');
        return out.toString();
    }

    private static String ratio(Double a, Double b) {
        return a == null || b == null ? "-" : String.format(Locale.ROOT, "%.2f", a / b);
    }

    private static String num(Double v) {
        if (v == null || v.isNaN()) {
            return "-";
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : Math.abs(v) >= 0.1 ? "%.3f" : "%.4f", v);
    }
}
