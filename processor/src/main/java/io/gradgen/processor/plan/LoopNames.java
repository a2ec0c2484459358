package io.gradgen.processor.plan;

import java.util.Map;

/**
 * The names generated kernels use for their own variables, allocated so that they never clash
 * with the user's parameter and local names.
 *
 * @param index the loop index over batch positions
 * @param data each tensor input's data array ({@code predData})
 * @param grads each differentiable input's gradient array ({@code gradPred})
 * @param scale the upstream gradient, already divided by the count for MEAN
 * @param upstream the upstream gradient array, for NONE
 * @param total the running sum, for MEAN and SUM
 * @param out the output array, for NONE
 * @param offsets each row input's offset of the current position's row ({@code logitsOffset})
 * @param lengths each row input's row length ({@code logitsLength})
 * @param positions the number of batch positions
 * @param scaleAt the upstream gradient of one position, already divided by the reduction's divisor
 * @param chunk the chunk number a parallel loop passes its body
 * @param from the first position of a chunk
 * @param to the end (exclusive) of a chunk
 * @param lastDim the size of the batch's last dimension, for {@code @LastIndex} parameters
 * @param start the first position of a block, in a staged kernel
 * @param end the end (exclusive) of a block
 * @param scratch the scratch array of a staged kernel
 * @param secondGrad the array of first derivatives {@code gradientAndHessian} writes
 * @param secondHessian the array of second derivatives it writes
 * @param rows each {@code double[][]} input's number of rows, in a batch loss ({@code z1Rows})
 * @param floats in a float kernel, the {@code float[]} array behind each data and gradient array,
 *     keyed by the name of the double block array the kernel's loop reads ({@code predData} →
 *     {@code predFloats}, {@code gradPred} → {@code gradPredFloats})
 * @param blockPositions in a float row kernel, the number of positions whose rows it widens at a time
 */
public record LoopNames(String index, Map<String, String> data, Map<String, String> grads, String scale,
        String upstream, String total, String out, Map<String, String> offsets, Map<String, String> lengths,
        String positions, String scaleAt, String chunk, String from, String to, String lastDim, String start, String end,
        String scratch, String secondGrad, String secondHessian, Map<String, String> rows,
        Map<String, String> floats, String blockPositions) {
    /** Every name here, for code that must not clash with the kernels' own variables. */
    public java.util.List<String> all() {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(index, scale, upstream, total, out,
                positions, scaleAt, chunk, from, to, lastDim, start, end, scratch, secondGrad, secondHessian,
                blockPositions));
        all.addAll(data.values());
        all.addAll(grads.values());
        all.addAll(offsets.values());
        all.addAll(lengths.values());
        all.addAll(rows.values());
        all.addAll(floats.values());
        return all;
    }

    public LoopNames {
        data = Map.copyOf(data);
        grads = Map.copyOf(grads);
        offsets = Map.copyOf(offsets);
        lengths = Map.copyOf(lengths);
        rows = Map.copyOf(rows);
        floats = Map.copyOf(floats);
    }
}
