package io.gradgen.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The per-epoch record of one {@link Training#fit()}: training and validation losses, metrics,
 * the best epoch, and whether early stopping ended the run. Epoch {@code e} is index {@code e}
 * of every array. Immutable; the arrays returned are copies.
 */
public final class History {

    private final List<EpochResult> epochs;
    private final List<String> metricNames;
    private final boolean hasValidation;
    private final int bestEpoch;
    private final boolean stoppedEarly;

    History(List<EpochResult> epochs, List<String> metricNames, boolean hasValidation, int bestEpoch,
            boolean stoppedEarly) {
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("History: no epochs");
        }
        this.epochs = List.copyOf(epochs);
        this.metricNames = List.copyOf(metricNames);
        this.hasValidation = hasValidation;
        this.bestEpoch = bestEpoch;
        this.stoppedEarly = stoppedEarly;
    }

    /**
     * The training loss of each epoch: the mean of its batch losses, weighted by batch size (the
     * mean over the epoch's samples, for a loss with the {@code MEAN} reduction).
     *
     * @return one value per epoch that ran
     */
    public double[] losses() {
        return epochs.stream().mapToDouble(EpochResult::loss).toArray();
    }

    /**
     * The loss on the whole validation set after each epoch.
     *
     * @return one value per epoch that ran; all NaN when the run had no validation data
     */
    public double[] validationLosses() {
        return epochs.stream().mapToDouble(EpochResult::validationLoss).toArray();
    }

    /**
     * One metric's value after each epoch, on the validation data (on the training data when the
     * run had no validation data).
     *
     * @param name the name given to {@link Training#metric(String, Metric)}
     * @return one value per epoch that ran
     * @throws IllegalArgumentException if no metric has that name; the message lists the known ones
     */
    public double[] metric(String name) {
        Objects.requireNonNull(name, "metric: name is null");
        if (!metricNames.contains(name)) {
            throw new IllegalArgumentException("no metric \"" + name + "\" in this history; "
                    + EpochResult.known(metricNames));
        }
        return epochs.stream().mapToDouble(e -> e.metrics().get(name)).toArray();
    }

    /**
     * The metrics' names, in the order they were added.
     *
     * @return an unmodifiable list
     */
    public List<String> metricNames() {
        return metricNames;
    }

    /**
     * The epoch whose weights {@code fit()} returned with: the first epoch with the lowest
     * validation loss. Without validation data, the first epoch with the lowest training loss
     * (and {@code fit()} then keeps the last epoch's weights). A NaN loss never counts as lowest.
     *
     * @return an index into the arrays
     */
    public int bestEpoch() {
        return bestEpoch;
    }

    /**
     * How many epochs ran: the number asked for, or fewer when early stopping ended the run.
     *
     * @return the length of every array of this history
     */
    public int epochs() {
        return epochs.size();
    }

    /**
     * Whether early stopping ended the run before the last epoch asked for.
     *
     * @return {@code true} if the run stopped early
     */
    public boolean stoppedEarly() {
        return stoppedEarly;
    }

    /**
     * Whether the run had validation data.
     *
     * @return {@code false} when {@link #validationLosses()} is all NaN because no validation was given
     */
    public boolean hasValidation() {
        return hasValidation;
    }

    /**
     * One epoch's result, as the {@link Training#onEpoch} callbacks received it.
     *
     * @param index the epoch, from 0
     * @return its result
     * @throws IndexOutOfBoundsException if no such epoch ran
     */
    public EpochResult epoch(int index) {
        Objects.checkIndex(index, epochs.size());
        return epochs.get(index);
    }

    /**
     * Writes the history as CSV (UTF-8, one line per record ending in {@code \n}, a metric name
     * quoted as RFC 4180 asks if it holds a comma or a quote): the header
     * {@code epoch,loss,validation_loss,<metric>...}, then one row per epoch. Numbers are written
     * with {@link Double#toString(double)}, which reads back to the same double; a NaN (a missing
     * value, such as the validation loss of a run without validation data) is written as an empty
     * field, which spreadsheets and pandas read as missing; infinities as {@code Infinity} and
     * {@code -Infinity}. Missing parent directories are created.
     *
     * @param file the file to write (replaced if it exists)
     * @throws IOException if the file cannot be written
     */
    public void writeCsv(Path file) throws IOException {
        write(file, csv());
    }

    /**
     * Writes the loss curves as a standalone SVG chart that a browser opens, titled
     * "Loss per epoch"; see {@link #writeSvg(Path, String)}.
     *
     * @param file the file to write (replaced if it exists)
     * @throws IOException if the file cannot be written
     */
    public void writeSvg(Path file) throws IOException {
        writeSvg(file, "Loss per epoch");
    }

    /**
     * Writes the loss curves as a standalone SVG chart (UTF-8) that a browser opens: x axis
     * "epoch", y axis "loss", with round tick values; one {@code <polyline>} for the training loss
     * and, when the run had validation data, one for the validation loss; a legend; and a dashed
     * marker at {@link #bestEpoch()}. Metrics are on other scales than the loss and are left out of
     * the chart (they are in {@link #writeCsv(Path) the CSV}). NaN and infinite values are left out
     * of their line, and a note says how many. Missing parent directories are created.
     *
     * @param file the file to write (replaced if it exists)
     * @param title the chart's title
     * @throws IOException if the file cannot be written
     */
    public void writeSvg(Path file, String title) throws IOException {
        Objects.requireNonNull(title, "writeSvg: title is null");
        write(file, svg(title));
    }

    String csv() {
        StringBuilder sb = new StringBuilder("epoch,loss,validation_loss");
        for (String name : metricNames) {
            sb.append(',').append(csvField(name));
        }
        sb.append('\n');
        for (EpochResult e : epochs) {
            sb.append(e.index()).append(',').append(csvNumber(e.loss())).append(',')
                    .append(csvNumber(e.validationLoss()));
            for (String name : metricNames) {
                sb.append(',').append(csvNumber(e.metrics().get(name)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    String svg(String title) {
        List<LossCurveChart.Curve> curves = new ArrayList<>();
        curves.add(new LossCurveChart.Curve("training loss", "training", "#1f77b4", "", losses()));
        if (hasValidation) {
            curves.add(new LossCurveChart.Curve("validation loss", "validation", "#e8710a", "7 4", validationLosses()));
        }
        return LossCurveChart.render(title, curves, bestEpoch);
    }

    private static String csvNumber(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    /** A field quoted as RFC 4180 asks when it holds a comma, a quote or a line break. */
    private static String csvField(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private static void write(Path file, String content) throws IOException {
        Objects.requireNonNull(file, "file is null");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /**
     * The number of epochs, the best epoch and the last epoch's values, e.g.
     * {@code History[12 epochs, best 7, loss 0.0412, validation loss 0.0587, accuracy 0.9]}.
     */
    @Override
    public String toString() {
        EpochResult last = epochs.get(epochs.size() - 1);
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("best", bestEpoch);
        parts.put("loss", last.loss());
        if (hasValidation) {
            parts.put("validation loss", last.validationLoss());
        }
        parts.putAll(last.metrics());
        StringBuilder sb = new StringBuilder("History[").append(epochs.size()).append(epochs.size() == 1 ? " epoch" : " epochs");
        parts.forEach((k, v) -> sb.append(", ").append(k).append(' ').append(v));
        return sb.append(stoppedEarly ? ", stopped early]" : "]").toString();
    }
}
