package io.gradgen;

/**
 * The third layer of {@link Tensor}: the elementwise operations, with broadcasting (implemented in
 * {@link Elementwise} and {@link ElementwiseUnary}), and the reductions ({@link Reductions}). The
 * public methods declared here are {@code Tensor}'s own.
 */
abstract sealed class TensorArithmetic extends TensorAutograd permits TensorShapes {

    TensorArithmetic(Storage storage, int[] shape) {
        super(storage, shape);
    }

    /**
     * {@code this + other}, elementwise with broadcasting.
     *
     * @param other the other operand; its shape broadcasts with this one's
     * @return a tensor of the broadcast shape ({@code AddBackward})
     * @throws IllegalArgumentException if the shapes cannot be broadcast; the message names both
     */
    public Tensor add(Tensor other) {
        return Elementwise.binary(Elementwise.Binary.ADD, self(), other);
    }

    /**
     * {@code this + value}, elementwise.
     *
     * @param value the value to add
     * @return a tensor of this shape ({@code AddBackward})
     */
    public Tensor add(double value) {
        return Elementwise.binary(Elementwise.Binary.ADD, self(), Tensor.scalar(value));
    }

    /**
     * {@code this - other}, elementwise with broadcasting.
     *
     * @param other the other operand; its shape broadcasts with this one's
     * @return a tensor of the broadcast shape ({@code SubBackward})
     * @throws IllegalArgumentException if the shapes cannot be broadcast; the message names both
     */
    public Tensor sub(Tensor other) {
        return Elementwise.binary(Elementwise.Binary.SUB, self(), other);
    }

    /**
     * {@code this - value}, elementwise.
     *
     * @param value the value to subtract
     * @return a tensor of this shape ({@code SubBackward})
     */
    public Tensor sub(double value) {
        return Elementwise.binary(Elementwise.Binary.SUB, self(), Tensor.scalar(value));
    }

    /**
     * {@code this * other}, elementwise with broadcasting.
     *
     * @param other the other operand; its shape broadcasts with this one's
     * @return a tensor of the broadcast shape ({@code MulBackward})
     * @throws IllegalArgumentException if the shapes cannot be broadcast; the message names both
     */
    public Tensor mul(Tensor other) {
        return Elementwise.binary(Elementwise.Binary.MUL, self(), other);
    }

    /**
     * {@code this * value}, elementwise.
     *
     * @param value the factor
     * @return a tensor of this shape ({@code MulBackward})
     */
    public Tensor mul(double value) {
        return Elementwise.binary(Elementwise.Binary.MUL, self(), Tensor.scalar(value));
    }

    /**
     * {@code this / other}, elementwise with broadcasting.
     *
     * @param other the divisor; its shape broadcasts with this one's
     * @return a tensor of the broadcast shape ({@code DivBackward})
     * @throws IllegalArgumentException if the shapes cannot be broadcast; the message names both
     */
    public Tensor div(Tensor other) {
        return Elementwise.binary(Elementwise.Binary.DIV, self(), other);
    }

    /**
     * {@code this / value}, elementwise.
     *
     * @param value the divisor
     * @return a tensor of this shape ({@code DivBackward})
     */
    public Tensor div(double value) {
        return Elementwise.binary(Elementwise.Binary.DIV, self(), Tensor.scalar(value));
    }

    /**
     * {@code this ^ other}, elementwise with broadcasting. As in PyTorch, the gradient with
     * respect to the base is 0 where the exponent is 0, and the gradient with respect to the
     * exponent is 0 where the base is 0 and the exponent is non-negative.
     *
     * @param exponent the exponent; its shape broadcasts with this one's
     * @return a tensor of the broadcast shape ({@code PowBackward})
     * @throws IllegalArgumentException if the shapes cannot be broadcast; the message names both
     */
    public Tensor pow(Tensor exponent) {
        return Elementwise.binary(Elementwise.Binary.POW, self(), exponent);
    }

    /**
     * {@code this ^ exponent}, elementwise; gradient {@code exponent * x^(exponent-1)}, and 0
     * everywhere when {@code exponent == 0}.
     *
     * @param exponent the exponent
     * @return a tensor of this shape ({@code PowBackward})
     */
    public Tensor pow(double exponent) {
        return ElementwiseUnary.apply(ElementwiseUnary.Op.POW, self(), exponent, 0);
    }

