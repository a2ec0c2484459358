package io.gradgen.processor.diagnostics;

import java.util.Locale;

/**
 * Every message gradgen reports, with a stable id that tests and users can search for. Each says
 * what is wrong, naming the construct, and what to write instead.
 */
public enum Message {
    NOT_STATIC("NotStatic",
            "@Loss method %s must be static: gradgen generates classes that call no instance; add the static modifier"),
    GENERIC_METHOD("GenericMethod",
            "@Loss method %s declares type parameters; a loss works on double, double[] and int values only, so remove <%s>"),
    RETURN_TYPE("ReturnType",
            "@Loss method %s returns %s; declare it to return double, the loss of one batch position"),
    PARAMETER_TYPE("ParameterType",
            "parameter %s has type %s; a loss takes double (one element), double[] (one row) or int (a label), "
                    + "and @Param double, int, double[] or boolean constants"),
    PARAM_NAME("ParamName",
            "@Param %s would give the generated loss an accessor %s() that clashes with one every loss has "
                    + "(toString, hashCode, equals, forward, withReduction, reduction, ...); rename the parameter"),
    LAST_INDEX_TYPE("LastIndexType",
            "@LastIndex parameter %s has type %s; it receives the position's index along the last dimension, so "
                    + "declare it a plain int (without @Param): @LastIndex int c"),
    NO_BODY("NoBody",
            "@Loss method %s is %s and has no body to differentiate; write it as a static method whose body "
                    + "returns the loss of one batch position"),
    NO_INPUTS("NoInputs",
            "@Loss method %s has no double tensor input to differentiate; add a double parameter "
                    + "(or mark fewer parameters @Param)"),
    PARAM_DEFAULT_TYPE("ParamDefaultType",
            "@Param(%s) on %s %s: %s"),
    PARAM_RANGE("ParamRange",
            "@Param %s accepts %s, but %s"),
    INVALID_NAME("InvalidName",
            "@Loss(name = \"%s\") is not a valid Java class name; write an identifier such as \"%s\""),
    DUPLICATE_NAME("DuplicateName",
            "two @Loss methods would generate %s: %s and %s; give one of them another name with @Loss(name = \"...\")"),
    NAME_TAKEN("NameTaken",
            "@Loss method %s would generate %s, but a type of that name already exists; "
                    + "choose another with @Loss(name = \"...\")"),
    UNSUPPORTED_CALL("UnsupportedCall",
            "cannot differentiate %s; supported here: %s%s"),
    NOT_DIFFERENTIABLE("NotDifferentiable",
            "%s is not annotated @Differentiable; annotate it with @io.gradgen.annotations.Differentiable "
                    + "so gradgen can differentiate through it"),
    HELPER_NO_SOURCE("HelperNoSource",
            "cannot read the body of @Differentiable %s: its source is not part of this compilation; "
                    + "compile it together with the loss"),
    HELPER_SIGNATURE("HelperSignature",
            "@Differentiable %s must be a static method returning double with double parameters (%s)"),
    RECURSIVE_HELPER("RecursiveHelper",
            "@Differentiable %s calls itself (%s); gradgen inlines helpers, so write it without recursion"),
    RANDOM("Random",
            "Math.random() is neither differentiable nor repeatable; pass random values in as an input tensor "
                    + "or a @Param constant"),
    UNSUPPORTED_STATEMENT("UnsupportedStatement",
            "%s is not supported in a loss body; %s"),
    UNSUPPORTED_EXPRESSION("UnsupportedExpression",
            "%s is not supported in a loss body; %s"),
    UNSUPPORTED_OPERATOR("UnsupportedOperator",
            "operator %s is not supported in a loss body; %s"),
    ASSIGN_TO_PARAMETER("AssignToParameter",
            "assignment to parameter %s; parameters are the loss's inputs: declare a local instead, "
                    + "e.g. double %s = ...;"),
    LOCAL_TYPE("LocalType",
            "local variable %s has type %s; declare it double (or int for whole numbers)"),
    UNKNOWN_NAME("UnknownName",
            "cannot resolve %s in a loss body; use a parameter, a local, or a static final constant%s"),
    LOOP_FORM("LoopForm",
            "%s is not a loop gradgen can differentiate (%s); a loop runs over one whole row: "
                    + "write for (int i = 0; i < x.length; i++) with x a double[] parameter"),
    LOOP_ASSIGNMENT("LoopAssignment",
            "%s inside a loop is not an accumulation into %s; a loop may only accumulate into a local declared "
                    + "before it: write %s += ..., -= ..., *= ..., or %s = Math.max(%s, ...) / Math.min(%s, ...), "
                    + "where ... does not read %s"),
    ARRAY_WRITE("ArrayWrite",
            "%s writes an element of a row; rows are read-only inputs: accumulate into a local declared "
                    + "before the loop instead (double s = 0.0; for (...) s += ...;)"),
    INDEX("Index",
            "%s cannot index a row: %s; index with the loop variable (x[i]), an int parameter (a label: x[target]) or an int literal"),
    ROW_VALUE("RowValue",
            "the row %s is used as a number; use one element, %s[i], or a row function such as sum(%s)"),
    ROW_ARGUMENT("RowArgument",
            "%s takes %s; pass double[] parameters of the loss, e.g. %s"),
    WEIGHTED_PLACEMENT("WeightedPlacement",
            "%s: Functions.weighted(value, weight) declares a position's weight in the mean, so it must be the whole "
                    + "value of a return statement: write return weighted(loss, weight);"),
    WEIGHT_DEPENDS_ON_INPUT("WeightDependsOnInput",
            "the weight that @Loss method %s gives Functions.weighted depends on the differentiable input %s; "
                    + "the mean's denominator must come from labels and @Param constants (e.g. weight[target])"),
    INTEGER_DIVISION("IntegerDivision",
            "%s divides two int values, which truncates and is not differentiable; write %s for real division"),
    KOTLIN_STUB("KotlinStub",
            "@Loss method %s belongs to a Kotlin class (it carries @kotlin.Metadata): the processor sees kapt's Java "
                    + "stub, whose body is a placeholder, not your code, so gradgen would differentiate a constant; "
                    + "write the loss as a static method in a Java source file (src/main/java of this or another "
                    + "module) and call the generated %s from Kotlin"),
    NO_SOURCE("NoSource",
            "@Loss method %s has no source in this compilation (it was read from a class file), so gradgen has no "
                    + "body to differentiate; compile the loss's own .java file with the processor"),
    CONSTANT_LOSS("ConstantLoss",
            "the value of @Loss method %s does not depend on its differentiable input%s %s, so every gradient would "
                    + "be zero; if this body is a placeholder (a generated stub), write the real loss in a Java source "
                    + "file, else make the returned value depend on %s"),
    NOT_JAVAC("NotJavac",
            "gradgen needs javac's Tree API (com.sun.source.util.Trees), which this compiler does not provide; "
                    + "compile with javac (JDK 17 or newer)"),
    INTERNAL("Internal",
            "unexpected %s while processing %s: %s; this is a gradgen bug, please report it with this method");

    private final String id;
    private final String template;

    Message(String id, String template) {
        this.id = id;
        this.template = template;
    }

    /** The stable id, as it appears in brackets: {@code gradgen/UnsupportedCall}. */
    public String id() {
        return "gradgen/" + id;
    }

    /** The full message text with its id prefix. */
    public String format(Object... args) {
        return "[" + id() + "] " + String.format(Locale.ROOT, template, args);
    }
}
