package io.gradgen.train;

import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.nn.Module;
import io.gradgen.optim.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A training run described in one fluent expression, the loop PyTorch users write by hand:
 *
 * <pre>{@code
 * History history = Training.of(model)
 *         .loss(new HuberLoss().withDelta(0.5))
 *         .optimizer(params -> new Adam(params, 1e-3))
 *         .data(x, y)                              // batches are slices along dim 0
 *         .batchSize(32)
 *         .shuffle(new Random(42))                 // reproducible order; omitted: no shuffling
 *         .epochs(200)
 *         .validation(xVal, yVal)
 *         .metric("accuracy", Metrics.accuracy())
 *         .earlyStopping(10)                       // patience in epochs, on the validation loss
 *         .onEpoch(epoch -> { })
 *         .fit();
 * }</pre>
 *
 * <p>Each step of {@link #fit()} is the PyTorch loop's step: {@code optimizer.zeroGrad()}, then
 * {@code loss.forward(model.forward(xBatch), yBatch)}, {@code backward()}, {@code optimizer.step()}.
 * After each epoch, with grad mode disabled, the model is evaluated on the whole validation set:
 * the validation loss is {@code loss.forward(model.forward(xVal), yVal)} and each metric is
 * computed on the same prediction.
 *
 * <p>Setters check their own argument and throw {@link IllegalArgumentException} at once; what
 * depends on several settings (a missing loss, data or optimizer, early stopping without
 * validation data) is an {@link IllegalStateException} from {@code fit()}, thrown before any step
 * runs. A {@code Training} can be fitted more than once: each {@code fit()} builds a new
 * optimizer and continues from the model's current weights.
 *
 * <p>Two fits from the same initial weights with the same settings and a {@code Random} in the
 * same state give bit-identical histories and weights.
 */
public final class Training {

    /** Column names of {@link History#writeCsv}, which metrics may not take. */
    private static final Set<String> RESERVED_NAMES = Set.of("epoch", "loss", "validation_loss");

    private final Module model;
    private LossFunction loss;
    private Function<? super List<Tensor>, ? extends Optimizer> optimizer;
    private Tensor x;
    private Tensor y;
    private int batchSize = Integer.MAX_VALUE;
    private Random shuffle;
    private int epochs = 1;
    private Tensor xVal;
    private Tensor yVal;
    private final Map<String, Metric> metrics = new LinkedHashMap<>();
    private int patience;
    private final List<Consumer<? super EpochResult>> callbacks = new ArrayList<>();
    private Boolean progress;
    /** Replaces the progress on stdout, for tests. */
    private Progress progressOverride;

    private Training(Module model) {
        this.model = model;
    }

    /**
     * Starts describing how to train {@code model}.
     *
     * @param model the model; {@code fit()} updates its parameters in place
     * @return a new description with defaults: the whole data set as one batch, no shuffling,
     *     one epoch, no validation, no metrics, no early stopping, progress on a terminal only
     * @throws NullPointerException if {@code model} is null
     */
    public static Training of(Module model) {
        return new Training(Objects.requireNonNull(model, "Training.of: model is null"));
    }

    /**
     * The loss to minimise. It is called as {@code loss.forward(model.forward(xBatch), yBatch)} and
     * must return one number (a {@code MEAN} or {@code SUM} reduction).
     *
     * @param loss the loss, e.g. a gradgen-generated class
     * @return this
     */
    public Training loss(LossFunction loss) {
        this.loss = Objects.requireNonNull(loss, "loss: the loss function is null");
        return this;
    }

    /**
     * How to build the optimizer from the model's parameters, e.g.
     * {@code params -> new SGD(params, 0.01)}. Called once per {@code fit()}, with
     * {@code model.parameters()}.
     *
     * @param factory builds the optimizer
     * @return this
     */
    public Training optimizer(Function<? super List<Tensor>, ? extends Optimizer> factory) {
        this.optimizer = Objects.requireNonNull(factory, "optimizer: the factory is null");
        return this;
    }

    /**
     * The training data: inputs {@code x} of shape {@code [N, ...]} and targets {@code y} of shape
     * {@code [N, ...]} (values, or the integral class labels an {@code int} loss parameter takes).
     * Batches are slices of both along dimension 0. The values are read when {@code fit()} starts.
     *
     * @param x the inputs, one row per sample
     * @param y the targets, one row per sample
     * @return this
     * @throws IllegalArgumentException if either is 0-dim, has no rows, or their row counts differ
     */
    public Training data(Tensor x, Tensor y) {
        checkRows("data", "x", x, "y", y);
        this.x = x;
        this.y = y;
        return this;
    }

    /**
     * The number of samples per step. The last batch of an epoch holds the remainder, so every
     * sample is used once per epoch. Omitted: the whole data set in one batch (full-batch
     * gradient descent, as in PyTorch's custom-loss tutorial).
     *
     * @param batchSize samples per batch, {@code >= 1}; larger than the data set means one batch
     * @return this
     * @throws IllegalArgumentException if {@code batchSize < 1}
     */
    public Training batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize(" + batchSize + "): the batch size must be at least 1");
        }
        this.batchSize = batchSize;
        return this;
    }

    /**
     * Shuffles the samples before each epoch, with a new permutation drawn from {@code rng} each
     * time (PyTorch's {@code DataLoader(shuffle=True)}). The order depends only on {@code rng}'s
     * state, so a seeded {@code Random} gives a reproducible run. Omitted: the samples are taken
     * in their order, every epoch.
     *
     * @param rng the source of the permutations; {@code fit()} advances it
     * @return this
     */
    public Training shuffle(Random rng) {
        this.shuffle = Objects.requireNonNull(rng, "shuffle: the Random is null; omit shuffle(...) for no shuffling");
        return this;
    }

    /**
     * How many passes over the data to make (fewer if early stopping ends the run). Omitted: 1.
     *
     * @param epochs the number of epochs, {@code >= 1}
     * @return this
     * @throws IllegalArgumentException if {@code epochs < 1}
     */
    public Training epochs(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs(" + epochs + "): the number of epochs must be at least 1");
        }
        this.epochs = epochs;
        return this;
    }

    /**
     * Held-out data to evaluate after each epoch: the validation loss and the metrics are computed
     * on it, under no-grad, with the weights at the end of the epoch. With validation data,
     * {@code fit()} returns with the weights of the epoch of lowest validation loss
     * ({@link History#bestEpoch()}), copied back in place.
     *
     * @param xVal inputs, one row per sample, each row shaped like the training inputs'
     * @param yVal targets, one row per sample
     * @return this
     * @throws IllegalArgumentException if either is 0-dim, has no rows, or their row counts differ
     */
    public Training validation(Tensor xVal, Tensor yVal) {
        checkRows("validation", "xVal", xVal, "yVal", yVal);
        this.xVal = xVal;
        this.yVal = yVal;
        return this;
    }

    /**
     * Adds a metric, computed after each epoch on the validation data's prediction and targets (on
     * the whole training set when there is no validation data). Metrics are reported in the order
     * they were added.
     *
     * @param name a unique name, such as {@code "accuracy"}; not {@code epoch}, {@code loss} or
     *     {@code validation_loss}, which are the CSV's own columns
     * @param metric the metric, e.g. {@link Metrics#accuracy()} or a lambda
     * @return this
     * @throws IllegalArgumentException if the name is blank, reserved or already taken
     */
    public Training metric(String name, Metric metric) {
        Objects.requireNonNull(name, "metric: the name is null");
        Objects.requireNonNull(metric, () -> "metric \"" + name + "\": the metric is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("metric: the name is blank; give it a name such as \"accuracy\"");
        }
        if (RESERVED_NAMES.contains(name)) {
            throw new IllegalArgumentException("metric: \"" + name + "\" is a column of the history's CSV already"
                    + " (epoch, loss, validation_loss); give the metric another name");
        }
        if (metrics.containsKey(name)) {
            throw new IllegalArgumentException("metric: a metric named \"" + name + "\" was added already;"
                    + " give each metric its own name");
        }
        metrics.put(name, metric);
        return this;
    }

    /**
     * Stops when the validation loss has not gone strictly below its best for {@code patience}
     * epochs in a row; {@code fit()} then returns with the best epoch's weights (which it does
     * with validation data in any case). Needs {@link #validation(Tensor, Tensor)}.
     *
     * @param patience epochs without improvement to tolerate, {@code >= 1}
     * @return this
     * @throws IllegalArgumentException if {@code patience < 1}
     */
    public Training earlyStopping(int patience) {
        if (patience < 1) {
            throw new IllegalArgumentException("earlyStopping(" + patience + "): the patience must be at least 1 epoch");
        }
        this.patience = patience;
        return this;
    }

    /**
     * Adds a callback that receives each epoch's result right after the epoch (and its
     * evaluation) ends. Callbacks run in the order added, on the thread that called {@code fit()};
     * an exception from one ends the run and propagates from {@code fit()}.
     *
     * @param callback the callback
     * @return this
     */
    public Training onEpoch(Consumer<? super EpochResult> callback) {
        callbacks.add(Objects.requireNonNull(callback, "onEpoch: the callback is null"));
        return this;
    }

    /**
     * Whether {@code fit()} prints a progress line per epoch (epoch, losses, metrics, elapsed
     * time) to {@code System.out}. By default it does so only when stdout is a terminal, updating
     * one line in place; {@code progress(true)} prints even when output is redirected, one line
     * per epoch; {@code progress(false)} prints nothing. Nothing ever goes to {@code System.err}.
     *
     * @param enabled whether to print progress
     * @return this
     */
    public Training progress(boolean enabled) {
        this.progress = enabled;
        return this;
    }

    /** Sends progress to {@code sink} instead of stdout, for tests. */
    Training progressTo(Progress sink) {
        this.progressOverride = sink;
        return this;
    }

    /**
     * Trains the model as described and returns what happened per epoch.
     *
     * <p>With validation data, the model's parameters end at the values of
     * {@link History#bestEpoch()}, the first epoch of lowest validation loss, copied back in place
     * (whether or not early stopping ended the run). Without validation data they end at the last
     * epoch's values, and {@code bestEpoch()} is the first epoch of lowest training loss.
     *
     * @return the history of the run
     * @throws IllegalStateException if the loss, the data or the optimizer is missing, or early
     *     stopping is asked for without validation data (nothing has run then); or if the loss
     *     does not return one number (thrown at the first batch, before its backward)
     * @throws IllegalArgumentException if the validation rows are shaped differently from the
     *     training rows (before anything runs)
     */
    public History fit() {
        checkComplete();
        Optimizer opt = optimizer.apply(model.parameters());
        if (opt == null) {
            throw new IllegalStateException("fit(): the optimizer factory returned null; return an optimizer, e.g."
                    + " .optimizer(params -> new SGD(params, 0.01))");
        }
        Progress sink = progressOverride != null ? progressOverride
                : (progress == null ? Progress.stdoutIsTerminal() : progress) ? Progress.toStdout() : null;
        TrainingRun run = new TrainingRun(model, loss, opt, new Batches(x, y, batchSize), shuffle, epochs,
                xVal, yVal, metrics, patience, callbacks, sink);
        return run.run();
    }

    private void checkComplete() {
        List<String> missing = new ArrayList<>();
        if (loss == null) {
            missing.add("a loss (call .loss(lossFunction))");
        }
        if (optimizer == null) {
            missing.add("an optimizer (call .optimizer(params -> new SGD(params, lr)))");
        }
        if (x == null) {
            missing.add("training data (call .data(x, y))");
        }
        if (!missing.isEmpty()) {
            String last = missing.remove(missing.size() - 1);
            throw new IllegalStateException("fit(): the training is missing "
                    + (missing.isEmpty() ? last : String.join(", ", missing) + " and " + last));
        }
        if (patience > 0 && xVal == null) {
            throw new IllegalStateException("fit(): earlyStopping(" + patience + ") watches the validation loss, but no"
                    + " validation data was given; call .validation(xVal, yVal) or remove .earlyStopping(...)");
        }
        if (xVal != null) {
            checkSameRowShape("xVal", xVal, "x", x);
            checkSameRowShape("yVal", yVal, "y", y);
        }
    }

    private static void checkSameRowShape(String valName, Tensor val, String trainName, Tensor train) {
        int[] a = val.shape();
        int[] b = train.shape();
        if (!Arrays.equals(Arrays.copyOfRange(a, 1, a.length), Arrays.copyOfRange(b, 1, b.length))) {
            throw new IllegalArgumentException("fit(): validation " + valName + " has shape " + Arrays.toString(a)
                    + " but training " + trainName + " has shape " + Arrays.toString(b)
                    + "; their rows (all dimensions after the first) must have the same shape");
        }
    }

    private static void checkRows(String setter, String xName, Tensor x, String yName, Tensor y) {
        Objects.requireNonNull(x, () -> setter + ": " + xName + " is null");
        Objects.requireNonNull(y, () -> setter + ": " + yName + " is null");
        for (Tensor t : List.of(x, y)) {
            String name = t == x ? xName : yName;
            if (t.dim() == 0) {
                throw new IllegalArgumentException(setter + ": " + name + " is 0-dim; it needs one row per sample along"
                        + " dimension 0, e.g. shape [N] or [N, features]");
            }
            if (t.size(0) == 0) {
                throw new IllegalArgumentException(setter + ": " + name + " has shape " + Arrays.toString(t.shape())
                        + ", no samples; give at least one row");
            }
        }
        if (x.size(0) != y.size(0)) {
            throw new IllegalArgumentException(setter + ": " + xName + " has " + x.size(0) + " rows (shape "
                    + Arrays.toString(x.shape()) + ") but " + yName + " has " + y.size(0) + " (shape "
                    + Arrays.toString(y.shape()) + "); give one target row per input row");
        }
    }
}