    /**
     * The elementwise maximum with broadcasting; NaN if either element is NaN. Where the elements
     * are equal the gradient is split evenly between them, as in PyTorch.
     *
     * @param other the other operand; its shape broadcasts with this one's
     * @return a tensor of the broadcast shape ({@code MaximumBackward})
     * @throws IllegalArgumentException if the shapes cannot be broadcast; the message names both
     */
    public Tensor maximum(Tensor other) {
        return Elementwise.binary(Elementwise.Binary.MAXIMUM, self(), other);
    }

    /**
     * The elementwise minimum with broadcasting; NaN if either element is NaN. Where the elements
     * are equal the gradient is split evenly between them, as in PyTorch.
     *
     * @param other the other operand; its shape broadcasts with this one's
     * @return a tensor of the broadcast shape ({@code MinimumBackward})
     * @throws IllegalArgumentException if the shapes cannot be broadcast; the message names both
     */
    public Tensor minimum(Tensor other) {
        return Elementwise.binary(Elementwise.Binary.MINIMUM, self(), other);
    }

    /**
     * {@code -this}, elementwise.
     *
     * @return a tensor of this shape ({@code NegBackward})
     */
    public Tensor neg() {
        return ElementwiseUnary.apply(ElementwiseUnary.Op.NEG, self(), 0, 0);
    }

    /**
     * {@code e^x}, elementwise.
     *
     * @return a tensor of this shape ({@code ExpBackward})
     */
    public Tensor exp() {
        return ElementwiseUnary.apply(ElementwiseUnary.Op.EXP, self(), 0, 0);
    }

    /**
     * The natural logarithm, elementwise; gradient {@code 1/x}.
     *
     * @return a tensor of this shape ({@code LogBackward})
     */
    public Tensor log() {
        return ElementwiseUnary.apply(ElementwiseUnary.Op.LOG, self(), 0, 0);
    }

    /**
     * {@code log(1 + x)}, elementwise, accurate for small {@code x}; gradient {@code 1/(1+x)}.
     *
     * @return a tensor of this shape ({@code Log1pBackward})
     */
    public Tensor log1p() {
        return ElementwiseUnary.apply(ElementwiseUnary.Op.LOG1P, self(), 0, 0);
    }

    /**
     * The square root, elementwise; gradient {@code 1/(2 sqrt(x))}.
     *
     * @return a tensor of this shape ({@code SqrtBackward})
     */
    public Tensor sqrt() {
        return ElementwiseUnary.apply(ElementwiseUnary.Op.SQRT, self(), 0, 0);
    }

    /**
     * The absolute value, elementwise; gradient {@code sign(x)}, which is 0 at 0 as in PyTorch.
     *
     * @return a tensor of this shape ({@code AbsBackward})
     */
    public Tensor abs() {
        return ElementwiseUnary.apply(ElementwiseUnary.Op.ABS, self(), 0, 0);
    }

    /**
     * {@code max(x, 0)}, elementwise, with NaN propagated; gradient 1 where {@code x > 0}, else 0
     * (so 0 at 0, as in PyTorch).
     *
     * @return a tensor of this shape ({@code ReluBackward})
     */
    public Tensor relu() {
        return ElementwiseUnary.apply(ElementwiseUnary.Op.RELU, self(), 0, 0);
    }

    /**
     * The logistic function {@code 1/(1+e^-x)}, elementwise, computed without overflow (see
     * {@link Functions#sigmoid(double)}); gradient {@code s(1-s)}.
     *
     * @return a tensor of this shape ({@code SigmoidBackward})
     */
    public Tensor sigmoid() {
        return ElementwiseUnary.apply(ElementwiseUnary.Op.SIGMOID, self(), 0, 0);
    }

    /**
     * The hyperbolic tangent, elementwise; gradient {@code 1 - tanh(x)^2}.
     *
     * @return a tensor of this shape ({@code TanhBackward})
     */
    public Tensor tanh() {
        return ElementwiseUnary.apply(ElementwiseUnary.Op.TANH, self(), 0, 0);
    }

    /**
     * The sine, elementwise; gradient {@code cos(x)}.
     *
     * @return a tensor of this shape ({@code SinBackward})
     */
    public Tensor sin() {
        return ElementwiseUnary.apply(ElementwiseUnary.Op.SIN, self(), 0, 0);
    }

