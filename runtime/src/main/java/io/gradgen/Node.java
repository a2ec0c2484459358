package io.gradgen;

import io.gradgen.autograd.BackwardFunction;
import java.util.List;

/**
 * Base of the built-in backward nodes. Besides name and inputs it remembers the version of every
 * tensor the backward reads, so that a gradient computed from values changed in place since the
 * forward pass fails loudly instead of silently coming out wrong (PyTorch's saved-variable check).
 */
abstract class Node implements BackwardFunction {

    private static final Tensor[] NONE = new Tensor[0];

    private final String name;
    private final List<Tensor> inputs;
    private Tensor[] saved = NONE;
    private int[] savedVersions;

    Node(String name, Tensor... inputs) {
        this.name = name;
        this.inputs = List.of(inputs);
    }

    /** Records the tensors whose values {@link #backward} will read. */
    final void save(Tensor... tensors) {
        saved = tensors;
        savedVersions = new int[tensors.length];
        for (int i = 0; i < tensors.length; i++) {
            savedVersions[i] = tensors[i].version();
        }
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<Tensor> inputs() {
        return inputs;
    }

    @Override
    public final Tensor[] apply(Tensor gradOutput) {
        for (int i = 0; i < saved.length; i++) {
            checkVersion(name, saved[i], savedVersions[i]);
        }
        return backward(gradOutput);
    }

    /** Throws if {@code saved} was written in place since its version was {@code expected}. */
    static void checkVersion(String nodeName, Tensor saved, int expected) {
        if (saved.version() != expected) {
            throw new IllegalStateException(nodeName + ": a tensor of shape " + Shapes.format(saved.shapeRef())
                    + " that this gradient needs was modified in place after the forward pass (it is at version "
                    + saved.version() + ", expected " + expected + "); call backward() before updating it in place, or"
                    + " compute the forward pass again after the update");
        }
    }

    /** Computes the input gradients; runs with grad mode disabled. */
    abstract Tensor[] backward(Tensor gradOutput);

    @Override
    public String toString() {
        return name;
    }
}
