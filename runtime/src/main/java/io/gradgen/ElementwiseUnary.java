package io.gradgen;

import io.gradgen.kernels.VectorMath;

/**
 * Unary elementwise operations and their backward nodes, one plain loop per operation inside a
 * {@code switch}; the transcendental ones run through {@link VectorMath}.
 */
final class ElementwiseUnary {

    private ElementwiseUnary() {
    }

    /** Unary operations; {@code POW} and {@code CLAMP} take parameters. */
    enum Op {
        NEG("NegBackward"),
        EXP("ExpBackward"),
        LOG("LogBackward"),
        LOG1P("Log1pBackward"),
        SQRT("SqrtBackward"),
        ABS("AbsBackward"),
        RELU("ReluBackward"),
        SIGMOID("SigmoidBackward"),
        TANH("TanhBackward"),
        SIN("SinBackward"),
        COS("CosBackward"),
        SOFTPLUS("SoftplusBackward"),
        LOG_SIGMOID("LogSigmoidBackward"),
        POW("PowBackward"),
        CLAMP("ClampBackward");

        final String backwardName;

        Op(String backwardName) {
            this.backwardName = backwardName;
        }
    }

    static Tensor apply(Op op, Tensor a, double p, double q) {
        double[] x = a.doubles();
        int n = x.length;
        if (a.dtype() == DType.FLOAT32) {
            // PyTorch casts an operation's scalars to the tensor's type
            p = (float) p;
            q = (float) q;
        }
        double[] out = new double[n];
        switch (op) {
            case NEG:
                for (int i = 0; i < n; i++) {
                    out[i] = -x[i];
                }
                break;
            // the transcendental ops go through VectorMath: SIMD when the JVM has the Vector API
            case EXP:
                VectorMath.exp(x, 0, out, 0, n);
                break;
            case LOG:
                VectorMath.log(x, 0, out, 0, n);
                break;
            case LOG1P:
                VectorMath.log1p(x, 0, out, 0, n);
                break;
            case SQRT:
                for (int i = 0; i < n; i++) {
                    out[i] = Math.sqrt(x[i]);
                }
                break;
            case ABS:
                for (int i = 0; i < n; i++) {
                    out[i] = Math.abs(x[i]);
                }
                break;
            case RELU:
                for (int i = 0; i < n; i++) {
                    out[i] = Functions.relu(x[i]);
                }
                break;
            case SIGMOID:
                VectorMath.sigmoid(x, 0, out, 0, n);
                break;
            case TANH:
                for (int i = 0; i < n; i++) {
                    out[i] = Math.tanh(x[i]);
                }
                break;
            case SIN:
                for (int i = 0; i < n; i++) {
                    out[i] = Math.sin(x[i]);
                }
                break;
            case COS:
                for (int i = 0; i < n; i++) {
                    out[i] = Math.cos(x[i]);
                }
                break;
            case SOFTPLUS:
                VectorMath.softplus(x, 0, out, 0, n);
                break;
            case LOG_SIGMOID:
                VectorMath.logSigmoid(x, 0, out, 0, n);
                break;
            case POW:
                for (int i = 0; i < n; i++) {
                    out[i] = Math.pow(x[i], p);
                }
                break;
            case CLAMP:
                for (int i = 0; i < n; i++) {
                    out[i] = Functions.clamp(x[i], p, q);
                }
                break;
            default:
                throw new AssertionError(op);
        }
        Tensor result = Tensor.fromDoubles(out, a.shapeRef(), a.dtype());
        if (Tensor.recording(a)) {
            result.withGradFn(new UnaryBackward(op, a, result, p, q));
        }
        return result;
    }

    private static final class UnaryBackward extends Node {
        private final Op op;
        private final Tensor input;
        private final Tensor result;
        private final double p;
        private final double q;

        UnaryBackward(Op op, Tensor input, Tensor result, double p, double q) {
            super(op.backwardName, input);
            this.op = op;
            this.input = input;
            this.result = result;
            this.p = p;
            this.q = q;
            if (op != Op.NEG) {
                save(input, result);
            }
        }

        @Override
        Tensor[] backward(Tensor gradOutput) {
            // in double from the values of the forward; the engine rounds to the input's type
            double[] g = gradOutput.doubles();
            double[] x = input.doubles();
            double[] y = result.doubles();
            int n = g.length;
            double[] gi = new double[n];
            switch (op) {
                case NEG:
                    for (int i = 0; i < n; i++) {
                        gi[i] = -g[i];
                    }
                    break;
                case EXP:
                    for (int i = 0; i < n; i++) {
                        gi[i] = g[i] * y[i];
                    }
                    break;
                case LOG:
                    for (int i = 0; i < n; i++) {
                        gi[i] = g[i] / x[i];
                    }
                    break;
                case LOG1P:
                    for (int i = 0; i < n; i++) {
                        gi[i] = g[i] / (1 + x[i]);
                    }
                    break;
                case SQRT:
                    for (int i = 0; i < n; i++) {
                        gi[i] = g[i] / (2 * y[i]);
                    }
                    break;
                case ABS:
                    for (int i = 0; i < n; i++) {
                        gi[i] = g[i] * Math.signum(x[i]);
                    }
                    break;
                case RELU:
                    for (int i = 0; i < n; i++) {
                        gi[i] = y[i] > 0 ? g[i] : 0.0;
                    }
                    break;
                case SIGMOID:
                    for (int i = 0; i < n; i++) {
                        gi[i] = g[i] * (1 - y[i]) * y[i];
                    }
                    break;
                case TANH:
                    for (int i = 0; i < n; i++) {
                        gi[i] = g[i] * (1 - y[i] * y[i]);
                    }
                    break;
                case SIN:
                    for (int i = 0; i < n; i++) {
                        gi[i] = g[i] * Math.cos(x[i]);
                    }
                    break;
                case COS:
                    for (int i = 0; i < n; i++) {
                        gi[i] = -g[i] * Math.sin(x[i]);
                    }
                    break;
                case SOFTPLUS:
                    for (int i = 0; i < n; i++) {
                        gi[i] = x[i] > Functions.SOFTPLUS_THRESHOLD ? g[i] : g[i] * Functions.sigmoid(x[i]);
                    }
                    break;
                case LOG_SIGMOID:
                    for (int i = 0; i < n; i++) {
                        gi[i] = g[i] * Functions.sigmoid(-x[i]);
                    }
                    break;
                case POW:
                    for (int i = 0; i < n; i++) {
                        gi[i] = p == 0.0 ? 0.0 : g[i] * p * Math.pow(x[i], p - 1);
                    }
                    break;
                case CLAMP:
                    for (int i = 0; i < n; i++) {
                        gi[i] = x[i] >= p && x[i] <= q ? g[i] : 0.0;
                    }
                    break;
                default:
                    throw new AssertionError(op);
            }
            return new Tensor[] {new Tensor(gi, input.shapeRef())};
        }
    }
}
