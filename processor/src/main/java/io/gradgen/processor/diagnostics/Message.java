package io.gradgen.processor.diagnostics;

import java.util.Locale;

/**
 * Every message gradgen reports, with a stable id that tests and users can search for. Each says
 * what is wrong, naming the construct, and what to write instead.
 */
public enum Message {
    NOT_STATIC(
            "@Loss method %s must be static: gradgen generates classes that call no instance; add the static modifier"),
    GENERIC_METHOD(
            "@Loss method %s declares type parameters; a loss works on double, double[] and int values only, so remove <%s>"),
    RETURN_TYPE("@Loss method %s returns %s; declare it to return double, the loss of one batch position"),
    PARAMETER_TYPE("parameter %s has type %s; a loss takes double (one element), double[] (one row) or int (a label), "
                    + "a batch loss double[][] (the batch's rows) or int[] (its labels), and @Param double, int, "
                    + "double[] or boolean constants (for float data declare double: a FLOAT32 tensor is still "
                    + "computed in float32)"),
    PARAM_NAME("@Param %s would give the generated loss an accessor %s() that clashes with one every loss has "
                    + "(toString, hashCode, equals, forward, withReduction, reduction, ...); rename the parameter"),
    LAST_INDEX_TYPE(
            "@LastIndex parameter %s has type %s; it receives the position's index along the last dimension, so "
                    + "declare it a plain int (without @Param): @LastIndex int c"),
    NO_BODY("@Loss method %s is %s and has no body to differentiate; write it as a static method whose body "
                    + "returns the loss of one batch position"),
    NO_INPUTS("@Loss method %s has no double tensor input to differentiate; add a double parameter "
                    + "(or mark fewer parameters @Param)"),
    PARAM_DEFAULT_TYPE("@Param(%s) on %s %s: %s"),
    PARAM_RANGE("@Param %s accepts %s, but %s"),
    BATCH_OPTIONAL_ROW(
            "batch loss %s cannot leave its row %s out yet: a batch loss has one set of kernels; write @Param "
                    + "double[] %2$s (without a default) and pass a row of ones for PyTorch's weight=None"),
    COPY_NAME("@Param %s and @Param %s would both give the generated loss the copy method %s(...); rename one of them"),
    DEFAULT_ROW_READ("optional row @Param(%s) double[] %s is read as a whole in %s (%s); left at its default it has no "
                    + "length of its own, so read it by element only: %s[i] inside a loop over the row it weighs, "
                    + "for (int i = 0; i < x.length; i++)"),
    INVALID_NAME("@Loss(name = \"%s\") is not a valid Java class name; write an identifier such as \"%s\""),
    DUPLICATE_NAME(
            "two @Loss methods would generate %s: %s and %s; give one of them another name with @Loss(name = \"...\")"),
    NAME_TAKEN("@Loss method %s would generate %s, but a type of that name already exists; "
                    + "choose another with @Loss(name = \"...\")"),
    UNSUPPORTED_CALL("cannot differentiate %s; supported here: %s%s"),
    NOT_DIFFERENTIABLE("%s is not annotated @Differentiable; annotate it with @io.gradgen.annotations.Differentiable "
                    + "so gradgen can differentiate through it"),
    HELPER_NO_SOURCE(
            "cannot read the body of @Differentiable %s: it comes from a class file that carries no body for gradgen "
                    + "(gradgen stores a helper's body beside its class, as <Class>.<method>.gradgen, when it "
                    + "compiles the helper); compile the helper's class with gradgen-processor on the processor path, or "
                    + "together with the loss"),
    HELPER_FORMAT_VERSION(
            "cannot read the body of @Differentiable %s: %s was written by gradgen %s in helper format %s, but this "
                    + "gradgen (%s) reads format %s; rebuild the helper's jar with this gradgen, or build the loss "
                    + "with the gradgen that built the jar"),
    HELPER_METADATA_CORRUPT(
            "cannot read the body of @Differentiable %s from %s: %s; the resource is not as gradgen wrote it, "
                    + "so rebuild the helper's jar with gradgen-processor on the processor path"),
    HELPER_NOT_STORED(
            "could not store the body of a @Differentiable helper beside its class (%s); losses in this compilation "
                    + "can still use it, losses compiled against its jar cannot"),
    HELPER_SIGNATURE(
            "@Differentiable %s must be a static method returning double or double[] with double, int or double[] "
                    + "parameters (%s)"),
    RECURSIVE_HELPER("@Differentiable %s calls itself (%s); gradgen inlines helpers, so write it without recursion"),
    RANDOM("Math.random() is neither differentiable nor repeatable; pass random values in as an input tensor "
                    + "or a @Param constant"),
    UNSUPPORTED_STATEMENT("%s is not supported in a loss body; %s"),
    UNSUPPORTED_EXPRESSION("%s is not supported in a loss body; %s"),
    UNSUPPORTED_OPERATOR("operator %s is not supported in a loss body; %s"),
    ASSIGN_TO_PARAMETER("assignment to parameter %s; parameters are the loss's inputs: declare a local instead, "
                    + "e.g. double %s = ...;"),
    LOCAL_TYPE("local variable %s has type %s; declare it double (or int for whole numbers)"),
    UNKNOWN_NAME("cannot resolve %s in a loss body; use a parameter, a local, or a static final constant%s"),
    LOOP_FORM("%s is not a loop gradgen can differentiate (%s); write for (int i = start; i < end; i++) with int "
                    + "start and end: lengths (x.length), labels, int @Param constants, literals, int locals, and "
                    + "sums and differences of them"),
    LOOP_ASSIGNMENT("%s inside a loop is not an accumulation into %s; a loop may only accumulate into a local declared "
                    + "before it: write %s += ..., -= ..., *= ..., or %s = Math.max(%s, ...), Math.min(%s, ...) or "
                    + "Functions.logAddExp(%s, ...), where ... does not read %s"),
    ARRAY_WRITE("%s writes an element of a row; rows are read-only inputs: accumulate into a local declared "
                    + "before the loop instead (double s = 0.0; for (...) s += ...;)"),
    INDEX(
            "%s cannot index a row: %s; index with the loop variable (x[i]), an int parameter (a label: x[target]) or an int literal"),
    ROW_VALUE("the row %s is used as a number; use one element, %s[i], or a row function such as sum(%s)"),
    ROW_ARGUMENT("%s takes %s; pass double[] parameters of the loss, e.g. %s"),
    WEIGHTED_PLACEMENT(
            "%s: Functions.weighted(value, weight) declares a position's weight in the mean, so it must be the whole "
                    + "value of a return statement: write return weighted(loss, weight);"),
    WEIGHT_DEPENDS_ON_INPUT(
            "the weight that @Loss method %s gives Functions.weighted depends on the differentiable input %s; "
                    + "the mean's denominator must come from labels and @Param constants (e.g. weight[target])"),
    INTEGER_DIVISION(
            "%s divides two int values, which truncates and is not differentiable; write %s for real division"),
    KOTLIN_STUB(
            "@Loss method %s belongs to a Kotlin class (it carries @kotlin.Metadata): the processor sees kapt's Java "
                    + "stub, whose body is a placeholder, not your code, so gradgen would differentiate a constant; "
                    + "write the loss as a static method in a Java source file (src/main/java of this or another "
                    + "module) and call the generated %s from Kotlin"),
    NO_SOURCE("@Loss method %s has no source in this compilation (it was read from a class file), so gradgen has no "
                    + "body to differentiate; compile the loss's own .java file with the processor"),
    CONSTANT_LOSS(
            "the value of @Loss method %s does not depend on its differentiable input%s %s, so every gradient would "
                    + "be zero; if this body is a placeholder (a generated stub), write the real loss in a Java source "
                    + "file, else make the returned value depend on %s"),
    BATCH_MIX(
            "batch loss %s takes whole batches (%s), but parameter %s (%s) belongs to one batch position, and a batch "
                    + "loss has none: make it a double[][] (one row per batch element), an int[] of labels, or a @Param"),
    BATCH_REDUCTION("batch loss %s returns the loss of the whole batch, so it has no reduction to choose; remove "
                    + "reduction = %s from its @Loss"),
    INDEX_RANGE("%s reads %s %s in some iteration of %s; change the loop's bounds so that every index stays inside "
                    + "%s (to read x[i - 1], start at i = 1; to read x[i + 1], end at x.length - 1)"),
    LOCAL_ARRAY("%s: %s; a local double[] is made with new double[n], filled once in the loop over its index "
                    + "(for (int i = 0; i < n; i++) { t[i] = ...; }) and read after that loop"),
    LOOP_LOCAL("%s assigns %s local %s inside a loop it was declared outside of; only double locals accumulate "
                    + "across iterations: declare %s inside the loop, or compute it before the loop"),
    CONSTANT_FIELD("static final field %s has no compile-time value and is %s, so the generated loss cannot read it; "
                    + "make it package-private (the generated class then reads it), or give it a value computed "
                    + "from literals, constants and Math calls"),
    SOURCE_UNREADABLE(
            "cannot read the body of %s: this compiler has no javac Tree API (com.sun.source.util.Trees), so gradgen "
                    + "parses the class's source file with the JDK's own parser, but %s; %s"),
    UNKNOWN_OPTION("-A%s is not a gradgen option and does nothing; gradgen's options are %s%s"),
    OPTION_VALUE("-A%s=%s is not a value this option takes, so its default applies; write -A%s=%s"),
    INTERNAL("unexpected %s while processing %s: %s; this is a gradgen bug, please report it with this method");

