package io.gradgen.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws loss curves as a standalone SVG document: a title, axes with round tick values and
 * labels, light grid lines, one {@code <polyline>} per curve, a legend and a marker at the best
 * epoch. Written by hand (no charting library) to keep the runtime free of dependencies.
 *
 * <p>Non-finite values (NaN, infinities) have no place on a linear axis: they are left out of
 * their polyline, which joins the finite points on either side, and a note under the plot says
 * how many were left out. A curve with one finite point gets a dot, since a one-point polyline
 * draws nothing; short runs get a dot at every epoch.
 */
final class LossCurveChart {

    static final int WIDTH = 720;
    static final int HEIGHT = 440;
    private static final double LEFT = 80;
    private static final double RIGHT = WIDTH - 24;
    private static final double TOP = 48;
    private static final double BOTTOM = HEIGHT - 64;
    /** Runs up to this many epochs get a dot per epoch. */
    private static final int DOTS_UP_TO = 40;

    /** One line of the chart. */
    record Curve(String name, String cssClass, String color, String dashes, double[] values) {
    }

    private final String title;
    private final List<Curve> curves;
    private final int bestEpoch;
    private final int epochs;
    private final NiceScale x;
    private final NiceScale y;
    private final int nonFinite;
    private final StringBuilder svg = new StringBuilder(8192);

