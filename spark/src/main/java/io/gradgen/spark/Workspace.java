package io.gradgen.spark;

import io.gradgen.LossFunction;
import io.gradgen.SecondOrderLoss;
import io.gradgen.Tensor;
import java.util.Arrays;

/**
 * One thread's buffers for {@link GradgenGradient}: the row's predictions and label, the tensors
 * over them (made once, so a row costs no allocation on our side), and the derivative of the loss
 * with respect to each prediction.
 */
final class Workspace {
    private final double[] predictions;
    private final double[] label = new double[1];
    private final Tensor predictionTensor;
    private final Tensor labelTensor;
    private final double[] derivative;
    private final double[] curvature;
    private final int[] predictionShape;

    private Workspace(int numClasses, int[] predictionShape) {
        predictions = new double[numClasses];
        this.predictionShape = predictionShape;
        predictionTensor = Tensor.wrap(predictions, predictionShape);
        labelTensor = Tensor.wrap(label, 1);
        derivative = new double[numClasses];
        curvature = new double[numClasses];
    }

    /** A linear model's prediction is {@code [1]}; a multinomial one's a one-row batch of logits, {@code [1, k]}. */
    static Workspace of(int numClasses, boolean multinomial) {
        return new Workspace(numClasses, multinomial ? new int[] {1, numClasses} : new int[] {1});
    }

    /** The row's predictions, for the caller to fill before {@link #differentiate}. */
    double[] predictions() {
        return predictions;
    }

    /** ∂ℓ/∂prediction of the last {@link #differentiate}, one per prediction. */
    double[] derivative() {
        return derivative;
    }

    /**
     * The loss of the current predictions against {@code labelValue}, leaving its derivative with
     * respect to each prediction in {@link #derivative()}.
     *
     * @throws IllegalArgumentException if the loss rejects the prediction or the label
     */
    double differentiate(LossFunction loss, double labelValue) {
        label[0] = labelValue;
        try {
            if (loss instanceof SecondOrderLoss secondOrder) {
                secondOrder.gradientAndHessian(predictionTensor, derivative, curvature, labelTensor);
                return scalar(loss.forward(predictionTensor, labelTensor));
            }
            return throughAutograd(loss);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("GradgenGradient: " + loss + " rejects the prediction "
                    + Arrays.toString(predictionShape) + " " + Arrays.toString(predictions) + " with label " + labelValue
                    + (predictions.length > 1 ? " (a multinomial label is a class index 0 to " + (predictions.length - 1)
                            + ")" : "") + ": " + e.getMessage(), e);
        }
    }

    /** Forward and backward on a one-row batch: for losses without a generated second-order kernel. */
    private double throughAutograd(LossFunction loss) {
        Tensor prediction = Tensor.of(predictions, predictionShape).requiresGrad(true);
        Tensor value = loss.forward(prediction, labelTensor).sum();
        value.backward();
        double[] gradient = prediction.grad().toArray();
        System.arraycopy(gradient, 0, derivative, 0, derivative.length);
        return value.item();
    }

    /** The loss of the one row: its only element, whatever the loss's reduction. */
    private static double scalar(Tensor value) {
        return value.numel() == 1 ? value.item() : value.sum().item();
    }
}
