package io.gradgen;

import io.gradgen.autograd.GradMode;

/** Conversions between element types: {@link Tensor#to(DType)} and {@link Tensor#toInPlace(DType)}. */
final class Conversions {

    private Conversions() {
    }

    static Tensor to(Tensor a, DType dtype) {
        java.util.Objects.requireNonNull(dtype, "to: dtype is null");
        if (a.dtype() == dtype) {
            return a;
        }
        Tensor result = a.copyAs(dtype);
        if (Tensor.recording(a)) {
            result.withGradFn(new ToCopyBackward(a));
        }
        return result;
    }

    /** PyTorch's name for the backward of {@code .to}: the gradient converted back to the input's type. */
    private static final class ToCopyBackward extends Node {
        private final DType inputType;

        ToCopyBackward(Tensor input) {
            super("ToCopyBackward", input);
            this.inputType = input.dtype();
        }

        @Override
        Tensor[] backward(Tensor gradOutput) {
            return new Tensor[] {gradOutput.copyAs(inputType)};
        }
    }

    static Tensor toInPlace(Tensor t, DType dtype) {
        java.util.Objects.requireNonNull(dtype, "toInPlace: dtype is null");
        if (!t.isLeaf()) {
            throw new IllegalStateException("toInPlace: only a leaf tensor can change its type in place, but this one was"
                    + " computed by " + t.gradFn().name() + "; use to(DType), which records the conversion in the graph");
        }
        if (t.requiresGrad() && GradMode.isEnabled()) {
            throw new IllegalStateException("toInPlace: a tensor that requires grad cannot change its type in place while"
                    + " grad mode is enabled; do it inside try (var g = NoGrad.enter()) { ... }, as Module.to does");
        }
        if (t.dtype() == dtype) {
            return t;
        }
        t.replaceStorage(t.storage.copy(dtype));
        Tensor grad = t.grad();
        if (grad != null) {
            grad.replaceStorage(grad.storage.copy(dtype));
        }
        return t;
    }
}
