package io.gradgen;

import java.util.Arrays;

/**
 * Binary elementwise operations with broadcasting, {@code where}, and their backward nodes (the
 * unary ones are in {@link ElementwiseUnary}). Each kernel is a plain loop per operation inside a
 * {@code switch}, so the JIT sees one monomorphic loop per case.
 */
final class Elementwise {

    private Elementwise() {
    }

    /** Binary operations; the comparisons have no gradient. */
    enum Binary {
        ADD("add", "AddBackward"),
        SUB("sub", "SubBackward"),
        MUL("mul", "MulBackward"),
        DIV("div", "DivBackward"),
        POW("pow", "PowBackward"),
        MAXIMUM("maximum", "MaximumBackward"),
        MINIMUM("minimum", "MinimumBackward"),
        GT("gt", null),
        LT("lt", null),
        GE("ge", null),
        LE("le", null),
        EQ("eq", null);

        final String opName;
        final String backwardName;

        Binary(String opName, String backwardName) {
            this.opName = opName;
            this.backwardName = backwardName;
        }
    }


    /**
     * An operand read at the output's shape, as doubles after conversion to the type the operation
     * computes in: its values with step 1 when its shape already is the output's, step 0 for a
     * single element, and otherwise an expanded copy. A FLOAT64 tensor read as FLOAT64 is read in
     * place; others are converted first (see {@link Storage#valuesIn}).
     */
    private static final class Operand {
        final double[] data;
        final int step;

        Operand(Tensor t, DType dtype, int[] outShape) {
            double[] values = t.valuesIn(dtype);
            if (Arrays.equals(t.shapeRef(), outShape)) {
                data = values;
                step = 1;
            } else if (values.length == 1) {
                data = values;
                step = 0;
            } else {
                data = Shapes.expand(values, t.shapeRef(), outShape);
                step = 1;
            }
        }
    }

    static Tensor binary(Binary op, Tensor a, Tensor b) {
        if (b == null) {
            throw new NullPointerException(op.opName + ": the other operand is null");
        }
        int[] shape = Shapes.broadcast(op.opName, a.shapeRef(), b.shapeRef());
        DType dtype = DType.promote(a, b);
        Operand x = new Operand(a, dtype, shape);
        Operand y = new Operand(b, dtype, shape);
        double[] out = new double[Shapes.numel(shape)];
        double[] xs = x.data;
        double[] ys = y.data;
        int sx = x.step;
        int sy = y.step;
        int n = out.length;
        switch (op) {
            case ADD:
                for (int i = 0, ix = 0, iy = 0; i < n; i++, ix += sx, iy += sy) {
                    out[i] = xs[ix] + ys[iy];
                }
                break;
            case SUB:
                for (int i = 0, ix = 0, iy = 0; i < n; i++, ix += sx, iy += sy) {
                    out[i] = xs[ix] - ys[iy];
                }
                break;
            case MUL:
                for (int i = 0, ix = 0, iy = 0; i < n; i++, ix += sx, iy += sy) {
                    out[i] = xs[ix] * ys[iy];
                }
                break;
            case DIV:
                for (int i = 0, ix = 0, iy = 0; i < n; i++, ix += sx, iy += sy) {
                    out[i] = xs[ix] / ys[iy];
                }
                break;
            case POW:
                for (int i = 0, ix = 0, iy = 0; i < n; i++, ix += sx, iy += sy) {
                    out[i] = Math.pow(xs[ix], ys[iy]);
                }
                break;
            case MAXIMUM:
                for (int i = 0, ix = 0, iy = 0; i < n; i++, ix += sx, iy += sy) {
                    out[i] = Math.max(xs[ix], ys[iy]);
                }
                break;
            case MINIMUM:
                for (int i = 0, ix = 0, iy = 0; i < n; i++, ix += sx, iy += sy) {
                    out[i] = Math.min(xs[ix], ys[iy]);
                }
                break;
            case GT:
                for (int i = 0, ix = 0, iy = 0; i < n; i++, ix += sx, iy += sy) {
                    out[i] = xs[ix] > ys[iy] ? 1.0 : 0.0;
                }
                break;
            case LT:
                for (int i = 0, ix = 0, iy = 0; i < n; i++, ix += sx, iy += sy) {
                    out[i] = xs[ix] < ys[iy] ? 1.0 : 0.0;
                }
                break;
            case GE:
                for (int i = 0, ix = 0, iy = 0; i < n; i++, ix += sx, iy += sy) {
                    out[i] = xs[ix] >= ys[iy] ? 1.0 : 0.0;
                }
                break;
            case LE:
                for (int i = 0, ix = 0, iy = 0; i < n; i++, ix += sx, iy += sy) {
                    out[i] = xs[ix] <= ys[iy] ? 1.0 : 0.0;
                }
                break;
            case EQ:
                for (int i = 0, ix = 0, iy = 0; i < n; i++, ix += sx, iy += sy) {
                    out[i] = xs[ix] == ys[iy] ? 1.0 : 0.0;
                }
                break;
            default:
                throw new AssertionError(op);
        }
        Tensor result = Tensor.fromDoubles(out, shape, dtype);
        if (op.backwardName != null && Tensor.recording(a, b)) {
            result.withGradFn(new BinaryBackward(op, a, b, result));
        }
        return result;
    }