    /**
     * The cosine, elementwise; gradient {@code -sin(x)}.
     *
     * @return a tensor of this shape ({@code CosBackward})
     */
    public Tensor cos() {
        return ElementwiseUnary.apply(ElementwiseUnary.Op.COS, self(), 0, 0);
    }

    /**
     * {@code log(1 + e^x)}, elementwise, as {@link Functions#softplus(double)} (returns {@code x}
     * for {@code x > 20}, like PyTorch's threshold); gradient {@code sigmoid(x)}, and 1 above the
     * threshold.
     *
     * @return a tensor of this shape ({@code SoftplusBackward})
     */
    public Tensor softplus() {
        return ElementwiseUnary.apply(ElementwiseUnary.Op.SOFTPLUS, self(), 0, 0);
    }

    /**
     * {@code log(sigmoid(x))}, elementwise, computed stably as {@link Functions#logSigmoid(double)};
     * gradient {@code sigmoid(-x)}.
     *
     * @return a tensor of this shape ({@code LogSigmoidBackward})
     */
    public Tensor logSigmoid() {
        return ElementwiseUnary.apply(ElementwiseUnary.Op.LOG_SIGMOID, self(), 0, 0);
    }

    /**
     * {@code min(max(x, lo), hi)}, elementwise, with NaN propagated. The gradient passes where
     * {@code lo <= x <= hi} (the closed interval, as in PyTorch) and is 0 elsewhere.
     *
     * @param lo the lower bound
     * @param hi the upper bound
     * @return a tensor of this shape ({@code ClampBackward})
     */
    public Tensor clamp(double lo, double hi) {
        return ElementwiseUnary.apply(ElementwiseUnary.Op.CLAMP, self(), lo, hi);
    }

    /**
     * {@code Tensor.where(condition, this, other)}, as PyTorch's {@code x.where(condition, y)}.
     *
     * @param condition the selector; nonzero selects this tensor's element
     * @param other the values where the condition is zero
     * @return a tensor of the shape all three broadcast to ({@code WhereBackward})
     * @throws IllegalArgumentException if the shapes cannot be broadcast
     */
    public Tensor where(Tensor condition, Tensor other) {
        return Elementwise.where(condition, self(), other);
    }

    /**
     * {@code this > other} elementwise with broadcasting, as 1.0 or 0.0; not differentiable.
     *
     * @param other the right-hand side
     * @return a tensor of the broadcast shape that does not require grad
     * @throws IllegalArgumentException if the shapes cannot be broadcast
     */
    public Tensor gt(Tensor other) {
        return Elementwise.binary(Elementwise.Binary.GT, self(), other);
    }

    /**
     * {@code this > value} elementwise, as 1.0 or 0.0; not differentiable.
     *
     * @param value the right-hand side
     * @return a tensor of this shape that does not require grad
     */
    public Tensor gt(double value) {
        return Elementwise.binary(Elementwise.Binary.GT, self(), Tensor.scalar(value));
    }

    /**
     * {@code this < other} elementwise with broadcasting, as 1.0 or 0.0; not differentiable.
     *
     * @param other the right-hand side
     * @return a tensor of the broadcast shape that does not require grad
     * @throws IllegalArgumentException if the shapes cannot be broadcast
     */
    public Tensor lt(Tensor other) {
        return Elementwise.binary(Elementwise.Binary.LT, self(), other);
    }

    /**
     * {@code this < value} elementwise, as 1.0 or 0.0; not differentiable.
     *
     * @param value the right-hand side
     * @return a tensor of this shape that does not require grad
     */
    public Tensor lt(double value) {
        return Elementwise.binary(Elementwise.Binary.LT, self(), Tensor.scalar(value));
    }

    /**
     * {@code this >= other} elementwise with broadcasting, as 1.0 or 0.0; not differentiable.
     *
     * @param other the right-hand side
     * @return a tensor of the broadcast shape that does not require grad
     * @throws IllegalArgumentException if the shapes cannot be broadcast
     */
    public Tensor ge(Tensor other) {
        return Elementwise.binary(Elementwise.Binary.GE, self(), other);
    }

