package io.gradgen.processor.plan;

import io.gradgen.processor.ir.Apply;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Indices;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An element-wise kernel split around its transcendental calls so that each call runs as one
 * {@code VectorMath} pass over a block of positions (SIMD when the Vector API is there): stage
 * {@code k} computes the arguments of the calls at depth {@code k} (those whose arguments contain
 * only shallower calls) into scratch, then the calls transform the scratch in place, and the last
 * stage computes the outputs from the results. Cheap arithmetic shared by two stages is computed in
 * both rather than stored.
 *
 * @param stages the argument stages, in order of depth
 * @param last the kernel of the outputs, reading every call's result
 * @param calls every staged call, in scratch-slot order
 * @param names the local name of each call's result, in every stage that reads it
 */
public record StagedKernel(List<Stage> stages, Kernel last, List<Apply> calls, Map<Expr, String> names) {
    /** The operations {@code VectorMath} computes over arrays. */

    public StagedKernel {
        stages = List.copyOf(stages);
        calls = List.copyOf(calls);
        names = Map.copyOf(names);
    }

    /**
     * The calls of one depth: their arguments are the kernel's outputs.
     *
     * @param kernel computes the arguments, reading the results of shallower calls
     * @param calls the calls, aligned with the kernel's outputs
     */
    public record Stage(Kernel kernel, List<Apply> calls) {
        public Stage {
            calls = List.copyOf(calls);
        }
    }

    /** The scratch slot (in blocks) of a call. */
    public int slot(Apply call) {
        return calls.indexOf(call);
    }

    /**
     * Plans the staged form of a kernel with these outputs, or returns null when it has no call
     * that {@code VectorMath} computes (then the scalar kernel is all there is).
     */
    static StagedKernel plan(List<Expr> outputs, Map<Expr, String> userNames, Map<Expr, String> outputNames,
            NameAllocator allocator) {
        Map<Apply, Integer> depth = new LinkedHashMap<>();
        Map<Expr, Integer> memo = new HashMap<>();
        for (Expr o : outputs) {
            depthOf(o, depth, memo);
        }
        if (depth.isEmpty()) {
            return null;
        }
        List<Apply> calls = new ArrayList<>(depth.keySet());
        Map<Expr, String> names = new LinkedHashMap<>();
        for (Apply call : calls) {
            names.put(call, allocator.allocate(call.op().symbol()));
        }
        int deepest = depth.values().stream().max(Integer::compare).orElse(0);
        List<Stage> stages = new ArrayList<>();
        for (int k = 1; k <= deepest; k++) {
            List<Apply> level = new ArrayList<>();
            List<Expr> args = new ArrayList<>();
            Map<Expr, String> provided = new LinkedHashMap<>();
            for (Apply call : calls) {
                if (depth.get(call) == k) {
                    level.add(call);
                    args.add(call.arg(0));
                } else if (depth.get(call) < k) {
                    provided.put(call, names.get(call));
                }
            }
            List<Kernel.Loop> scalars = new ArrayList<>();
            args.forEach(a -> scalars.add(null));
            stages.add(new Stage(KernelPlanner.plan(args, scalars, userNames, Map.of(), provided, allocator), level));
        }
        List<Kernel.Loop> scalars = new ArrayList<>();
        outputs.forEach(o -> scalars.add(null));
        Kernel last = KernelPlanner.plan(outputs, scalars, userNames, outputNames, names, allocator);
        return new StagedKernel(stages, last, calls, names);
    }

    /** The depth of the deepest staged call in {@code e} (0 when there is none), recording every call's depth. */
    private static int depthOf(Expr e, Map<Apply, Integer> depth, Map<Expr, Integer> memo) {
        Integer known = memo.get(e);
        if (known != null) {
            return known;
        }
        int inside = 0;
        for (Expr c : Indices.children(e)) {
            inside = Math.max(inside, depthOf(c, depth, memo));
        }
        int d = inside;
        if (e instanceof Apply a && a.op().hasVectorKernel()) {
            d = inside + 1;
            depth.put(a, d);
        }
        memo.put(e, d);
        return d;
    }
}
