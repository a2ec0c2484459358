package io.gradgen.autograd;

import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;

/**
 * Checks analytic gradients against central finite differences, like
 * {@code torch.autograd.gradcheck}, in double precision.
 *
 * <pre>{@code
 * Tensor x = Tensor.randn(new Random(1), 3, 4).requiresGrad(true);
 * GradCheck.assertGradients(in -> in.get(0).tanh().sum(), List.of(x));
 *
 * GradCheck.Result r = GradCheck.check(new HuberLoss(), pred, target);   // checks pred only
 * if (!r.passed()) System.out.println(r);
 * }</pre>
 *
 * <p>Only inputs that require grad are checked. The check never touches the caller's tensors: it
 * differentiates fresh leaf copies of them. When the output has more than one element, the
 * scalar checked is {@code sum(u * f(x))} for a fixed random upstream gradient {@code u} (seeded,
 * so results are reproducible), which exercises every output element at once.
 *
 * <p>For every element {@code x[j]} of every checked input, the numeric derivative is
 * {@code (F(x + eps e_j) - F(x - eps e_j)) / (2 eps)} and it is compared with the analytic one by
 * {@code |analytic - numeric| <= atol + rtol * |numeric|}, as {@code torch.allclose}. Every
 * element is compared, and the result reports the worst one. An input that the output does not
 * depend on has an analytic gradient of zero.
 */
public final class GradCheck {

    private GradCheck() {
    }

    /**
     * The finite-difference step and the tolerances.
     *
     * @param eps the perturbation applied to each element, {@code > 0}
     * @param atol the absolute tolerance, {@code >= 0}
     * @param rtol the relative tolerance, {@code >= 0}
     * @param seed the seed of the random upstream gradient used for non-scalar outputs
     */
    public record Options(double eps, double atol, double rtol, long seed) {

        /**
         * Validates the options.
         *
         * @param eps the perturbation applied to each element, {@code > 0}
         * @param atol the absolute tolerance, {@code >= 0}
         * @param rtol the relative tolerance, {@code >= 0}
         * @param seed the seed of the random upstream gradient used for non-scalar outputs
         * @throws IllegalArgumentException if {@code eps <= 0} or a tolerance is negative or NaN
         */
        public Options {
            if (!(eps > 0)) {
                throw new IllegalArgumentException("GradCheck.Options: eps must be > 0, got " + eps);
            }
            if (!(atol >= 0) || !(rtol >= 0)) {
                throw new IllegalArgumentException("GradCheck.Options: atol and rtol must be >= 0, got atol=" + atol
                        + ", rtol=" + rtol);
            }
        }

        /**
         * The defaults: {@code eps = 1e-6}, {@code atol = 1e-5}, {@code rtol = 1e-3}, seed 0.
         *
         * @return the default options
         */
        public static Options defaults() {
            return new Options(1e-6, 1e-5, 1e-3, 0L);
        }

        /**
         * These options with another step.
         *
         * @param eps the perturbation, {@code > 0}
         * @return new options
         */
        public Options withEps(double eps) {
            return new Options(eps, atol, rtol, seed);
        }

        /**
         * These options with other tolerances.
         *
         * @param atol the absolute tolerance
         * @param rtol the relative tolerance
         * @return new options
         */
        public Options withTolerances(double atol, double rtol) {
            return new Options(eps, atol, rtol, seed);
        }

        /**
         * These options with another seed for the upstream gradient.
         *
         * @param seed the seed
         * @return new options
         */
        public Options withSeed(long seed) {
            return new Options(eps, atol, rtol, seed);
        }
    }

