package io.gradgen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Functions}' special functions against reference values computed independently in mpmath
 * at 50 and 80 significant digits and rounded to double ({@code special/reference.csv}, written by
 * {@code runtime/tools/special/generate_reference.py}): tiny and subnormal arguments, both sides of
 * 0, negative non-integers near every pole up to -12 and far out to -2^52, the roots of lgamma at 1
 * and 2 and of digamma at 1.4616..., a dense grid on (0, 20], arguments up to the largest double,
 * and random samples.
 *
 * <p>For {@code x > 0} each function is held to a bound in ulps of the reference value. For
 * {@code x < 0} the bound is in ulps of {@code max(|f(x)|, |f(1 - x)|)} (the CSV's scale column),
 * the size of the larger term of the reflection formula: it is a relative bound wherever that
 * formula does not cancel, an absolute one around the negative roots, where it does. These are the
 * bounds each function's Javadoc states.
 *
 * <p>{@code -Dgradgen.special.reference=FILE} reads another such CSV instead, e.g. a larger random
 * sample from {@code generate_reference.py --sample 6000 --out FILE}.
 */
class SpecialFunctionsReferenceTest {

    private record Row(String function, double x, double y, double expected, double scale) {
    }

    private static List<Row> rows;

    @BeforeAll
    static void readReference() throws IOException {
        rows = new ArrayList<>();
        String other = System.getProperty("gradgen.special.reference");
        try (InputStream in = other != null ? Files.newInputStream(Path.of(other)) : Objects.requireNonNull(
                SpecialFunctionsReferenceTest.class.getResourceAsStream("/special/reference.csv"),
                "special/reference.csv is missing from the test resources");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#") || line.startsWith("function,")) {
                    continue;
                }
                String[] f = line.split(",", -1);
                rows.add(new Row(f[0], Double.parseDouble(f[1]), f[2].isEmpty() ? Double.NaN : Double.parseDouble(f[2]),
                        Double.parseDouble(f[3]), f[4].isEmpty() ? Double.NaN : Double.parseDouble(f[4])));
            }
        }
    }

    @ParameterizedTest(name = "{0} for {1} x: within {2} ulps")
    @CsvSource({
        "lgamma,     positive, 2",
        "lgamma,     negative, 3",
        "digamma,    positive, 2",
        "digamma,    negative, 4",
        "trigamma,   positive, 2",
        "trigamma,   negative, 3",
        "tetragamma, positive, 3",
        "tetragamma, negative, 4",
    })
    void matchesMpmath(String function, String sign, int ulps) {
        boolean positive = sign.equals("positive");
        double worst = 0;
        String worstRow = "";
        int count = 0;
        for (Row row : rows) {
            if (!row.function.equals(function) || row.x > 0 != positive) {
                continue;
            }
            count++;
            double actual = evaluate(function, row.x);
            double error = errorInUlps(actual, row.expected, positive ? row.expected : row.scale);
            if (error > worst) {
                worst = error;
                worstRow = function + "(" + row.x + ") = " + actual + ", mpmath " + row.expected;
            }
        }
        assertTrue(count >= 400, "only " + count + " reference rows for " + function + " at " + sign + " x");
        assertTrue(worst <= ulps, function + " off by " + worst + " ulps at " + worstRow);
    }

    @ParameterizedTest(name = "logAddExp: within {0} ulps of max(|result|, |max(a, b)|)")
    @CsvSource("1")
    void logAddExpMatchesMpmath(int ulps) {
        DoubleBinaryOperator f = Functions::logAddExp;
        double worst = 0;
        String worstRow = "";
        int count = 0;
        for (Row row : rows) {
            if (!row.function.equals("logAddExp")) {
                continue;
            }
            count++;
            double actual = f.applyAsDouble(row.x, row.y);
            // max(a, b) + log1p(...) cancels where the result is near 0 and max(a, b) is not
            double scale = Math.max(Math.abs(row.expected), Math.abs(Math.max(row.x, row.y)));
            double error = errorInUlps(actual, row.expected, scale);
            if (error > worst) {
                worst = error;
                worstRow = "logAddExp(" + row.x + ", " + row.y + ") = " + actual + ", mpmath " + row.expected;
            }
        }
        if (System.getProperty("gradgen.special.reference") != null && count == 0) {
            return;     // a --sample CSV has no logAddExp rows
        }
        assertTrue(count >= 400, "only " + count + " reference rows for logAddExp");
        assertTrue(worst <= ulps, "logAddExp off by " + worst + " ulps at " + worstRow);
    }

    private static double evaluate(String function, double x) {
        return switch (function) {
            case "lgamma" -> Functions.lgamma(x);
            case "digamma" -> Functions.digamma(x);
            case "trigamma" -> Functions.trigamma(x);
            case "tetragamma" -> Functions.tetragamma(x);
            default -> throw new IllegalArgumentException("no function " + function + " in the reference");
        };
    }

    /**
     * |actual - expected| in ulps of {@code scale}; infinite when they differ in kind (an infinity
     * or NaN against a number). Below the normal range the ulp is that of the smallest normal.
     */
    private static double errorInUlps(double actual, double expected, double scale) {
        if (Double.isNaN(actual) || Double.isInfinite(expected) || Double.isInfinite(actual)) {
            return actual == expected ? 0 : Double.POSITIVE_INFINITY;
        }
        return Math.abs(actual - expected) / Math.ulp(Math.max(Math.abs(scale), Double.MIN_NORMAL));
    }
}
