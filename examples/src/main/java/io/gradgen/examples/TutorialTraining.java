package io.gradgen.examples;

import io.gradgen.Tensor;
import io.gradgen.nn.Linear;
import io.gradgen.optim.SGD;
import io.gradgen.train.History;
import io.gradgen.train.Training;
import java.util.Random;

/**
 * PyTorch's custom-loss tutorial, line for line: fit {@code y = 3x + 2} (plus noise) with
 * {@code nn.Linear(1, 1)}, the custom sum-of-squares loss and SGD, then compare with the
 * closed-form least-squares fit. Then the same model trained again with gradgen's training DSL
 * ({@link Training}), which runs the very same steps and ends at the same weights.
 *
 * <pre>{@code
 * model = nn.Linear(1, 1)
 * x = torch.randn(64, 1); y_true = 3 * x + 2 + 0.1 * torch.randn(64, 1)
 * loss_fn = CustomLoss(); optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
 * for step in range(200):
 *     y_pred = model(x); loss = loss_fn(y_pred, y_true)
 *     optimizer.zero_grad(); loss.backward(); optimizer.step()
 * }</pre>
 */
public final class TutorialTraining {
    static final int POINTS = 64;
    static final int STEPS = 200;
    static final double LEARNING_RATE = 0.01;

    private TutorialTraining() {
    }

    /** What a training run ends with. */
    record Result(double weight, double bias, double finalLoss, double[] leastSquares) {
    }

    public static void main(String[] args) {
        Result r = train(new Random(42), true);
        System.out.printf("%nlearned:       y = %.6f x + %.6f%n", r.weight(), r.bias());
        System.out.printf("least squares: y = %.6f x + %.6f%n", r.leastSquares()[0], r.leastSquares()[1]);
        System.out.printf("mean loss of the residuals (MeanLoss): %.6f%n", meanResidualLoss(r));
        System.out.println();
        System.out.println("The backward gradgen derived at compile time for CustomLoss:");
        System.out.print(CustomLossBackward.derivation().indent(2));

        Result dsl = trainWithDsl(new Random(42));
        System.out.println();
        System.out.println("The same model and data, trained with gradgen's training DSL in three lines:");
        System.out.println("  History history = Training.of(model).loss(new CustomLoss())");
        System.out.println("          .optimizer(params -> new SGD(params, 0.01))");
        System.out.println("          .data(x, yTrue).epochs(201).fit();");
        System.out.printf("DSL:           y = %.6f x + %.6f  (final loss %.6f)%n", dsl.weight(), dsl.bias(), dsl.finalLoss());
        boolean same = dsl.weight() == r.weight() && dsl.bias() == r.bias() && dsl.finalLoss() == r.finalLoss();
        System.out.println(same ? "same fit as the loop above, bit for bit: the DSL runs the same steps"
                : "the DSL's fit differs from the loop's");
    }

    /**
     * The tutorial again, with the loop written by {@link Training}: full-batch (the DSL's default
     * batch), {@code STEPS + 1} epochs of one step each, exactly the steps of {@link #train}. The
     * final loss is the last epoch's, the loss before its update, as the loop reports it.
     */
    static Result trainWithDsl(Random rng) {
        Tensor x = Tensor.randn(rng, POINTS, 1);
        Tensor yTrue = x.mul(3.0).add(2.0).add(Tensor.randn(rng, POINTS, 1).mul(0.1));
        Linear model = new Linear(1, 1, rng);

        History history = Training.of(model).loss(new CustomLoss())
                .optimizer(params -> new SGD(params, LEARNING_RATE))
                .data(x, yTrue).epochs(STEPS + 1).fit();

        double[] losses = history.losses();
        return new Result(model.weight().item(), model.bias().item(), losses[losses.length - 1], leastSquares(x, yTrue));
    }

    static Result train(Random rng, boolean print) {
        Tensor x = Tensor.randn(rng, POINTS, 1);
        Tensor yTrue = x.mul(3.0).add(2.0).add(Tensor.randn(rng, POINTS, 1).mul(0.1));

        Linear model = new Linear(1, 1, rng);
        CustomLoss lossFn = new CustomLoss();
        SGD optimizer = new SGD(model.parameters(), LEARNING_RATE);

        double loss = Double.NaN;
        for (int step = 0; step <= STEPS; step++) {
            Tensor yPred = model.forward(x);
            Tensor lossTensor = lossFn.forward(yPred, yTrue);
            optimizer.zeroGrad();
            lossTensor.backward();
            optimizer.step();
            loss = lossTensor.item();
            if (print && step % 20 == 0) {
                System.out.printf("step %3d  loss %12.6f  (grad_fn=%s)%n", step, loss, lossTensor.gradFn().name());
            }
        }
        return new Result(model.weight().item(), model.bias().item(), loss, leastSquares(x, yTrue));
    }

    /** The closed-form fit of y = w·x + b: w = cov(x, y) / var(x), b = ȳ − w·x̄. */
    static double[] leastSquares(Tensor x, Tensor y) {
        double[] xs = x.toArray();
        double[] ys = y.toArray();
        double mx = 0;
        double my = 0;
        for (int i = 0; i < xs.length; i++) {
            mx += xs[i] / xs.length;
            my += ys[i] / ys.length;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < xs.length; i++) {
            sxy += (xs[i] - mx) * (ys[i] - my);
            sxx += (xs[i] - mx) * (xs[i] - mx);
        }
        double w = sxy / sxx;
        return new double[] {w, my - w * mx};
    }

    /** The tutorial's other custom loss, MeanLoss, applied to the squared residuals of the fit. */
    private static double meanResidualLoss(Result r) {
        Random rng = new Random(42);
        Tensor x = Tensor.randn(rng, POINTS, 1);
        Tensor yTrue = x.mul(3.0).add(2.0).add(Tensor.randn(rng, POINTS, 1).mul(0.1));
        Tensor residual = x.mul(r.weight()).add(r.bias()).sub(yTrue);
        return new MeanLoss().forward(residual.mul(residual)).item();
    }
}
