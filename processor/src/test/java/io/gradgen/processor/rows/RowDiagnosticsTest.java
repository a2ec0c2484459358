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
    /** A for loop that does not declare its int index, compares it otherwise than {@code i < end}, or steps it otherwise than {@code i++}. */
    static final String LOOP_FORM = "gradgen/LoopForm";
    /** An array index computed from a double, or a negative literal. */
    static final String INDEX = "gradgen/Index";
    /** {@code break}, {@code continue}: the existing statement diagnostic. */
    static final String UNSUPPORTED_STATEMENT = "gradgen/UnsupportedStatement";
    /** A row function of io.gradgen.Functions applied to something that is not a row parameter. */
    static final String NOT_A_ROW = "gradgen/RowArgument";
    /** The processor's crash report, which no bad input may produce. */
    static final String INTERNAL = "gradgen/Internal";

    /** What every loop message should show as the supported form. */
    static final String LOOP_SHAPE = "for (int i = start; i < end; i++)";
    /** An element read that leaves its row for some iteration of the loops around it, whatever the inputs. */
    static final String INDEX_RANGE = "gradgen/IndexRange";

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

                // ---------------------------------------------------------------- reads outside a row
                new Bad("<= row length reads past the end", source("InclusiveBound",
                        "    @Loss",
                        "    static double overrun(double[] x) {",
                        "        double s = 0.0;",
                        "        for (int i = 0; i <= x.length; i++) {",
                        "            s += x[i];",
                        "        }",
                        "        return s;",
                        "    }"),
                        INDEX_RANGE, "s += x[i];", "x[i]", "past its end", "i <= x.length"),
                new Bad("a neighbour before the start", source("BeforeStart",
                        "    @Loss",
                        "    static double backwards(double[] x) {",
                        "        double s = 0.0;",
                        "        for (int i = 0; i < x.length; i++) {",
                        "            s += x[i] - x[i - 1];",
                        "        }",
                        "        return s;",
                        "    }"),
                        INDEX_RANGE, "s += x[i] - x[i - 1];", "x[i - 1]", "before its start", "start at i = 1"),
                new Bad("a neighbour past the end", source("PastEnd",
                        "    @Loss",
                        "    static double forwards(double[] x) {",
                        "        double s = 0.0;",
                        "        for (int i = 0; i < x.length; i++) {",
                        "            s += x[i + 1] - x[i];",
                        "        }",
                        "        return s;",
                        "    }"),
                        INDEX_RANGE, "s += x[i + 1] - x[i];", "x[i + 1]", "past its end", "x.length - 1"),

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
                new Bad("loop variable not declared in the loop", source("OuterIndex",
                        "    @Loss",
                        "    static double tail(double[] x) {",
                        "        double s = 0.0;",
                        "        int i;",
                        "        for (i = 0; i < x.length; i++) {",
                        "            s += x[i];",
                        "        }",
                        "        return s;",
                        "    }"),
                        LOOP_FORM, "for (i = 0;", "for (int i = start; ...)"),
                new Bad("a decreasing loop", source("Countdown",
                        "    @Loss",
                        "    static double reversed(double[] x) {",
                        "        double s = 0.0;",
                        "        for (int i = x.length - 1; i >= 0; i--) {",
                        "            s += x[i];",
                        "        }",
                        "        return s;",
                        "    }"),
                        LOOP_FORM, "i >= 0", "i < end"),
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
                        "one double[] row"));
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
                "        for (int i = 0; i < x.length; i += 2) {",
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
        assertThat(compilation).hadErrorContaining("[" + LOOP_FORM + "]").inFile(src)
                .onLineContaining("i += 2");
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
                "        for (int i = 0; i < x.length; i += 3) {",
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
        assertThat(compilation).hadErrorContaining("[" + LOOP_FORM + "]").inFile(src).onLineContaining("i += 3");
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
