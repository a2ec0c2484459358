package io.gradgen.processor.rows;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.gradgen.processor.testing.GradgenCompiler;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One failing compile per diagnostic that row losses bring (issue 4): each asserts the message id,
 * the file and the line, and that the message says what is supported instead. Then the properties
 * every bad input shares: all problems of a method are reported, and the processor never crashes.
 *
 * <p>The ids are written against the public contract before the processor supports rows; they are
 * kept here, in one place, so that they follow the processor's {@code Message} enum easily.
 */
class RowDiagnosticsTest {

    // ------------------------------------------------------------------------------ the ids assumed

    /** A loop (or any statement) that assigns an array element, {@code x[i] = ...}. */
    static final String ARRAY_ASSIGNMENT = "gradgen/ArrayWrite";
    /** A loop bound other than {@code i < row.length}. */
    static final String LOOP_BOUND = "gradgen/LoopForm";
    /** A for loop whose initialiser or update is not {@code int i = 0} / {@code i++}, or whose body writes i. */
    static final String LOOP_FORM = "gradgen/LoopForm";
    /** An array index that is neither a loop index nor an {@code int} label. */
    static final String INDEX = "gradgen/Index";
    /** {@code break}, {@code continue}: the existing statement diagnostic. */
    static final String UNSUPPORTED_STATEMENT = "gradgen/UnsupportedStatement";
    /** A row function of io.gradgen.Functions applied to something that is not a row parameter. */
    static final String NOT_A_ROW = "gradgen/RowArgument";
    /** The processor's crash report, which no bad input may produce. */
    static final String INTERNAL = "gradgen/Internal";

    /** What every loop message should show as the supported form. */
    static final String LOOP_SHAPE = "for (int i = 0; i < ";