    private static final class BinaryBackward extends Node {
        private final Binary op;
        private final Tensor a;
        private final Tensor b;
        private final Tensor result;
        private final DType dtype;

        BinaryBackward(Binary op, Tensor a, Tensor b, Tensor result) {
            super(op.backwardName, a, b);
            this.op = op;
            this.a = a;
            this.b = b;
            this.result = result;
            this.dtype = result.dtype();
            if (op == Binary.POW) {
                save(a, b, result);
            } else if (op != Binary.ADD && op != Binary.SUB) {
                save(a, b);
            }
        }

        @Override
        Tensor[] backward(Tensor gradOutput) {
            // Computed in double from the values the forward used; the engine rounds each gradient
            // to its input's type.
            int[] shape = gradOutput.shapeRef();
            double[] g = gradOutput.doubles();
            int n = g.length;
            boolean needA = a.requiresGrad();
            boolean needB = b.requiresGrad();
            double[] ga = needA ? new double[n] : null;
            double[] gb = needB ? new double[n] : null;
            Operand x = new Operand(a, dtype, shape);
            Operand y = new Operand(b, dtype, shape);
            double[] xs = x.data;
            double[] ys = y.data;
            int sx = x.step;
            int sy = y.step;
            switch (op) {
                case ADD:
                    ga = needA ? g : null;
                    gb = needB ? g : null;
                    break;
                case SUB:
                    ga = needA ? g : null;
                    if (needB) {
                        for (int i = 0; i < n; i++) {
                            gb[i] = -g[i];
                        }
                    }
                    break;
                case MUL:
                    for (int i = 0, ix = 0, iy = 0; i < n; i++, ix += sx, iy += sy) {
                        if (needA) {
                            ga[i] = g[i] * ys[iy];
                        }
                        if (needB) {
                            gb[i] = g[i] * xs[ix];
                        }
                    }
                    break;
                case DIV:
                    for (int i = 0, ix = 0, iy = 0; i < n; i++, ix += sx, iy += sy) {
                        double yv = ys[iy];
                        if (needA) {
                            ga[i] = g[i] / yv;
                        }
                        if (needB) {
                            gb[i] = -g[i] * xs[ix] / (yv * yv);
                        }
                    }
                    break;
                case POW: {
                    double[] r = result.doubles();
                    for (int i = 0, ix = 0, iy = 0; i < n; i++, ix += sx, iy += sy) {
                        double base = xs[ix];
                        double exponent = ys[iy];
                        if (needA) {
                            ga[i] = exponent == 0.0 ? 0.0 : g[i] * exponent * Math.pow(base, exponent - 1);
                        }
                        if (needB) {
                            gb[i] = base == 0.0 && exponent >= 0.0 ? 0.0 : g[i] * r[i] * Math.log(base);
                        }
                    }
                    break;
                }
                case MAXIMUM:
                case MINIMUM: {
                    // PyTorch: equal elements share the gradient; otherwise it goes to the winner
                    // (and to both when one is NaN, since no comparison holds).
                    boolean max = op == Binary.MAXIMUM;
                    for (int i = 0, ix = 0, iy = 0; i < n; i++, ix += sx, iy += sy) {
                        double xv = xs[ix];
                        double yv = ys[iy];
                        if (xv == yv) {
                            double half = g[i] / 2;
                            if (needA) {
                                ga[i] = half;
                            }
                            if (needB) {
                                gb[i] = half;
                            }
                        } else {
                            boolean xLoses = max ? xv < yv : xv > yv;
                            boolean yLoses = max ? yv < xv : yv > xv;
                            if (needA) {
                                ga[i] = xLoses ? 0.0 : g[i];
                            }
                            if (needB) {
                                gb[i] = yLoses ? 0.0 : g[i];
                            }
                        }
                    }
                    break;
                }
                default:
                    throw new AssertionError(op);
            }
            return new Tensor[] {reduce(ga, shape, a), reduce(gb, shape, b)};
        }
    }