    /**
     * The outcome of a check: whether every element was within tolerance, and the worst element
     * (the one with the largest error relative to its allowed error).
     *
     * @param passed whether every checked element was within tolerance
     * @param checkedElements how many elements were compared
     * @param failedElements how many of them were out of tolerance
     * @param inputIndex the worst element's input, as a position in the checked function's input
     *     list (-1 when nothing was checked)
     * @param inputShape that input's shape
     * @param elementIndex the worst element's multi-index within that input
     * @param analytic the analytic derivative there
     * @param numeric the finite-difference derivative there
     * @param options the step and tolerances used
     */
    public record Result(boolean passed, int checkedElements, int failedElements, int inputIndex, int[] inputShape,
            int[] elementIndex, double analytic, double numeric, Options options) {

        /**
         * Copies the arrays, so the record stays immutable.
         *
         * @param passed whether every checked element was within tolerance
         * @param checkedElements how many elements were compared
         * @param failedElements how many of them were out of tolerance
         * @param inputIndex the worst element's input position, -1 when nothing was checked
         * @param inputShape that input's shape
         * @param elementIndex the worst element's multi-index within that input
         * @param analytic the analytic derivative there
         * @param numeric the finite-difference derivative there
         * @param options the step and tolerances used
         */
        public Result {
            inputShape = inputShape.clone();
            elementIndex = elementIndex.clone();
        }

        /**
         * The worst element's input shape.
         *
         * @return a copy of the shape
         */
        @Override
        public int[] inputShape() {
            return inputShape.clone();
        }

        /**
         * The worst element's multi-index within its input.
         *
         * @return a copy of the index
         */
        @Override
        public int[] elementIndex() {
            return elementIndex.clone();
        }

        /**
         * {@code |analytic - numeric|} at the worst element.
         *
         * @return the absolute error
         */
        public double absoluteError() {
            return Math.abs(analytic - numeric);
        }

        /**
         * A report naming the worst element, e.g. {@code gradcheck failed: 3 of 12 elements out of
         * tolerance; worst: input 0 (shape [3, 4]) at [1, 2]: analytic 0.5, numeric 1.0 ...}.
         *
         * @return the report
         */
        @Override
        public String toString() {
            String head = passed
                    ? "gradcheck passed: " + checkedElements + " elements within tolerance"
                    : "gradcheck failed: " + failedElements + " of " + checkedElements + " elements out of tolerance";
            if (inputIndex < 0) {
                return head;
            }
            return head + "; worst: input " + inputIndex + " (shape " + Arrays.toString(inputShape) + ") at "
                    + Arrays.toString(elementIndex) + ": analytic " + analytic + ", numeric " + numeric + ", |difference| "
                    + absoluteError() + ", allowed " + (options.atol() + options.rtol() * Math.abs(numeric)) + " (eps="
                    + options.eps() + ", atol=" + options.atol() + ", rtol=" + options.rtol() + ")";
        }
    }

    /**
     * Checks {@code f}'s gradients with respect to the inputs that require grad, with the default
     * options.
     *
     * @param f a function of tensors built from differentiable operations
     * @param inputs its inputs; those that require grad are checked
     * @return the result
     * @throws IllegalArgumentException if no input requires grad, or the output does not
     */
    public static Result check(Function<? super List<Tensor>, ? extends Tensor> f, List<Tensor> inputs) {
        return check(f, inputs, Options.defaults());
    }

    /**
     * Checks {@code f}'s gradients with respect to the inputs that require grad.
     *
     * @param f a function of tensors built from differentiable operations
     * @param inputs its inputs; those that require grad are checked
     * @param options the step and tolerances
     * @return the result
     * @throws IllegalArgumentException if no input requires grad, or the output does not
     */
    public static Result check(Function<? super List<Tensor>, ? extends Tensor> f, List<Tensor> inputs,
            Options options) {
        Objects.requireNonNull(f, "GradCheck: f is null");
        Objects.requireNonNull(options, "GradCheck: options is null");
        return run(f, List.copyOf(inputs), options);
    }

    /**
     * Checks a loss's gradients with respect to the inputs that require grad, with the default
     * options.
     *
     * @param loss the loss
     * @param inputs its tensor inputs, in order; those that require grad are checked
     * @return the result
     * @throws IllegalArgumentException if no input requires grad, or the output does not
     */
    public static Result check(LossFunction loss, Tensor... inputs) {
        return check(loss, Options.defaults(), inputs);
    }

    /**
     * Checks a loss's gradients with respect to the inputs that require grad.
     *
     * @param loss the loss
     * @param options the step and tolerances
     * @param inputs its tensor inputs, in order; those that require grad are checked
     * @return the result
     * @throws IllegalArgumentException if no input requires grad, or the output does not
     */
    public static Result check(LossFunction loss, Options options, Tensor... inputs) {
        Objects.requireNonNull(loss, "GradCheck: loss is null");
        return check(in -> loss.forward(in.toArray(new Tensor[0])), Arrays.asList(inputs), options);
    }

