package io.gradgen.processor.write;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.plan.Kernel;
import io.gradgen.processor.plan.LoopNames;
import io.gradgen.processor.plan.LossModel;
import io.gradgen.processor.plan.NameAllocator;
import io.gradgen.processor.signature.LossParameter;
import io.gradgen.processor.signature.LossSignature;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code SecondOrderLoss.gradientAndHessian}: the prediction's gradient and the Hessian's
 * diagonal for every element, unreduced, from the second-order kernel (what XGBoost's custom
 * objectives take), with the same input checks as {@code forward}.
 */
final class SecondOrderWriter {
    private final LossModel model;
    private final ForwardWriter forward;
    private final LossSignature s;
    private final LoopNames names;
    private final String grad;
    private final String hessian;
    private final String others;

    SecondOrderWriter(LossModel model, ForwardWriter forward) {
        this.model = model;
        this.forward = forward;
        this.s = model.signature();
        this.names = model.forwardNames();
        NameAllocator taken = new NameAllocator(s.parameters().stream().map(LossParameter::name).toList());
        names.all().forEach(taken::reserve);
        List.of(forward.nameField(), forward.inputsField(), forward.inputsLocal()).forEach(taken::reserve);
        this.grad = names.secondGrad();
        this.hessian = names.secondHessian();
        this.others = taken.allocate("others");
    }

    /** The public method: inputs checked as in {@code forward}, then the kernel over chunks of positions. */
    MethodSpec method() {
        List<LossParameter> inputs = s.tensorInputs();
        String pred = inputs.get(0).name();
        MethodSpec.Builder m = MethodSpec.methodBuilder("gradientAndHessian")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(Names.TENSOR, pred)
                .addParameter(ArrayTypeName.of(TypeName.DOUBLE), grad)
                .addParameter(ArrayTypeName.of(TypeName.DOUBLE), hessian)
                .addParameter(ParameterSpec.builder(ArrayTypeName.of(Names.TENSOR), others).build())
                .varargs()
                .addJavadoc("For each element of {@code $N}: the first and second derivative of its position's loss\n"
                        + "(unreduced), written into {@code $N} and {@code $N}.\n\n", pred, grad, hessian)
                .addJavadoc("@param $N the prediction\n@param $N receives ∂loss/∂$N, one per element of {@code $N}\n"
                        + "@param $N receives ∂²loss/∂$N², one per element of {@code $N}\n"
                        + "@param $N the other inputs: {@code $L}\n", pred, grad, pred, pred, hessian, pred, pred, others,
                        String.join(", ", inputs.subList(1, inputs.size()).stream().map(LossParameter::name).toList()));
        m.addStatement("$T[] $N = $T.secondOrderInputs($N, $N, $N, $N, $N, $N)", Names.TENSOR, forward.inputsLocal(),
                Names.SUPPORT_INPUTS, forward.nameField(), forward.inputsField(), pred, others, grad, hessian);
        for (int k = 1; k < inputs.size(); k++) {
            m.addStatement("$T $N = $N[$L]", Names.TENSOR, inputs.get(k).name(), forward.inputsLocal(), k);
        }
        forward.prepareInputs(m);
        List<String> args = new ArrayList<>(KernelWriter.dataArguments(s, names));
        args.add(grad);
        args.add(hessian);
        m.addStatement("$T.forRows($N, $L, $L)", Names.PARALLEL, names.positions(), KernelWriter.workPerPosition(s, names),
                KernelWriter.chunkLambda(names, "gradientAndHessian", args));
        return m.build();
    }

    /** The kernel over one chunk of positions, checking labels as the forward's kernels do. */
    MethodSpec kernel() {
        Kernel kernel = model.secondOrder();
        JavaExpressions java = new JavaExpressions(kernel.names(), names, model.rowChecks());
        CodeBlock.Builder body = CodeBlock.builder();
        PositionLoop.open(body, model, names, kernel, java, true);
        String pred = s.tensorInputs().get(0).name();
        String[] targets = {grad, hessian};
        for (int k = 0; k < 2; k++) {
            Expr output = kernel.outputs().get(k);
            Kernel row = kernel.rows().get(k);
            String target = targets[k];
            if (row == null) {
                body.addStatement("$N[$N] = $L", target, names.index(), java.reference(output));
            } else {
                JavaExpressions inner = java.inner(row.names());
                String j = row.loop().indexName();
                KernelWriter.loop(body, row, inner, names, java2 -> CodeBlock.of("$N[$N + $N] = $L", target,
                        names.offsets().get(pred), j, java2.reference(output)));
            }
        }
        body.endControlFlow();
        return MethodSpec.methodBuilder("gradientAndHessian")
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc("The first and second derivatives of the positions {@code [$N, $N)}.\n", names.from(),
                        names.to())
                .addParameters(KernelWriter.dataParameters(s, names))
                .addParameter(ArrayTypeName.of(TypeName.DOUBLE), grad)
                .addParameter(ArrayTypeName.of(TypeName.DOUBLE), hessian)
                .addParameters(KernelWriter.rangeParameters(names))
                .addCode(body.build())
                .build();
    }
}
