package io.gradgen;

import java.util.Arrays;

/**
 * {@code matmul} with {@code torch.matmul}'s shape rules, and the three matrix kernels it needs.
 * A 1-D left operand is handled as a {@code [1, k]} row and a 1-D right operand as a
 * {@code [k, 1]} column, inside one {@code MatmulBackward} node.
 */
final class Matmul {

    private Matmul() {
    }

    /** The operand shapes after 1-D promotion, the broadcast batch shape and the matrix sizes. */
    private static final class Plan {
        final int[] aMatShape;
        final int[] bMatShape;
        final int[] batch;
        final int batchCount;
        final int n;
        final int k;
        final int m;
        final int[] outShape;
        /** True when the right operand has no batch dimensions: the left one's batch folds into its rows. */
        final boolean foldBatch;

        Plan(int[] as, int[] bs) {
            if (as.length == 0 || bs.length == 0) {
                throw new IllegalArgumentException("matmul: both operands need at least 1 dimension, but the shapes are "
                        + Shapes.format(as) + " and " + Shapes.format(bs) + "; use mul for a product with a scalar");
            }
            aMatShape = as.length == 1 ? new int[] {1, as[0]} : as;
            bMatShape = bs.length == 1 ? new int[] {bs[0], 1} : bs;
            n = aMatShape[aMatShape.length - 2];
            k = aMatShape[aMatShape.length - 1];
            m = bMatShape[bMatShape.length - 1];
            int bRows = bMatShape[bMatShape.length - 2];
            if (k != bRows) {
                throw new IllegalArgumentException("matmul: shapes " + Shapes.format(as) + " and " + Shapes.format(bs)
                        + " cannot be multiplied (the left operand's last dimension is " + k
                        + " but the right operand's " + (bs.length == 1 ? "only" : "second-to-last") + " dimension is "
                        + bRows + ")");
            }
            int[] aBatch = Arrays.copyOf(aMatShape, aMatShape.length - 2);
            int[] bBatch = Arrays.copyOf(bMatShape, bMatShape.length - 2);
            foldBatch = bBatch.length == 0;
            if (foldBatch) {
                batch = aBatch;
            } else {
                try {
                    batch = Shapes.broadcast("matmul", aBatch, bBatch);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("matmul: the batch dimensions of shapes " + Shapes.format(as)
                            + " and " + Shapes.format(bs) + " cannot be broadcast", e);
                }
            }
            batchCount = Shapes.numel(batch);
            int rank = batch.length + (as.length == 1 ? 0 : 1) + (bs.length == 1 ? 0 : 1);
            outShape = Arrays.copyOf(batch, rank);
            int d = batch.length;
            if (as.length > 1) {
                outShape[d++] = n;
            }
            if (bs.length > 1) {
                outShape[d] = m;
            }
        }

        int[] batched(int rows, int cols) {
            int[] shape = Arrays.copyOf(batch, batch.length + 2);
            shape[batch.length] = rows;
            shape[batch.length + 1] = cols;
            return shape;
        }
    }

    static Tensor matmul(Tensor a, Tensor b) {
        java.util.Objects.requireNonNull(b, "matmul: the other operand is null");
        Plan plan = new Plan(a.shapeRef(), b.shapeRef());
        int n = plan.n;
        int k = plan.k;
        int m = plan.m;
        // in double from the operands converted to the result's type, rounded once at the end
        DType dtype = DType.promote(a, b);
        double[] av = a.valuesIn(dtype);
        double[] bv = b.valuesIn(dtype);
        double[] out = new double[plan.batchCount * n * m];
        if (plan.foldBatch) {
            multiply(av, 0, bv, 0, out, 0, plan.batchCount * n, k, m);
        } else {
            double[] x = Shapes.expand(av, plan.aMatShape, plan.batched(n, k));
            double[] y = Shapes.expand(bv, plan.bMatShape, plan.batched(k, m));
            for (int s = 0; s < plan.batchCount; s++) {
                multiply(x, s * n * k, y, s * k * m, out, s * n * m, n, k, m);
            }
        }
        Tensor result = Tensor.fromDoubles(out, plan.outShape, dtype);
        if (Tensor.recording(a, b)) {
            result.withGradFn(new MatmulBackward(a, b, plan, dtype));
        }
        return result;
    }