    /**
     * Like {@link #check(Function, List)}, but throws when the check fails.
     *
     * @param f a function of tensors built from differentiable operations
     * @param inputs its inputs; those that require grad are checked
     * @throws AssertionError with the {@link Result} report if an element is out of tolerance
     */
    public static void assertGradients(Function<? super List<Tensor>, ? extends Tensor> f, List<Tensor> inputs) {
        assertPassed(check(f, inputs));
    }

    /**
     * Like {@link #check(Function, List, Options)}, but throws when the check fails.
     *
     * @param f a function of tensors built from differentiable operations
     * @param inputs its inputs; those that require grad are checked
     * @param options the step and tolerances
     * @throws AssertionError with the {@link Result} report if an element is out of tolerance
     */
    public static void assertGradients(Function<? super List<Tensor>, ? extends Tensor> f, List<Tensor> inputs,
            Options options) {
        assertPassed(check(f, inputs, options));
    }

    /**
     * Like {@link #check(LossFunction, Tensor...)}, but throws when the check fails.
     *
     * @param loss the loss
     * @param inputs its tensor inputs, in order; those that require grad are checked
     * @throws AssertionError with the {@link Result} report if an element is out of tolerance
     */
    public static void assertGradients(LossFunction loss, Tensor... inputs) {
        assertPassed(check(loss, inputs));
    }

    /**
     * Like {@link #check(LossFunction, Options, Tensor...)}, but throws when the check fails.
     *
     * @param loss the loss
     * @param options the step and tolerances
     * @param inputs its tensor inputs, in order; those that require grad are checked
     * @throws AssertionError with the {@link Result} report if an element is out of tolerance
     */
    public static void assertGradients(LossFunction loss, Options options, Tensor... inputs) {
        assertPassed(check(loss, options, inputs));
    }

    private static void assertPassed(Result result) {
        if (!result.passed()) {
            throw new AssertionError(result.toString());
        }
    }

    private static Result run(Function<? super List<Tensor>, ? extends Tensor> f, List<Tensor> inputs,
            Options options) {
        List<Tensor> leaves = new ArrayList<>(inputs.size());
        boolean any = false;
        for (Tensor t : inputs) {
            boolean checked = t.requiresGrad();
            any |= checked;
            leaves.add(checked ? t.detach().requiresGrad(true) : t);
        }
        if (!any) {
            throw new IllegalArgumentException("GradCheck: no input requires grad, so there is nothing to check; call"
                    + " requiresGrad(true) on the inputs whose gradients should be checked");
        }
        Tensor output;
        GradMode.Scope scope = GradMode.enable();
        try {
            output = f.apply(leaves);
        } finally {
            scope.close();
        }
        if (!output.requiresGrad()) {
            throw new IllegalArgumentException("GradCheck: the function's output does not require grad, so it is not"
                    + " differentiable with respect to the inputs (was it computed under NoGrad, or from detached"
                    + " tensors?)");
        }
        Tensor upstream = upstream(output, options.seed());
        output.backward(upstream);

        Worst worst = new Worst(options);
        for (int i = 0; i < inputs.size(); i++) {
            if (!inputs.get(i).requiresGrad()) {
                continue;
            }
            Tensor leaf = leaves.get(i);
            double[] analytic = leaf.grad() == null ? new double[leaf.numel()] : leaf.grad().toArray();
            double[] base = leaf.toArray();
            int[] shape = leaf.shape();
            for (int j = 0; j < base.length; j++) {
                double numeric = numericDerivative(f, leaves, i, base, shape, j, upstream, options.eps());
                worst.offer(i, shape, j, analytic[j], numeric);
            }
        }
        return worst.result();
    }

    /** Ones for a one-element output; otherwise seeded standard-normal values. */
    private static Tensor upstream(Tensor output, long seed) {
        if (output.numel() == 1) {
            return Tensor.ones(output.shape());
        }
        return Tensor.randn(new Random(seed), output.shape());
    }

    private static double numericDerivative(Function<? super List<Tensor>, ? extends Tensor> f, List<Tensor> leaves,
            int input, double[] base, int[] shape, int element, Tensor upstream, double eps) {
        double original = base[element];
        try {
            base[element] = original + eps;
            double plus = evaluate(f, leaves, input, Tensor.of(base, shape), upstream);
            base[element] = original - eps;
            double minus = evaluate(f, leaves, input, Tensor.of(base, shape), upstream);
            return (plus - minus) / (2 * eps);
        } finally {
            base[element] = original;
        }
    }

