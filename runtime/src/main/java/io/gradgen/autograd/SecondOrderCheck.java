package io.gradgen.autograd;

import io.gradgen.SecondOrderLoss;
import io.gradgen.Tensor;
import io.gradgen.annotations.Reduction;

/**
 * The check behind {@link GradCheck#checkSecondOrder}: a {@link SecondOrderLoss}'s first
 * derivatives against central differences of its own unreduced loss values, and its second
 * derivatives against central differences of its first.
 */
final class SecondOrderCheck {
    private SecondOrderCheck() {
    }

    static GradCheck.SecondOrderResult check(SecondOrderLoss loss, GradCheck.Options options, Tensor pred,
            Tensor... others) {
        double[] x = pred.toArray();
        int[] shape = pred.shape();
        int n = x.length;
        double[] grad = new double[n];
        double[] hessian = new double[n];
        loss.gradientAndHessian(pred, grad, hessian, others);
        double[] values = values(loss, x, shape, others);
        int width = values.length == 0 ? 1 : n / values.length;
        Worst first = new Worst();
        Worst second = new Worst();
        double eps = options.eps();
        for (int e = 0; e < n; e++) {
            int position = e / width;
            double h = eps * Math.max(1, Math.abs(x[e]));
            double[] up = x.clone();
            up[e] += h;
            double[] down = x.clone();
            down[e] -= h;
            double numericGrad = (values(loss, up, shape, others)[position] - values(loss, down, shape, others)[position])
                    / (2 * h);
            first.record(e, grad[e], numericGrad, options);
            double numericHessian = (gradients(loss, up, shape, others)[e] - gradients(loss, down, shape, others)[e])
                    / (2 * h);
            second.record(e, hessian[e], numericHessian, options);
        }
        return new GradCheck.SecondOrderResult(first.result(0, shape, options), second.result(1, shape, options));
    }

    /** The loss of each position at {@code x}, unreduced. */
    private static double[] values(SecondOrderLoss loss, double[] x, int[] shape, Tensor[] others) {
        Tensor[] inputs = new Tensor[others.length + 1];
        inputs[0] = Tensor.of(x, shape);
        System.arraycopy(others, 0, inputs, 1, others.length);
        return NoGrad.call(() -> loss.withReduction(Reduction.NONE).forward(inputs)).toArray();
    }

    private static double[] gradients(SecondOrderLoss loss, double[] x, int[] shape, Tensor[] others) {
        double[] grad = new double[x.length];
        loss.gradientAndHessian(Tensor.of(x, shape), grad, new double[x.length], others);
        return grad;
    }

    /** The element with the largest error relative to its allowed error. */
    private static final class Worst {
        int checked;
        int failed;
        int element = -1;
        double analytic;
        double numeric;
        double ratio = -1;

        void record(int e, double a, double num, GradCheck.Options options) {
            checked++;
            double allowed = options.atol() + options.rtol() * Math.abs(num);
            double error = Math.abs(a - num);
            boolean ok = error <= allowed || (Double.isNaN(a) && Double.isNaN(num));
            if (!ok) {
                failed++;
            }
            double r = ok ? error / Math.max(allowed, Double.MIN_VALUE) : Double.isNaN(error) ? Double.MAX_VALUE
                    : error / Math.max(allowed, Double.MIN_VALUE) + 1;
            if (r > ratio) {
                ratio = r;
                element = e;
                analytic = a;
                numeric = num;
            }
        }

        GradCheck.Result result(int which, int[] shape, GradCheck.Options options) {
            int[] index = element < 0 ? new int[0] : GradCheck.unravel(element, shape);
            return new GradCheck.Result(failed == 0, checked, failed, element < 0 ? -1 : which, shape, index, analytic,
                    numeric, options);
        }
    }
}
