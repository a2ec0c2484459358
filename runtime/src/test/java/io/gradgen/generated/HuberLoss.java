package io.gradgen.generated;

import io.gradgen.LossFunction;
import io.gradgen.LossSupport;
import io.gradgen.Tensor;
import io.gradgen.autograd.BackwardFunction;
import java.util.List;

/**
 * A hand-written stand-in for what the processor generates for
 * {@code @Loss static double huber(double pred, double target, @Param(1.0) double delta)}; it
 * lives outside {@code io.gradgen} so the tests prove that generated code needs only public API.
 */
public final class HuberLoss implements LossFunction {

    private static final String[] NAMES = {"pred", "target"};

    private final double delta;

    public HuberLoss(double delta) {
        this.delta = delta;
    }

    public HuberLoss() {
        this(1.0);
    }

    static double huber(double pred, double target, double delta) {
        double d = Math.abs(pred - target);
        return d <= delta ? 0.5 * d * d : delta * (d - 0.5 * delta);
    }

    public Tensor forward(Tensor pred, Tensor target) {
        Tensor[] inputs = {pred, target};
        LossSupport.Inputs.checkArity("HuberLoss", NAMES, inputs);
        int[] batch = LossSupport.Inputs.elementBatchShape("HuberLoss", NAMES, inputs);
        double[] p = LossSupport.Batch.data(pred);
        double[] t = LossSupport.Batch.data(target);
        int n = p.length;
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += huber(p[i], t[i], delta);
        }
        double[] out = {s / n};
        if (LossSupport.Results.needsGrad(pred, target)) {
            return LossSupport.Results.result(out, new int[0], new HuberLossBackward(pred, target, delta, batch));
        }
        return LossSupport.Results.wrap(out, new int[0]);
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        LossSupport.Inputs.checkArity("HuberLoss", NAMES, inputs);
        return forward(inputs[0], inputs[1]);
    }

    /** d/dpred = clamp(pred - target, -delta, delta) / n; d/dtarget is its negation. */
    public static final class HuberLossBackward implements BackwardFunction {
        private final Tensor pred;
        private final Tensor target;
        private final double delta;
        private final int[] batch;
        private final int predVersion;
        private final int targetVersion;

        HuberLossBackward(Tensor pred, Tensor target, double delta, int[] batch) {
            this.pred = pred;
            this.target = target;
            this.delta = delta;
            this.batch = batch;
            this.predVersion = LossSupport.Versions.version(pred);
            this.targetVersion = LossSupport.Versions.version(target);
        }

        @Override
        public String name() {
            return "HuberLossBackward";
        }

        @Override
        public List<Tensor> inputs() {
            return List.of(pred, target);
        }

        @Override
        public Tensor[] apply(Tensor gradOutput) {
            LossSupport.Versions.checkVersion("HuberLoss", "pred", pred, predVersion);
            LossSupport.Versions.checkVersion("HuberLoss", "target", target, targetVersion);
            double g = LossSupport.Batch.data(gradOutput)[0];
            double[] p = LossSupport.Batch.data(pred);
            double[] t = LossSupport.Batch.data(target);
            int n = p.length;
            double[] gp = pred.requiresGrad() ? new double[n] : null;
            double[] gt = target.requiresGrad() ? new double[n] : null;
            for (int i = 0; i < n; i++) {
                double d = p[i] - t[i];
                double dd = (Math.abs(d) <= delta ? d : delta * Math.signum(d)) * g / n;
                if (gp != null) {
                    gp[i] = dd;
                }
                if (gt != null) {
                    gt[i] = -dd;
                }
            }
            return new Tensor[] {
                gp == null ? null : LossSupport.Results.wrap(gp, batch),
                gt == null ? null : LossSupport.Results.wrap(gt, batch)};
        }
    }
}
