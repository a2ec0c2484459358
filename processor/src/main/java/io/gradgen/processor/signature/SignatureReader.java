package io.gradgen.processor.signature;

import io.gradgen.annotations.Loss;
import io.gradgen.annotations.Param;
import io.gradgen.processor.diagnostics.Message.Reason;
import io.gradgen.processor.diagnostics.Message;
import io.gradgen.processor.diagnostics.Problem;
import io.gradgen.processor.diagnostics.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/** Validates a {@code @Loss} method's declaration and describes it as a {@link LossSignature}. */
public final class SignatureReader {
    private static final String PARAM = Param.class.getCanonicalName();
    private static final String LAST_INDEX = io.gradgen.annotations.LastIndex.class.getCanonicalName();

    private final Elements elements;

    public SignatureReader(Elements elements) {
        this.elements = elements;
    }

    /** The signature, or null when a problem was added for the method. */
    public LossSignature read(ExecutableElement method, Problems problems) {
        String methodName = method.getSimpleName().toString();
        if (!method.getModifiers().contains(Modifier.STATIC)) {
            problems.add(Problem.on(method, Message.NOT_STATIC, methodName));
        }
        if (method.getModifiers().contains(Modifier.NATIVE)) {
            problems.add(Problem.on(method, Message.NO_BODY, methodName, "native"));
        }
        if (!method.getTypeParameters().isEmpty()) {
            problems.add(Problem.on(method, Message.GENERIC_METHOD, methodName,
                    method.getTypeParameters().stream().map(Object::toString).collect(Collectors.joining(", "))));
        }
        if (method.getReturnType().getKind() != TypeKind.DOUBLE) {
            problems.add(Problem.on(method, Message.RETURN_TYPE, methodName, method.getReturnType()));
        }
        List<LossParameter> parameters = new ArrayList<>();
        for (VariableElement p : method.getParameters()) {
            LossParameter parameter = readParameter(p, problems);
            if (parameter != null) {
                parameters.add(parameter);
            }
        }
        if (problems.isEmpty() && parameters.stream().noneMatch(p -> p.kind().isDifferentiable())) {
            problems.add(Problem.on(method, Message.NO_INPUTS, methodName));
        }
        Loss loss = method.getAnnotation(Loss.class);
        if (problems.isEmpty() && parameters.stream().anyMatch(p -> p.kind().isBatch())) {
            checkBatch(method, parameters, problems);
        }
        String lossName = loss.name().isEmpty() ? LossNames.derive(methodName) : loss.name();
        if (!SourceVersion.isName(lossName) || lossName.contains(".")) {
            problems.add(Problem.on(method, Message.INVALID_NAME, lossName, LossNames.derive(methodName)));
        }
        if (!problems.isEmpty()) {
            return null;
        }
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        PackageElement pkg = elements.getPackageOf(method);
        return new LossSignature(pkg.getQualifiedName().toString(), owner.getSimpleName().toString(),
                owner.getQualifiedName().toString(), methodName, lossName, loss.reduction(), parameters);
    }

    private LossParameter readParameter(VariableElement p, Problems problems) {
        String name = p.getSimpleName().toString();
        TypeMirror type = p.asType();
        AnnotationMirror param = paramAnnotation(p);
        if (annotation(p, LAST_INDEX) != null) {
            if (type.getKind() != TypeKind.INT || param != null) {
                problems.add(Problem.on(p, Message.LAST_INDEX_TYPE, name, (param != null ? "@Param " : "") + type));
                return null;
            }
            return new LossParameter(name, InputKind.LAST_INDEX, OptionalDouble.empty());
        }
        InputKind kind = kindOf(type, param != null);
        if (kind == null) {
            problems.add(Problem.on(p, Message.PARAMETER_TYPE, name, type));
            return null;
        }
        OptionalDouble defaultValue = param == null ? OptionalDouble.empty() : explicitDefault(param);
        if (kind == InputKind.CONSTANT_BOOLEAN && defaultValue.isEmpty()) {
            defaultValue = OptionalDouble.of(0); // a flag is off unless asked for, like PyTorch's flags
        }
        if (defaultValue.isPresent()) {
            String problem = defaultProblem(kind, defaultValue.getAsDouble());
            if (problem != null) {
                problems.add(Problem.on(p, Message.PARAM_DEFAULT_TYPE,
                        ExprNumber.text(defaultValue.getAsDouble()), type, name, problem));
                return null;
            }
        }
        if (kind.isConstant() && GENERATED_METHODS.contains(name)) {
            problems.add(Problem.on(p, Message.PARAM_NAME, name, name));
            return null;
        }
        OptionRange range = param == null ? OptionRange.any() : range(param);
        if (range.isConstrained()) {
            boolean integral = kind == InputKind.CONSTANT_INT;
            String problem = kind == InputKind.CONSTANT_BOOLEAN
                    ? Reason.FLAG_RANGE.text(null) : range.problem(integral);
            if (problem == null && defaultValue.isPresent() && !range.allows(defaultValue.getAsDouble())) {
                problem = Reason.DEFAULT_OUTSIDE.text(ExprNumber.text(defaultValue.getAsDouble()));
            }
            if (problem != null) {
                problems.add(Problem.on(p, Message.PARAM_RANGE, name, range.describe(integral), problem));
                return null;
            }
        }
        return new LossParameter(name, kind, defaultValue, range);
    }

