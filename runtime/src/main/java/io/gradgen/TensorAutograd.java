package io.gradgen;

import io.gradgen.autograd.BackwardFunction;
import io.gradgen.autograd.GradMode;
import java.util.Arrays;
import java.util.Objects;

/**
 * The second layer of {@link Tensor}: its part in the autograd graph (held in an
 * {@link AutogradMeta}, created when the tensor first requires grad) and the in-place updates,
 * which that part guards. The public methods declared here are {@code Tensor}'s own.
 */
abstract sealed class TensorAutograd extends TensorValues permits TensorArithmetic {

    /** Null until this tensor requires grad. */
    AutogradMeta autograd;

    TensorAutograd(Storage storage, int[] shape) {
        super(storage, shape);
    }

    /**
     * Whether gradients flow to this tensor: true for leaves marked with
     * {@link #requiresGrad(boolean)} and for every tensor computed from one while grad mode was
     * enabled.
     *
     * @return whether this tensor requires grad
     */
    public boolean requiresGrad() {
        AutogradMeta meta = autograd;
        return meta != null && meta.requiresGrad;
    }

    /**
     * Marks this leaf as one to differentiate (or not), like PyTorch's {@code requires_grad_}.
     *
     * @param requiresGrad whether later operations on this tensor record the graph and
     *     {@link #backward()} fills its {@link #grad()}
     * @return this tensor
     * @throws IllegalStateException if this is not a leaf and {@code requiresGrad} is false: a
     *     computed tensor always requires grad (setting true on it changes nothing); use
     *     {@link #detach()} for a copy outside the graph
     */
    public Tensor requiresGrad(boolean requiresGrad) {
        BackwardFunction fn = gradFn();
        if (fn != null && !requiresGrad) {
            throw new IllegalStateException("requiresGrad(false) can only be called on a leaf tensor, but this one was"
                    + " computed by " + fn.name() + "; use detach() to get a copy that is not part of the graph");
        }
        if (fn == null && (requiresGrad || autograd != null)) {
            meta().requiresGrad = requiresGrad;
        }
        return self();
    }

    /**
     * The gradient accumulated by backward calls.
     *
     * @return a tensor of this tensor's shape, or null until a backward reaches this tensor (and
     *     always null for non-leaf tensors unless {@link #retainGrad()} was called). The engine
     *     adds later gradients into this same tensor in place.
     */
    public Tensor grad() {
        AutogradMeta meta = autograd;
        return meta == null ? null : meta.grad();
    }

    /**
     * The backward function of the operation that produced this tensor.
     *
     * @return the graph node, or null on a leaf
     */
    public BackwardFunction gradFn() {
        AutogradMeta meta = autograd;
        return meta == null ? null : meta.gradFn;
    }

    /**
     * Whether this tensor is a leaf of the graph: made by a factory, by {@link #detach()}, under
     * no-grad, or from inputs none of which required grad.
     *
     * @return {@code gradFn() == null}
     */
    public boolean isLeaf() {
        return gradFn() == null;
    }

    /**
     * Makes {@link #backward()} keep this non-leaf tensor's gradient in {@link #grad()}, like
     * PyTorch's {@code retain_grad()}. Does nothing on a leaf, whose gradient is always kept.
     *
     * @return this tensor
     * @throws IllegalStateException if this tensor does not require grad
     */
    public Tensor retainGrad() {
        if (!requiresGrad()) {
            throw new IllegalStateException("retainGrad() needs a tensor that requires grad; this one does not");
        }
        if (autograd.gradFn != null) {
            autograd.retainsGrad = true;
        }
        return self();
    }

    /**
     * Computes the gradient of this one-element tensor (usually a loss) with respect to every leaf
     * that requires grad and adds it to their {@link #grad()}. Same as
     * {@code backward(Tensor.ones(shape()))}; see {@link Tensor} for the semantics.
     *
     * @throws IllegalStateException if this tensor does not require grad, or if it has more than
     *     one element (then pass a gradient of its shape to {@link #backward(Tensor)})
     */
    public void backward() {
        checkBackwardRoot();
        if (numel() != 1) {
            String shape = Shapes.format(shapeRef());
            throw new IllegalStateException("backward() without a gradient needs a one-element tensor, but this one has"
                    + " shape " + shape + "; call backward(gradient) with a gradient of shape " + shape
                    + " (for example Tensor.ones" + shape.replace('[', '(').replace(']', ')')
                    + ") or reduce this tensor first, e.g. with sum() or mean()");
        }
        Engine.backward(self(), Tensor.fromDoubles(new double[] {1.0}, shapeRef(), dtype()));
    }

