package io.gradgen.nn;

import io.gradgen.DType;
import io.gradgen.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * A fully connected layer {@code y = x · Wᵀ + b}, like PyTorch's {@code nn.Linear}.
 *
 * <p>The forward pass is one fused {@link Tensor#linear(Tensor, Tensor)}: no transposed copy of the
 * weight per call, and a backward that adds into the parameters' existing gradient arrays.
 *
 * <p>The weight has shape {@code [out, in]} and the bias {@code [out]}. Both start uniform in
 * {@code [-1/sqrt(in), 1/sqrt(in))}, which is what PyTorch's default initialisation (Kaiming
 * uniform with {@code a = sqrt(5)} for the weight) works out to; {@link #Linear(Tensor, Tensor)}
 * takes given ones instead, also without a bias.
 */
public final class Linear implements Module {

    private final int inFeatures;
    private final int outFeatures;
    private final Tensor weight;
    /** Null for a layer without bias. */
    private final Tensor bias;

    /**
     * A layer initialised from a new unseeded {@link Random}.
     *
     * @param inFeatures the size of each input's last dimension, {@code > 0}
     * @param outFeatures the size of each output's last dimension, {@code > 0}
     * @throws IllegalArgumentException if a size is not positive
     */
    public Linear(int inFeatures, int outFeatures) {
        this(inFeatures, outFeatures, new Random());
    }

    /**
     * A layer initialised from {@code rng}: first the weight in row-major order, then the bias, so
     * a seeded generator gives a reproducible layer.
     *
     * @param inFeatures the size of each input's last dimension, {@code > 0}
     * @param outFeatures the size of each output's last dimension, {@code > 0}
     * @param rng the source of the initial values
     * @throws IllegalArgumentException if a size is not positive
     */
    public Linear(int inFeatures, int outFeatures, Random rng) {
        if (inFeatures <= 0 || outFeatures <= 0) {
            throw new IllegalArgumentException("Linear: in_features and out_features must be > 0, got in_features="
                    + inFeatures + ", out_features=" + outFeatures);
        }
        Objects.requireNonNull(rng, "Linear: rng is null");
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        double bound = 1.0 / Math.sqrt(inFeatures);
        this.weight = uniform(rng, bound, outFeatures, inFeatures);
        this.bias = uniform(rng, bound, outFeatures);
    }

    /**
     * A layer with the given parameters, like assigning {@code weight} and {@code bias} to a
     * PyTorch {@code nn.Linear}: the tensors themselves (not copies) become the layer's parameters
     * and are marked {@code requiresGrad(true)}, so an optimizer given {@link #parameters()} trains
     * them in place. Both must have one {@link io.gradgen.DType}, which the layer computes in.
     *
     * <pre>{@code Linear layer = new Linear(Tensor.of(w, 10, 784), Tensor.of(b, 10));}</pre>
     *
     * @param weight the weight, shape {@code [out, in]} with {@code out, in > 0}; a leaf
     * @param bias the bias, shape {@code [out]}, a leaf; or null for a layer without bias
     * @throws IllegalArgumentException naming the shapes if the weight is not 2-D with positive
     *     sizes or the bias is not {@code [out]}; if a tensor is not a leaf; if the types differ
     * @throws NullPointerException if {@code weight} is null
     */
    public Linear(Tensor weight, Tensor bias) {
        Objects.requireNonNull(weight, "Linear: weight is null");
        int[] ws = weight.shape();
        if (ws.length != 2 || ws[0] <= 0 || ws[1] <= 0) {
            throw new IllegalArgumentException("Linear: weight must have shape [out_features, in_features] with both"
                    + " > 0, but it has shape " + Arrays.toString(ws));
        }
        requireLeaf("weight", weight);
        if (bias != null) {
            int[] bs = bias.shape();
            if (bs.length != 1 || bs[0] != ws[0]) {
                throw new IllegalArgumentException("Linear: bias has shape " + Arrays.toString(bs) + " but weight has shape "
                        + Arrays.toString(ws) + ", so bias must have shape [" + ws[0] + "] (out_features)"
                        + reshapeHint(bs, ws[0]));
            }
            requireLeaf("bias", bias);
            if (bias.dtype() != weight.dtype()) {
                throw new IllegalArgumentException("Linear: weight is " + weight.dtype() + " but bias is " + bias.dtype()
                        + "; give both one type, e.g. bias.to(DType." + weight.dtype() + ")");
            }
        }
        this.outFeatures = ws[0];
        this.inFeatures = ws[1];
        this.weight = weight.requiresGrad(true);
        this.bias = bias == null ? null : bias.requiresGrad(true);
    }

    private static void requireLeaf(String name, Tensor t) {
        if (!t.isLeaf()) {
            throw new IllegalArgumentException("Linear: " + name + " was computed by " + t.gradFn().name()
                    + " and is not a leaf, so no optimizer could train it; pass " + name + ".detach()");
        }
    }

    /** The fix for a bias of shape {@code [out, 1]} or {@code [1, out]}. */
    private static String reshapeHint(int[] biasShape, int out) {
        boolean column = biasShape.length == 2 && biasShape[0] == out && biasShape[1] == 1;
        boolean row = biasShape.length == 2 && biasShape[0] == 1 && biasShape[1] == out;
        return column || row ? "; call bias.reshape(" + out + ")" : "";
    }

    private static Tensor uniform(Random rng, double bound, int... shape) {
        // Computed from a tensor that does not require grad, so the result is a leaf.
        return Tensor.rand(rng, shape).mul(2 * bound).sub(bound).requiresGrad(true);
    }

    /**
     * Maps {@code [..., in]} to {@code [..., out]}; a 1-D input {@code [in]} gives {@code [out]}.
     *
     * @param input a tensor whose last dimension is {@code in}
     * @return {@code input · Wᵀ + b}
     * @throws IllegalArgumentException if the input is 0-dim or its last dimension is not
     *     {@code in}
     */
    @Override
    public Tensor forward(Tensor input) {
        if (input == null) {
            // not requireNonNull with a message supplier: a capturing lambda is an allocation a step
            throw new NullPointerException(this + ": input is null");
        }
        if (input.dim() == 0 || input.size(-1) != inFeatures) {
            throw new IllegalArgumentException(this + ": input has shape " + Arrays.toString(input.shape())
                    + " but its last dimension must be in_features=" + inFeatures);
        }
        return input.linear(weight, bias);
    }

    /**
     * Converts the weight and bias to {@code dtype} in place (see {@link Module#to(DType)}).
     *
     * @param dtype the element type
     * @return this layer
     */
    @Override
    public Linear to(DType dtype) {
        Module.super.to(dtype);
        return this;
    }

    /**
     * The weight.
     *
     * @return the parameter of shape {@code [out, in]}
     */
    public Tensor weight() {
        return weight;
    }

    /**
     * The bias.
     *
     * @return the parameter of shape {@code [out]}, or null for a layer without bias
     */
    public Tensor bias() {
        return bias;
    }

    /**
     * The size of each input's last dimension.
     *
     * @return {@code in}
     */
    public int inFeatures() {
        return inFeatures;
    }

    /**
     * The size of each output's last dimension.
     *
     * @return {@code out}
     */
    public int outFeatures() {
        return outFeatures;
    }

    /**
     * The weight, then the bias.
     *
     * @return {@code [weight(), bias()]}, or {@code [weight()]} without bias
     */
    @Override
    public List<Tensor> parameters() {
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }

    /**
     * The parameters under PyTorch's names.
     *
     * @return {@code {weight=weight(), bias=bias()}}, without {@code bias} for a layer without one
     */
    @Override
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("weight", weight);
        if (bias != null) {
            state.put("bias", bias);
        }
        return java.util.Collections.unmodifiableMap(state);
    }

    /**
     * As PyTorch prints it.
     *
     * @return e.g. {@code Linear(in_features=1, out_features=1, bias=True)}
     */
    @Override
    public String toString() {
        return "Linear(in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias="
                + (bias == null ? "False" : "True") + ")";
    }
}