    /**
     * {@code this >= value} elementwise, as 1.0 or 0.0; not differentiable.
     *
     * @param value the right-hand side
     * @return a tensor of this shape that does not require grad
     */
    public Tensor ge(double value) {
        return Elementwise.binary(Elementwise.Binary.GE, self(), Tensor.scalar(value));
    }

    /**
     * {@code this <= other} elementwise with broadcasting, as 1.0 or 0.0; not differentiable.
     *
     * @param other the right-hand side
     * @return a tensor of the broadcast shape that does not require grad
     * @throws IllegalArgumentException if the shapes cannot be broadcast
     */
    public Tensor le(Tensor other) {
        return Elementwise.binary(Elementwise.Binary.LE, self(), other);
    }

    /**
     * {@code this <= value} elementwise, as 1.0 or 0.0; not differentiable.
     *
     * @param value the right-hand side
     * @return a tensor of this shape that does not require grad
     */
    public Tensor le(double value) {
        return Elementwise.binary(Elementwise.Binary.LE, self(), Tensor.scalar(value));
    }

    /**
     * {@code this == other} elementwise with broadcasting, as 1.0 or 0.0; not differentiable.
     *
     * @param other the right-hand side
     * @return a tensor of the broadcast shape that does not require grad
     * @throws IllegalArgumentException if the shapes cannot be broadcast
     */
    public Tensor eq(Tensor other) {
        return Elementwise.binary(Elementwise.Binary.EQ, self(), other);
    }

    /**
     * {@code this == value} elementwise, as 1.0 or 0.0; not differentiable.
     *
     * @param value the right-hand side
     * @return a tensor of this shape that does not require grad
     */
    public Tensor eq(double value) {
        return Elementwise.binary(Elementwise.Binary.EQ, self(), Tensor.scalar(value));
    }

    // ---------------------------------------------------------------- reductions


    /**
     * The sum of all elements.
     *
     * @return a 0-dim tensor ({@code SumBackward}); 0 for an empty tensor
     */
    public Tensor sum() {
        return Reductions.sumAll(self(), false);
    }

    /**
     * The mean of all elements.
     *
     * @return a 0-dim tensor ({@code MeanBackward}); NaN for an empty tensor, as in PyTorch
     */
    public Tensor mean() {
        return Reductions.sumAll(self(), true);
    }

    /**
     * The sum along one dimension.
     *
     * @param dim the dimension to reduce; negative values count from the end
     * @param keepDim whether the result keeps {@code dim} with size 1 (otherwise it is removed)
     * @return the reduced tensor ({@code SumBackward})
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor sum(int dim, boolean keepDim) {
        return Reductions.sumDim(self(), dim, keepDim, false);
    }

    /**
     * The mean along one dimension.
     *
     * @param dim the dimension to reduce; negative values count from the end
     * @param keepDim whether the result keeps {@code dim} with size 1 (otherwise it is removed)
     * @return the reduced tensor ({@code MeanBackward})
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor mean(int dim, boolean keepDim) {
        return Reductions.sumDim(self(), dim, keepDim, true);
    }

    /**
     * {@code log(sum(exp(x)))} along one dimension, computed stably by subtracting the maximum:
     * all {@code -inf} gives {@code -inf}, any {@code +inf} gives {@code +inf}. Gradient: the
     * softmax along {@code dim}.
     *
     * @param dim the dimension to reduce; negative values count from the end
     * @param keepDim whether the result keeps {@code dim} with size 1 (otherwise it is removed)
     * @return the reduced tensor ({@code LogSumExpBackward})
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor logSumExp(int dim, boolean keepDim) {
        return Reductions.logSumExp(self(), dim, keepDim);
    }

    /**
     * The softmax {@code exp(x - logSumExp(x))} along one dimension.
     *
     * @param dim the dimension whose entries sum to 1; negative values count from the end
     * @return a tensor of this shape ({@code SoftmaxBackward})
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor softmax(int dim) {
        return Reductions.softmax(self(), dim, false);
    }

    /**
     * The log-softmax {@code x - logSumExp(x)} along one dimension, computed stably.
     *
     * @param dim the dimension to normalise; negative values count from the end
     * @return a tensor of this shape ({@code LogSoftmaxBackward})
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor logSoftmax(int dim) {
        return Reductions.softmax(self(), dim, true);
    }
}
