package io.gradgen;

import io.gradgen.autograd.BackwardFunction;
import io.gradgen.autograd.GradMode;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reverse-mode differentiation over the graph of {@link BackwardFunction}s: one topological sort,
 * then one pass that calls each node once with the sum of the gradients its consumers sent.
 *
 * <p>The per-pass bookkeeping (visited mark, the node's inputs, the gradient summed so far) lives
 * in fields of the tensors themselves rather than in hash maps, and is cleared as the pass goes,
 * so a backward over a small graph costs a few field writes per node; the walk's arrays are
 * reused from pass to pass.
 *
 * <p>Because that bookkeeping lives in the tensors, and because backward functions (Linear's,
 * generated losses') add straight into leaves' gradient arrays, backward passes run one at a time:
 * a pass holds {@link #LOCK} throughout. Calling {@code backward()} from several threads is
 * therefore safe and every contribution arrives; the passes themselves do not overlap.
 */
final class Engine {

    /** Held by the backward pass that is running; uncontended (a few nanoseconds) in a training loop. */
    private static final Object LOCK = new Object();

    /** Marks the nodes visited by one backward pass; a new value per pass, never reused. */
    private static final AtomicLong PASSES = new AtomicLong();

    /**
     * The walk's arrays, kept across passes (guarded by {@link #LOCK}) so that a training step's
     * backward allocates none; a backward started from inside a backward function, which the
     * reentrant lock lets through, gets arrays of its own.
     */
    private static Walk reusable = new Walk();

    private Engine() {
    }

    static void backward(Tensor root, Tensor seed) {
        synchronized (LOCK) {
            run(root, seed);
        }
    }

    private static void run(Tensor root, Tensor seed) {
        Walk walk = reusable != null ? reusable : new Walk();
        reusable = null;
        try {
            run(root, seed, walk);
        } finally {
            walk.clear();
            reusable = walk;
        }
    }

    private static void run(Tensor root, Tensor seed, Walk walk) {
        long pass = PASSES.incrementAndGet();
        int count = walk.topologicalOrder(root, pass);
        // the post-order read backwards: every node after all of its consumers
        Tensor[] postOrder = walk.postOrder;
        root.autograd.pendingGrad = seed;
        GradMode.Scope scope = GradMode.disable();
        int done = 0;
        try {
            for (; done < count; done++) {
                Tensor node = postOrder[count - 1 - done];
                AutogradMeta meta = node.autograd;
                Tensor grad = meta.pendingGrad;
                List<Tensor> inputs = meta.passInputs;
                meta.pendingGrad = null;
                meta.pendingOwned = false;
                meta.passInputs = null;
                if (grad == null) {
                    // every consumer returned null for it: nothing flows further down this branch
                    continue;
                }
                BackwardFunction fn = meta.gradFn;
                if (fn == null || meta.retainsGrad) {
                    meta.accumulateGrad(grad);
                }
                if (fn != null) {
                    propagate(fn, grad, inputs);
                }
            }
        } finally {
            scope.close();
            for (int i = done; i < count; i++) {
                AutogradMeta meta = postOrder[count - 1 - i].autograd;
                meta.pendingGrad = null;
                meta.pendingOwned = false;
                meta.passInputs = null;
            }
        }
    }

    private static void propagate(BackwardFunction fn, Tensor grad, List<Tensor> inputs) {
        Tensor[] inputGrads = fn.apply(grad);
        if (inputGrads == null || inputGrads.length != inputs.size()) {
            throw new IllegalStateException(fn.name() + ".apply returned "
                    + (inputGrads == null ? "null" : inputGrads.length + " gradients") + " but the node has "
                    + inputs.size() + " inputs; return one entry per input (null for inputs that need no gradient)");
        }
        for (int i = 0; i < inputGrads.length; i++) {
            Tensor input = inputs.get(i);
            Tensor g = inputGrads[i];
            if (g == null || !input.requiresGrad()) {
                continue;
            }
            if (!Arrays.equals(g.shapeRef(), input.shapeRef())) {
                throw new IllegalStateException(fn.name() + " returned a gradient of shape " + Shapes.format(g.shapeRef())
                        + " for input " + i + " of shape " + Shapes.format(input.shapeRef())
                        + "; each gradient must have its input's shape");
            }
            // As PyTorch's engine does: a gradient takes its input's type (backward functions may
            // compute in double and return FLOAT64 for a FLOAT32 input).
            addPending(input, g.dtype() == input.dtype() ? g : g.copyAs(input.dtype()));
        }
    }

    /**
     * The first contribution is kept as given, without a copy; a second one makes a fresh array,
     * into which later ones are added, so the engine never writes into an array a backward
     * function returned.
     */
    private static void addPending(Tensor input, Tensor g) {
        AutogradMeta meta = input.autograd;
        Tensor sum = meta.pendingGrad;
        if (sum == null) {
            meta.pendingGrad = g;
            return;
        }
        if (!meta.pendingOwned) {
            meta.pendingGrad = new Tensor(sum.storage.plus(g.storage), sum.shapeRef());
            meta.pendingOwned = true;
            return;
        }
        sum.storage.addFrom(g.storage);
    }

    /** The arrays of one depth-first walk, grown as graphs need and cleared after each pass. */
    private static final class Walk {
        Tensor[] postOrder = new Tensor[16];
        Tensor[] stack = new Tensor[16];
        int[] next = new int[16];
        int size;

        /**
         * Puts the nodes reachable from {@code root} through inputs that require grad into
         * {@code postOrder}, each before its consumers, and returns how many. Iterative depth-first
         * search, so a chain of a million operations needs no deep Java stack. Stores each node's
         * inputs in {@code passInputs}, so {@code inputs()} is called once per node.
         */
        int topologicalOrder(Tensor root, long pass) {
            int depth;
            visit(root, pass);
            stack[0] = root;
            next[0] = 0;
            depth = 1;
            while (depth > 0) {
                Tensor top = stack[depth - 1];
                List<Tensor> inputs = top.autograd.passInputs;
                if (next[depth - 1] < inputs.size()) {
                    Tensor child = inputs.get(next[depth - 1]++);
                    if (child.requiresGrad() && child.autograd.passMark != pass) {
                        visit(child, pass);
                        if (depth == stack.length) {
                            stack = Arrays.copyOf(stack, depth * 2);
                            next = Arrays.copyOf(next, depth * 2);
                        }
                        stack[depth] = child;
                        next[depth] = 0;
                        depth++;
                    }
                } else {
                    depth--;
                    stack[depth] = null;
                    if (size == postOrder.length) {
                        postOrder = Arrays.copyOf(postOrder, size * 2);
                    }
                    postOrder[size++] = top;
                }
            }
            return size;
        }

        /** Drops the references to this pass's graph, so the kept arrays hold no tensors alive. */
        void clear() {
            Arrays.fill(postOrder, 0, size, null);
            size = 0;
        }
    }

    /** Marks {@code node} as visited in this pass and records its inputs (none for a leaf). */
    private static void visit(Tensor node, long pass) {
        BackwardFunction fn = node.gradFn();
        List<Tensor> inputs = fn == null ? List.of() : fn.inputs();
        if (inputs == null) {
            throw new IllegalStateException(fn.name() + ".inputs() returned null; return an empty list instead");
        }
        AutogradMeta meta = node.autograd;
        meta.passMark = pass;
        meta.passInputs = inputs;
    }
}
