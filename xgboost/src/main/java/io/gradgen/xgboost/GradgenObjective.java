package io.gradgen.xgboost;

import io.gradgen.SecondOrderLoss;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.IObjective;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A gradgen loss as an XGBoost custom objective: XGBoost grows each tree on the gradient and the
 * second derivative of the loss at the current margins, and gradgen derives both symbolically
 * ({@link SecondOrderLoss#gradientAndHessian}), so any generated loss trains gradient-boosted trees.
 *
 * <pre>{@code
 * GradgenObjective objective = GradgenObjective.of(new HuberLoss(0.5));
 * Map<String, Object> params = new HashMap<>(objective.recommendedParams(dtrain)); // base_score, max_delta_step
 * params.put("max_depth", 4);
 * params.put("eta", 0.3);
 * Booster booster = XGBoost.train(dtrain, params, 100, Map.of("train", dtrain), objective, null);
 * float[][] margins = booster.predict(dtest, true);   // raw margins: what the loss saw
 * }</pre>
 *
 * <h2>What the loss receives</h2>
 * The loss is called as {@code loss.gradientAndHessian(margins, grad, hess, labels)}, unreduced:
 * <ul>
 *   <li><b>One margin per row</b> (regression, binary classification): {@code margins} is
 *       {@code [rows]} and {@code labels} the DMatrix's labels, {@code [rows]}. With several
 *       targets per row ({@code num_target}, labels {@code [rows × targets]}), both are
 *       {@code [rows, targets]} and the loss applies element by element.</li>
 *   <li><b>A row of margins per row</b> ({@code num_class = k}, one label per row): {@code margins}
 *       is {@code [rows, k]} in XGBoost's layout ({@code predicts[row][class]}) and {@code labels}
 *       the class indices {@code [rows]}, for a row loss such as {@code CrossEntropyLoss}, which gets
 *       the diagonal of each row's Hessian, {@code p(1 − p)}.</li>
 * </ul>
 * The margins are what XGBoost predicts with {@code outputMargin}: they already include
 * {@code base_score} or the DMatrix's {@code base_margin}, so nothing is added here. Per-row
 * weights ({@code DMatrix.setWeight}) multiply each row's gradient and Hessian, as XGBoost's
 * built-in objectives do.
 *
 * <h2>Vanishing and negative second derivatives</h2>
 * XGBoost sets each leaf to the Newton step {@code −Σg / (Σh + λ)}. Where a loss is linear (L1,
 * Huber beyond {@code delta}, hinge) its second derivative is 0, and a leaf whose rows all sit
 * there gets a step of unbounded size; a non-convex loss (focal loss on confident predictions) can
 * even give negative ones. Two remedies, which combine:
 * <ul>
 *   <li>XGBoost's {@code max_delta_step} caps every leaf's step (before {@code eta}), as XGBoost's
 *       own {@code count:poisson} does by default. {@link #recommendedParams(DMatrix)} sets it when
 *       the loss's second derivative vanishes on some training row at the starting margin: to the
 *       longest Newton step a single curved row takes there (at most {@code delta} for Huber), so
 *       a leaf of linear rows moves no further than the curved part of the loss reaches; where no
 *       row is curved (L1), to the labels' mean distance from the start.</li>
 *   <li>A Hessian floor ({@link #withHessianFloor(double)}): every second derivative below it is
 *       raised to it, before the row's weight applies. The default, {@link #DEFAULT_HESSIAN_FLOOR},
 *       only keeps the sums positive, as XGBoost's built-in objectives do; a floor of the size of
 *       the loss's curvature (1 for Huber) turns the steps on linear rows into gradient steps.</li>
 * </ul>
 *
 * <h2>Starting margin</h2>
 * With a custom objective XGBoost does not estimate the intercept: every row starts at
 * {@code base_score} (0.5 unless set) as a margin. {@link #recommendedParams(DMatrix)} computes the
 * constant margin that minimises the weighted loss, as the built-in objectives' intercept
 * estimation does. Set it, or {@code base_margin}, explicitly when comparing with a built-in
 * objective, whose {@code base_score} is a probability for {@code binary:logistic}.
 *
 * <h2>Cost</h2>
 * Each call copies the margins into a reused array (XGBoost hands them as {@code float[rows][k]})
 * and writes the gradients into reused {@code float[]} arrays: nothing is allocated per row or per
 * round beyond what XGBoost's own calls return ({@code getLabel}, {@code getWeight}). The returned
 * arrays are overwritten by the next call, which is how XGBoost uses them. Calls on one instance
 * are serialised; give each concurrent training run its own objective to run them in parallel.
 *
 * <h2>Serialisation</h2>
 * {@code IObjective} is {@code Serializable} (XGBoost4J-Spark ships objectives to executors). The
 * objective serialises its loss, so the loss's class must be {@code Serializable}, as generated
 * losses are; another loss fails with a {@link NotSerializableException} that says so.
 */
public final class GradgenObjective implements IObjective {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The default Hessian floor: only keeps each leaf's Hessian sum positive, as XGBoost's own objectives do. */
    public static final double DEFAULT_HESSIAN_FLOOR = 1e-16;

    /** Serialised with the objective; writeObject refuses a loss class that is not Serializable, naming it. */
    @SuppressWarnings("serial")
    private final SecondOrderLoss loss;
    private final double hessianFloor;
    /** Per-run buffers, rebuilt after deserialisation; reused while the sizes stay the same. */
    private transient MarginBatch batch;

    private GradgenObjective(SecondOrderLoss loss, double hessianFloor) {
        this.loss = loss;
        this.hessianFloor = hessianFloor;
    }

    /**
     * An objective that trains on {@code loss}'s exact gradient and second derivative, with Hessians
     * floored at {@link #DEFAULT_HESSIAN_FLOOR}. The loss's reduction does not matter: XGBoost needs
     * per-row derivatives, which {@code gradientAndHessian} gives whatever the reduction.
     *
     * @param loss a generated loss whose first input is the prediction and whose second is the
     *     label (such as {@code MSELoss}, {@code BCEWithLogitsLoss}, {@code HuberLoss},
     *     {@code CrossEntropyLoss})
     * @return the objective, for {@code XGBoost.train(..., objective, null)}
     * @throws NullPointerException if loss is null
     */
    public static GradgenObjective of(SecondOrderLoss loss) {
        return new GradgenObjective(Objects.requireNonNull(loss, "GradgenObjective.of: loss is null"),
                DEFAULT_HESSIAN_FLOOR);
    }

    /**
     * This objective with every second derivative below {@code floor} raised to {@code floor}
     * (before the row weight applies). A floor of 0 keeps exact zeros, which XGBoost divides by when
     * {@code lambda} is 0 too; a floor of about the loss's curvature where it has one (1 for Huber,
     * 2 for MSE) bounds the steps on rows where it has none.
     *
     * @param floor the smallest Hessian passed to XGBoost, finite and {@code ≥ 0}
     * @return a new objective with the same loss; this one is unchanged
     * @throws IllegalArgumentException if floor is negative, NaN or infinite
     */
    public GradgenObjective withHessianFloor(double floor) {
        if (!(floor >= 0) || Double.isInfinite(floor)) {
            throw new IllegalArgumentException("GradgenObjective.withHessianFloor: floor must be finite and >= 0, was "
                    + floor + "; use 0 for exact Hessians or e.g. 1e-6 to keep them positive");
        }
        return new GradgenObjective(loss, floor);
    }

    /** {@return the loss this objective trains on} */
    public SecondOrderLoss loss() {
        return loss;
    }

    /** {@return the smallest Hessian this objective passes to XGBoost (before row weights)} */
    public double hessianFloor() {
        return hessianFloor;
    }

    /**
     * Parameters that fit this loss on {@code dtrain}, with one margin per row: {@code base_score},
     * the constant margin that minimises the weighted loss over the training labels (XGBoost does
     * not estimate it for a custom objective; left out when the loss keeps falling towards an
     * infinite margin, as BCE does on labels of one class), and {@code max_delta_step} when the
     * loss's second derivative at that margin is at most the Hessian floor on some row, so that
     * Newton steps there would be unbounded (see the class comment for its value). Put them in the
     * parameter map first and your own settings after, so that yours win.
     *
     * @param dtrain the training data, with labels
     * @return an unmodifiable map of XGBoost parameters
     * @throws XGBoostError if XGBoost cannot read the labels or weights
     * @throws IllegalArgumentException if the data has no labels or the loss rejects them
     */
    public Map<String, Object> recommendedParams(DMatrix dtrain) throws XGBoostError {
        Objects.requireNonNull(dtrain, "GradgenObjective.recommendedParams: dtrain is null");
        return StartingMargin.recommend(loss, hessianFloor, dtrain.getLabel(), dtrain.getWeight());
    }

    /**
     * The gradient and Hessian of the loss at {@code predicts}, per margin, in XGBoost's layout
     * ({@code row * k + class}). Called by XGBoost once per boosting round.
     *
     * @param predicts the current margins, {@code [rows][k]}
     * @param dtrain the training data, whose labels and weights are read
     * @return the gradients and the Hessians, as two {@code float[rows * k]} arrays that the next
     *     call overwrites
     * @throws IllegalArgumentException if the labels or weights do not fit the margins or the loss
     * @throws IllegalStateException if the loss gives a non-finite derivative (the margins diverged)
     * @throws RuntimeException wrapping the {@link XGBoostError} of a failed label or weight read
     */
    @Override
    public synchronized List<float[]> getGradient(float[][] predicts, DMatrix dtrain) {
        Objects.requireNonNull(predicts, "GradgenObjective.getGradient: predicts is null");
        Objects.requireNonNull(dtrain, "GradgenObjective.getGradient: dtrain is null");
        float[] labels;
        float[] weights;
        try {
            labels = dtrain.getLabel();
            weights = dtrain.getWeight();
        } catch (XGBoostError e) {
            throw new RuntimeException("GradgenObjective: XGBoost could not read the training labels or weights", e);
        }
        int rows = predicts.length;
        int perRow = rows == 0 ? 1 : predicts[0].length;
        if (batch == null || !batch.fits(rows, perRow, labels.length)) {
            batch = MarginBatch.of(rows, perRow, labels.length);
        }
        batch.load(predicts, labels);
        batch.derive(loss);
        batch.store(weights, hessianFloor);
        return batch.result();
    }

    @Override
    public String toString() {
        return "GradgenObjective(" + loss + (hessianFloor == DEFAULT_HESSIAN_FLOOR ? "" : ", hessianFloor=" + hessianFloor)
                + ")";
    }

    @Serial
    private void writeObject(ObjectOutputStream out) throws IOException {
        if (!(loss instanceof Serializable)) {
            throw new NotSerializableException(loss.getClass().getName() + " (the loss of a GradgenObjective) is not"
                    + " Serializable, so the objective cannot be shipped to another JVM; generated losses are"
                    + " Serializable: rebuild it with the current gradgen processor, or make your class implement"
                    + " java.io.Serializable");
        }
        out.defaultWriteObject();
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (loss == null || !(hessianFloor >= 0)) {
            throw new java.io.InvalidObjectException("GradgenObjective: no loss or a negative Hessian floor");
        }
    }
}
