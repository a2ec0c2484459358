package io.gradgen;

import io.gradgen.autograd.BackwardFunction;
import io.gradgen.autograd.GradMode;
import io.gradgen.autograd.NoGrad;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * A dense, row-major array of {@code double}s with a PyTorch-style autograd graph.
 *
 * <h2>Values</h2>
 * Operations never change their operands: {@code a.add(b)} returns a new tensor with its own
 * array. The only methods that write into an existing tensor are the ones named
 * {@code ...InPlace} (used by optimizers, see below) and the engine's accumulation into
 * {@link #grad()}. A 0-dim tensor (shape {@code []}) holds one value; {@link #scalar(double)}
 * makes one, and reductions such as {@link #sum()} return one.
 *
 * <h2>Autograd</h2>
 * A tensor produced by an operation on inputs of which at least one {@link #requiresGrad()
 * requires grad} records the {@link BackwardFunction} that made it ({@link #gradFn()}), unless
 * grad mode is disabled ({@link NoGrad}). Tensors made by factories are <em>leaves</em>: they have
 * no {@code gradFn}, and {@link #requiresGrad(boolean)} marks the ones to differentiate.
 * {@link #backward()} then fills {@link #grad()} of every leaf that requires grad and is reachable
 * from this tensor:
 * <ul>
 *   <li>it walks the graph in topological order once (iteratively, so long chains cannot overflow
 *       the stack), sums the gradients arriving at each node from all of its consumers, and calls
 *       the node's backward function once with that sum;</li>
 *   <li>it <em>adds</em> into a leaf's existing {@code grad()} instead of replacing it, so a tensor
 *       used twice gets both contributions, and gradients accumulate across backward calls until
 *       {@link #zeroGrad()};</li>
 *   <li>the graph is kept after backward (as with PyTorch's {@code retain_graph=True}): calling
 *       {@code backward()} a second time walks it again and accumulates again;</li>
 *   <li>non-leaf tensors do not keep their gradient unless {@link #retainGrad()} was called.</li>
 * </ul>
 * Backward functions run with grad mode disabled: higher-order gradients are not supported.
 *
 * <h2>Identity</h2>
 * {@code equals} and {@code hashCode} are those of {@link Object}: a tensor is a node of a graph,
 * and two tensors with equal values are still different nodes. Compare values with
 * {@link #allClose(Tensor, double, double)} or {@link #toArray()}.
 *
 * <h2>In-place updates</h2>
 * Optimizers update parameters in place so that the parameter tensors keep their identity (the
 * model keeps referring to them): {@link #addInPlace(Tensor, double)}, {@link #mulInPlace(double)},
 * {@link #addcmulInPlace(Tensor, Tensor, double)}, {@link #addcdivInPlace(Tensor, Tensor, double)},
 * {@link #copyInPlace(Tensor)} and {@link #fillInPlace(double)}. They are refused on a tensor that
 * requires grad while grad mode is enabled, and each one bumps a version counter: a backward
 * that needs a value changed since its forward pass throws instead of returning a wrong gradient.
 *
 * <h2>Threads</h2>
 * A tensor's values never change after it is made (except through the {@code ...InPlace}
 * methods), so any number of threads may read it and build graphs on it at once. Grad mode
 * ({@link GradMode}, {@link NoGrad}) is per thread. {@link #backward()} is safe to call from
 * several threads at once, on one graph or on graphs that share leaves, such as a model's
 * parameters trained by data-parallel workers: backward passes take one lock and run one at a
 * time, so every contribution arrives (in an order that may differ from run to run, as in
 * PyTorch, so sums may differ in the last bits); forward passes still run in parallel.
 * {@link #zeroGrad()}, {@link #clearGrad()} and {@link #grad()} synchronize with accumulation too.
 * What is not safe is writing a tensor in place ({@code ...InPlace}, an optimizer's
 * {@code step()}) while other threads read it or run a backward through it: finish the
 * backward passes first, as a training loop does.
 */
public final class Tensor {

    /**
     * Backing array, row-major; read directly by the runtime and by generated code. Not final for
     * one reason: a leaf's gradient tensor may exchange its array for one a fused forward filled
     * (see {@link #adoptGradient(double[])}); no other tensor's array ever changes identity.
     */
    double[] data;
    /** Incremented by every in-place write, so backward nodes can detect stale saved values. */
    int version;

    private final int[] shape;
    private boolean requiresGrad;
    private BackwardFunction gradFn;
    private Tensor grad;
    /**
     * {@link #zeroGrad()} was called and no gradient has arrived since: {@code grad}'s array holds
     * stale values that read as zeros. Zeroing is deferred so that the first gradient to arrive
     * can be written (or its array adopted) instead of added to zeros: one pass over memory fewer.
     */
    private boolean gradIsZero;
    /** The array {@link #adoptGradient(double[])} last exchanged out of {@code grad}, for the next fused forward. */
    private double[] spareGrad;
    private boolean retainsGrad;

    // Scratch state of the backward pass that is running through this tensor (see Engine); null
    // and false between passes.
    /** The pass that last visited this tensor. */
    long passMark;
    /** This tensor's graph inputs, as its gradFn reported them once in this pass. */
    List<Tensor> passInputs;
    /** The gradient summed so far from this tensor's consumers. */
    Tensor pendingGrad;
    /** Whether {@link #pendingGrad}'s array belongs to the engine (may be added into). */
    boolean pendingOwned;

    /** Wraps {@code data} without copying or validating; the caller guarantees the invariants. */
    Tensor(double[] data, int[] shape) {
        this.data = data;
        this.shape = shape;
    }

    // ---------------------------------------------------------------- factories

    /**
     * A tensor with a copy of {@code data} viewed as {@code shape} (row-major). An empty shape
     * means a 0-dim tensor, so {@code Tensor.of(t.toArray(), t.shape())} always rebuilds
     * {@code t}; {@link #vector(double...)} makes a 1-D tensor without spelling out its length.
     *
     * <pre>{@code Tensor m = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);}</pre>
     *
     * @param data the values, copied
     * @param shape the dimensions, each {@code >= 0}
     * @return a new leaf tensor that does not require grad
     * @throws IllegalArgumentException if a dimension is negative or {@code data.length} is not
     *     the product of the shape; the message names both
     */
    public static Tensor of(double[] data, int... shape) {
        Objects.requireNonNull(data, "Tensor.of: data is null");
        Objects.requireNonNull(shape, "Tensor.of: shape is null");
        int numel = Shapes.checkedNumel("Tensor.of", shape);
        if (numel != data.length) {
            throw new IllegalArgumentException("Tensor.of: data has " + data.length + " elements but shape "
                    + Shapes.format(shape) + " needs " + numel + (shape.length == 0
                            ? "; for a 1-D tensor pass its length, Tensor.of(data, " + data.length
                                    + "), or use Tensor.vector(...)"
                            : ""));
        }
        return new Tensor(data.clone(), shape.clone());
    }

    /**
     * A 1-D tensor with a copy of the values, like {@code torch.tensor([1.0, 2.0, 3.0])}.
     *
     * <pre>{@code Tensor v = Tensor.vector(1, 2, 3);   // shape [3]}</pre>
     *
     * @param values the elements
     * @return a new leaf tensor of shape {@code [values.length]} that does not require grad
     */
    public static Tensor vector(double... values) {
        Objects.requireNonNull(values, "Tensor.vector: values is null");
        return new Tensor(values.clone(), new int[] {values.length});
    }

    /**
     * A 2-D tensor of shape {@code [rows.length, rows[0].length]} with a copy of the rows.
     *
     * @param rows the rows, all of one length
     * @return a new leaf tensor that does not require grad
     * @throws IllegalArgumentException if the rows differ in length
     */
    public static Tensor of(double[][] rows) {
        Objects.requireNonNull(rows, "Tensor.of: rows is null");
        int cols = rows.length == 0 ? 0 : rows[0].length;
        double[] data = new double[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            Objects.requireNonNull(rows[r], "Tensor.of: row " + r + " is null");
            if (rows[r].length != cols) {
                throw new IllegalArgumentException("Tensor.of: row " + r + " has " + rows[r].length
                        + " elements but row 0 has " + cols + "; all rows must have the same length");
            }
            System.arraycopy(rows[r], 0, data, r * cols, cols);
        }
        return new Tensor(data, new int[] {rows.length, cols});
    }

    /**
     * A 0-dim tensor (shape {@code []}) holding {@code value}.
     *
     * @param value the value
     * @return a new leaf tensor that does not require grad
     */
    public static Tensor scalar(double value) {
        return new Tensor(new double[] {value}, Shapes.SCALAR);
    }

    /**
     * A tensor of the given shape filled with zeros.
     *
     * @param shape the dimensions, each {@code >= 0}; none gives a 0-dim tensor
     * @return a new leaf tensor that does not require grad
     * @throws IllegalArgumentException if a dimension is negative
     */
    public static Tensor zeros(int... shape) {
        return new Tensor(new double[Shapes.checkedNumel("Tensor.zeros", shape)], shape.clone());
    }

    /**
     * A tensor of the given shape filled with ones.
     *
     * @param shape the dimensions, each {@code >= 0}; none gives a 0-dim tensor
     * @return a new leaf tensor that does not require grad
     * @throws IllegalArgumentException if a dimension is negative
     */
    public static Tensor ones(int... shape) {
        return filled("Tensor.ones", 1.0, shape);
    }

    /**
     * A tensor of the given shape filled with {@code value}.
     *
     * @param value the fill value
     * @param shape the dimensions, each {@code >= 0}; none gives a 0-dim tensor
     * @return a new leaf tensor that does not require grad
     * @throws IllegalArgumentException if a dimension is negative
     */
    public static Tensor full(double value, int... shape) {
        return filled("Tensor.full", value, shape);
    }

    private static Tensor filled(String factory, double value, int[] shape) {
        double[] data = new double[Shapes.checkedNumel(factory, shape)];
        Arrays.fill(data, value);
        return new Tensor(data, shape.clone());
    }

    /**
     * A tensor of samples from the standard normal distribution, drawn from {@code rng} in
     * row-major order (so a seeded generator gives reproducible tensors).
     *
     * @param rng the source of randomness
     * @param shape the dimensions, each {@code >= 0}
     * @return a new leaf tensor that does not require grad
     * @throws IllegalArgumentException if a dimension is negative
     */
    public static Tensor randn(Random rng, int... shape) {
        Objects.requireNonNull(rng, "Tensor.randn: rng is null");
        double[] data = new double[Shapes.checkedNumel("Tensor.randn", shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = rng.nextGaussian();
        }
        return new Tensor(data, shape.clone());
    }

    /**
     * A tensor of samples from the uniform distribution on [0, 1), drawn from {@code rng} in
     * row-major order.
     *
     * @param rng the source of randomness
     * @param shape the dimensions, each {@code >= 0}
     * @return a new leaf tensor that does not require grad
     * @throws IllegalArgumentException if a dimension is negative
     */
    public static Tensor rand(Random rng, int... shape) {
        Objects.requireNonNull(rng, "Tensor.rand: rng is null");
        double[] data = new double[Shapes.checkedNumel("Tensor.rand", shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = rng.nextDouble();
        }
        return new Tensor(data, shape.clone());
    }

    /**
     * The 1-D tensor {@code [0, 1, ..., n - 1]}.
     *
     * @param n the number of elements, {@code >= 0}
     * @return a new leaf tensor of shape {@code [n]} that does not require grad
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public static Tensor arange(int n) {
        double[] data = new double[Shapes.checkedNumel("Tensor.arange", new int[] {n})];
        for (int i = 0; i < n; i++) {
            data[i] = i;
        }
        return new Tensor(data, new int[] {n});
    }

    /**
     * {@code steps} evenly spaced values from {@code start} to {@code end}, both included, like
     * {@code torch.linspace}.
     *
     * @param start the first value
     * @param end the last value
     * @param steps the number of values, {@code >= 0}
     * @return a new leaf tensor of shape {@code [steps]} that does not require grad
     * @throws IllegalArgumentException if {@code steps} is negative
     */
    public static Tensor linspace(double start, double end, int steps) {
        double[] data = new double[Shapes.checkedNumel("Tensor.linspace", new int[] {steps})];
        double step = steps > 1 ? (end - start) / (steps - 1) : 0;
        for (int i = 0; i < steps; i++) {
            data[i] = start + i * step;
        }
        if (steps > 1) {
            data[steps - 1] = end;
        }
        return new Tensor(data, new int[] {steps});
    }

    // ---------------------------------------------------------------- accessors

    /**
     * The dimensions of this tensor.
     *
     * @return a copy of the shape; empty for a 0-dim tensor
     */
    public int[] shape() {
        return shape.clone();
    }

    /** The shape array itself, for the runtime's own read-only use. */
    int[] shapeRef() {
        return shape;
    }

    /**
     * The size of one dimension.
     *
     * @param dim the dimension; negative values count from the end
     * @return {@code shape()[dim]}
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public int size(int dim) {
        return shape[Shapes.wrapDim("size", dim, shape)];
    }

    /**
     * The number of dimensions.
     *
     * @return {@code shape().length}; 0 for a 0-dim tensor
     */
    public int dim() {
        return shape.length;
    }

    /**
     * The number of elements.
     *
     * @return the product of the shape; 1 for a 0-dim tensor
     */
    public int numel() {
        return data.length;
    }

    /**
     * The value of a one-element tensor (any shape whose product is 1).
     *
     * @return the only element
     * @throws IllegalStateException if the tensor does not have exactly one element
     */
    public double item() {
        if (data.length != 1) {
            throw new IllegalStateException("item() needs a tensor with exactly one element, but this one has shape "
                    + Shapes.format(shape) + " (" + data.length + " elements); use get(...) or toArray() instead");
        }
        return data[0];
    }

    /**
     * The elements in row-major order.
     *
     * @return a copy of the data
     */
    public double[] toArray() {
        return data.clone();
    }

    /**
     * One element, by its multi-index.
     *
     * @param index one non-negative index per dimension; none for a 0-dim tensor
     * @return the element
     * @throws IllegalArgumentException if the number of indices is not {@link #dim()} or an index
     *     is out of bounds; the message names the index and the shape
     */
    public double get(int... index) {
        Objects.requireNonNull(index, "get: index is null");
        if (index.length != shape.length) {
            throw new IllegalArgumentException("get: index " + Arrays.toString(index) + " has " + index.length
                    + " entries but the tensor has shape " + Shapes.format(shape) + " (" + shape.length
                    + " dimensions)");
        }
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            if (index[d] < 0 || index[d] >= shape[d]) {
                throw new IllegalArgumentException("get: index " + Arrays.toString(index) + " is out of bounds for shape "
                        + Shapes.format(shape) + " (index " + index[d] + " in dimension " + d + " of size " + shape[d]
                        + ")");
            }
            flat = flat * shape[d] + index[d];
        }
        return data[flat];
    }

    /**
     * Whether this tensor has the same shape as {@code other} and every pair of elements is close:
     * {@code |a - b| <= atol + rtol * |b|}, like {@code torch.allclose}. NaNs are never close.
     *
     * @param other the tensor to compare with
     * @param rtol the relative tolerance
     * @param atol the absolute tolerance
     * @return whether the values match within the tolerances
     * @throws IllegalArgumentException if a tolerance is negative or NaN, as in PyTorch
     */
    public boolean allClose(Tensor other, double rtol, double atol) {
        Objects.requireNonNull(other, "allClose: other is null");
        if (!(rtol >= 0) || !(atol >= 0)) {
            throw new IllegalArgumentException("allClose: rtol and atol must be >= 0, got rtol=" + rtol + ", atol=" + atol);
        }
        if (!Arrays.equals(shape, other.shape)) {
            return false;
        }
        for (int i = 0; i < data.length; i++) {
            double a = data[i];
            double b = other.data[i];
            if (a != b && !(Math.abs(a - b) <= atol + rtol * Math.abs(b))) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- autograd

    /**
     * Whether gradients flow to this tensor: true for leaves marked with
     * {@link #requiresGrad(boolean)} and for every tensor computed from one while grad mode was
     * enabled.
     *
     * @return whether this tensor requires grad
     */
    public boolean requiresGrad() {
        return requiresGrad;
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
        if (gradFn != null && !requiresGrad) {
            throw new IllegalStateException("requiresGrad(false) can only be called on a leaf tensor, but this one was"
                    + " computed by " + gradFn.name() + "; use detach() to get a copy that is not part of the graph");
        }
        if (gradFn == null) {
            this.requiresGrad = requiresGrad;
        }
        return this;
    }

    /**
     * The gradient accumulated by backward calls.
     *
     * @return a tensor of this tensor's shape, or null until a backward reaches this tensor (and
     *     always null for non-leaf tensors unless {@link #retainGrad()} was called). The engine
     *     adds later gradients into this same tensor in place.
     */
    public synchronized Tensor grad() {
        materializeZeroGrad();
        return grad;
    }

    /** Makes a deferred {@link #zeroGrad()} real, before anyone reads or adds into the gradient's array. */
    private void materializeZeroGrad() {
        if (gradIsZero) {
            Arrays.fill(grad.data, 0.0);
            gradIsZero = false;
        }
    }

    /**
     * The backward function of the operation that produced this tensor.
     *
     * @return the graph node, or null on a leaf
     */
    public BackwardFunction gradFn() {
        return gradFn;
    }

    /**
     * Whether this tensor is a leaf of the graph: made by a factory, by {@link #detach()}, under
     * no-grad, or from inputs none of which required grad.
     *
     * @return {@code gradFn() == null}
     */
    public boolean isLeaf() {
        return gradFn == null;
    }

    /**
     * Makes {@link #backward()} keep this non-leaf tensor's gradient in {@link #grad()}, like
     * PyTorch's {@code retain_grad()}. Does nothing on a leaf, whose gradient is always kept.
     *
     * @return this tensor
     * @throws IllegalStateException if this tensor does not require grad
     */
    public Tensor retainGrad() {
        if (!requiresGrad) {
            throw new IllegalStateException("retainGrad() needs a tensor that requires grad; this one does not");
        }
        if (gradFn != null) {
            retainsGrad = true;
        }
        return this;
    }

    /**
     * Computes the gradient of this one-element tensor (usually a loss) with respect to every leaf
     * that requires grad and adds it to their {@link #grad()}. Same as
     * {@code backward(Tensor.ones(shape()))}; see the class documentation for the semantics.
     *
     * @throws IllegalStateException if this tensor does not require grad, or if it has more than
     *     one element (then pass a gradient of its shape to {@link #backward(Tensor)})
     */
    public void backward() {
        checkBackwardRoot();
        if (data.length != 1) {
            throw new IllegalStateException("backward() without a gradient needs a one-element tensor, but this one has"
                    + " shape " + Shapes.format(shape) + "; call backward(gradient) with a gradient of shape "
                    + Shapes.format(shape) + " (for example Tensor.ones" + Shapes.format(shape).replace('[', '(')
                            .replace(']', ')') + ") or reduce this tensor first, e.g. with sum() or mean()");
        }
        Engine.backward(this, new Tensor(new double[] {1.0}, shape));
    }

    /**
     * Computes the vector-Jacobian product of this tensor with {@code gradient} for every leaf
     * that requires grad and adds it to their {@link #grad()}, like PyTorch's
     * {@code backward(gradient)}.
     *
     * @param gradient the gradient of some scalar with respect to this tensor; same shape as this
     * @throws IllegalStateException if this tensor does not require grad
     * @throws IllegalArgumentException if {@code gradient}'s shape differs from this tensor's
     */
    public void backward(Tensor gradient) {
        Objects.requireNonNull(gradient, "backward: gradient is null; use backward() for a one-element tensor");
        checkBackwardRoot();
        if (!Arrays.equals(shape, gradient.shape)) {
            throw new IllegalArgumentException("backward: gradient has shape " + Shapes.format(gradient.shape)
                    + " but the tensor has shape " + Shapes.format(shape) + "; they must be equal");
        }
        Engine.backward(this, gradient);
    }

    private void checkBackwardRoot() {
        if (!requiresGrad) {
            throw new IllegalStateException("element 0 of tensors does not require grad and does not have a grad_fn:"
                    + " this tensor of shape " + Shapes.format(shape) + " was not computed from any tensor that requires"
                    + " grad. Call requiresGrad(true) on the leaf tensors to differentiate (inputs or parameters) before"
                    + " computing it, and do not compute it inside a NoGrad scope");
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
        return new Tensor(data.clone(), shape);
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
    public synchronized void zeroGrad() {
        if (grad != null) {
            gradIsZero = true;
            grad.version++;
        }
    }

    /** Drops the accumulated gradient: {@link #grad()} is null afterwards. */
    public synchronized void clearGrad() {
        grad = null;
        gradIsZero = false;
        spareGrad = null;
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
        double[] o = operandFor("addInPlace", other);
        checkInPlace("addInPlace");
        for (int i = 0; i < data.length; i++) {
            data[i] += alpha * o[i];
        }
        return this;
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
        for (int i = 0; i < data.length; i++) {
            data[i] *= factor;
        }
        return this;
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
        double[] a = operandFor("addcmulInPlace", t1);
        double[] b = operandFor("addcmulInPlace", t2);
        checkInPlace("addcmulInPlace");
        for (int i = 0; i < data.length; i++) {
            data[i] += value * a[i] * b[i];
        }
        return this;
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
        double[] a = operandFor("addcdivInPlace", t1);
        double[] b = operandFor("addcdivInPlace", t2);
        checkInPlace("addcdivInPlace");
        for (int i = 0; i < data.length; i++) {
            data[i] += value * a[i] / b[i];
        }
        return this;
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
        double[] s = operandFor("copyInPlace", source);
        checkInPlace("copyInPlace");
        System.arraycopy(s, 0, data, 0, data.length);
        return this;
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
        Arrays.fill(data, value);
        return this;
    }

    /** {@code other}'s data at this tensor's shape, for an in-place operation. */
    private double[] operandFor(String op, Tensor other) {
        Objects.requireNonNull(other, op + ": argument is null");
        if (Arrays.equals(other.shape, shape)) {
            return other.data;
        }
        int[] target = Shapes.broadcast(op, shape, other.shape);
        if (!Arrays.equals(target, shape)) {
            throw new IllegalArgumentException(op + ": a tensor of shape " + Shapes.format(other.shape)
                    + " cannot be broadcast to this tensor's shape " + Shapes.format(shape));
        }
        return Shapes.expand(other.data, other.shape, shape);
    }

    /** Refuses a write that would corrupt a recorded graph, and otherwise bumps the version. */
    private void checkInPlace(String op) {
        if (requiresGrad && GradMode.isEnabled()) {
            throw new IllegalStateException(op + ": a tensor that requires grad cannot be modified in place while grad"
                    + " mode is enabled, because the recorded graph would compute wrong gradients; do the update inside"
                    + " try (var g = NoGrad.enter()) { ... }");
        }
        version++;
    }

    // ---------------------------------------------------------------- graph plumbing for the runtime

    /** True when an operation on {@code a} must record a backward node. */
    static boolean recording(Tensor a) {
        return a.requiresGrad && GradMode.isEnabled();
    }

    /** True when an operation on {@code a} and {@code b} must record a backward node. */
    static boolean recording(Tensor a, Tensor b) {
        return (a.requiresGrad || b.requiresGrad) && GradMode.isEnabled();
    }

    /** Makes this freshly computed tensor a non-leaf produced by {@code node}. */
    Tensor withGradFn(BackwardFunction node) {
        this.gradFn = node;
        this.requiresGrad = true;
        return this;
    }

    boolean retainsGrad() {
        return retainsGrad;
    }

    /**
     * Adds {@code g} into {@link #grad()}. The first gradient is copied, because the engine may hand
     * over an array that a backward function shares with other tensors. Synchronized, since
     * backward passes on other threads may reach this tensor at the same time (see the class
     * comment): every contribution is added, none lost.
     */
    synchronized void accumulateGrad(Tensor g) {
        if (grad == null) {
            grad = new Tensor(g.data.clone(), shape);
            return;
        }
        if (gradIsZero) {
            System.arraycopy(g.data, 0, grad.data, 0, data.length);
            gradIsZero = false;
            grad.version++;
            return;
        }
        double[] target = grad.data;
        double[] source = g.data;
        for (int i = 0; i < target.length; i++) {
            target[i] += source[i];
        }
        grad.version++;
    }

    /**
     * Whether a backward function may add this input's gradient straight into
     * {@link #gradAccumulator()} instead of returning it: true for leaves that require grad, whose
     * gradient the engine would only add into {@link #grad()} anyway.
     */
    boolean acceptsDirectGrad() {
        return gradFn == null && requiresGrad;
    }

    /**
     * This leaf's gradient array, for a backward function to add its contribution into (see
     * {@link #acceptsDirectGrad()}): created as zeros the first time, then the same array for as
     * long as the gradient is kept, so steady-state training steps allocate no gradient buffer.
     * Bumps the gradient's version, like {@link #accumulateGrad(Tensor)}.
     */
    synchronized double[] gradAccumulator() {
        if (grad == null) {
            grad = new Tensor(new double[data.length], shape);
        } else {
            materializeZeroGrad();
            grad.version++;
        }
        return grad.data;
    }

    /**
     * An array for a generated loss's fused forward to write this input's gradient into, in the
     * same pass that computes the loss; the backward then delivers it with
     * {@link #adoptGradient(double[])} (a leaf) or hands it to the engine (a computed tensor).
     * For a leaf, only when its gradient is absent or zeroed (so that the array can simply become
     * the gradient), reusing the array the last adoption exchanged out; null for a leaf whose
     * gradient holds values, where fusing would cost an extra array and pass.
     */
    synchronized double[] fusedGradientArray() {
        if (gradFn != null) {
            return new double[data.length];
        }
        if (grad != null && !gradIsZero) {
            return null;
        }
        double[] spare = spareGrad;
        spareGrad = null;
        return spare != null && spare.length == data.length ? spare : new double[data.length];
    }

    /**
     * Makes {@code array}, a complete gradient of this leaf, its {@link #grad()} when the gradient
     * is absent or zeroed: the gradient tensor keeps its identity and takes the array, and the
     * array it held is kept for the next fused forward. Returns false, changing nothing, when the
     * gradient holds values (the caller adds instead).
     */
    synchronized boolean adoptGradient(double[] array) {
        if (grad == null) {
            grad = new Tensor(array, shape);
            return true;
        }
        if (!gradIsZero) {
            return false;
        }
        spareGrad = grad.data;
        grad.data = array;
        gradIsZero = false;
        grad.version++;
        return true;
    }

    // ---------------------------------------------------------------- elementwise operations

    /**
     * {@code this + other}, elementwise with broadcasting.
     *
     * @param other the other operand; its shape broadcasts with this one's
     * @return a tensor of the broadcast shape ({@code AddBackward})
     * @throws IllegalArgumentException if the shapes cannot be broadcast; the message names both
     */
    public Tensor add(Tensor other) {
        return Elementwise.binary(Elementwise.Binary.ADD, this, other);
    }

    /**
     * {@code this + value}, elementwise.
     *
     * @param value the value to add
     * @return a tensor of this shape ({@code AddBackward})
     */
    public Tensor add(double value) {
        return Elementwise.binary(Elementwise.Binary.ADD, this, scalar(value));
    }

    /**
     * {@code this - other}, elementwise with broadcasting.
     *
     * @param other the other operand; its shape broadcasts with this one's
     * @return a tensor of the broadcast shape ({@code SubBackward})
     * @throws IllegalArgumentException if the shapes cannot be broadcast; the message names both
     */
    public Tensor sub(Tensor other) {
        return Elementwise.binary(Elementwise.Binary.SUB, this, other);
    }

    /**
     * {@code this - value}, elementwise.
     *
     * @param value the value to subtract
     * @return a tensor of this shape ({@code SubBackward})
     */
    public Tensor sub(double value) {
        return Elementwise.binary(Elementwise.Binary.SUB, this, scalar(value));
    }

    /**
     * {@code this * other}, elementwise with broadcasting.
     *
     * @param other the other operand; its shape broadcasts with this one's
     * @return a tensor of the broadcast shape ({@code MulBackward})
     * @throws IllegalArgumentException if the shapes cannot be broadcast; the message names both
     */
    public Tensor mul(Tensor other) {
        return Elementwise.binary(Elementwise.Binary.MUL, this, other);
    }

    /**
     * {@code this * value}, elementwise.
     *
     * @param value the factor
     * @return a tensor of this shape ({@code MulBackward})
     */
    public Tensor mul(double value) {
        return Elementwise.binary(Elementwise.Binary.MUL, this, scalar(value));
    }

    /**
     * {@code this / other}, elementwise with broadcasting.
     *
     * @param other the divisor; its shape broadcasts with this one's
     * @return a tensor of the broadcast shape ({@code DivBackward})
     * @throws IllegalArgumentException if the shapes cannot be broadcast; the message names both
     */
    public Tensor div(Tensor other) {
        return Elementwise.binary(Elementwise.Binary.DIV, this, other);
    }

    /**
     * {@code this / value}, elementwise.
     *
     * @param value the divisor
     * @return a tensor of this shape ({@code DivBackward})
     */
    public Tensor div(double value) {
        return Elementwise.binary(Elementwise.Binary.DIV, this, scalar(value));
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
        return Elementwise.binary(Elementwise.Binary.POW, this, exponent);
    }

    /**
     * {@code this ^ exponent}, elementwise; gradient {@code exponent * x^(exponent-1)}, and 0
     * everywhere when {@code exponent == 0}.
     *
     * @param exponent the exponent
     * @return a tensor of this shape ({@code PowBackward})
     */
    public Tensor pow(double exponent) {
        return Elementwise.unary(Elementwise.Unary.POW, this, exponent, 0);
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
        return Elementwise.binary(Elementwise.Binary.MAXIMUM, this, other);
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
        return Elementwise.binary(Elementwise.Binary.MINIMUM, this, other);
    }

    /**
     * {@code -this}, elementwise.
     *
     * @return a tensor of this shape ({@code NegBackward})
     */
    public Tensor neg() {
        return Elementwise.unary(Elementwise.Unary.NEG, this, 0, 0);
    }

    /**
     * {@code e^x}, elementwise.
     *
     * @return a tensor of this shape ({@code ExpBackward})
     */
    public Tensor exp() {
        return Elementwise.unary(Elementwise.Unary.EXP, this, 0, 0);
    }

    /**
     * The natural logarithm, elementwise; gradient {@code 1/x}.
     *
     * @return a tensor of this shape ({@code LogBackward})
     */
    public Tensor log() {
        return Elementwise.unary(Elementwise.Unary.LOG, this, 0, 0);
    }

    /**
     * {@code log(1 + x)}, elementwise, accurate for small {@code x}; gradient {@code 1/(1+x)}.
     *
     * @return a tensor of this shape ({@code Log1pBackward})
     */
    public Tensor log1p() {
        return Elementwise.unary(Elementwise.Unary.LOG1P, this, 0, 0);
    }

    /**
     * The square root, elementwise; gradient {@code 1/(2 sqrt(x))}.
     *
     * @return a tensor of this shape ({@code SqrtBackward})
     */
    public Tensor sqrt() {
        return Elementwise.unary(Elementwise.Unary.SQRT, this, 0, 0);
    }

    /**
     * The absolute value, elementwise; gradient {@code sign(x)}, which is 0 at 0 as in PyTorch.
     *
     * @return a tensor of this shape ({@code AbsBackward})
     */
    public Tensor abs() {
        return Elementwise.unary(Elementwise.Unary.ABS, this, 0, 0);
    }

    /**
     * {@code max(x, 0)}, elementwise, with NaN propagated; gradient 1 where {@code x > 0}, else 0
     * (so 0 at 0, as in PyTorch).
     *
     * @return a tensor of this shape ({@code ReluBackward})
     */
    public Tensor relu() {
        return Elementwise.unary(Elementwise.Unary.RELU, this, 0, 0);
    }

    /**
     * The logistic function {@code 1/(1+e^-x)}, elementwise, computed without overflow (see
     * {@link Functions#sigmoid(double)}); gradient {@code s(1-s)}.
     *
     * @return a tensor of this shape ({@code SigmoidBackward})
     */
    public Tensor sigmoid() {
        return Elementwise.unary(Elementwise.Unary.SIGMOID, this, 0, 0);
    }

    /**
     * The hyperbolic tangent, elementwise; gradient {@code 1 - tanh(x)^2}.
     *
     * @return a tensor of this shape ({@code TanhBackward})
     */
    public Tensor tanh() {
        return Elementwise.unary(Elementwise.Unary.TANH, this, 0, 0);
    }

    /**
     * The sine, elementwise; gradient {@code cos(x)}.
     *
     * @return a tensor of this shape ({@code SinBackward})
     */
    public Tensor sin() {
        return Elementwise.unary(Elementwise.Unary.SIN, this, 0, 0);
    }

    /**
     * The cosine, elementwise; gradient {@code -sin(x)}.
     *
     * @return a tensor of this shape ({@code CosBackward})
     */
    public Tensor cos() {
        return Elementwise.unary(Elementwise.Unary.COS, this, 0, 0);
    }

    /**
     * {@code log(1 + e^x)}, elementwise, as {@link Functions#softplus(double)} (returns {@code x}
     * for {@code x > 20}, like PyTorch's threshold); gradient {@code sigmoid(x)}, and 1 above the
     * threshold.
     *
     * @return a tensor of this shape ({@code SoftplusBackward})
     */
    public Tensor softplus() {
        return Elementwise.unary(Elementwise.Unary.SOFTPLUS, this, 0, 0);
    }

    /**
     * {@code log(sigmoid(x))}, elementwise, computed stably as {@link Functions#logSigmoid(double)};
     * gradient {@code sigmoid(-x)}.
     *
     * @return a tensor of this shape ({@code LogSigmoidBackward})
     */
    public Tensor logSigmoid() {
        return Elementwise.unary(Elementwise.Unary.LOG_SIGMOID, this, 0, 0);
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
        return Elementwise.unary(Elementwise.Unary.CLAMP, this, lo, hi);
    }

    /**
     * Chooses elementwise between two tensors, like {@code torch.where(condition, a, b)}: where
     * {@code condition} is nonzero the result takes {@code a}'s element, elsewhere {@code b}'s. The
     * gradient flows to the chosen operand only; {@code condition} gets none.
     *
     * @param condition the selector; nonzero (including NaN) selects {@code a}
     * @param a the values where the condition holds
     * @param b the values elsewhere
     * @return a tensor of the shape all three broadcast to ({@code WhereBackward})
     * @throws IllegalArgumentException if the shapes cannot be broadcast
     */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        return Elementwise.where(condition, a, b);
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
        return Elementwise.where(condition, this, other);
    }

    /**
     * {@code this > other} elementwise with broadcasting, as 1.0 or 0.0; not differentiable.
     *
     * @param other the right-hand side
     * @return a tensor of the broadcast shape that does not require grad
     * @throws IllegalArgumentException if the shapes cannot be broadcast
     */
    public Tensor gt(Tensor other) {
        return Elementwise.binary(Elementwise.Binary.GT, this, other);
    }

    /**
     * {@code this > value} elementwise, as 1.0 or 0.0; not differentiable.
     *
     * @param value the right-hand side
     * @return a tensor of this shape that does not require grad
     */
    public Tensor gt(double value) {
        return Elementwise.binary(Elementwise.Binary.GT, this, scalar(value));
    }

    /**
     * {@code this < other} elementwise with broadcasting, as 1.0 or 0.0; not differentiable.
     *
     * @param other the right-hand side
     * @return a tensor of the broadcast shape that does not require grad
     * @throws IllegalArgumentException if the shapes cannot be broadcast
     */
    public Tensor lt(Tensor other) {
        return Elementwise.binary(Elementwise.Binary.LT, this, other);
    }

    /**
     * {@code this < value} elementwise, as 1.0 or 0.0; not differentiable.
     *
     * @param value the right-hand side
     * @return a tensor of this shape that does not require grad
     */
    public Tensor lt(double value) {
        return Elementwise.binary(Elementwise.Binary.LT, this, scalar(value));
    }

    /**
     * {@code this >= other} elementwise with broadcasting, as 1.0 or 0.0; not differentiable.
     *
     * @param other the right-hand side
     * @return a tensor of the broadcast shape that does not require grad
     * @throws IllegalArgumentException if the shapes cannot be broadcast
     */
    public Tensor ge(Tensor other) {
        return Elementwise.binary(Elementwise.Binary.GE, this, other);
    }

    /**
     * {@code this >= value} elementwise, as 1.0 or 0.0; not differentiable.
     *
     * @param value the right-hand side
     * @return a tensor of this shape that does not require grad
     */
    public Tensor ge(double value) {
        return Elementwise.binary(Elementwise.Binary.GE, this, scalar(value));
    }

    /**
     * {@code this <= other} elementwise with broadcasting, as 1.0 or 0.0; not differentiable.
     *
     * @param other the right-hand side
     * @return a tensor of the broadcast shape that does not require grad
     * @throws IllegalArgumentException if the shapes cannot be broadcast
     */
    public Tensor le(Tensor other) {
        return Elementwise.binary(Elementwise.Binary.LE, this, other);
    }

    /**
     * {@code this <= value} elementwise, as 1.0 or 0.0; not differentiable.
     *
     * @param value the right-hand side
     * @return a tensor of this shape that does not require grad
     */
    public Tensor le(double value) {
        return Elementwise.binary(Elementwise.Binary.LE, this, scalar(value));
    }

    /**
     * {@code this == other} elementwise with broadcasting, as 1.0 or 0.0; not differentiable.
     *
     * @param other the right-hand side
     * @return a tensor of the broadcast shape that does not require grad
     * @throws IllegalArgumentException if the shapes cannot be broadcast
     */
    public Tensor eq(Tensor other) {
        return Elementwise.binary(Elementwise.Binary.EQ, this, other);
    }

    /**
     * {@code this == value} elementwise, as 1.0 or 0.0; not differentiable.
     *
     * @param value the right-hand side
     * @return a tensor of this shape that does not require grad
     */
    public Tensor eq(double value) {
        return Elementwise.binary(Elementwise.Binary.EQ, this, scalar(value));
    }

    // ---------------------------------------------------------------- reductions

    /**
     * The sum of all elements.
     *
     * @return a 0-dim tensor ({@code SumBackward}); 0 for an empty tensor
     */
    public Tensor sum() {
        return Reductions.sumAll(this, false);
    }

    /**
     * The mean of all elements.
     *
     * @return a 0-dim tensor ({@code MeanBackward}); NaN for an empty tensor, as in PyTorch
     */
    public Tensor mean() {
        return Reductions.sumAll(this, true);
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
        return Reductions.sumDim(this, dim, keepDim, false);
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
        return Reductions.sumDim(this, dim, keepDim, true);
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
        return Reductions.logSumExp(this, dim, keepDim);
    }

    /**
     * The softmax {@code exp(x - logSumExp(x))} along one dimension.
     *
     * @param dim the dimension whose entries sum to 1; negative values count from the end
     * @return a tensor of this shape ({@code SoftmaxBackward})
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor softmax(int dim) {
        return Reductions.softmax(this, dim, false);
    }

    /**
     * The log-softmax {@code x - logSumExp(x)} along one dimension, computed stably.
     *
     * @param dim the dimension to normalise; negative values count from the end
     * @return a tensor of this shape ({@code LogSoftmaxBackward})
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor logSoftmax(int dim) {
        return Reductions.softmax(this, dim, true);
    }

    // ---------------------------------------------------------------- shapes, products, indexing

    /**
     * The same elements in a new shape (row-major order is kept). One entry may be -1: it is
     * inferred from the element count.
     *
     * @param newShape the new dimensions
     * @return a tensor of the new shape ({@code ReshapeBackward})
     * @throws IllegalArgumentException if the shape does not fit the element count, has more than
     *     one -1, or an entry below -1
     */
    public Tensor reshape(int... newShape) {
        return ShapeOps.reshape(this, newShape);
    }

    /**
     * Swaps two dimensions, like {@code torch.transpose}.
     *
     * @param dim0 a dimension; negative values count from the end
     * @param dim1 the other dimension
     * @return a tensor with those two sizes swapped ({@code TransposeBackward})
     * @throws IllegalArgumentException if a dimension is out of range
     */
    public Tensor transpose(int dim0, int dim1) {
        return ShapeOps.transpose(this, dim0, dim1);
    }

    /**
     * The transpose of a 2-D tensor; a 0-dim or 1-D tensor is returned as a copy unchanged, as
     * PyTorch's {@code t()}.
     *
     * @return the transposed tensor ({@code TransposeBackward})
     * @throws IllegalArgumentException if this tensor has more than 2 dimensions
     */
    public Tensor t() {
        if (shape.length > 2) {
            throw new IllegalArgumentException("t() expects a tensor with at most 2 dimensions, but this one has shape "
                    + Shapes.format(shape) + "; use transpose(dim0, dim1)");
        }
        return shape.length == 2 ? ShapeOps.transpose(this, 0, 1) : ShapeOps.reshape(this, shape);
    }

    /**
     * The matrix product, following {@code torch.matmul}: 1-D × 1-D is the dot product (0-dim
     * result); 2-D × 2-D is {@code [n, k] × [k, m] → [n, m]}; a 1-D left operand is treated as a
     * row and a 1-D right operand as a column, and that dimension is removed from the result; with
     * more dimensions the leading ones are batch dimensions and broadcast, e.g.
     * {@code [b, n, k] × [k, m] → [b, n, m]}.
     *
     * @param other the right operand
     * @return the product ({@code MatmulBackward})
     * @throws IllegalArgumentException if an operand is 0-dim, the inner sizes differ, or the batch
     *     dimensions cannot be broadcast; the message names both shapes
     */
    public Tensor matmul(Tensor other) {
        return Linalg.matmul(this, other);
    }

    /**
     * {@code this · weightᵀ + bias} in one fused operation, like
     * {@code torch.nn.functional.linear}: no transposed copy of the weight, one output array, and
     * a backward ({@code LinearBackward}) that adds the weight's and bias's gradients straight into
     * their {@link #grad()} arrays when they are leaves.
     *
     * @param weight the weight, shape {@code [out, in]}
     * @param bias the bias, shape {@code [out]}, or null for none
     * @return a tensor of shape {@code [..., out]} for this tensor's shape {@code [..., in]}
     * @throws IllegalArgumentException if this tensor is 0-dim, its last dimension is not
     *     {@code in}, the weight is not 2-D or the bias is not {@code [out]}
     */
    public Tensor linear(Tensor weight, Tensor bias) {
        return Linalg.linear(this, weight, bias);
    }

    /**
     * Picks one element of each row of the last dimension: for a tensor of shape
     * {@code [..., c]} and an {@code index} of shape {@code [...]} holding integral values in
     * {@code [0, c)}, the result at position {@code p} is {@code this[p, index[p]]}. With
     * {@link #logSoftmax(int)} it builds a cross-entropy from operations:
     * {@code logits.logSoftmax(-1).gatherLast(target).neg().mean()}.
     *
     * @param index the column to pick at each position; does not need grad
     * @return a tensor of {@code index}'s shape ({@code GatherBackward})
     * @throws IllegalArgumentException if this tensor is 0-dim, the shapes do not match, or an
     *     index value is not an integer in range; the message names the position and the value
     */
    public Tensor gatherLast(Tensor index) {
        return IndexOps.gatherLast(this, index);
    }

    // ---------------------------------------------------------------- printing

    /**
     * A PyTorch-style rendering of the values, shape and graph role, e.g.
     * {@code tensor([[1.0000, 2.0000], [3.0000, 4.0000]], shape=[2, 2], grad_fn=<MulBackward>)}
     * (with rows on separate lines). Tensors of more than 1000 elements show the first and last
     * three entries of each dimension around an ellipsis.
     *
     * @return the rendering
     */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }
}
