package io.gradgen.spark;

import io.gradgen.LossFunction;
import io.gradgen.SecondOrderLoss;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;
import org.apache.spark.mllib.linalg.DenseVector;
import org.apache.spark.mllib.linalg.SparseVector;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.optimization.Gradient;
import scala.Tuple2;

/**
 * A gradgen loss as a Spark MLlib {@link Gradient}, so that MLlib's {@code LBFGS} and
 * {@code GradientDescent} train a model on it across a cluster: each executor calls
 * {@link #compute(Vector, double, Vector, Vector)} on its rows inside {@code treeAggregate}, and
 * the sums meet on the driver.
 *
 * <pre>{@code
 * JavaRDD<Tuple2<Object, Vector>> rows = points.map(p -> new Tuple2<>(p.label(), MLUtils.appendBias(p.features())));
 * Vector weights = new LBFGS(GradgenGradient.linear(new BCEWithLogitsLoss()), new SquaredL2Updater())
 *         .setRegParam(0.01)
 *         .optimize(rows.rdd(), Vectors.zeros(numFeatures + 1));
 * }</pre>
 *
 * <h2>Models</h2>
 * <ul>
 *   <li>{@link #linear}: one prediction per row, {@code w·x}; the loss receives it as its first
 *       input ({@code [1]}) and the row's label as its second ({@code [1]}): {@code MSELoss},
 *       {@code HuberLoss}, {@code BCEWithLogitsLoss} (labels 0/1, as MLlib's
 *       {@code LogisticGradient} takes them), a loss of your own.</li>
 *   <li>{@link #multinomial}: a row of {@code numClasses} logits {@code z_k = Σ_j w[k·F + j]·x_j}
 *       from {@code numClasses × F} weights stored class-major, for a row loss such as
 *       {@code CrossEntropyLoss}; the label is the class index {@code 0 … numClasses − 1}. Unlike
 *       MLlib's {@code LogisticGradient(numClasses)}, which pins class 0's weights at zero, every
 *       class has its own weights (softmax's usual, over-complete form: regularise to make the
 *       optimum unique).</li>
 * </ul>
 * There is no separate intercept: append a constant feature ({@code MLUtils.appendBias}), as
 * MLlib's own optimizers expect.
 *
 * <h2>How it differentiates</h2>
 * For a {@link SecondOrderLoss} (every generated loss whose first input is its prediction) the
 * derivative of the loss with respect to each prediction comes from the generated
 * {@code gradientAndHessian} kernel, and the chain rule through the linear model is a loop:
 * {@code ∂ℓ/∂w[k·F + j] = ∂ℓ/∂z_k · x_j}. The loss value comes from {@code forward}. Any other
 * {@link LossFunction} is differentiated with gradgen's autograd ({@code backward}) on a
 * one-row batch, which builds a small graph per row.
 *
 * <h2>Cost</h2>
 * This class allocates nothing per row: each thread reuses one set of buffers (prediction, label,
 * derivatives and the tensors over them), sparse features are read through their indices, and the
 * gradient is added into MLlib's {@code cumGradient} in place. (The loss's own {@code forward}
 * returns its value as a small tensor, which the JIT usually keeps off the heap.)
 *
 * <h2>Serialisation</h2>
 * Spark ships the gradient to its executors with Java serialisation, the loss with it; the
 * buffers are rebuilt there. The loss's class must be {@code Serializable}, as generated losses
 * are; another one fails when Spark serialises the task, with a {@link NotSerializableException}
 * that names the class and says what to do.
 */
public final class GradgenGradient extends Gradient {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Serialised with the gradient; writeObject refuses a loss class that is not Serializable, naming it. */
    @SuppressWarnings("serial")
    private final LossFunction loss;
    /** Classes of a multinomial model; 1 for a linear one. */
    private final int numClasses;
    private final boolean multinomial;
    /** One workspace per thread that computes with this instance; rebuilt after deserialisation. */
    private transient ThreadLocal<Workspace> workspaces;

    private GradgenGradient(LossFunction loss, int numClasses, boolean multinomial) {
        this.loss = loss;
        this.numClasses = numClasses;
        this.multinomial = multinomial;
        this.workspaces = newWorkspaces();
    }

    /**
     * A linear model's gradient: the prediction is {@code w·x}, the loss's first input; the row's
     * label is its second. {@code weights} has one entry per feature.
     *
     * @param loss a loss whose first input is the prediction and whose second is the label, such as
     *     {@code new BCEWithLogitsLoss()} (labels 0/1) or {@code new HuberLoss(0.5)}
     * @return the gradient, for {@code new LBFGS(gradient, updater)} or {@code GradientDescent}
     * @throws NullPointerException if loss is null
     */
    public static GradgenGradient linear(LossFunction loss) {
        return new GradgenGradient(Objects.requireNonNull(loss, "GradgenGradient.linear: loss is null"), 1, false);
    }

    /**
     * A multinomial model's gradient: the logits are {@code z_k = Σ_j w[k·F + j]·x_j} for
     * {@code k < numClasses}, with {@code numClasses × F} weights stored class-major; the loss takes
     * the row of logits ({@code [1, numClasses]}) and the label as a class index ({@code [1]}).
     *
     * @param loss a row loss over class scores and a class index, such as {@code new CrossEntropyLoss()}
     * @param numClasses the number of classes, at least 2
     * @return the gradient, for {@code new LBFGS(gradient, updater)} with {@code numClasses × F}
     *     initial weights
     * @throws NullPointerException if loss is null
     * @throws IllegalArgumentException if numClasses is less than 2
     */
    public static GradgenGradient multinomial(LossFunction loss, int numClasses) {
        Objects.requireNonNull(loss, "GradgenGradient.multinomial: loss is null");
        if (numClasses < 2) {
            throw new IllegalArgumentException("GradgenGradient.multinomial: numClasses must be at least 2, was "
                    + numClasses + "; for one output use GradgenGradient.linear(loss)");
        }
        return new GradgenGradient(loss, numClasses, true);
    }

