package io.gradgen.processor.write;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import io.gradgen.processor.plan.LoopNames;
import io.gradgen.processor.plan.LossModel;
import io.gradgen.processor.signature.InputKind;
import io.gradgen.processor.signature.LossParameter;
import io.gradgen.processor.signature.LossSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * The float32 path of a loss's reduced forward, as PyTorch runs a loss on {@code float}
 * tensors: when every input is {@code FLOAT32} ({@code LossKernels.floatKernels}), {@code forward}
 * hands over to {@code forward32}, whose kernels ({@code sum32}, {@code sumAndGradients32} and their
 * staged forms) read the inputs' own {@code float[]} arrays, compute each element in double, sum the
 * loss in double and store {@code float} gradients, which the backward delivers to FLOAT32 leaves
 * without conversion. Nothing is copied whole: half the bytes of the double kernels move. The plain
 * kernels widen a block of positions at a time into double blocks ({@link FloatBlockLoop}).
 *
 * <p>A row loss ({@code CrossEntropyLoss}) gets them too: its kernels widen a block of rows at a time
 * and read its element inputs as floats and its labels, of either type, as doubles; a weighted mean's
 * weights are summed by the same {@code weights} kernel as in {@code forward}, which reads only labels.
 *
 * <p>Not for losses with {@code @LastIndex}, saved values or requirements, nor element-wise losses with
 * labels or weights (the forms the kernels take here); those, and {@code Reduction.NONE}, widen FLOAT32
 * inputs to double as before.
 */
final class FloatKernels {
    /** The suffix of the float kernels' names: {@code sum32}, {@code sumAndGradients32}. */
    static final String SUFFIX = "32";

    private static final ClassName DTYPE = ClassName.get("io.gradgen", "DType");
    private static final TypeName FLOATS = ArrayTypeName.of(TypeName.FLOAT);

    private final LossModel model;
    private final LossSignature s;
    private final LoopNames names;
    private final String reduction;
    private final String inputs;
    private final String shape;
    private final String divisor;
    private final String value;
    private final String fused;

    FloatKernels(LossModel model, String reduction, String inputs, String shape, String divisor, String value,
            String fused) {
        this.model = model;
        this.s = model.signature();
        this.names = model.forwardNames();
        this.reduction = reduction;
        this.inputs = inputs;
        this.shape = shape;
        this.divisor = divisor;
        this.value = value;
        this.fused = fused;
    }

    /** Whether the loss gets float kernels (see the class comment). */
    static boolean apply(LossModel model) {
        LossSignature s = model.signature();
        if (s.hasLastIndex() || !model.saved().isEmpty() || model.requirements() != null) {
            return false;
        }
        if (s.hasRows()) {
            return s.tensorInputs().stream().allMatch(p -> p.kind() == InputKind.ROW || p.kind() == InputKind.ELEMENT
                    || p.kind() == InputKind.LABEL);
        }
        return model.weights() == null && s.tensorInputs().stream().allMatch(p -> p.kind() == InputKind.ELEMENT);
    }

    /** The array type of an input's data in a kernel: {@code float[]} in the float kernels. */
    static TypeName dataType(boolean float32) {
        return float32 ? FLOATS : ArrayTypeName.of(TypeName.DOUBLE);
    }

    /**
     * {@code if (reduction != NONE && LossKernels.floatKernels(inputs)) return forward32(...);} in
     * {@code forward}; a row loss asks about its inputs other than labels, which may be of either type.
     */
    void dispatch(MethodSpec.Builder m) {
        List<String> args = new ArrayList<>(inputNames());
        args.add(shape);
        args.add(names.positions());
        args.addAll(rowLengths());
        List<String> floatInputs = s.tensorInputs().stream().filter(p -> p.kind() != InputKind.LABEL)
                .map(LossParameter::name).toList();
        m.beginControlFlow("if ($N != $T.NONE && $T.floatKernels($L))", reduction, Names.REDUCTION,
                Names.SUPPORT_KERNELS, floatInputs.size() == s.tensorInputs().size() ? inputs
                        : String.join(", ", floatInputs));
        m.addStatement("return forward$L($L)", SUFFIX, String.join(", ", args));
        m.endControlFlow();
    }