    private static double evaluate(Function<? super List<Tensor>, ? extends Tensor> f, List<Tensor> leaves, int input,
            Tensor replacement, Tensor upstream) {
        List<Tensor> perturbed = new ArrayList<>(leaves);
        perturbed.set(input, replacement);
        Tensor out = NoGrad.call(() -> f.apply(perturbed));
        double[] y = out.toArray();
        double[] u = upstream.toArray();
        if (y.length != u.length) {
            throw new IllegalStateException("GradCheck: the function returned " + y.length + " elements for a perturbed"
                    + " input but " + u.length + " for the original one");
        }
        double s = 0;
        for (int k = 0; k < y.length; k++) {
            s += u[k] * y[k];
        }
        return s;
    }

    /** Tracks the element with the largest error relative to its allowed error. */
    private static final class Worst {
        private final Options options;
        private int checked;
        private int failed;
        private double worstRatio = Double.NEGATIVE_INFINITY;
        private int input = -1;
        private int[] shape = new int[0];
        private int[] index = new int[0];
        private double analytic = Double.NaN;
        private double numeric = Double.NaN;

        Worst(Options options) {
            this.options = options;
        }

        void offer(int inputIndex, int[] inputShape, int flat, double a, double n) {
            checked++;
            double allowed = options.atol() + options.rtol() * Math.abs(n);
            double error = Math.abs(a - n);
            boolean ok = a == n || error <= allowed;
            if (!ok) {
                failed++;
            }
            double ratio = ok ? (allowed > 0 ? error / allowed : 0) : (error != error ? Double.POSITIVE_INFINITY
                    : allowed > 0 ? error / allowed : Double.MAX_VALUE);
            if (ratio > worstRatio) {
                worstRatio = ratio;
                input = inputIndex;
                shape = inputShape;
                index = unravel(flat, inputShape);
                analytic = a;
                numeric = n;
            }
        }

        Result result() {
            return new Result(failed == 0, checked, failed, input, shape, index, analytic, numeric, options);
        }
    }

    /** The multi-index of row-major position {@code flat} in {@code shape}; SecondOrderCheck's too. */
    static int[] unravel(int flat, int[] shape) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }

    /**
     * The outcome of {@link #checkSecondOrder}: the first derivatives against central differences of
     * the loss's unreduced values ({@code gradient}, reported as input 0), and the second derivatives
     * against central differences of the first ({@code hessian}, reported as input 1).
     *
     * @param gradient the check of {@code ∂ℓ/∂pred}
     * @param hessian the check of {@code ∂²ℓ/∂pred²}
     */
    public record SecondOrderResult(Result gradient, Result hessian) {

        /**
         * Whether both checks passed.
         *
         * @return whether every element of both was within tolerance
         */
        public boolean passed() {
            return gradient.passed() && hessian.passed();
        }

        @Override
        public String toString() {
            return "first derivatives: " + gradient + "\nsecond derivatives: " + hessian;
        }
    }

    /**
     * Checks a {@link io.gradgen.SecondOrderLoss}'s {@code gradientAndHessian} with the default
     * options (but {@code eps = 1e-5}, since the second derivative differences the first).
     *
     * @param loss the loss
     * @param pred the prediction, its first input (not modified)
     * @param others its other inputs, in declaration order
     * @return both checks
     */
    public static SecondOrderResult checkSecondOrder(io.gradgen.SecondOrderLoss loss, Tensor pred, Tensor... others) {
        return checkSecondOrder(loss, Options.defaults().withEps(1e-5), pred, others);
    }

    /**
     * Checks a {@link io.gradgen.SecondOrderLoss}'s {@code gradientAndHessian}: each first derivative
     * against the central difference of its position's unreduced loss, each second derivative against
     * the central difference of the first derivative, for every element of {@code pred}. Points at a
     * kink of the loss (where a derivative jumps) fail, as in PyTorch's gradcheck.
     *
     * @param loss the loss
     * @param options the step (relative to {@code max(1, |x|)}) and the tolerances
     * @param pred the prediction, its first input (not modified)
     * @param others its other inputs, in declaration order
     * @return both checks
     */
    public static SecondOrderResult checkSecondOrder(io.gradgen.SecondOrderLoss loss, Options options, Tensor pred,
            Tensor... others) {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(pred, "pred");
        return SecondOrderCheck.check(loss, options, pred, others);
    }
}