    /**
     * Computes the vector-Jacobian product of this tensor with {@code gradient} for every leaf
     * that requires grad and adds it to their {@link #grad()}, like PyTorch's
     * {@code backward(gradient)}.
     *
     * @param gradient the gradient of some scalar with respect to this tensor; same shape as this
     *     (converted to this tensor's type if it differs)
     * @throws IllegalStateException if this tensor does not require grad
     * @throws IllegalArgumentException if {@code gradient}'s shape differs from this tensor's
     */
    public void backward(Tensor gradient) {
        Objects.requireNonNull(gradient, "backward: gradient is null; use backward() for a one-element tensor");
        checkBackwardRoot();
        if (!Arrays.equals(shapeRef(), gradient.shapeRef())) {
            throw new IllegalArgumentException("backward: gradient has shape " + Shapes.format(gradient.shapeRef())
                    + " but the tensor has shape " + Shapes.format(shapeRef()) + "; they must be equal"
                    + Shapes.reshapeHint("gradient", gradient.shapeRef(), shapeRef()));
        }
        Engine.backward(self(), gradient.dtype() == dtype() ? gradient : gradient.copyAs(dtype()));
    }

    private void checkBackwardRoot() {
        if (!requiresGrad()) {
            throw new IllegalStateException("element 0 of tensors does not require grad and does not have a grad_fn:"
                    + " this tensor of shape " + Shapes.format(shapeRef()) + " was not computed from any tensor that"
                    + " requires grad. Call requiresGrad(true) on the leaf tensors to differentiate (inputs or"
                    + " parameters) before computing it, and do not compute it inside a NoGrad scope");
        }
    }

    /**
     * A new leaf with a copy of this tensor's values, outside the graph. Unlike PyTorch's
     * {@code detach()} it does not share storage, so in-place updates of one never show in the
     * other.
     *
     * @return a leaf that does not require grad
     */
    public Tensor detach() {
        return copyAs(dtype());
    }

    /**
     * Sets every element of {@link #grad()} to zero <em>in place</em> when a gradient is present,
     * keeping the same gradient tensor (callers may hold on to it). Does nothing when
     * {@code grad()} is null.
     *
     * <p>The zeroing itself is deferred until the gradient is next read or added to, and skipped
     * when the next backward writes the whole gradient anyway (a generated loss's fused pass), so
     * a training step does not sweep its gradient memory once more just to clear it.
     */
    public void zeroGrad() {
        AutogradMeta meta = autograd;
        if (meta != null) {
            meta.zeroGrad();
        }
    }

    /** Drops the accumulated gradient: {@link #grad()} is null afterwards. */
    public void clearGrad() {
        AutogradMeta meta = autograd;
        if (meta != null) {
            meta.clearGrad();
        }
    }

    // ---------------------------------------------------------------- in-place updates

    /**
     * {@code this += alpha * other}, in place, like PyTorch's {@code add_(other, alpha=alpha)}.
     *
     * @param other a tensor whose shape broadcasts to this tensor's shape
     * @param alpha the factor applied to {@code other}
     * @return this tensor
     * @throws IllegalStateException if this tensor requires grad and grad mode is enabled
     * @throws IllegalArgumentException if {@code other} does not broadcast to this shape
     */
    public Tensor addInPlace(Tensor other, double alpha) {
        float[] floats = InPlaceOps.sameShapeFloats(self(), other);
        if (floats != null) {
            // a FLOAT32 parameter and gradient (SGD's step): read as they are, no widened copy
            checkInPlace("addInPlace");
            InPlaceOps.add(self(), floats, alpha);
            return self();
        }
        double[] o = InPlaceOps.operand("addInPlace", self(), "other", other);
        checkInPlace("addInPlace");
        InPlaceOps.add(self(), o, alpha);
        return self();
    }

    /**
     * {@code this *= factor}, in place.
     *
     * @param factor the factor
     * @return this tensor
     * @throws IllegalStateException if this tensor requires grad and grad mode is enabled
     */
    public Tensor mulInPlace(double factor) {
        checkInPlace("mulInPlace");
        InPlaceOps.scale(self(), factor);
        return self();
    }

    /**
     * {@code this += value * t1 * t2} elementwise, in place, like PyTorch's {@code addcmul_}.
     *
     * @param t1 a tensor whose shape broadcasts to this tensor's shape
     * @param t2 a tensor whose shape broadcasts to this tensor's shape
     * @param value the factor applied to the product
     * @return this tensor
     * @throws IllegalStateException if this tensor requires grad and grad mode is enabled
     * @throws IllegalArgumentException if {@code t1} or {@code t2} does not broadcast to this shape
     */
    public Tensor addcmulInPlace(Tensor t1, Tensor t2, double value) {
        double[] a = InPlaceOps.operand("addcmulInPlace", self(), "t1", t1);
        double[] b = InPlaceOps.operand("addcmulInPlace", self(), "t2", t2);
        checkInPlace("addcmulInPlace");
        InPlaceOps.addProduct(self(), a, b, value);
        return self();
    }

