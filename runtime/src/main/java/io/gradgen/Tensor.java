package io.gradgen;

import io.gradgen.autograd.BackwardFunction;
import io.gradgen.autograd.GradMode;
import io.gradgen.autograd.NoGrad;
import java.util.Arrays;
import java.util.Objects;
import java.util.Random;

/**
 * A dense, row-major array of {@code double}s ({@link DType#FLOAT64}, the default) or
 * {@code float}s ({@link DType#FLOAT32}) with a PyTorch-style autograd graph.
 *
 * <h2>Values</h2>
 * Operations never change their operands: {@code a.add(b)} returns a new tensor with its own
 * array; only the views {@link #unsqueeze(int)} and {@link #squeeze(int)} and {@link #wrap}
 * share elements. The only methods that write into an existing tensor are the ones named
 * {@code ...InPlace} (used by optimizers, see below) and the engine's accumulation into
 * {@link #grad()}. A 0-dim tensor (shape {@code []}) holds one value; {@link #scalar(double)}
 * makes one, and reductions such as {@link #sum()} return one. Operations on FLOAT32 tensors
 * return FLOAT32 tensors (see {@link DType} for mixed types).
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
 *
 * <h2>Where the methods live</h2>
 * {@code Tensor} is one public type built in layers, one file per concern, so that each reads on
 * its own (the layers are not public; their public methods are {@code Tensor}'s):
 * {@code TensorValues} holds the elements ({@code Storage}) and shape and the methods that read
 * them; {@code TensorAutograd} the graph state (an {@code AutogradMeta}), backward and the in-place
 * updates; {@code TensorArithmetic} the elementwise operations and reductions;
 * {@code TensorShapes} the shape operations, products and indexing; this class the factories and
 * conversions. The kernels and backward nodes of each family live in {@code Elementwise},
 * {@code ElementwiseUnary}, {@code Reductions}, {@code ShapeOps}, {@code Matmul}, {@code Linalg}
 * and {@code IndexOps}; the engine in {@code Engine}.
 */
public final class Tensor extends TensorShapes {

    /** Views {@code storage} as {@code shape} without copying or validating; the caller guarantees the invariants. */
    Tensor(Storage storage, int[] shape) {
        super(storage, shape);
    }

    /** A FLOAT64 tensor over {@code data}, without copying or validating. */
    Tensor(double[] data, int[] shape) {
        this(new Storage(data), shape);
    }

    /** A FLOAT32 tensor over {@code data}, without copying or validating. */
    Tensor(float[] data, int[] shape) {
        this(new Storage(data), shape);
    }

    /**
     * A tensor of {@code dtype} holding {@code values}, which an operation computed in double: the
     * array itself for FLOAT64, rounded to float for FLOAT32.
     */
    static Tensor fromDoubles(double[] values, int[] shape, DType dtype) {
        return new Tensor(dtype == DType.FLOAT64 ? new Storage(values) : Storage.narrowed(values), shape);
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
        checkLength("Tensor.of", data.length, shape);
        return new Tensor(data.clone(), shape.clone());
    }

    /** Checks that {@code length} elements fill {@code shape}, with a message naming both. */
    private static void checkLength(String factory, int length, int[] shape) {
        if (shape == null) {
            throw new NullPointerException(factory + ": shape is null");
        }
        int numel = Shapes.checkedNumel(factory, shape);
        if (numel != length) {
            throw new IllegalArgumentException(factory + ": data has " + length + " elements but shape "
                    + Shapes.format(shape) + " needs " + numel + (shape.length == 0
                            ? "; for a 1-D tensor pass its length, " + factory + "(data, " + length
                                    + "), or use Tensor.vector(...)"
                            : ""));
        }
    }

    /**
     * A {@link DType#FLOAT32} tensor with a copy of {@code data} viewed as {@code shape}
     * (row-major), like {@code torch.tensor(data, dtype=torch.float32)}. Operations on it compute
     * in float32 and its gradients are float32.
     *
     * @param data the values, copied
     * @param shape the dimensions, each {@code >= 0}; none gives a 0-dim tensor
     * @return a new leaf tensor that does not require grad
     * @throws IllegalArgumentException if a dimension is negative or {@code data.length} is not
     *     the product of the shape; the message names both
     */
    public static Tensor of(float[] data, int... shape) {
        Objects.requireNonNull(data, "Tensor.of: data is null");
        checkLength("Tensor.of", data.length, shape);
        return new Tensor(data.clone(), shape.clone());
    }

