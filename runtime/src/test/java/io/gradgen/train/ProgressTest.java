package io.gradgen.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.Tensor;
import io.gradgen.optim.SGD;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** The progress line: its format, in place on a terminal, one per epoch elsewhere, and silence by default in tests. */
class ProgressTest {

    private static final String NL = System.lineSeparator();

    /** A clock that advances 1.25 s per reading, so elapsed times are predictable. */
    private static LongSupplier clock() {
        long[] now = {0};
        return () -> now[0] += 1_250_000_000L;
    }

    private static EpochResult result(int index, double loss, double validation) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", 0.9333333333);
        return new EpochResult(index, loss, validation, metrics);
    }

    @Test
    void aLineShowsTheEpochCountLossesMetricsAndElapsedTime() {
        assertEquals("epoch 12/200  loss 0.12346  validation loss 0.00012346  accuracy 0.93333  1.4s",
                Progress.line(result(11, 0.123456789, 0.000123456789), 200, 1_420_000_000L));
        assertEquals("epoch 1/1  loss 2  0.0s", Progress.line(new EpochResult(0, 2, Double.NaN, Map.of()), 1, 0));
    }

    @Test
    void numbersAndDurationsAreShort() {
        assertEquals("1.2346e-07", Progress.number(1.23456789e-7));
        assertEquals("12346", Progress.number(12345.6));
        assertEquals("NaN", Progress.number(Double.NaN));
        assertEquals("Infinity", Progress.number(Double.POSITIVE_INFINITY));
        assertEquals("59.9s", Progress.duration(59_940_000_000L));
        assertEquals("2m05s", Progress.duration(125_000_000_000L));
        assertEquals("1h02m", Progress.duration(3_725_000_000_000L));
    }

    @Test
    void onATerminalOneLineUpdatesInPlaceAndEndsWithANewline() {
        StringBuilder out = new StringBuilder();
        Progress p = new Progress(out, true, clock());
        p.start();
        p.epoch(result(0, 10.5, 11), 2);
        p.epoch(result(1, 1, 2), 2);
        p.finish(new History(List.of(result(0, 10.5, 11), result(1, 1, 2)), List.of("accuracy"), true, 1, false));
        String first = "epoch 1/2  loss 10.5  validation loss 11  accuracy 0.93333  1.3s";
        String second = "epoch 2/2  loss 1  validation loss 2  accuracy 0.93333  2.5s";
        assertEquals("\r" + first + "\r" + second + " ".repeat(first.length() - second.length()) + NL, out.toString());
    }

    @Test
    void offATerminalEachEpochGetsItsOwnLineAndAnEarlyStopIsExplained() {
        StringBuilder out = new StringBuilder();
        Progress p = new Progress(out, false, clock());
        p.start();
        p.epoch(result(0, 3, 2), 50);
        p.epoch(result(1, 2, 4), 50);
        p.finish(new History(List.of(result(0, 3, 2), result(1, 2, 4)), List.of("accuracy"), true, 0, true));
        assertEquals("epoch 1/50  loss 3  validation loss 2  accuracy 0.93333  1.3s" + NL
                + "epoch 2/50  loss 2  validation loss 4  accuracy 0.93333  2.5s" + NL
                + "early stopping after 2 epochs (no better validation loss in the last 1); restored the best weights,"
                + " from epoch index 0" + NL, out.toString());
        assertFalse(out.toString().contains("\r"));
    }

    @Test
    void fitReportsEveryEpochToTheProgressSink() {
        StringBuilder out = new StringBuilder();
        Tensor[] data = Fixtures.line(12, 1);
        Training.of(Fixtures.linear(2, 1, 1)).loss(new TestLosses.Mse()).optimizer(p -> new SGD(p, 0.1))
                .data(data[0], data[1]).batchSize(5).epochs(3).metric("mae", Metrics.mae())
                .progressTo(new Progress(out, false, clock())).fit();
        String[] lines = out.toString().split(NL);
        assertEquals(3, lines.length);
        for (int e = 0; e < 3; e++) {
            assertTrue(lines[e].matches("epoch " + (e + 1) + "/3  loss [0-9.e-]+  mae [0-9.e-]+  [0-9.]+s"), lines[e]);
        }
    }

    @Test
    void byDefaultNothingIsPrintedWhenStdoutIsNotATerminalAndProgressTrueForcesLines() {
        assertFalse(Progress.stdoutIsTerminal(), "surefire's forked JVM writes to a pipe");
        Tensor[] data = Fixtures.line(12, 1);
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        try {
            System.setOut(capture);
            System.setErr(capture);
            training(data).fit();
            assertEquals("", captured.toString(StandardCharsets.UTF_8), "default: silent off a terminal");
            training(data).progress(true).fit();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        assertEquals(2, printed.split(NL).length, printed);
        assertTrue(printed.startsWith("epoch 1/2  loss "), printed);
        assertFalse(printed.contains("\r"), "no carriage returns into a pipe");
    }

    private static Training training(Tensor[] data) {
        return Training.of(Fixtures.linear(2, 1, 1)).loss(new TestLosses.Mse()).optimizer(p -> new SGD(p, 0.1))
                .data(data[0], data[1]).epochs(2);
    }
}