    /**
     * {@code this += value * t1 / t2} elementwise, in place, like PyTorch's {@code addcdiv_}.
     *
     * @param t1 the numerator; its shape broadcasts to this tensor's shape
     * @param t2 the denominator; its shape broadcasts to this tensor's shape
     * @param value the factor applied to the quotient
     * @return this tensor
     * @throws IllegalStateException if this tensor requires grad and grad mode is enabled
     * @throws IllegalArgumentException if {@code t1} or {@code t2} does not broadcast to this shape
     */
    public Tensor addcdivInPlace(Tensor t1, Tensor t2, double value) {
        double[] a = InPlaceOps.operand("addcdivInPlace", self(), "t1", t1);
        double[] b = InPlaceOps.operand("addcdivInPlace", self(), "t2", t2);
        checkInPlace("addcdivInPlace");
        InPlaceOps.addQuotient(self(), a, b, value);
        return self();
    }

    /**
     * Overwrites this tensor's values with {@code source}'s, in place, like PyTorch's
     * {@code copy_}.
     *
     * @param source a tensor whose shape broadcasts to this tensor's shape
     * @return this tensor
     * @throws IllegalStateException if this tensor requires grad and grad mode is enabled
     * @throws IllegalArgumentException if {@code source} does not broadcast to this shape
     */
    public Tensor copyInPlace(Tensor source) {
        double[] s = InPlaceOps.operand("copyInPlace", self(), "source", source);
        checkInPlace("copyInPlace");
        InPlaceOps.copy(self(), s);
        return self();
    }

    /**
     * Sets every element to {@code value}, in place, like PyTorch's {@code fill_}.
     *
     * @param value the value
     * @return this tensor
     * @throws IllegalStateException if this tensor requires grad and grad mode is enabled
     */
    public Tensor fillInPlace(double value) {
        checkInPlace("fillInPlace");
        storage.fill(value);
        return self();
    }

    /** Refuses a write that would corrupt a recorded graph, and otherwise bumps the version. */
    private void checkInPlace(String op) {
        if (requiresGrad() && GradMode.isEnabled()) {
            throw new IllegalStateException(op + ": a tensor that requires grad cannot be modified in place while grad"
                    + " mode is enabled, because the recorded graph would compute wrong gradients; do the update inside"
                    + " try (var g = NoGrad.enter()) { ... }");
        }
        storage.bumpVersion();
    }

    // ---------------------------------------------------------------- graph plumbing for the runtime

    /** True when an operation on {@code a} must record a backward node. */
    static boolean recording(Tensor a) {
        return a.requiresGrad() && GradMode.isEnabled();
    }

    /** True when an operation on {@code a} and {@code b} must record a backward node. */
    static boolean recording(Tensor a, Tensor b) {
        return (a.requiresGrad() || b.requiresGrad()) && GradMode.isEnabled();
    }

    /** This tensor's autograd state, created on first use. */
    final AutogradMeta meta() {
        AutogradMeta meta = autograd;
        if (meta == null) {
            meta = new AutogradMeta(self());
            autograd = meta;
        }
        return meta;
    }

    /** Makes this freshly computed tensor a non-leaf produced by {@code node}. */
    final Tensor withGradFn(BackwardFunction node) {
        AutogradMeta meta = meta();
        meta.gradFn = node;
        meta.requiresGrad = true;
        return self();
    }

    final boolean retainsGrad() {
        AutogradMeta meta = autograd;
        return meta != null && meta.retainsGrad;
    }

    /** Adds {@code g} into {@link #grad()} (see {@link AutogradMeta#accumulateGrad}). */
    final void accumulateGrad(Tensor g) {
        meta().accumulateGrad(g);
    }

    /**
     * Whether a backward function may add this input's gradient straight into
     * {@link #gradAccumulator()} instead of returning it: true for leaves that require grad, whose
     * gradient the engine would only add into {@link #grad()} anyway.
     */
    final boolean acceptsDirectGrad() {
        AutogradMeta meta = autograd;
        return meta != null && meta.gradFn == null && meta.requiresGrad;
    }

    /** This FLOAT64 leaf's gradient array, to add into (see {@link AutogradMeta#gradAccumulator()}). */
    final double[] gradAccumulator() {
        return meta().gradAccumulator().f64();
    }

    /** This FLOAT32 leaf's gradient array, to add into (see {@link AutogradMeta#gradAccumulator()}). */
    final float[] floatGradAccumulator() {
        return meta().gradAccumulator().f32();
    }

    /** See {@link AutogradMeta#fusedGradientArray()}. */
    final double[] fusedGradientArray() {
        return meta().fusedGradientArray();
    }

    /** See {@link AutogradMeta#adoptGradient}: {@code array} is a {@code double[]} or a {@code float[]}. */
    final boolean adoptGradient(Object array) {
        return meta().adoptGradient(array);
    }

    /** See {@link AutogradMeta#fusedFloatGradientArray()}. */
    final float[] fusedFloatGradientArray() {
        return meta().fusedFloatGradientArray();
    }
}