    private final String template;

    Message(String template) {
        this.template = template;
    }

    /**
     * The stable id, as it appears in brackets: the constant's name in camel case,
     * {@code gradgen/UnsupportedCall} for {@code UNSUPPORTED_CALL}.
     */
    public String id() {
        StringBuilder id = new StringBuilder("gradgen/");
        for (String word : name().split("_")) {
            id.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return id.toString();
    }

    /** The full message text with its id prefix. */
    public String format(Object... args) {
        return "[" + id() + "] " + String.format(Locale.ROOT, template, args);
    }

    /**
     * A construct the loss language does not have, with what to write instead: the two arguments of
     * {@link #UNSUPPORTED_STATEMENT}, {@link #UNSUPPORTED_EXPRESSION} and {@link #UNSUPPORTED_OPERATOR}.
     * A {@code %s} in the construct's text is the user's code.
     */
    public enum Unsupported {
        RETURN_IN_LOOP("a return inside a loop", "accumulate into a local declared before the loop and return after it"),
        WHILE_LOOP("a while loop",
                "loops run over whole rows: write for (int i = 0; i < x.length; i++) with x a double[] parameter"),
        DO_WHILE_LOOP("a do-while loop",
                "loops run over whole rows: write for (int i = 0; i < x.length; i++) with x a double[] parameter"),
        SWITCH("a switch statement", "write it as if/else on comparisons"),
        THROW("a throw statement", "a loss has a value everywhere; validate @Param values before training instead"),
        TRY("a try statement", "nothing in a loss body throws; remove it"),
        BREAK("a break statement", "a loop runs over its whole row; skip elements with an if inside the loop"),
        CONTINUE("a continue statement", "a loop runs over its whole row; skip elements with an if inside the loop"),
        SYNCHRONIZED("a synchronized block", "a loss body shares no state; remove it"),
        LABELED("a labeled statement", "remove the label"),
        STATEMENT("this statement", "use local variables, assignments, if/else and return"),
        ENHANCED_FOR("an enhanced for loop", "gradgen needs the index to differentiate x[i]"),
        ASSIGN_LOOP_VARIABLE("assigning to the loop variable %s", "the loop alone advances %s"),
        NEW_ARRAY("%s outside a local declaration", "declare it: double[] t = new double[n];"),
        ARRAY_TYPE("%s", "a loss computes with double, int, boolean and double[] values"),
        DISCARDED_CALL("a call whose result is discarded (%s)",
                "a loss body has no side effects; remove it or assign its value to a local"),
        EXPRESSION_STATEMENT("the expression statement %s", "use local variables, assignments, if/else and return"),
        INCREMENT_STATEMENT("%s", "write the assignment out, e.g. x = x + 1;"),
        INCREMENT("%s", "write x + 1 or x - 1 instead"),
        REMAINDER("%", "the remainder is not differentiable at its jumps; write a - b * Math.floor(a / b) if you need it"),
        BITWISE("%s", "bitwise operators have no derivative; use && and || on comparisons"),
        ASSIGN_TO("assigning to %s", "only local variables of the loss body can be assigned"),
        BOOLEAN_AS_NUMBER("the boolean value %s used as a number", "write a conditional, e.g. (%s) ? 1.0 : 0.0"),
        NUMBER_AS_CONDITION("the number %s used as a condition", "compare it, e.g. %s > 0"),
        NESTED_ASSIGNMENT("an assignment inside an expression (%s)", "assign in a statement of its own"),
        OBJECT_CREATION("object creation (%s)", "a loss body computes with doubles only"),
        LAMBDA("a lambda or method reference", "call a @Differentiable static method instead"),
        SWITCH_EXPRESSION("a switch expression", "write it as ?: or if/else on comparisons"),
        LITERAL("the literal %s", "a loss body computes with doubles only"),
        EXPRESSION("the expression %s",
                "use arithmetic, comparisons, ?: and calls to Math, io.gradgen.Functions or @Differentiable methods"),
        LENGTH_OF("%s", "only the length of a double[] parameter is known, e.g. x.length"),
        INDEXING("indexing %s", "only double[] parameters of the loss can be indexed"),
        INTEGER_CAST("the cast (%s)", "a cast to an integer truncates and has no derivative; use Math.floor or Math.ceil");

        private final String construct;
        private final String instead;

        Unsupported(String construct, String instead) {
            this.construct = construct;
            this.instead = instead;
        }

        /** The construct, with the user's code where its text has a {@code %s}. */
        public String construct(Object code) {
            return construct.contains("%s") ? String.format(Locale.ROOT, construct, code) : construct;
        }

        /** What to write instead, with the user's code where its text has a {@code %s}. */
        public String instead(Object code) {
            return instead.contains("%s") ? String.format(Locale.ROOT, instead, code) : instead;
        }
    }

    /** Why a loop header or an index is not one gradgen can differentiate: the reason in {@link #LOOP_FORM} and {@link #INDEX}. */
    public enum Reason {
        LOOP_START("it must declare its int index: for (int %s = start; ...)"),
        LOOP_CONDITION("its condition must be %1$s < end or %1$s <= end, with end an int expression"),
        LOOP_UPDATE("its update must be %s++"),
        WRITE_OUTSIDE_LOOP("it is written outside a loop"),
        WRITE_OTHER_INDEX("it is written at %s, not at the index of the loop around it"),
        FILLED_TWICE("it was filled by an earlier loop"),
        READ_WHILE_FILLING("the loop that fills it also reads it"),
        ASSIGNED_WHOLE("a local array cannot be assigned as a whole after its declaration"),
        COMPOUND_WRITE("an element is written once, with =, not updated"),
        NOT_FILLED_ARRAY("only a local double[] made with new double[n] can be written"),
        INDEX_FROM_DOUBLE("it is computed from a double"),
        INDEX_NOT_INT("it is not an int"),
        INDEX_NEGATIVE("it is negative"),
        INDEX_LOCAL("it is a local variable"),
        INDEX_COMPUTED("it is computed"),
        NO_COMPILE_TIME_VALUE("; it is not a static final numeric constant with a compile-time value"),
        NOT_A_CONSTANT("; %s is not a static final numeric constant"),
        NOT_A_VISIBLE_CLASS("; %s is not a class gradgen can see (instance methods are not supported)"),
        ARRAY_DEFAULT("an optional row's default is the one finite number every element reads as when the row is left "
                + "out; write e.g. @Param(1.0), or @Param without a value to require the row"),
        FLAG_DEFAULT("a boolean flag's default is @Param(0) (false, also when no value is written) or @Param(1) (true)"),
        INT_DEFAULT("an int constant's default must be a whole number in int range; write e.g. @Param(%s) or declare "
                + "the parameter double"),
        FLAG_RANGE("a boolean flag has no range; remove min, max and oneOf"),
        NAN_BOUND("a bound or a oneOf value is NaN"),
        EMPTY_RANGE("no value satisfies %s"),
        WHOLE_ONE_OF("an int constant's oneOf values must be whole numbers"),
        ONE_OF_OUTSIDE("no value of oneOf lies %s"),
        DEFAULT_OUTSIDE("the default %s is outside it; change the default or the range"),
        SOURCE_NOT_FOUND("it found no source file for %s (it asked the compiler, the compiler's own compilation unit "
                + "and the source path)"),
        GIVE_SOURCE_PATH("pass the source directory with -sourcepath, or compile with javac"),
        NO_JDK_PARSER("this JVM has no Java parser (its module jdk.compiler is missing)"),
        USE_A_JDK("run the compiler on a full JDK 17 or newer"),
        PARSE_ERROR("the JDK's parser on this JVM rejects it (%s)"),
        USE_JAVAC("run the compiler on a JDK whose javac accepts this source (as new as its Java level), or compile "
                + "with javac"),
        NOT_IN_FILE("%s declares no such method where gradgen looks (the top-level class and its member classes)"),
        MOVE_TO_MEMBER_CLASS("declare the method in a top-level or member class, not in a local or anonymous one");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        public String text(Object code) {
            return text.contains("%") ? String.format(Locale.ROOT, text, code) : text;
        }
    }
}
