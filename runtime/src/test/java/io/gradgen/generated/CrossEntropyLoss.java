package io.gradgen.generated;

import io.gradgen.Functions;
import io.gradgen.LossFunction;
import io.gradgen.LossSupport;
import io.gradgen.Tensor;
import io.gradgen.autograd.BackwardFunction;
import java.util.List;

/**
 * A hand-written stand-in for the processor's output for
 * {@code @Loss(reduction = NONE) static double crossEntropy(double[] logits, int target)}: a row
 * parameter, an index parameter and a batch-shaped result.
 */
public final class CrossEntropyLoss implements LossFunction {

    private static final String[] NAMES = {"logits", "target"};
    private static final boolean[] ROWS = {true, false};

    public Tensor forward(Tensor logits, Tensor target) {
        Tensor[] inputs = {logits, target};
        LossSupport.Inputs.checkArity("CrossEntropyLoss", NAMES, inputs);
        int[] batch = LossSupport.Inputs.batchShape("CrossEntropyLoss", NAMES, ROWS, inputs);
        int classes = LossSupport.Batch.rowLength(logits);
        double[] x = LossSupport.Batch.data(logits);
        double[] t = LossSupport.Batch.data(target);
        int positions = LossSupport.Batch.numel(batch);
        double[] out = new double[positions];
        int[] index = new int[positions];
        double[] row = new double[classes];
        for (int p = 0; p < positions; p++) {
            index[p] = LossSupport.Inputs.checkIndex("CrossEntropyLoss", "target", t[p], p, classes, batch);
            System.arraycopy(x, p * classes, row, 0, classes);
            out[p] = Functions.logSumExp(row) - row[index[p]];
        }
        if (LossSupport.Results.needsGrad(logits)) {
            return LossSupport.Results.result(out, batch, new Backward(logits, target, index, classes));
        }
        return LossSupport.Results.wrap(out, batch);
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        LossSupport.Inputs.checkArity("CrossEntropyLoss", NAMES, inputs);
        return forward(inputs[0], inputs[1]);
    }

    /** d/dlogits[c] = softmax(logits)[c] - (c == target). */
    static final class Backward implements BackwardFunction {
        private final Tensor logits;
        private final Tensor target;
        private final int[] index;
        private final int classes;

        Backward(Tensor logits, Tensor target, int[] index, int classes) {
            this.logits = logits;
            this.target = target;
            this.index = index;
            this.classes = classes;
        }

        @Override
        public String name() {
            return "CrossEntropyLossBackward";
        }

        @Override
        public List<Tensor> inputs() {
            return List.of(logits, target);
        }

        @Override
        public Tensor[] apply(Tensor gradOutput) {
            double[] g = LossSupport.Batch.data(gradOutput);
            double[] x = LossSupport.Batch.data(logits);
            double[] gx = new double[x.length];
            double[] row = new double[classes];
            for (int p = 0; p < index.length; p++) {
                System.arraycopy(x, p * classes, row, 0, classes);
                double lse = Functions.logSumExp(row);
                for (int c = 0; c < classes; c++) {
                    gx[p * classes + c] = g[p] * (Math.exp(row[c] - lse) - (c == index[p] ? 1 : 0));
                }
            }
            return new Tensor[] {LossSupport.Results.wrap(gx, logits.shape()), null};
        }
    }
}