    /**
     * {@code forward32}: the reduced loss of FLOAT32 inputs through the float kernels; fused with the
     * gradients when the inputs need them, as {@code forward} is.
     *
     * @param backward the backward class
     * @param backwardArgs its constructor's arguments before the divisor and the fused arrays
     */
    MethodSpec forwardMethod(ClassName backward, List<String> backwardArgs) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("forward" + SUFFIX)
                .addModifiers(Modifier.PRIVATE)
                .returns(Names.TENSOR)
                .addJavadoc("As {@code forward}, reduced, for FLOAT32 inputs: the float kernels read their arrays"
                        + " and store float\ngradients; the loss is summed in double.\n");
        for (String input : inputNames()) {
            m.addParameter(Names.TENSOR, input);
        }
        m.addParameter(ArrayTypeName.of(TypeName.INT), shape);
        m.addParameter(TypeName.INT, names.positions());
        rowLengths().forEach(length -> m.addParameter(TypeName.INT, length));
        List<String> kernelArgs = KernelWriter.dataArguments(s, names);
        for (LossParameter p : s.tensorInputs()) {
            if (p.kind() == InputKind.LABEL) {
                m.addStatement("double[] $N = $T.data($N)", names.data().get(p.name()), Names.SUPPORT_BATCH, p.name());
            } else {
                m.addStatement("$T $N = $T.floats($N)", FLOATS, names.data().get(p.name()), Names.SUPPORT_BATCH,
                        p.name());
            }
        }
        CodeBlock work = KernelWriter.workPerPosition(s, names);
        // the weights kernel reads only labels, double[] here as in forward
        m.addStatement("double $N = $L", divisor, KernelWriter.divisor(model, names, reduction, shape));
        String all = String.join(", ", inputNames());
        String differentiable = model.differentiable().stream().map(LossParameter::name)
                .collect(Collectors.joining(", "));
        String backwardArgList = String.join(", ", backwardArgs);
        m.addStatement("$T[] $N = $T.needsGrad($L) ? $T.fusedFloatGradients($L) : null", FLOATS, fused,
                Names.SUPPORT_RESULTS, all, Names.SUPPORT_RESULTS, differentiable);
        m.beginControlFlow("if ($N != null)", fused);
        m.addStatement("double $N = 1.0 / $N", names.scale(), divisor);
        List<String> args = new ArrayList<>(kernelArgs);
        for (int k = 0; k < model.differentiable().size(); k++) {
            String grad = names.grads().get(model.differentiable().get(k).name());
            m.addStatement("$T $N = $N[$L]", FLOATS, grad, fused, k);
            args.add(grad);
        }
        args.add(names.scale());
        m.addStatement("double $N = $T.sumRows($N, $L, $L) / $N", value, Names.PARALLEL, names.positions(), work,
                KernelWriter.chunkBody(names, "sumAndGradients" + SUFFIX, args, model.stagedFused() != null), divisor);
        m.addStatement("return $T.result(new double[] {$N}, new int[0], new $T($L, $N, $N))", Names.SUPPORT_RESULTS,
                value, backward, backwardArgList, divisor, fused);
        m.endControlFlow();
        m.addStatement("double $N = $T.sumRows($N, $L, $L) / $N", value, Names.PARALLEL, names.positions(), work,
                KernelWriter.chunkBody(names, "sum" + SUFFIX, kernelArgs, model.stagedForward() != null), divisor);
        m.beginControlFlow("if (!$T.needsGrad($L))", Names.SUPPORT_RESULTS, all)
                .addStatement("return $T.wrap(new double[] {$N}, new int[0], $T.FLOAT32)", Names.SUPPORT_RESULTS, value,
                        DTYPE)
                .endControlFlow();
        m.addStatement("return $T.result(new double[] {$N}, new int[0], new $T($L, $N, null))", Names.SUPPORT_RESULTS,
                value, backward, backwardArgList, divisor);
        return m.build();
    }

    /** {@code gradPred[i] = (float) (scale * dPred)} in a float kernel; the plain store in a double one. */
    static CodeBlock store(boolean float32, CodeBlock target, CodeBlock value) {
        return float32 ? CodeBlock.of("$L = (float) ($L)", target, value) : CodeBlock.of("$L = $L", target, value);
    }

    /** The row inputs' lengths ({@code logitsLength}), which {@code forward} has computed. */
    private List<String> rowLengths() {
        return s.tensorInputs().stream().filter(p -> p.kind() == InputKind.ROW)
                .map(p -> names.lengths().get(p.name())).toList();
    }

    private List<String> inputNames() {
        return s.tensorInputs().stream().map(LossParameter::name).toList();
    }
}
