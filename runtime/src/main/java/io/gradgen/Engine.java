package io.gradgen;

import io.gradgen.autograd.BackwardFunction;
import io.gradgen.autograd.GradMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reverse-mode differentiation over the graph of {@link BackwardFunction}s: one topological sort,
 * then one pass that calls each node once with the sum of the gradients its consumers sent.
 */
final class Engine {

    private Engine() {
    }

    static void backward(Tensor root, Tensor seed) {
        Map<Tensor, List<Tensor>> edges = new IdentityHashMap<>();
        List<Tensor> order = topologicalOrder(root, edges);
        Map<Tensor, PendingGrad> pending = new IdentityHashMap<>();
        pending.put(root, new PendingGrad(seed));
        GradMode.Scope scope = GradMode.disable();
        try {
            for (Tensor node : order) {
                PendingGrad arrived = pending.remove(node);
                if (arrived == null) {
                    // every consumer returned null for it: nothing flows further down this branch
                    continue;
                }
                Tensor grad = arrived.tensor;
                BackwardFunction fn = node.gradFn();
                if (fn == null || node.retainsGrad()) {
                    node.accumulateGrad(grad);
                }
                if (fn != null) {
                    propagate(node, fn, grad, edges.get(node), pending);
                }
            }
        } finally {
            scope.close();
        }
    }

    private static void propagate(Tensor node, BackwardFunction fn, Tensor grad, List<Tensor> inputs,
            Map<Tensor, PendingGrad> pending) {
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
            PendingGrad sum = pending.get(input);
            if (sum == null) {
                pending.put(input, new PendingGrad(g));
            } else {
                sum.add(g);
            }
        }
    }

    /**
     * Nodes reachable from {@code root} through inputs that require grad, each after all of its
     * consumers. Iterative depth-first search, so a chain of a million operations needs no deep
     * Java stack. Fills {@code edges} with each non-leaf's inputs, so {@code inputs()} is called
     * once per node.
     */
    private static List<Tensor> topologicalOrder(Tensor root, Map<Tensor, List<Tensor>> edges) {
        List<Tensor> postOrder = new ArrayList<>();
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(root, inputsOf(root, edges)));
        while (!stack.isEmpty()) {
            Frame top = stack.peek();
            if (top.next < top.inputs.size()) {
                Tensor child = top.inputs.get(top.next++);
                if (child.requiresGrad() && !edges.containsKey(child)) {
                    stack.push(new Frame(child, inputsOf(child, edges)));
                }
            } else {
                stack.pop();
                postOrder.add(top.node);
            }
        }
        List<Tensor> order = new ArrayList<>(postOrder.size());
        for (int i = postOrder.size() - 1; i >= 0; i--) {
            order.add(postOrder.get(i));
        }
        return order;
    }

    /** Registers {@code node} as visited and returns its inputs (none for a leaf). */
    private static List<Tensor> inputsOf(Tensor node, Map<Tensor, List<Tensor>> edges) {
        BackwardFunction fn = node.gradFn();
        List<Tensor> inputs = fn == null ? List.of() : fn.inputs();
        if (inputs == null) {
            throw new IllegalStateException(fn.name() + ".inputs() returned null; return an empty list instead");
        }
        edges.put(node, inputs);
        return inputs;
    }

    private static final class Frame {
        final Tensor node;
        final List<Tensor> inputs;
        int next;

        Frame(Tensor node, List<Tensor> inputs) {
            this.node = node;
            this.inputs = inputs;
        }
    }

    /**
     * The gradient summed so far for one node. The first contribution is kept as given, without a
     * copy; a second one makes a fresh array, into which later ones are added, so the engine never
     * writes into an array a backward function returned.
     */
    private static final class PendingGrad {
        Tensor tensor;
        boolean owned;

        PendingGrad(Tensor first) {
            this.tensor = first;
        }

        void add(Tensor g) {
            double[] source = g.data;
            if (!owned) {
                double[] current = tensor.data;
                double[] sum = new double[current.length];
                for (int i = 0; i < sum.length; i++) {
                    sum[i] = current[i] + source[i];
                }
                tensor = new Tensor(sum, tensor.shapeRef());
                owned = true;
                return;
            }
            double[] target = tensor.data;
            for (int i = 0; i < target.length; i++) {
                target[i] += source[i];
            }
        }
    }
}