    /**
     * A bad input: the source, the id it must produce, a fragment of the one line the error must be
     * reported on, and words the message must contain.
     */
    record Bad(String name, JavaFileObject source, String id, String line, List<String> words) {
        Bad(String name, JavaFileObject source, String id, String line, String... words) {
            this(name, source, id, line, List.of(words));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A class {@code bad.rows.<className>} with the usual imports around {@code members}. */
    static JavaFileObject source(String className, String... members) {
        return JavaFileObjects.forSourceString("bad.rows." + className, String.join("\n",
                "package bad.rows;",
                "",
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
                // ---------------------------------------------------------------- writing rows
                new Bad("loop writes a row element", source("WritesRow",
                        "    @Loss",
                        "    static double zeroed(double[] x) {",
                        "        double s = 0.0;",
                        "        for (int i = 0; i < x.length; i++) {",
                        "            x[i] = x[i] * 0.5;",
                        "            s += x[i];",
                        "        }",
                        "        return s;",
                        "    }"),
                        ARRAY_ASSIGNMENT, "x[i] = x[i] * 0.5;", "x[i]"),
                new Bad("compound assignment to a row element", source("CompoundWritesRow",
                        "    @Loss",
                        "    static double shifted(double[] x, int target) {",
                        "        x[target] += 1.0;",
                        "        return logSumExp(x);",
                        "    }"),
                        ARRAY_ASSIGNMENT, "x[target] += 1.0;", "x[target]"),

                // ---------------------------------------------------------------- loop bounds
                new Bad("constant loop bound", source("ConstantBound",
                        "    @Loss",
                        "    static double firstTen(double[] x) {",
                        "        double s = 0.0;",
                        "        for (int i = 0; i < 10; i++) {",
                        "            s += x[i];",
                        "        }",
                        "        return s;",
                        "    }"),
                        LOOP_BOUND, "for (int i = 0; i < 10; i++)", "i < 10", LOOP_SHAPE),
                new Bad("<= row length", source("InclusiveBound",
                        "    @Loss",
                        "    static double overrun(double[] x) {",
                        "        double s = 0.0;",
                        "        for (int i = 0; i <= x.length; i++) {",
                        "            s += x[i];",
                        "        }",
                        "        return s;",
                        "    }"),
                        LOOP_BOUND, "i <= x.length", "i <= x.length", LOOP_SHAPE),
                new Bad("row length minus one", source("ShortBound",
                        "    @Loss",
                        "    static double differences(double[] x) {",
                        "        double s = 0.0;",
                        "        for (int i = 0; i < x.length - 1; i++) {",
                        "            s += x[i];",
                        "        }",
                        "        return s;",
                        "    }"),
                        LOOP_BOUND, "i < x.length - 1", LOOP_SHAPE),
                new Bad("loop bound from a label", source("LabelBound",
                        "    @Loss",
                        "    static double prefix(double[] x, int k) {",
                        "        double s = 0.0;",
                        "        for (int i = 0; i < k; i++) {",
                        "            s += x[i];",
                        "        }",
                        "        return s;",
                        "    }"),
                        LOOP_BOUND, "for (int i = 0; i < k; i++)", LOOP_SHAPE),

                // ---------------------------------------------------------------- loop form
                new Bad("update other than i++", source("StepTwo",
                        "    @Loss",
                        "    static double evens(double[] x) {",
                        "        double s = 0.0;",
                        "        for (int i = 0; i < x.length; i += 2) {",
                        "            s += x[i];",
                        "        }",
                        "        return s;",
                        "    }"),
                        LOOP_FORM, "i += 2", "i++"),
                new Bad("start other than 0", source("StartAtOne",
                        "    @Loss",
                        "    static double tail(double[] x) {",
                        "        double s = 0.0;",
                        "        for (int i = 1; i < x.length; i++) {",
                        "            s += x[i];",
                        "        }",
                        "        return s;",
                        "    }"),
                        LOOP_FORM, "for (int i = 1;", "int i = 0"),
                new Bad("body writes the loop index", source("SkipsAhead",
                        "    @Loss",
                        "    static double skipping(double[] x) {",
                        "        double s = 0.0;",
                        "        for (int i = 0; i < x.length; i++) {",
                        "            s += x[i];",
                        "            i = i + 1;",
                        "        }",
                        "        return s;",
                        "    }"),
                        LOOP_FORM, "i = i + 1;", "i"),
                new Bad("break", source("Break",
                        "    @Loss",
                        "    static double untilNegative(double[] x) {",
                        "        double s = 0.0;",
                        "        for (int i = 0; i < x.length; i++) {",
                        "            if (x[i] < 0) {",
                        "                break;",
                        "            }",
                        "            s += x[i];",
                        "        }",
                        "        return s;",
                        "    }"),
                        UNSUPPORTED_STATEMENT, "break;", "break", "if"),
                new Bad("continue", source("Continue",
                        "    @Loss",
                        "    static double positives(double[] x) {",
                        "        double s = 0.0;",
                        "        for (int i = 0; i < x.length; i++) {",
                        "            if (x[i] < 0) {",
                        "                continue;",
                        "            }",
                        "            s += x[i];",
                        "        }",
                        "        return s;",
                        "    }"),
                        UNSUPPORTED_STATEMENT, "continue;", "continue", "if"),

                // ---------------------------------------------------------------- indices
                new Bad("index computed from a double", source("DoubleIndex",
                        "    @Loss",
                        "    static double picked(double[] x, double position) {",
                        "        return x[(int) (position * 2.0)];",
                        "    }"),
                        INDEX, "return x[(int) (position * 2.0)];", "x[i]", "x[target]"),
                new Bad("index computed from a double inside a loop", source("DoubleIndexInLoop",
                        "    @Loss",
                        "    static double gathered(double[] x, double[] where) {",
                        "        double s = 0.0;",
                        "        for (int i = 0; i < where.length; i++) {",
                        "            s += x[(int) where[i]];",
                        "        }",
                        "        return s;",
                        "    }"),
                        INDEX, "s += x[(int) where[i]];", "x[i]"),

                // ---------------------------------------------------------------- row functions
                new Bad("row function on an array built in the body", source("BuiltRow",
                        "    @Loss",
                        "    static double pairSum(double pred, double target) {",
                        "        return logSumExp(new double[] {pred, target});",
                        "    }"),
                        NOT_A_ROW, "return logSumExp(new double[] {pred, target});", "logSumExp",
                        "double[] parameter"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsTheMessageOnItsLine(Bad bad) {
        Compilation compilation = GradgenCompiler.javac().compile(bad.source());

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("[" + bad.id() + "]")
                .inFile(bad.source())
                .onLineContaining(bad.line());
        String message = errorWith(compilation, bad.id()).getMessage(Locale.ROOT);
        for (String word : bad.words()) {
            assertWithMessage("message of %s", bad).that(message).contains(word);
        }
        assertNoInternalError(compilation, bad.name());
    }

    /** Each bad input is valid Java: the errors above are the processor's, not javac's. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputsCompileWithoutTheProcessor(Bad bad) {
        GradgenCompiler.compileCleanly(GradgenCompiler.javacWithoutProcessor(), List.of(bad.source()));
    }

    @Test
    void everyLoopProblemOfOneMethodIsReportedOnItsOwnLine() {
        JavaFileObject src = source("ManyProblems",
                "    @Loss",
                "    static double troubled(double[] x) {",
                "        double s = 0.0;",
                "        for (int i = 0; i < 10; i++) {",
                "            s += x[i];",
                "        }",
                "        for (int i = 0; i < x.length; i++) {",
                "            if (x[i] > 5) {",
                "                break;",
                "            }",
                "            x[i] = s;",
                "        }",
                "        return s;",
                "    }");

        Compilation compilation = GradgenCompiler.javac().compile(src);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("[" + LOOP_BOUND + "]").inFile(src)
                .onLineContaining("i < 10");
        assertThat(compilation).hadErrorContaining("[" + UNSUPPORTED_STATEMENT + "]").inFile(src)
                .onLineContaining("break;");
        assertThat(compilation).hadErrorContaining("[" + ARRAY_ASSIGNMENT + "]").inFile(src)
                .onLineContaining("x[i] = s;");
        assertNoInternalError(compilation, "three loop problems");
    }

    @Test
    void aBrokenRowLossDoesNotStopItsRowSibling() {
        JavaFileObject src = source("RowSiblings",
                "    @Loss",
                "    static double broken(double[] x) {",
                "        double s = 0.0;",
                "        for (int i = 0; i < 3; i++) {",
                "            s += x[i];",
                "        }",
                "        return s;",
                "    }",
                "",
                "    @Loss",
                "    static double good(double[] logits, int target) {",
                "        return logSumExp(logits) - logits[target];",
                "    }");

        Compilation compilation = GradgenCompiler.javac().compile(src);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("[" + LOOP_BOUND + "]").inFile(src).onLineContaining("i < 3");
        assertWithMessage("only the broken loss is reported:\n%s", GradgenCompiler.describe(compilation.errors()))
                .that(compilation.errors()).hasSize(1);
    }

    private static Diagnostic<? extends JavaFileObject> errorWith(Compilation compilation, String id) {
        String tag = "[" + id + "]";
        for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
            if (error.getMessage(Locale.ROOT).contains(tag)) {
                return error;
            }
        }
        throw new AssertionError("no error with " + tag + ":\n" + GradgenCompiler.describe(compilation.diagnostics()));
    }

    private static void assertNoInternalError(Compilation compilation, String what) {
        for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
            String message = d.getMessage(Locale.ROOT);
            assertWithMessage("%s crashed the processor:\n%s", what, GradgenCompiler.describe(compilation.diagnostics()))
                    .that(message).doesNotContain(INTERNAL);
            assertWithMessage("%s made javac report an exception:\n%s", what,
                            GradgenCompiler.describe(compilation.diagnostics()))
                    .that(message).doesNotContainMatch("(?i)(exception|stack ?trace).*(processor|gradgen)");
        }
    }
}
