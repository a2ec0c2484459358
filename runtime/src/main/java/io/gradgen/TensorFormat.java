package io.gradgen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@link Tensor#toString()}, modelled on PyTorch's repr: four decimals (scientific notation when
 * the magnitudes call for it), entries padded to one width, one row per line, and the middle of
 * large tensors elided.
 */
final class TensorFormat {

    /** Tensors with more elements than this are summarised, as PyTorch's print threshold. */
    static final int THRESHOLD = 1000;
    /** Entries kept at each end of a summarised dimension. */
    static final int EDGE_ITEMS = 3;

    private static final String PREFIX = "tensor(";
    private static final String ELLIPSIS = "...";

    private TensorFormat() {
    }

    static String format(Tensor t) {
        int[] shape = t.shapeRef();
        StringBuilder sb = new StringBuilder(PREFIX);
        if (t.numel() == 0) {
            sb.append("[]");
        } else {
            boolean summarize = t.numel() > THRESHOLD;
            List<Double> shown = new ArrayList<>();
            collect(t, 0, 0, summarize, shown);
            boolean scientific = useScientific(shown);
            int width = 0;
            for (double v : shown) {
                width = Math.max(width, number(v, scientific).length());
            }
            appendDim(sb, t, 0, 0, summarize, scientific, width);
        }
        if (shape.length > 0) {
            sb.append(", shape=").append(Shapes.format(shape));
        }
        if (t.dtype() != DType.FLOAT64) {
            // FLOAT64 is the default here, as float32 is PyTorch's, which prints the other one
            sb.append(", dtype=").append(t.dtype().shortName());
        }
        if (t.gradFn() != null) {
            sb.append(", grad_fn=<").append(t.gradFn().name()).append('>');
        } else if (t.requiresGrad()) {
            sb.append(", requires_grad=True");
        }
        return sb.append(')').toString();
    }

    /** The indices of dimension {@code d} that are printed; -1 marks the ellipsis. */
    private static int[] shownIndices(int size, boolean summarize) {
        if (!summarize || size <= 2 * EDGE_ITEMS) {
            int[] all = new int[size];
            for (int i = 0; i < size; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] some = new int[2 * EDGE_ITEMS + 1];
        for (int i = 0; i < EDGE_ITEMS; i++) {
            some[i] = i;
            some[EDGE_ITEMS + 1 + i] = size - EDGE_ITEMS + i;
        }
        some[EDGE_ITEMS] = -1;
        return some;
    }

    private static void collect(Tensor t, int dim, int offset, boolean summarize, List<Double> out) {
        int[] shape = t.shapeRef();
        if (dim == shape.length) {
            out.add(t.storage.get(offset));
            return;
        }
        int stride = product(shape, dim + 1, shape.length);
        for (int i : shownIndices(shape[dim], summarize)) {
            if (i >= 0) {
                collect(t, dim + 1, offset + i * stride, summarize, out);
            }
        }
    }

    private static int product(int[] shape, int from, int to) {
        int p = 1;
        for (int d = from; d < to; d++) {
            p *= shape[d];
        }
        return p;
    }

    private static void appendDim(StringBuilder sb, Tensor t, int dim, int offset, boolean summarize,
            boolean scientific, int width) {
        int[] shape = t.shapeRef();
        if (dim == shape.length) {
            String s = number(t.storage.get(offset), scientific);
            sb.append(" ".repeat(width - s.length())).append(s);
            return;
        }
        int stride = product(shape, dim + 1, shape.length);
        boolean last = dim == shape.length - 1;
        String separator = last
                ? ", "
                : "," + "\n".repeat(shape.length - dim - 1) + " ".repeat(PREFIX.length() + dim + 1);
        sb.append('[');
        boolean first = true;
        for (int i : shownIndices(shape[dim], summarize)) {
            if (!first) {
                sb.append(separator);
            }
            first = false;
            if (i < 0) {
                sb.append(ELLIPSIS);
            } else {
                appendDim(sb, t, dim + 1, offset + i * stride, summarize, scientific, width);
            }
        }
        sb.append(']');
    }

    /**
     * PyTorch's rule: scientific when the finite non-zero magnitudes exceed 1e8, or, unless all
     * values are integers, span more than 1000x or go below 1e-4.
     */
    private static boolean useScientific(List<Double> values) {
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        boolean integral = true;
        for (double v : values) {
            double a = Math.abs(v);
            if (a != 0 && Double.isFinite(a)) {
                max = Math.max(max, a);
                min = Math.min(min, a);
                integral &= a == Math.rint(a);
            }
        }
        if (max == 0) {
            return false;
        }
        return max > 1e8 || !integral && (max / min > 1000 || min < 1e-4);
    }

    private static String number(double v, boolean scientific) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, scientific ? "%.4e" : "%.4f", v);
    }
}