    /** {@return the loss this gradient differentiates} */
    public LossFunction loss() {
        return loss;
    }

    /** {@return the number of predictions per row: numClasses for a multinomial model, 1 for a linear one} */
    public int numClasses() {
        return numClasses;
    }

    /**
     * The row's loss and its gradient with respect to the weights, as a new vector.
     *
     * @param data the row's features
     * @param label the row's label (a class index for a multinomial model)
     * @param weights the model's weights
     * @return the gradient (a dense vector of {@code weights.size()} entries) and the loss
     */
    @Override
    public Tuple2<Vector, Object> compute(Vector data, double label, Vector weights) {
        DenseVector gradient = new DenseVector(new double[weights.size()]);
        double value = compute(data, label, weights, gradient);
        return new Tuple2<>(gradient, value);
    }

    /**
     * Adds the row's gradient with respect to the weights into {@code cumGradient} and returns the
     * row's loss: what MLlib's optimizers call for every row.
     *
     * @param data the row's features, dense or sparse
     * @param label the row's label (a class index for a multinomial model)
     * @param weights the model's weights: one per feature, or {@code numClasses × features} class-major
     * @param cumGradient the running sum of gradients, a dense vector of {@code weights.size()} entries
     * @return the row's loss
     * @throws IllegalArgumentException if the sizes do not fit each other or the loss rejects the
     *     prediction and label
     */
    @Override
    public double compute(Vector data, double label, Vector weights, Vector cumGradient) {
        int features = data.size();
        if (weights.size() != numClasses * features) {
            throw new IllegalArgumentException(sizeMismatch(features, weights.size()));
        }
        if (!(cumGradient instanceof DenseVector sum) || sum.size() != weights.size()) {
            throw new IllegalArgumentException("GradgenGradient: cumGradient must be a dense vector of " + weights.size()
                    + " entries (one per weight), was " + cumGradient.getClass().getSimpleName() + " of "
                    + cumGradient.size());
        }
        double[] w = weights.toArray();   // a dense vector's own array
        Workspace workspace = workspaces.get();
        double[] predictions = workspace.predictions();
        for (int k = 0; k < numClasses; k++) {
            predictions[k] = dot(data, w, k * features);
        }
        double value = workspace.differentiate(loss, label);
        double[] derivative = workspace.derivative();
        double[] out = sum.values();
        for (int k = 0; k < numClasses; k++) {
            addScaled(data, derivative[k], out, k * features);
        }
        return value;
    }

    /** Σ_j w[offset + j]·x_j over the row's stored entries. */
    private static double dot(Vector data, double[] w, int offset) {
        double total = 0;
        if (data instanceof SparseVector sparse) {
            int[] indices = sparse.indices();
            double[] values = sparse.values();
            for (int i = 0; i < indices.length; i++) {
                total += w[offset + indices[i]] * values[i];
            }
        } else {
            double[] values = ((DenseVector) data).values();
            for (int j = 0; j < values.length; j++) {
                total += w[offset + j] * values[j];
            }
        }
        return total;
    }

    /** out[offset + j] += scale·x_j over the row's stored entries. */
    private static void addScaled(Vector data, double scale, double[] out, int offset) {
        if (scale == 0) {
            return;
        }
        if (data instanceof SparseVector sparse) {
            int[] indices = sparse.indices();
            double[] values = sparse.values();
            for (int i = 0; i < indices.length; i++) {
                out[offset + indices[i]] += scale * values[i];
            }
        } else {
            double[] values = ((DenseVector) data).values();
            for (int j = 0; j < values.length; j++) {
                out[offset + j] += scale * values[j];
            }
        }
    }

    private String sizeMismatch(int features, int weights) {
        return multinomial
                ? "GradgenGradient.multinomial: " + numClasses + " classes of " + features + " features need "
                        + numClasses * features + " weights (class-major: w[k * " + features + " + j]), but there are "
                        + weights + "; start LBFGS from Vectors.zeros(" + numClasses * features + ")"
                : "GradgenGradient.linear: " + features + " features need " + features + " weights, but there are "
                        + weights + "; start LBFGS from Vectors.zeros(" + features + "), and append the bias to"
                        + " every row (MLUtils.appendBias) if the weights include one";
    }

    private ThreadLocal<Workspace> newWorkspaces() {
        return ThreadLocal.withInitial(() -> Workspace.of(numClasses, multinomial));
    }

    @Override
    public String toString() {
        return multinomial ? "GradgenGradient.multinomial(" + loss + ", " + numClasses + ")"
                : "GradgenGradient.linear(" + loss + ")";
    }

    @Serial
    private void writeObject(ObjectOutputStream out) throws IOException {
        if (!(loss instanceof Serializable)) {
            throw new NotSerializableException(loss.getClass().getName() + " (the loss of " + this + ") is not"
                    + " Serializable, so Spark cannot ship it to its executors; generated losses are Serializable:"
                    + " rebuild it with the current gradgen processor, or make your class implement"
                    + " java.io.Serializable");
        }
        out.defaultWriteObject();
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (loss == null || numClasses < 1) {
            throw new InvalidObjectException("GradgenGradient: no loss or no classes");
        }
        workspaces = newWorkspaces();
    }
}
