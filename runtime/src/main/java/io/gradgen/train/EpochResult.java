package io.gradgen.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one epoch of {@link Training#fit()} ended with, as {@link Training#onEpoch} callbacks
 * receive it.
 *
 * @param index the epoch, counting from 0; it indexes {@link History}'s arrays
 * @param loss the mean of the epoch's batch losses, weighted by batch size
 * @param validationLoss the loss on the whole validation set with the weights at the end of the
 *     epoch; NaN when the run has no validation data
 * @param metrics each metric's value by name, in the order the metrics were added; unmodifiable
 */
public record EpochResult(int index, double loss, double validationLoss, Map<String, Double> metrics) {

    /**
     * Copies the metrics into an unmodifiable map that keeps their order.
     *
     * @param index the epoch, from 0
     * @param loss the epoch's training loss
     * @param validationLoss the validation loss, or NaN
     * @param metrics the metrics' values by name, in order
     * @throws IllegalArgumentException if {@code index} is negative
     * @throws NullPointerException if {@code metrics}, a name or a value is null
     */
    public EpochResult {
        if (index < 0) {
            throw new IllegalArgumentException("EpochResult: index " + index + " is negative; epochs count from 0");
        }
        Objects.requireNonNull(metrics, "EpochResult: metrics is null; pass Map.of() for none");
        Map<String, Double> copy = new LinkedHashMap<>();
        metrics.forEach((name, value) -> copy.put(Objects.requireNonNull(name, "EpochResult: a metric name is null"),
                Objects.requireNonNull(value, () -> "EpochResult: metric " + name + " is null")));
        metrics = Collections.unmodifiableMap(copy);
    }

    /**
     * One metric's value.
     *
     * @param name the name given to {@link Training#metric(String, Metric)}
     * @return its value at the end of this epoch
     * @throws IllegalArgumentException if there is no metric of that name; the message lists the
     *     known ones
     */
    public double metric(String name) {
        Double value = metrics.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no metric \"" + name + "\" in this epoch; " + known(metrics.keySet()));
        }
        return value;
    }

    static String known(Iterable<String> names) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            sb.append(sb.length() == 0 ? "known metrics: " : ", ").append('"').append(n).append('"');
        }
        return sb.length() == 0 ? "no metrics were added; add one with .metric(name, metric) before fit()"
                : sb.toString();
    }
}