    private LossCurveChart(String title, List<Curve> curves, int bestEpoch) {
        this.title = title;
        this.curves = curves;
        this.bestEpoch = bestEpoch;
        this.epochs = curves.get(0).values().length;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int skipped = 0;
        for (Curve c : curves) {
            for (double v : c.values()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                } else {
                    skipped++;
                }
            }
        }
        this.nonFinite = skipped;
        this.x = NiceScale.epochs(epochs - 1, 9);
        this.y = lo <= hi ? NiceScale.covering(lo, hi, 6) : NiceScale.covering(0, 1, 6);
    }

    /**
     * The SVG document.
     *
     * @param title the chart's title (escaped here)
     * @param curves one or more curves of equal length, at least one value each
     * @param bestEpoch the epoch to mark, or -1 for none
     */
    static String render(String title, List<Curve> curves, int bestEpoch) {
        return new LossCurveChart(title, curves, bestEpoch).draw();
    }

    private String draw() {
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.append("  <title>").append(escape(title)).append("</title>\n");
        svg.append("  <rect width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" fill=\"white\"/>\n");
        text(WIDTH / 2.0, 28, "middle", escape(title), " font-size=\"16\" font-weight=\"bold\"");
        grid();
        axes();
        bestEpochMarker();
        for (Curve c : curves) {
            curve(c);
        }
        legend();
        notes();
        svg.append("</svg>\n");
        return svg.toString();
    }

    private double px(double epoch) {
        return LEFT + x.fraction(epoch) * (RIGHT - LEFT);
    }

    private double py(double value) {
        return BOTTOM - y.fraction(value) * (BOTTOM - TOP);
    }

    private void grid() {
        svg.append("  <g class=\"grid\" stroke=\"#e5e5e5\" stroke-width=\"1\">\n");
        for (double t : y.ticks()) {
            line(LEFT, py(t), RIGHT, py(t), "");
        }
        svg.append("  </g>\n");
    }

    private void axes() {
        svg.append("  <g class=\"axes\" stroke=\"#222\" stroke-width=\"1\">\n");
        line(LEFT, BOTTOM, RIGHT, BOTTOM, "");
        line(LEFT, TOP, LEFT, BOTTOM, "");
        for (double t : x.ticks()) {
            line(px(t), BOTTOM, px(t), BOTTOM + 5, "");
        }
        for (double t : y.ticks()) {
            line(LEFT - 5, py(t), LEFT, py(t), "");
        }
        svg.append("  </g>\n");
        svg.append("  <g class=\"tick-labels\" fill=\"#222\">\n");
        for (double t : x.ticks()) {
            text(px(t), BOTTOM + 19, "middle", x.label(t), "");
        }
        for (double t : y.ticks()) {
            text(LEFT - 8, py(t) + 4, "end", y.label(t), "");
        }
        svg.append("  </g>\n");
        text((LEFT + RIGHT) / 2, BOTTOM + 40, "middle", "epoch", " class=\"axis-label\" font-size=\"13\"");
        double midY = (TOP + BOTTOM) / 2;
        svg.append("  <text class=\"axis-label\" font-size=\"13\" text-anchor=\"middle\" transform=\"translate(")
                .append(num(22)).append(' ').append(num(midY)).append(") rotate(-90)\">loss</text>\n");
    }

    private void bestEpochMarker() {
        if (bestEpoch < 0 || bestEpoch >= epochs) {
            return;
        }
        double at = px(bestEpoch);
        line(at, TOP, at, BOTTOM, " class=\"best-epoch\" stroke=\"#888\" stroke-dasharray=\"4 3\"");
        boolean nearRight = at > RIGHT - 110;
        text(nearRight ? at - 6 : at + 6, BOTTOM - 8, nearRight ? "end" : "start", "best epoch " + bestEpoch,
                " fill=\"#555\" stroke=\"white\" stroke-width=\"3\" paint-order=\"stroke\"");
    }

    private void curve(Curve c) {
        StringBuilder points = new StringBuilder();
        List<double[]> dots = new ArrayList<>();
        double[] v = c.values();
        for (int e = 0; e < v.length; e++) {
            if (Double.isFinite(v[e])) {
                points.append(points.length() == 0 ? "" : " ").append(num(px(e))).append(',').append(num(py(v[e])));
                dots.add(new double[] {px(e), py(v[e])});
            }
        }
        svg.append("  <polyline class=\"").append(c.cssClass()).append("\" fill=\"none\" stroke=\"").append(c.color())
                .append("\" stroke-width=\"2\" stroke-linejoin=\"round\"").append(dashAttribute(c))
                .append(" points=\"").append(points).append("\"/>\n");
        if (v.length <= DOTS_UP_TO || dots.size() == 1) {
            svg.append("  <g class=\"").append(c.cssClass()).append("-points\" fill=\"").append(c.color()).append("\">\n");
            for (double[] d : dots) {
                svg.append("    <circle cx=\"").append(num(d[0])).append("\" cy=\"").append(num(d[1]))
                        .append("\" r=\"3\"/>\n");
            }
            svg.append("  </g>\n");
        }
    }

    private void legend() {
        double width = 150;
        double height = 12 + 20 * curves.size();
        double left = RIGHT - width - 10;
        double top = TOP + 10;
        svg.append("  <g class=\"legend\">\n");
        svg.append("    <rect x=\"").append(num(left)).append("\" y=\"").append(num(top)).append("\" width=\"")
                .append(num(width)).append("\" height=\"").append(num(height))
                .append("\" fill=\"white\" fill-opacity=\"0.9\" stroke=\"#bbb\"/>\n");
        for (int i = 0; i < curves.size(); i++) {
            Curve c = curves.get(i);
            double rowY = top + 16 + 20 * i;
            svg.append("  ");
            line(left + 10, rowY, left + 40, rowY, " stroke=\"" + c.color() + "\" stroke-width=\"2\"" + dashAttribute(c));
            svg.append("  ");
            text(left + 48, rowY + 4, "start", escape(c.name()), "");
        }
        svg.append("  </g>\n");
    }

    private void notes() {
        if (nonFinite > 0) {
            text(RIGHT, HEIGHT - 10, "end", nonFinite + " non-finite value" + (nonFinite == 1 ? "" : "s")
                    + " (NaN or infinite) not drawn", " class=\"note\" fill=\"#a00\"");
        }
    }

    private static String dashAttribute(Curve c) {
        return c.dashes().isEmpty() ? "" : " stroke-dasharray=\"" + c.dashes() + "\"";
    }

    private void line(double x1, double y1, double x2, double y2, String attributes) {
        svg.append("    <line x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1)).append("\" x2=\"")
                .append(num(x2)).append("\" y2=\"").append(num(y2)).append('"').append(attributes).append("/>\n");
    }

    /** A text element; {@code content} must already be escaped. */
    private void text(double x, double y, String anchor, String content, String attributes) {
        svg.append("  <text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" text-anchor=\"")
                .append(anchor).append('"').append(attributes).append('>').append(content).append("</text>\n");
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** Escapes XML's five special characters and drops control characters XML 1.0 cannot hold. */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (ch >= 0x20 || ch == '\t' || ch == '\n' || ch == '\r') {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.toString();
    }
}
