package io.gradgen;

import io.gradgen.autograd.BackwardFunction;
import java.util.List;

/**
 * A tensor's part in the autograd graph, as PyTorch's {@code AutogradMeta}: whether it requires
 * grad, the node that produced it, its accumulated gradient, and the engine's scratch state while
 * a backward pass runs through it. Created only for tensors that require grad, so the many
 * tensors that never join a graph carry none of it.
 *
 * <p>The gradient methods are synchronized on this object: backward passes on other threads may
 * reach a shared leaf (a model's parameter) at the same time as its owner reads or zeroes it.
 */
final class AutogradMeta {

    private final Tensor owner;
    boolean requiresGrad;
    BackwardFunction gradFn;
    private Tensor grad;
    /**
     * {@link #zeroGrad()} was called and no gradient has arrived since: {@code grad}'s array holds
     * stale values that read as zeros. Zeroing is deferred so that the first gradient to arrive
     * can be written (or its array adopted) instead of added to zeros: one pass over memory fewer.
     */
    private boolean gradIsZero;
    /**
     * The array {@link #adoptGradient} last exchanged out of {@code grad} (a {@code double[]}, or a
     * {@code float[]} for a FLOAT32 owner), for the next fused forward.
     */
    private Object spare;
    boolean retainsGrad;

    // Scratch state of the backward pass that is running through the owner (see Engine); null
    // and false between passes.
    /** The pass that last visited the owner. */
    long passMark;
    /** The owner's graph inputs, as its gradFn reported them once in this pass. */
    List<Tensor> passInputs;
    /** The gradient summed so far from the owner's consumers. */
    Tensor pendingGrad;
    /** Whether {@link #pendingGrad}'s array belongs to the engine (may be added into). */
    boolean pendingOwned;

    AutogradMeta(Tensor owner) {
        this.owner = owner;
    }

    /** The gradient, with a deferred {@link #zeroGrad()} made real first. */
    synchronized Tensor grad() {
        materializeZeroGrad();
        return grad;
    }

    /** Makes a deferred {@link #zeroGrad()} real, before anyone reads or adds into the gradient's array. */
    private void materializeZeroGrad() {
        if (gradIsZero) {
            grad.storage.fill(0.0);
            gradIsZero = false;
        }
    }

    /**
     * Marks the gradient as zero; the array is cleared when next read or added to, or not at all
     * when overwritten. A gradient whose array is visible from outside (a buffer, a view) is
     * cleared at once, so that what is seen there is always current.
     */
    synchronized void zeroGrad() {
        if (grad != null) {
            gradIsZero = true;
            grad.storage.bumpVersion();
            if (grad.storage.aliased()) {
                materializeZeroGrad();
            }
        }
    }

    synchronized void clearGrad() {
        grad = null;
        gradIsZero = false;
        spare = null;
    }

    /**
     * Adds {@code g} (of the owner's shape, converted to the owner's type if it differs) into the
     * gradient. The first gradient is copied, because the engine may hand over an array that a
     * backward function shares with other tensors.
     */
    synchronized void accumulateGrad(Tensor g) {
        DType dtype = owner.dtype();
        if (grad == null) {
            grad = g.copyAs(dtype);
            return;
        }
        if (gradIsZero) {
            grad.storage.copyFrom(g.storage);
            gradIsZero = false;
            grad.storage.bumpVersion();
            return;
        }
        grad.storage.addFrom(g.dtype() == dtype ? g.storage : g.copyAs(dtype).storage);
        grad.storage.bumpVersion();
    }

    /**
     * The gradient's storage, for a backward function to add its contribution into: created as
     * zeros of the owner's type the first time, then the same one for as long as the gradient is
     * kept, so steady-state training steps allocate no gradient buffer. Bumps the gradient's
     * version.
     */
    synchronized Storage gradAccumulator() {
        if (grad == null) {
            int numel = owner.numel();
            grad = owner.dtype() == DType.FLOAT64 ? new Tensor(new double[numel], owner.shapeRef())
                    : new Tensor(new float[numel], owner.shapeRef());
        } else {
            materializeZeroGrad();
            grad.storage.bumpVersion();
        }
        return grad.storage;
    }

    /**
     * An array for a generated loss's fused forward to write the owner's gradient into, in the
     * same pass that computes the loss; the backward then delivers it with {@link #adoptGradient}
     * (a leaf) or hands it to the engine (a computed tensor). For a leaf, only when its gradient is
     * absent or zeroed (so that the array can simply become the gradient), reusing the array the
     * last adoption exchanged out; null for a leaf whose gradient holds values, where fusing would
     * cost an extra array and pass. A FLOAT32 owner gets a fresh array, delivered by conversion
     * (the float kernels use {@link #fusedFloatGradientArray()}).
     */
    synchronized double[] fusedGradientArray() {
        return (double[]) fusedArray(DType.FLOAT64);
    }

    /**
     * As {@link #fusedGradientArray()}, for a FLOAT32 owner and a generated loss's float kernels:
     * {@code float} gradients, delivered by {@link #adoptGradient} without conversion.
     */
    synchronized float[] fusedFloatGradientArray() {
        return (float[]) fusedArray(DType.FLOAT32);
    }

    private Object fusedArray(DType kernels) {
        int numel = owner.numel();
        if (gradFn != null || owner.dtype() != kernels) {
            return GradientArrays.create(kernels, numel);
        }
        if (grad != null && !gradIsZero) {
            return null;
        }
        Object reused = spare;
        spare = null;
        return GradientArrays.fits(reused, kernels, numel) ? reused : GradientArrays.create(kernels, numel);
    }

    /**
     * Makes {@code array}, a complete gradient of the owner ({@code double[]}, or {@code float[]}
     * for a FLOAT32 owner), its gradient when the gradient is absent or zeroed: the gradient tensor
     * keeps its identity and takes the array, and the array it held is kept for the next fused
     * forward. Returns false, changing nothing, when the gradient holds values, the array is not of
     * the owner's type or the gradient's array is visible from outside (a buffer or view must keep
     * seeing the gradient): the caller adds (or copies) instead.
     */
    synchronized boolean adoptGradient(Object array) {
        if (owner.dtype() != GradientArrays.dtype(array)) {
            return false;
        }
        if (grad == null) {
            grad = GradientArrays.wrap(array, owner.shapeRef());
            return true;
        }
        if (!gradIsZero || grad.storage.aliased()) {
            return false;
        }
        spare = array instanceof double[] d ? grad.exchangeData(d) : grad.exchangeData((float[]) array);
        gradIsZero = false;
        return true;
    }
}