    /**
     * A batch loss sees the whole batch: a parameter of one batch position has no meaning beside it,
     * and neither has a reduction, since the body returns the loss of the batch.
     */
    private void checkBatch(ExecutableElement method, List<LossParameter> parameters, Problems problems) {
        String methodName = method.getSimpleName().toString();
        String batch = parameters.stream().filter(p -> p.kind().isBatch())
                .map(p -> (p.kind() == InputKind.MATRIX ? "double[][] " : "int[] ") + p.name())
                .collect(Collectors.joining(", "));
        for (VariableElement p : method.getParameters()) {
            LossParameter parameter = parameters.stream().filter(q -> q.name().contentEquals(p.getSimpleName()))
                    .findFirst().orElseThrow();
            if (parameter.kind().isTensor() && !parameter.kind().isBatch() || parameter.kind() == InputKind.LAST_INDEX) {
                String type = (parameter.kind() == InputKind.LAST_INDEX ? "@LastIndex " : "") + p.asType();
                problems.add(Problem.on(p, Message.BATCH_MIX, methodName, batch, parameter.name(), type));
            }
        }
        for (AnnotationMirror m : method.getAnnotationMirrors()) {
            if (!m.getAnnotationType().toString().equals(Loss.class.getCanonicalName())) {
                continue;
            }
            for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : m.getElementValues().entrySet()) {
                if (e.getKey().getSimpleName().contentEquals("reduction")) {
                    Object value = e.getValue().getValue();
                    String written = value instanceof VariableElement constant
                            ? "Reduction." + constant.getSimpleName() : String.valueOf(value);
                    problems.add(Problem.on(method, Message.BATCH_REDUCTION, methodName, written));
                }
            }
        }
    }

    /** Methods every generated loss has: a {@code @Param}'s accessor of the same name would clash. */
    private static final java.util.Set<String> GENERATED_METHODS = java.util.Set.of("toString", "hashCode", "getClass",
            "equals", "clone", "finalize", "notify", "notifyAll", "wait", "forward", "withReduction", "reduction",
            "serialVersionUID", "gradientAndHessian");

    private static String defaultProblem(InputKind kind, double value) {
        if (kind == InputKind.CONSTANT_ROW) {
            return Reason.ARRAY_DEFAULT.text(null);
        }
        if (kind == InputKind.CONSTANT_BOOLEAN && value != 0 && value != 1) {
            return Reason.FLAG_DEFAULT.text(null);
        }
        if (kind == InputKind.CONSTANT_INT && (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE)) {
            return Reason.INT_DEFAULT.text((long) value);
        }
        return null;
    }

    private static InputKind kindOf(TypeMirror type, boolean isParam) {
        if (type.getKind() == TypeKind.DOUBLE) {
            return isParam ? InputKind.CONSTANT_DOUBLE : InputKind.ELEMENT;
        }
        if (type.getKind() == TypeKind.INT) {
            return isParam ? InputKind.CONSTANT_INT : InputKind.LABEL;
        }
        if (type.getKind() == TypeKind.BOOLEAN && isParam) {
            return InputKind.CONSTANT_BOOLEAN;
        }
        if (type.getKind() != TypeKind.ARRAY) {
            return null;
        }
        TypeMirror component = ((ArrayType) type).getComponentType();
        if (component.getKind() == TypeKind.DOUBLE) {
            return isParam ? InputKind.CONSTANT_ROW : InputKind.ROW;
        }
        if (isParam) {
            return null;
        }
        if (component.getKind() == TypeKind.INT) {
            return InputKind.LABELS;
        }
        boolean matrix = component.getKind() == TypeKind.ARRAY
                && ((ArrayType) component).getComponentType().getKind() == TypeKind.DOUBLE;
        return matrix ? InputKind.MATRIX : null;
    }

    private static AnnotationMirror paramAnnotation(VariableElement p) {
        return annotation(p, PARAM);
    }

    private static AnnotationMirror annotation(VariableElement p, String type) {
        for (AnnotationMirror m : p.getAnnotationMirrors()) {
            if (m.getAnnotationType().toString().equals(type)) {
                return m;
            }
        }
        return null;
    }

    /** Only a value written in the source is a default; {@code @Param} alone has none. */
    private static OptionalDouble explicitDefault(AnnotationMirror param) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : param.getElementValues().entrySet()) {
            if (e.getKey().getSimpleName().contentEquals("value")) {
                Object v = e.getValue().getValue();
                return OptionalDouble.of(((Number) v).doubleValue());
            }
        }
        return OptionalDouble.empty();
    }

    /** The {@code min}, {@code max}, {@code exclusiveMin}, {@code exclusiveMax} and {@code oneOf} of a {@code @Param}. */
    private static OptionRange range(AnnotationMirror param) {
        double min = Double.NEGATIVE_INFINITY;
        double max = Double.POSITIVE_INFINITY;
        boolean exclusiveMin = false;
        boolean exclusiveMax = false;
        List<Double> oneOf = new ArrayList<>();
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : param.getElementValues().entrySet()) {
            Object v = e.getValue().getValue();
            switch (e.getKey().getSimpleName().toString()) {
                case "min" -> min = ((Number) v).doubleValue();
                case "max" -> max = ((Number) v).doubleValue();
                case "exclusiveMin" -> exclusiveMin = (Boolean) v;
                case "exclusiveMax" -> exclusiveMax = (Boolean) v;
                case "oneOf" -> {
                    for (Object element : (List<?>) v) {
                        oneOf.add(((Number) ((AnnotationValue) element).getValue()).doubleValue());
                    }
                }
                default -> {
                }
            }
        }
        return new OptionRange(min, exclusiveMin, max, exclusiveMax, oneOf);
    }

    /** Formats a double as the user would have written it. */
    static final class ExprNumber {
        private ExprNumber() {
        }

        static String text(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) + ".0" : Double.toString(v);
        }
    }
}