    /**
     * A tensor over {@code data} itself, without a copy, viewed as {@code shape} (row-major): the
     * tensor reads and writes {@code data}, so the caller's later writes to the array show in the
     * tensor and the tensor's in-place updates ({@code ...InPlace}, an optimizer's step) show in
     * the array. Writes through the tensor bump its version counter, so a backward that saved it
     * detects them; writes made directly to the array cannot be detected, so do not make them while
     * a graph that read the tensor still needs its backward.
     *
     * <pre>{@code double[] weights = new double[784 * 10];
     * Tensor w = Tensor.wrap(weights, 10, 784).requiresGrad(true);   // trained in place}</pre>
     *
     * @param data the values, not copied
     * @param shape the dimensions, each {@code >= 0}; none gives a 0-dim tensor
     * @return a new leaf tensor that does not require grad
     * @throws IllegalArgumentException if a dimension is negative or {@code data.length} is not
     *     the product of the shape; the message names both
     */
    public static Tensor wrap(double[] data, int... shape) {
        Objects.requireNonNull(data, "Tensor.wrap: data is null");
        checkLength("Tensor.wrap", data.length, shape);
        return new Tensor(new Storage(data).alias(), shape.clone());
    }

    /**
     * A {@link DType#FLOAT32} tensor over {@code data} itself, without a copy (see
     * {@link #wrap(double[], int...)}).
     *
     * @param data the values, not copied
     * @param shape the dimensions, each {@code >= 0}; none gives a 0-dim tensor
     * @return a new leaf tensor that does not require grad
     * @throws IllegalArgumentException if a dimension is negative or {@code data.length} is not
     *     the product of the shape; the message names both
     */
    public static Tensor wrap(float[] data, int... shape) {
        Objects.requireNonNull(data, "Tensor.wrap: data is null");
        checkLength("Tensor.wrap", data.length, shape);
        return new Tensor(new Storage(data).alias(), shape.clone());
    }

    /**
     * A 1-D tensor of class indices or labels, for the {@code int} parameters of generated losses
     * and for {@link #gatherLast(Tensor)}: a {@link DType#FLOAT64} tensor of shape
     * {@code [classes.length]} holding the integers exactly. Reshape it for more dimensions.
     *
     * <pre>{@code Tensor loss = new CrossEntropyLoss().forward(logits, Tensor.labels(new int[] {2, 0, 1}));}</pre>
     *
     * @param classes the integers, copied
     * @return a new leaf tensor that does not require grad
     */
    public static Tensor labels(int[] classes) {
        Objects.requireNonNull(classes, "Tensor.labels: classes is null");
        double[] data = new double[classes.length];
        for (int i = 0; i < data.length; i++) {
            data[i] = classes[i];
        }
        return new Tensor(data, new int[] {data.length});
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

    // ---------------------------------------------------------------- element types

    /**
     * This tensor with its elements converted to {@code dtype}, like PyTorch's {@code .to(dtype)}:
     * this tensor itself when it already has that type, otherwise a new tensor. The conversion is
     * part of the graph: the gradient flows back through it, converted to this tensor's type
     * ({@code ToCopyBackward}).
     *
     * @param dtype the element type
     * @return this tensor, or a converted copy
     */
    public Tensor to(DType dtype) {
        return Conversions.to(this, dtype);
    }

    /**
     * Converts this leaf's elements to {@code dtype} in place, keeping the tensor object, like
     * assigning {@code p.data = p.data.to(dtype)} in PyTorch: what {@code Module.to(DType)} does
     * to parameters, so that an optimizer built before keeps updating them. Its gradient, if any,
     * is converted too. Afterwards the elements live in a new array: a wrapped array, a view or a
     * buffer of this tensor no longer sees them. Counts as an in-place write.
     *
     * @param dtype the element type
     * @return this tensor
     * @throws IllegalStateException if this tensor is not a leaf, or requires grad while grad mode
     *     is enabled
     */
    public Tensor toInPlace(DType dtype) {
        return Conversions.toInPlace(this, dtype);
    }

    // ---------------------------------------------------------------- selection

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
