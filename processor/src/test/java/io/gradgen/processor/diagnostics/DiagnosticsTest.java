package io.gradgen.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.gradgen.processor.GradgenProcessor;
import io.gradgen.processor.testing.GradgenCompiler;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One failing compile per {@link Message}: each asserts the message's id, the words that name the
 * construct and say what to write instead, the file, and the line. Then the properties every bad
 * input shares: all problems of a method are reported, a broken loss does not stop its siblings, and
 * the processor never crashes javac.
 *
 * <p>{@link Message#SOURCE_UNREADABLE} is reported only when {@code Trees.instance} rejects the
 * processing environment, as under a compiler that is not javac, and the source file cannot be
 * found. compile-testing runs javac only, so its test hands the processor a proxy of javac's
 * environment, which {@code Trees.instance} rejects exactly as it would ecj's, and whose sources are
 * in memory, on no source path (builds.EclipseCompilerTest runs ECJ itself).
 */
class DiagnosticsTest {

    /**
     * A bad input: the source, the message it must produce, a fragment of the one line the error
     * must be reported on, and words the message must contain.
     */
    record Bad(String name, JavaFileObject source, Message message, String line, List<String> words,
            List<JavaFileObject> extraSources) {
        Bad(String name, JavaFileObject source, Message message, String line, String... words) {
            this(name, source, message, line, List.of(words), List.of());
        }

        /** The same case compiled together with another source. */
        Bad with(JavaFileObject extra) {
            List<JavaFileObject> extras = new ArrayList<>(extraSources);
            extras.add(extra);
            return new Bad(name, source, message, line, words, List.copyOf(extras));
        }

        List<JavaFileObject> sources() {
            List<JavaFileObject> all = new ArrayList<>(extraSources);
            all.add(0, source);
            return all;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A class {@code bad.<className>} with the usual imports around {@code members}. */
    static JavaFileObject source(String className, String... members) {
        return JavaFileObjects.forSourceString("bad." + className, String.join("\n",
                "package bad;",
                "",
                "import io.gradgen.annotations.Differentiable;",
                "import io.gradgen.annotations.Loss;",
                "import io.gradgen.annotations.Param;",
                "import static io.gradgen.Functions.*;",
                "",
                "final class " + className + " {",
                String.join("\n", members),
                "}",
                ""));
    }

    static Stream<Bad> cases() {
        return Stream.of(
                // ---------------------------------------------------------------- signatures, on the element
                new Bad("non-static method", source("NonStatic",
                        "    @Loss",
                        "    double instanceLoss(double x) { return x * x; }"),
                        Message.NOT_STATIC, "double instanceLoss(", "instanceLoss", "must be static",
                        "add the static modifier"),
                new Bad("generic method", source("Generic",
                        "    @Loss",
                        "    static <T> double genericLoss(double x) { return x * x; }"),
                        Message.GENERIC_METHOD, "genericLoss(double x)", "genericLoss", "type parameters",
                        "remove <T>"),
                new Bad("non-double return", source("ReturnsFloat",
                        "    @Loss",
                        "    static float floatLoss(double x) { return (float) x; }"),
                        Message.RETURN_TYPE, "static float floatLoss(", "floatLoss", "returns float",
                        "return double"),
                new Bad("String parameter", source("StringParameter",
                        "    @Loss",
                        "    static double labelled(double x,",
                        "                           String label) { return x; }"),
                        Message.PARAMETER_TYPE, "String label", "parameter label", "java.lang.String",
                        "a loss takes double (one element), double[] (one row) or int (a label)",
                        "a batch loss double[][] (the batch's rows) or int[] (its labels)"),
                new Bad("native method", source("Native",
                        "    @Loss",
                        "    static native double nativeLoss(double x);"),
                        Message.NO_BODY, "static native double nativeLoss(", "nativeLoss", "native",
                        "no body to differentiate", "write it as a static method whose body returns the loss"),
                new Bad("no double inputs", source("NoInputs",
                        "    @Loss",
                        "    static double labelsOnly(int label, @Param double scale) { return scale; }"),
                        Message.NO_INPUTS, "labelsOnly(", "labelsOnly", "no double tensor input",
                        "add a double parameter"),
                new Bad("@Param(0.5) int", source("HalfInt",
                        "    @Loss",
                        "    static double scaled(double x,",
                        "                         @Param(0.5) int steps) { return x * steps; }"),
                        Message.PARAM_DEFAULT_TYPE, "@Param(0.5) int steps", "@Param(0.5)", "int steps",
                        "whole number", "@Param(0)", "declare the parameter double"),
                new Bad("@Param(∞) double[]", source("ArrayDefault",
                        "    @Loss",
                        "    static double weighted(double x,",
                        "                           @Param(Double.POSITIVE_INFINITY) double[] weights) { return x; }"),
                        Message.PARAM_DEFAULT_TYPE, "@Param(Double.POSITIVE_INFINITY) double[] weights", "weights",
                        "an optional row's default is the one finite number", "write e.g. @Param(1.0)"),
                new Bad("optional row read by its length", source("DefaultRowLength",
                        "    @Loss",
                        "    static double weightedMean(double[] x,",
                        "                               @Param(1.0) double[] w) {",
                        "        double s = 0.0;",
                        "        for (int i = 0; i < w.length; i++) {",
                        "            s += w[i] * x[i];",
                        "        }",
                        "        return s;",
                        "    }"),
                        Message.DEFAULT_ROW_READ, "@Param(1.0) double[] w", "optional row @Param(1.0) double[] w",
                        "weightedMean", "w.length", "no length of its own", "read it by element only",
                        "i < x.length"),
                new Bad("two @Params with one copy method", source("CopyClash",
                        "    @Loss",
                        "    static double scaled(double x, @Param(1.0) double scale, @Param(2.0) double Scale) {",
                        "        return x * scale * Scale;",
                        "    }"),
                        Message.COPY_NAME, "static double scaled(", "@Param scale and @Param Scale",
                        "withScale(...)", "rename one of them"),
                new Bad("@Param default outside its range", source("DefaultOutOfRange",
                        "    @Loss",
                        "    static double huber(double x,",
                        "                        @Param(value = 0.0, min = 0, exclusiveMin = true) double delta) { return x * delta; }"),
                        Message.PARAM_RANGE, "@Param(value = 0.0, min = 0", "delta", "> 0",
                        "the default 0.0 is outside it", "change the default or the range"),
                new Bad("@Param range that nothing satisfies", source("EmptyRange",
                        "    @Loss",
                        "    static double clipped(double x,",
                        "                          @Param(min = 2, max = 1) double c) { return x * c; }"),
                        Message.PARAM_RANGE, "@Param(min = 2, max = 1)", "c", "in [2, 1]", "no value satisfies"),
                new Bad("@Param oneOf outside the bounds", source("OneOfOutside",
                        "    @Loss",
                        "    static double powered(double x,",
                        "                          @Param(value = 1, oneOf = {1, 2}, min = 5) int p) { return x * p; }"),
                        Message.PARAM_RANGE, "oneOf = {1, 2}", "p", "one of 1, 2 and ≥ 5", "no value of oneOf lies ≥ 5"),
                new Bad("@Param boolean with a range", source("FlagRange",
                        "    @Loss",
                        "    static double flagged(double x,",
                        "                          @Param(min = 0) boolean on) { return on ? x : -x; }"),
                        Message.PARAM_RANGE, "@Param(min = 0) boolean on", "on", "a boolean flag has no range"),
                new Bad("a loss that reads no input", source("Constant",
                        "    @Loss",
                        "    static double placeholder(double pred, double target) { return 0.0; }"),
                        Message.CONSTANT_LOSS, "static double placeholder(", "placeholder", "pred, target",
                        "every gradient would be zero", "write the real loss in a Java source file"),
                new Bad("a kapt stub of a Kotlin class", JavaFileObjects.forSourceLines("bad.KotlinObject",
                        "package bad;",
                        "import io.gradgen.annotations.Loss;",
                        "@kotlin.Metadata(k = 1)",
                        "public final class KotlinObject {",
                        "    @Loss",
                        "    public static final double mse(double pred, double target) { return 0.0; }",
                        "}"),
                        Message.KOTLIN_STUB, "public static final double mse(", "KotlinObject.mse()", "kapt's Java stub",
                        "write the loss as a static method in a Java source file", "MseLoss")
                        .with(JavaFileObjects.forSourceLines("kotlin.Metadata",
                                "package kotlin;",
                                "public @interface Metadata { int k() default 1; }")),
                new Bad("invalid @Loss name", source("InvalidName",
                        "    @Loss(name = \"not valid\")",
                        "    static double spaced(double x) { return x * x; }"),
                        Message.INVALID_NAME, "static double spaced(", "\"not valid\"",
                        "not a valid Java class name", "\"SpacedLoss\""),
                new Bad("two losses, one generated name", source("Duplicate",
                        "    @Loss",
                        "    static double square(double x) { return x * x; }",
                        "",
                        "    @Loss(name = \"SquareLoss\")",
                        "    static double squareAgain(double x) { return x * x; }"),
                        Message.DUPLICATE_NAME, "static double squareAgain(", "SquareLoss",
                        "Duplicate.square()", "Duplicate.squareAgain()", "@Loss(name = \"...\")"),
                new Bad("generated name already taken", source("Taken",
                        "    @Loss",
                        "    static double huber(double x) { return x * x; }"),
                        Message.NAME_TAKEN, "static double huber(", "Taken.huber()", "bad.HuberLoss",
                        "already exists", "@Loss(name = \"...\")")
                        .with(JavaFileObjects.forSourceString("bad.HuberLoss",
                                "package bad;\n\nfinal class HuberLoss {\n}\n")),

                // ---------------------------------------------------------------- calls
                new Bad("Math.floorMod", source("FloorMod",
                        "    @Loss",
                        "    static double periodic(double x, int k) {",
                        "        return x * Math.floorMod(k, 3);",
                        "    }"),
                        Message.UNSUPPORTED_CALL, "Math.floorMod(k, 3)", "cannot differentiate Math.floorMod(int, int)",
                        "supported here: Math.", "exp", "@Differentiable"),
                new Bad("misspelt Math.exq", source("Misspelt",
                        "    @Loss",
                        "    static double growth(double x) {",
                        "        return Math.exq(x) - 1.0;",
                        "    }"),
                        Message.UNSUPPORTED_CALL, "Math.exq(x)", "Math.exq(double)", "did you mean Math.exp?"),
                new Bad("non-@Differentiable static method", source("PlainHelper",
                        "    static double twice(double v) { return 2.0 * v; }",
                        "",
                        "    @Loss",
                        "    static double doubled(double x) {",
                        "        return twice(x) * x;",
                        "    }"),
                        Message.NOT_DIFFERENTIABLE, "return twice(x) * x;", "PlainHelper.twice",
                        "not annotated @Differentiable", "annotate it with @io.gradgen.annotations.Differentiable"),
                new Bad("directly recursive helper", source("Recursive",
                        "    @Differentiable",
                        "    static double halve(double v) {",
                        "        return v > 1.0 ? halve(v / 2.0) : v;",
                        "    }",
                        "",
                        "    @Loss",
                        "    static double halved(double x) { return halve(x); }"),
                        Message.RECURSIVE_HELPER, "halve(v / 2.0)", "Recursive.halve", "calls itself",
                        "halve → halve", "write it without recursion"),
                new Bad("mutually recursive helpers", source("Mutual",
                        "    @Differentiable",
                        "    static double ping(double v) { return v > 1.0 ? pong(v / 2.0) : v; }",
                        "",
                        "    @Differentiable",
                        "    static double pong(double v) { return v > 1.0 ? ping(v - 1.0) : v; }",
                        "",
                        "    @Loss",
                        "    static double bounced(double x) { return ping(x); }"),
                        Message.RECURSIVE_HELPER, "ping(v - 1.0)", "Mutual.ping", "ping → pong → ping",
                        "write it without recursion"),
                new Bad("helper with a float parameter", source("FloatHelper",
                        "    @Differentiable",
                        "    static double power(double v, float n) { return n == 0 ? 1.0 : v; }",
                        "",
                        "    @Loss",
                        "    static double powered(double x) {",
                        "        return power(x, 2);",
                        "    }"),
                        Message.HELPER_SIGNATURE, "return power(x, 2);", "@Differentiable FloatHelper.power",
                        "must be a static method returning double or double[] with double, int or double[] parameters",
                        "static double power(double v, float n)"),
                new Bad("Math.random()", source("Random",
                        "    @Loss",
                        "    static double noisy(double x) {",
                        "        return x + Math.random();",
                        "    }"),
                        Message.RANDOM, "x + Math.random()", "Math.random()", "neither differentiable nor repeatable",
                        "pass random values in as an input tensor or a @Param constant"),

                // ---------------------------------------------------------------- statements
                new Bad("while loop", source("While",
                        "    @Loss",
                        "    static double halving(double x) {",
                        "        double s = x;",
                        "        while (s > 1.0) { s = s / 2.0; }",
                        "        return s;",
                        "    }"),
                        Message.UNSUPPORTED_STATEMENT, "while (s > 1.0)", "a while loop",
                        "write for (int i = 0; i < x.length; i++)"),
                new Bad("do-while loop", source("DoWhile",
                        "    @Loss",
                        "    static double halving(double x) {",
                        "        double s = x;",
                        "        do { s = s / 2.0; } while (s > 1.0);",
                        "        return s;",
                        "    }"),
                        Message.UNSUPPORTED_STATEMENT, "do { s = s / 2.0; }", "a do-while loop",
                        "write for (int i = 0; i < x.length; i++)"),
                new Bad("for loop", source("For",
                        "    @Loss",
                        "    static double tripled(double x) {",
                        "        double s = 0.0;",
                        "        for (int i = 0; i < 3; i = i + 2) { s += x; }",
                        "        return s;",
                        "    }"),
                        Message.LOOP_FORM, "for (int i = 0;", "i = i + 2", "its update must be i++",
                        "write for (int i = start; i < end; i++)"),
                new Bad("loop assigning a local it does not accumulate", source("LoopAssign",
                        "    @Loss",
                        "    static double last(double[] x) {",
                        "        double s = 0.0;",
                        "        for (int i = 0; i < x.length; i++) {",
                        "            s = x[i] * s * s;",
                        "        }",
                        "        return s;",
                        "    }"),
                        Message.LOOP_ASSIGNMENT, "s = x[i] * s * s;", "not an accumulation into s",
                        "write s += ..., -= ..., *= ..., or s = Math.max(s, ...)"),
                new Bad("loop writing a row", source("ArrayWrite",
                        "    @Loss",
                        "    static double halve(double[] x) {",
                        "        for (int i = 0; i < x.length; i++) {",
                        "            x[i] = x[i] * 0.5;",
                        "        }",
                        "        return x[0];",
                        "    }"),
                        Message.ARRAY_WRITE, "x[i] = x[i] * 0.5;", "x[i] writes an element of a row",
                        "accumulate into a local declared before the loop"),
                new Bad("neighbour read past the row's end", source("Neighbour",
                        "    @Loss",
                        "    static double roughness(double[] x) {",
                        "        double s = 0.0;",
                        "        for (int i = 0; i < x.length; i++) {",
                        "            s += Math.abs(x[i + 1] - x[i]);",
                        "        }",
                        "        return s;",
                        "    }"),
                        Message.INDEX_RANGE, "s += Math.abs(x[i + 1] - x[i]);", "x[i + 1]", "past its end",
                        "end at x.length - 1"),
                new Bad("a per-position input beside a whole batch", source("BatchMix",
                        "    @Loss",
                        "    static double anchored(double[][] z, double weight) {",
                        "        return weight * z[0][0];",
                        "    }"),
                        Message.BATCH_MIX, "static double anchored(double[][] z, double weight) {", "weight",
                        "double[][] z", "belongs to one batch position", "make it a double[][]"),
                new Bad("an optional row in a batch loss", source("BatchOptionalRow",
                        "    @Loss",
                        "    static double centred(double[][] z, @Param(1.0) double[] w) {",
                        "        return w[0] * z[0][0];",
                        "    }"),
                        Message.BATCH_OPTIONAL_ROW, "static double centred(", "batch loss centred", "row w out",
                        "write @Param double[] w", "pass a row of ones"),
                new Bad("a reduction on a batch loss", source("BatchReduction",
                        "    @Loss(reduction = io.gradgen.annotations.Reduction.SUM)",
                        "    static double spread(double[][] z) {",
                        "        return z[0][0] * z[0][0];",
                        "    }"),
                        Message.BATCH_REDUCTION, "static double spread(double[][] z) {", "whole batch",
                        "remove reduction = "),
                new Bad("local array written outside a loop", source("LooseWrite",
                        "    @Loss",
                        "    static double firstOnly(double[] x) {",
                        "        double[] t = new double[x.length];",
                        "        t[0] = x[0];",
                        "        return t[0];",
                        "    }"),
                        Message.LOCAL_ARRAY, "t[0] = x[0];", "t[0]", "written outside a loop",
                        "filled once in the loop over its index"),
                new Bad("local array read by the loop that fills it", source("SelfRead",
                        "    @Loss",
                        "    static double prefix(double[] x) {",
                        "        double[] t = new double[x.length];",
                        "        for (int i = 0; i < x.length; i++) {",
                        "            t[i] = x[i] + t[0];",
                        "        }",
                        "        return t[1];",
                        "    }"),
                        Message.LOCAL_ARRAY, "t[i] = x[i] + t[0];", "the loop that fills it also reads it",
                        "read after that loop"),
                new Bad("int local assigned across iterations", source("IntCounter",
                        "    @Loss",
                        "    static double counted(double[] x) {",
                        "        int n = 0;",
                        "        double s = 0.0;",
                        "        for (int i = 0; i < x.length; i++) {",
                        "            s += x[i];",
                        "            n = n + 1;",
                        "        }",
                        "        return s / n;",
                        "    }"),
                        Message.LOOP_LOCAL, "n = n + 1;", "the int local n", "only double locals accumulate",
                        "declare n inside the loop, or compute it before the loop"),
                new Bad("private field without a compile-time value", source("HiddenField",
                        "    private static final double SCALE = scale();",
                        "    private static double scale() { return System.nanoTime() > 0 ? 2.0 : 1.0; }",
                        "    @Loss",
                        "    static double scaled(double x) {",
                        "        return SCALE * x * x;",
                        "    }"),
                        Message.CONSTANT_FIELD, "return SCALE * x * x;", "HiddenField.SCALE", "private",
                        "make it package-private"),
                new Bad("index computed from a double", source("DoubleIndex",
                        "    @Loss",
                        "    static double pick(double[] x, double where) {",
                        "        return x[(int) where];",
                        "    }"),
                        Message.INDEX, "return x[(int) where];", "cannot index a row", "computed from a double",
                        "index with the loop variable (x[i]), an int parameter"),
                new Bad("@Param named like a method of every loss", source("ParamToString",
                        "    @Loss",
                        "    static double shifted(double x,",
                        "                          @Param(1) int toString) { return x + toString; }"),
                        Message.PARAM_NAME, "@Param(1) int toString", "@Param toString", "accessor toString()",
                        "rename the parameter"),
                new Bad("@LastIndex on a double", source("LastIndexDouble",
                        "    @Loss",
                        "    static double scaled(double x, @Param double[] w,",
                        "                         @io.gradgen.annotations.LastIndex double c) { return x; }"),
                        Message.LAST_INDEX_TYPE, "@io.gradgen.annotations.LastIndex double c", "parameter c",
                        "has type double", "declare it a plain int (without @Param): @LastIndex int c"),
                new Bad("weighted inside a computation", source("WeightedInside",
                        "    @Loss",
                        "    static double half(double x, int k) {",
                        "        return 0.5 * weighted(x, k);",
                        "    }"),
                        Message.WEIGHTED_PLACEMENT, "return 0.5 * weighted(x, k);", "weighted(x, k)",
                        "must be the whole value of a return statement", "return weighted(loss, weight);"),
                new Bad("weight that depends on an input", source("WeightOnInput",
                        "    @Loss",
                        "    static double selfWeighted(double x, int k) {",
                        "        double w = x * x;",
                        "        return weighted(x, w);",
                        "    }"),
                        Message.WEIGHT_DEPENDS_ON_INPUT, "static double selfWeighted(", "selfWeighted",
                        "depends on the differentiable input x", "must come from labels and @Param constants"),
                new Bad("row used as a number", source("RowValue",
                        "    @Loss",
                        "    static double twice(double[] x, double y) {",
                        "        return 2.0 * x + y;",
                        "    }"),
                        Message.ROW_VALUE, "return 2.0 * x + y;", "the row x is used as a number",
                        "use one element, x[i], or a row function such as sum(x)"),
                new Bad("row function of an expression", source("RowArgument",
                        "    @Loss",
                        "    static double total(double[] x, double y) {",
                        "        return logSumExp(new double[] {y, 1.0});",
                        "    }"),
                        Message.ROW_ARGUMENT, "return logSumExp(new double[] {y, 1.0});", "Functions.logSumExp takes one double[] row",
                        "pass double[] parameters of the loss"),
                new Bad("switch", source("Switch",
                        "    @Loss",
                        "    static double signed(double x, int k) {",
                        "        switch (k) {",
                        "            case 0: return x;",
                        "            default: return -x;",
                        "        }",
                        "    }"),
                        Message.UNSUPPORTED_STATEMENT, "switch (k)", "a switch statement",
                        "write it as if/else on comparisons"),
                new Bad("throw", source("Throw",
                        "    @Loss",
                        "    static double checked(double x) {",
                        "        if (x < 0.0) throw new IllegalArgumentException(\"negative\");",
                        "        return x;",
                        "    }"),
                        Message.UNSUPPORTED_STATEMENT, "throw new IllegalArgumentException", "a throw statement",
                        "validate @Param values before training instead"),
                new Bad("assignment to a parameter", source("AssignParameter",
                        "    @Loss",
                        "    static double clipped(double x) {",
                        "        x = x * 0.5;",
                        "        return x;",
                        "    }"),
                        Message.ASSIGN_TO_PARAMETER, "x = x * 0.5;", "assignment to parameter x",
                        "declare a local instead", "double x2 = ...;"),
                new Bad("float local", source("FloatLocal",
                        "    @Loss",
                        "    static double narrowed(double x) {",
                        "        float f = 0.5f;",
                        "        return x * f;",
                        "    }"),
                        Message.LOCAL_TYPE, "float f = 0.5f;", "local variable f", "type float",
                        "declare it double"),

                // ---------------------------------------------------------------- expressions
                new Bad("misspelt local", source("MisspeltLocal",
                        "    @Loss",
                        "    static double squaredError(double pred, double target) {",
                        "        double diff = pred - target;",
                        "        return dif * diff;",
                        "    }"),
                        Message.UNKNOWN_NAME, "return dif * diff;", "cannot resolve dif",
                        "use a parameter, a local, or a static final constant", "did you mean diff?"),
                new Bad("integer division of an int label by an int @Param", source("IntDivision",
                        "    @Loss",
                        "    static double bucketed(double x, int label, @Param(2) int buckets) {",
                        "        return x * (label / buckets);",
                        "    }"),
                        Message.INTEGER_DIVISION, "(label / buckets)", "label / buckets divides two int values",
                        "truncates", "write label / (double) buckets"),
                new Bad("compound integer division", source("IntDivisionAssign",
                        "    @Loss",
                        "    static double shrunk(double x, int label) {",
                        "        int m = 4;",
                        "        m /= label;",
                        "        return x * m;",
                        "    }"),
                        Message.INTEGER_DIVISION, "m /= label;", "m /= label divides two int values",
                        "write m = m / (double) label"),
                new Bad("cast to int", source("IntCast",
                        "    @Loss",
                        "    static double truncated(double x) {",
                        "        return (int) x;",
                        "    }"),
                        Message.UNSUPPORTED_EXPRESSION, "return (int) x;", "the cast (int)",
                        "no derivative", "use Math.floor or Math.ceil"),
                new Bad("switch expression", source("SwitchExpression",
                        "    @Loss",
                        "    static double signed(double x, int k) {",
                        "        return switch (k) { case 0 -> x; default -> -x; };",
                        "    }"),
                        Message.UNSUPPORTED_EXPRESSION, "return switch (k)", "a switch expression",
                        "write it as ?: or if/else on comparisons"),
                new Bad("% operator", source("Remainder",
                        "    @Loss",
                        "    static double wrapped(double x) {",
                        "        return x % 2.0;",
                        "    }"),
                        Message.UNSUPPORTED_OPERATOR, "return x % 2.0;", "operator %", "not differentiable",
                        "write a - b * Math.floor(a / b)"),
                new Bad("++", source("Increment",
                        "    @Loss",
                        "    static double shifted(double x) {",
                        "        double y = x;",
                        "        y++;",
                        "        return y;",
                        "    }"),
                        Message.UNSUPPORTED_OPERATOR, "y++;", "operator ++", "x = x + 1"),
                new Bad("object creation", source("NewObject",
                        "    @Loss",
                        "    static double boxed(double x) {",
                        "        double y = new java.math.BigDecimal(x).doubleValue();",
                        "        return y * new Double(x);",
                        "    }"),
                        Message.UNSUPPORTED_EXPRESSION, "return y * new Double(x);", "object creation (new Double(x))",
                        "a loss body computes with doubles only"),
                new Bad("string literal", source("StringLiteral",
                        "    @Loss",
                        "    static double named(double x) {",
                        "        return \"debug\" == null ? 0.0 : x;",
                        "    }"),
                        Message.UNSUPPORTED_EXPRESSION, "return \"debug\" == null", "the literal \"debug\"",
                        "a loss body computes with doubles only"),
                new Bad("lambda", source("Lambda",
                        "    @Loss",
                        "    static double applied(double x) {",
                        "        return apply(v -> v * v, x);",
                        "    }",
                        "",
                        "    static double apply(java.util.function.DoubleUnaryOperator f, double v) {",
                        "        return f.applyAsDouble(v);",
                        "    }"),
                        Message.UNSUPPORTED_EXPRESSION, "return apply(v -> v * v, x);", "a lambda",
                        "call a @Differentiable static method instead"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsTheMessageOnItsLineWithWhatToWriteInstead(Bad bad) {
        Compilation compilation = GradgenCompiler.javac().compile(bad.sources());

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("[" + bad.message().id() + "]")
                .inFile(bad.source())
                .onLineContaining(bad.line());
        Diagnostic<? extends JavaFileObject> error = errorWith(compilation, bad.message());
        for (String word : bad.words()) {
            assertWithMessage("message of %s", bad).that(error.getMessage(Locale.ROOT)).contains(word);
        }
    }

    /**
     * A helper whose source is not in the compilation: it comes from a class file compiled before,
     * as a helper from a library would.
     */
    @Test
    void helperFromAClassFileIsReportedAtItsCallWithTheWayOut(@TempDir Path classes) throws IOException {
        JavaFileObject library = JavaFileObjects.forSourceString("lib.Smoothing", String.join("\n",
                "package lib;",
                "",
                "import io.gradgen.annotations.Differentiable;",
                "",
                "public final class Smoothing {",
                "    private Smoothing() {}",
                "",
                "    @Differentiable",
                "    public static double soft(double v) { return Math.log1p(Math.exp(v)); }",
                "}",
                ""));
        Compilation libraryCompilation = GradgenCompiler.javacWithoutProcessor().compile(library);
        assertThat(libraryCompilation).succeeded();
        for (JavaFileObject classFile : libraryCompilation.generatedFiles()) {
            if (classFile.getKind() == JavaFileObject.Kind.CLASS) {
                Path target = classes.resolve(classFile.getName().replaceFirst("^.*?/lib/", "lib/"));
                Files.createDirectories(target.getParent());
                try (InputStream in = classFile.openInputStream()) {
                    Files.copy(in, target);
                }
            }
        }
        assertThat(Files.exists(classes.resolve("lib/Smoothing.class"))).isTrue();
        JavaFileObject loss = source("UsesLibrary",
                "    @Loss",
                "    static double smoothed(double x) {",
                "        return lib.Smoothing.soft(x);",
                "    }");
        List<File> classPath = new ArrayList<>(GradgenCompiler.userClassPath());
        classPath.add(classes.toFile());

        Compilation compilation = GradgenCompiler.javac().withClasspath(classPath).compile(loss);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("[" + Message.HELPER_NO_SOURCE.id() + "]")
                .inFile(loss)
                .onLineContaining("lib.Smoothing.soft(x)");
        String message = errorWith(compilation, Message.HELPER_NO_SOURCE).getMessage(Locale.ROOT);
        assertThat(message).contains("@Differentiable Smoothing.soft");
        assertThat(message).contains("comes from a class file that carries no body for gradgen");
        assertThat(message).contains("as <Class>.<method>.gradgen");
        assertThat(message).contains("compile the helper's class with gradgen-processor on the processor path, "
                + "or together with the loss");
        assertNoInternalError(compilation, "helper from a class file");
    }

    @Test
    void everyProblemOfOneMethodIsReportedOnItsOwnLine() {
        JavaFileObject src = source("TwoProblems",
                "    @Loss",
                "    static double restless(double x) {",
                "        double s = x;",
                "        while (s > 1.0) { s = s / 2.0; }",
                "        return s + Math.random();",
                "    }");

        Compilation compilation = GradgenCompiler.javac().compile(src);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("[" + Message.UNSUPPORTED_STATEMENT.id() + "] a while loop")
                .inFile(src)
                .onLineContaining("while (s > 1.0)");
        assertThat(compilation).hadErrorContaining("[" + Message.RANDOM.id() + "]")
                .inFile(src)
                .onLineContaining("return s + Math.random();");
    }

    @Test
    void everySignatureProblemIsReportedTogether() {
        JavaFileObject src = source("SignatureProblems",
                "    @Loss",
                "    <T> float everything(double x,",
                "                         String label) { return 0f; }");

        Compilation compilation = GradgenCompiler.javac().compile(src);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("[" + Message.NOT_STATIC.id() + "]")
                .inFile(src).onLineContaining("float everything(");
        assertThat(compilation).hadErrorContaining("[" + Message.GENERIC_METHOD.id() + "]")
                .inFile(src).onLineContaining("float everything(");
        assertThat(compilation).hadErrorContaining("[" + Message.RETURN_TYPE.id() + "]")
                .inFile(src).onLineContaining("float everything(");
        assertThat(compilation).hadErrorContaining("[" + Message.PARAMETER_TYPE.id() + "]")
                .inFile(src).onLineContaining("String label");
    }

    /**
     * compile-testing hides generated files once a compilation has failed, so this compile writes
     * them to a real directory ({@code -s}) to see which ones the processor produced.
     */
    @Test
    void aBrokenLossDoesNotStopItsSiblingFromBeingGenerated(@TempDir Path out) throws IOException {
        JavaFileObject src = source("Siblings",
                "    @Loss",
                "    static double broken(double x) {",
                "        return x % 2.0;",
                "    }",
                "",
                "    @Loss",
                "    static double good(double x) {",
                "        return x * x;",
                "    }");

        Compilation compilation = GradgenCompiler.javac().compile(src);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("[" + Message.UNSUPPORTED_OPERATOR.id() + "]")
                .inFile(src).onLineContaining("return x % 2.0;");
        assertThat(compilation.errors()).hasSize(1);

        Path generated = Files.createDirectories(out.resolve("generated"));
        Path classes = Files.createDirectories(out.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, UTF_8)) {
            files.setLocation(StandardLocation.CLASS_PATH, GradgenCompiler.userClassPath());
            files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(generated));
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
            JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics,
                    List.of("-Xlint:all"), null, List.of(src));
            task.setProcessors(List.of(new GradgenProcessor()));
            assertThat(task.call()).isFalse();
        }
        Path good = generated.resolve("bad/GoodLoss.java");
        assertWithMessage("generated: %s", listing(generated)).that(Files.exists(good)).isTrue();
        assertThat(Files.readString(good)).contains("public final class GoodLoss");
        assertThat(Files.exists(generated.resolve("bad/GoodLossBackward.java"))).isTrue();
        assertThat(Files.exists(generated.resolve("bad/BrokenLoss.java"))).isFalse();
        assertThat(Files.exists(generated.resolve("bad/BrokenLossBackward.java"))).isFalse();
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.map(p -> dir.relativize(p).toString()).toList();
        }
    }

    /**
     * What a compiler other than javac looks like to the processor when it cannot find the loss's
     * source file either: an environment that is not javac's own, so {@code Trees.instance} rejects
     * it, with sources in memory. The processor must say so once, plainly, and generate nothing.
     */
    @Test
    void aCompilerWithoutJavacsTreeApiOrTheSourceFileGetsOneClearError() {
        JavaFileObject src = source("Elsewhere",
                "    @Loss",
                "    static double square(double x) { return x * x; }");

        Compilation compilation = Compiler.javac()
                .withProcessors(new io.gradgen.processor.testing.NotJavac(new GradgenProcessor()))
                .withOptions("-Xlint:all")
                .withClasspath(GradgenCompiler.userClassPath())
                .compile(src);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("[" + Message.SOURCE_UNREADABLE.id() + "]");
        assertThat(compilation).hadErrorContaining("cannot read the body of Elsewhere.square()");
        assertThat(compilation).hadErrorContaining("com.sun.source.util.Trees");
        assertThat(compilation).hadErrorContaining("found no source file for");
        assertThat(compilation).hadErrorContaining("pass the source directory with -sourcepath, or compile with javac");
        assertThat(compilation.errors()).hasSize(1);
        assertNoInternalError(compilation, "a non-javac environment");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void neverCrashesJavacOnBadInput(Bad bad) {
        Compilation compilation = GradgenCompiler.javac().compile(bad.sources());

        assertThat(compilation).failed();
        assertNoInternalError(compilation, bad.name());
    }

    /**
     * {@link Message#INTERNAL} is the firewall's message: no input should reach it. The whole
     * corpus compiles without it (and without any error at all).
     */
    @Test
    void internalErrorNeverSurfacesForTheCorpus() {
        Compilation compilation = GradgenCompiler.javac().compile(GradgenCompiler.resources(
                "corpus/elementwise/RegressionLosses.java",
                "corpus/elementwise/RobustLosses.java",
                "corpus/elementwise/ClassificationLosses.java",
                "corpus/elementwise/HelperLosses.java",
                "corpus/elementwise/Smooth.java",
                "corpus/elementwise/Stable.java"));

        assertNoInternalError(compilation, "the corpus");
        assertWithMessage("corpus diagnostics:\n%s", GradgenCompiler.describe(compilation.errors()))
                .that(compilation.errors()).isEmpty();
    }

    /** Every constant but those explained in the class comment and below has a case above. */
    @Test
    void everyMessageHasAFailingCompileTest() {
        Set<Message> covered = EnumSet.noneOf(Message.class);
        cases().forEach(bad -> covered.add(bad.message()));
        covered.add(Message.HELPER_NO_SOURCE); // its own test: needs a class file on the class path
        covered.add(Message.NO_SOURCE);        // its own test (bugs.BodilessSourcesTest): a loss read from a class file
        covered.add(Message.SOURCE_UNREADABLE); // its own tests: need an environment that is not javac's
        covered.add(Message.HELPER_FORMAT_VERSION);   // builds.CrossJarHelpersTest: a jar between two compilations
        covered.add(Message.HELPER_METADATA_CORRUPT); // builds.CrossJarHelpersTest
        covered.add(Message.HELPER_NOT_STORED);       // a note, not an error: builds.CrossJarHelpersTest
        covered.add(Message.INTERNAL);         // proven absent for the corpus and every bad input
        covered.add(Message.UNKNOWN_OPTION);   // warnings about -A options: ProcessorOptionsTest
        covered.add(Message.OPTION_VALUE);
        assertThat(covered).containsExactlyElementsIn(EnumSet.allOf(Message.class));
    }

    private static Diagnostic<? extends JavaFileObject> errorWith(Compilation compilation, Message message) {
        String id = "[" + message.id() + "]";
        for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
            if (error.getMessage(Locale.ROOT).contains(id)) {
                return error;
            }
        }
        throw new AssertionError("no error with " + id + ":\n" + GradgenCompiler.describe(compilation.diagnostics()));
    }

    private static void assertNoInternalError(Compilation compilation, String what) {
        for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
            String message = d.getMessage(Locale.ROOT);
            assertWithMessage("%s crashed the processor:\n%s", what, GradgenCompiler.describe(compilation.diagnostics()))
                    .that(message).doesNotContain(Message.INTERNAL.id());
            assertWithMessage("%s made javac report an exception:\n%s", what,
                            GradgenCompiler.describe(compilation.diagnostics()))
                    .that(message).doesNotContainMatch("(?i)(exception|stack ?trace).*(processor|gradgen)");
        }
    }
}