    private static final class MatmulBackward extends Node {
        private final Tensor a;
        private final Tensor b;
        private final Plan plan;
        private final DType dtype;

        MatmulBackward(Tensor a, Tensor b, Plan plan, DType dtype) {
            super("MatmulBackward", a, b);
            this.a = a;
            this.b = b;
            this.plan = plan;
            this.dtype = dtype;
            save(a, b);
        }

        @Override
        Tensor[] backward(Tensor gradOutput) {
            double[] g = gradOutput.doubles();
            int n = plan.n;
            int k = plan.k;
            int m = plan.m;
            Tensor ga = null;
            Tensor gb = null;
            if (plan.foldBatch) {
                int rows = plan.batchCount * n;
                if (a.requiresGrad()) {
                    double[] da = new double[rows * k];
                    multiplyByTransposed(g, 0, b.valuesIn(dtype), 0, da, 0, rows, m, k);
                    ga = new Tensor(da, a.shapeRef());
                }
                if (b.requiresGrad()) {
                    double[] db = new double[k * m];
                    multiplyTransposed(a.valuesIn(dtype), 0, g, 0, db, 0, rows, k, m);
                    gb = new Tensor(db, b.shapeRef());
                }
                return new Tensor[] {ga, gb};
            }
            int[] aFull = plan.batched(n, k);
            int[] bFull = plan.batched(k, m);
            if (a.requiresGrad()) {
                double[] y = Shapes.expand(b.valuesIn(dtype), plan.bMatShape, bFull);
                double[] da = new double[plan.batchCount * n * k];
                for (int s = 0; s < plan.batchCount; s++) {
                    multiplyByTransposed(g, s * n * m, y, s * k * m, da, s * n * k, n, m, k);
                }
                ga = new Tensor(Shapes.sumTo(da, aFull, plan.aMatShape), a.shapeRef());
            }
            if (b.requiresGrad()) {
                double[] x = Shapes.expand(a.valuesIn(dtype), plan.aMatShape, aFull);
                double[] db = new double[plan.batchCount * k * m];
                for (int s = 0; s < plan.batchCount; s++) {
                    multiplyTransposed(x, s * n * k, g, s * n * m, db, s * k * m, n, k, m);
                }
                gb = new Tensor(Shapes.sumTo(db, bFull, plan.bMatShape), b.shapeRef());
            }
            return new Tensor[] {ga, gb};
        }
    }

    /** {@code C[n, m] += A[n, k] · B[k, m]}; i-p-j order so the inner loop runs along rows of B and C. */
    static void multiply(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int n, int k, int m) {
        for (int i = 0; i < n; i++) {
            int cRow = cOff + i * m;
            int aRow = aOff + i * k;
            for (int p = 0; p < k; p++) {
                double av = a[aRow + p];
                int bRow = bOff + p * m;
                for (int j = 0; j < m; j++) {
                    c[cRow + j] += av * b[bRow + j];
                }
            }
        }
    }

    /** {@code C[n, k] = G[n, m] · B[k, m]ᵀ}: each entry is a dot product of two rows. */
    static void multiplyByTransposed(double[] g, int gOff, double[] b, int bOff, double[] c, int cOff, int n, int m,
            int k) {
        for (int i = 0; i < n; i++) {
            int gRow = gOff + i * m;
            for (int p = 0; p < k; p++) {
                int bRow = bOff + p * m;
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += g[gRow + j] * b[bRow + j];
                }
                c[cOff + i * k + p] = s;
            }
        }
    }

    /** {@code C[k, m] += A[n, k]ᵀ · G[n, m]}, accumulated row by row of A and G. */
    static void multiplyTransposed(double[] a, int aOff, double[] g, int gOff, double[] c, int cOff, int n, int k,
            int m) {
        for (int i = 0; i < n; i++) {
            int aRow = aOff + i * k;
            int gRow = gOff + i * m;
            for (int p = 0; p < k; p++) {
                double av = a[aRow + p];
                int cRow = cOff + p * m;
                for (int j = 0; j < m; j++) {
                    c[cRow + j] += av * g[gRow + j];
                }
            }
        }
    }
}
