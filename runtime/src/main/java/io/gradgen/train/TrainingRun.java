package io.gradgen.train;

import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.autograd.NoGrad;
import io.gradgen.nn.Module;
import io.gradgen.optim.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * One {@link Training#fit()}: the epoch loop, evaluation, best-epoch tracking, early stopping and
 * the restore of the best weights. Built from a checked configuration and used once.
 */
final class TrainingRun {

    private final Module model;
    private final LossFunction loss;
    private final Optimizer optimizer;
    private final Batches batches;
    private final Random shuffle;
    private final int epochs;
    private final Tensor xVal;
    private final Tensor yVal;
    private final Map<String, Metric> metrics;
    private final int patience;
    private final List<Consumer<? super EpochResult>> callbacks;
    private final Progress progress;
    private final List<Tensor> parameters;

    TrainingRun(Module model, LossFunction loss, Optimizer optimizer, Batches batches, Random shuffle, int epochs,
            Tensor xVal, Tensor yVal, Map<String, Metric> metrics, int patience,
            List<Consumer<? super EpochResult>> callbacks, Progress progress) {
        this.model = model;
        this.loss = loss;
        this.optimizer = optimizer;
        this.batches = batches;
        this.shuffle = shuffle;
        this.epochs = epochs;
        this.xVal = xVal;
        this.yVal = yVal;
        this.metrics = new LinkedHashMap<>(metrics);
        this.patience = patience;
        this.callbacks = List.copyOf(callbacks);
        this.progress = progress;
        this.parameters = model.parameters();
    }

    History run() {
        boolean validating = xVal != null;
        List<EpochResult> results = new ArrayList<>(Math.min(epochs, 1 << 16));
        int best = -1;
        double bestLoss = Double.POSITIVE_INFINITY;
        double[][] bestWeights = null;
        int sinceBest = 0;
        boolean stoppedEarly = false;
        if (progress != null) {
            progress.start();
        }
        for (int epoch = 0; epoch < epochs; epoch++) {
            double trainingLoss = trainOneEpoch();
            EpochResult result = evaluate(epoch, trainingLoss);
            results.add(result);
            // NaN counts as worse than any number, so a finite loss after a NaN one is an improvement
            double watched = validating ? result.validationLoss() : trainingLoss;
            double key = Double.isNaN(watched) ? Double.POSITIVE_INFINITY : watched;
            if (best < 0 || key < bestLoss) {
                best = epoch;
                bestLoss = key;
                sinceBest = 0;
                if (validating) {
                    bestWeights = snapshot();
                }
            } else {
                sinceBest++;
            }
            if (progress != null) {
                progress.epoch(result, epochs);
            }
            for (Consumer<? super EpochResult> callback : callbacks) {
                callback.accept(result);
            }
            if (patience > 0 && sinceBest >= patience && epoch < epochs - 1) {
                stoppedEarly = true;
                break;
            }
        }
        if (validating) {
            restore(bestWeights);
        }
        History history = new History(results, List.copyOf(metrics.keySet()), validating, best, stoppedEarly);
        if (progress != null) {
            progress.finish(history);
        }
        return history;
    }

    /** One pass over the data; returns the mean batch loss weighted by batch size. */
    private double trainOneEpoch() {
        batches.reorder(shuffle);
        double weightedSum = 0;
        for (int b = 0; b < batches.count(); b++) {
            Batches.Batch batch = batches.get(b);
            optimizer.zeroGrad();
            Tensor value = lossValue(loss.forward(model.forward(batch.x()), batch.y()));
            value.backward();
            optimizer.step();
            weightedSum += value.item() * batch.rows();
        }
        return weightedSum / batches.samples();
    }

    /** The validation loss and the metrics, under no-grad, with the weights as they are now. */
    private EpochResult evaluate(int epoch, double trainingLoss) {
        return NoGrad.call(() -> {
            double validationLoss = Double.NaN;
            Tensor prediction = null;
            Tensor target = null;
            if (xVal != null) {
                prediction = model.forward(xVal);
                target = yVal;
                validationLoss = lossValue(loss.forward(prediction, target)).item();
            } else if (!metrics.isEmpty()) {
                prediction = model.forward(batches.x());
                target = batches.y();
            }
            Map<String, Double> values = new LinkedHashMap<>();
            for (Map.Entry<String, Metric> m : metrics.entrySet()) {
                values.put(m.getKey(), m.getValue().compute(prediction, target));
            }
            return new EpochResult(epoch, trainingLoss, validationLoss, values);
        });
    }

    /** The loss's result, checked to be one number before anything uses it. */
    private static Tensor lossValue(Tensor value) {
        if (value == null || value.numel() != 1) {
            throw new IllegalStateException("fit(): the loss returned " + (value == null ? "null"
                    : "a tensor of shape " + Arrays.toString(value.shape())) + "; training needs one number per batch,"
                    + " so use a loss with the MEAN or SUM reduction");
        }
        return value;
    }

    private double[][] snapshot() {
        double[][] values = new double[parameters.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = parameters.get(i).toArray();
        }
        return values;
    }

    private void restore(double[][] values) {
        NoGrad.run(() -> {
            for (int i = 0; i < values.length; i++) {
                Tensor p = parameters.get(i);
                p.copyInPlace(Tensor.of(values[i], p.shape()));
            }
        });
    }
}