    /** Sums a gradient of the broadcast shape back to {@code input}'s shape; null stays null. */
    static Tensor reduce(double[] grad, int[] gradShape, Tensor input) {
        if (grad == null) {
            return null;
        }
        int[] shape = input.shapeRef();
        return new Tensor(Shapes.sumTo(grad, gradShape, shape), shape);
    }


    static Tensor where(Tensor condition, Tensor a, Tensor b) {
        Shapes.requireOperands("where", "condition", condition, "a", a, "b", b);
        int[] shape = Shapes.broadcast("where", condition.shapeRef(), Shapes.broadcast("where", a.shapeRef(), b.shapeRef()));
        DType dtype = DType.promote(a, b);
        Operand c = new Operand(condition, condition.dtype(), shape);
        Operand x = new Operand(a, dtype, shape);
        Operand y = new Operand(b, dtype, shape);
        double[] out = new double[Shapes.numel(shape)];
        for (int i = 0, ic = 0, ix = 0, iy = 0; i < out.length; i++, ic += c.step, ix += x.step, iy += y.step) {
            out[i] = c.data[ic] != 0 ? x.data[ix] : y.data[iy];
        }
        Tensor result = Tensor.fromDoubles(out, shape, dtype);
        if (Tensor.recording(a, b)) {
            result.withGradFn(new WhereBackward(condition, a, b));
        }
        return result;
    }

    private static final class WhereBackward extends Node {
        private final Tensor condition;
        private final Tensor a;
        private final Tensor b;

        WhereBackward(Tensor condition, Tensor a, Tensor b) {
            super("WhereBackward", a, b);
            this.condition = condition;
            this.a = a;
            this.b = b;
            save(condition);
        }

        @Override
        Tensor[] backward(Tensor gradOutput) {
            int[] shape = gradOutput.shapeRef();
            double[] g = gradOutput.doubles();
            Operand c = new Operand(condition, condition.dtype(), shape);
            double[] ga = a.requiresGrad() ? new double[g.length] : null;
            double[] gb = b.requiresGrad() ? new double[g.length] : null;
            for (int i = 0, ic = 0; i < g.length; i++, ic += c.step) {
                boolean takeA = c.data[ic] != 0;
                if (ga != null && takeA) {
                    ga[i] = g[i];
                }
                if (gb != null && !takeA) {
                    gb[i] = g[i];
                }
            }
            return new Tensor[] {reduce(ga, shape, a), reduce(gb, shape, b)};
        }
    }
}
