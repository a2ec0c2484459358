package io.gradgen.train;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress line of {@link Training#fit()}: after each epoch, the epoch count, the training
 * and validation losses, the metrics and the time since the run started, e.g.
 * {@code epoch 12/200  loss 0.12346  validation loss 0.23457  accuracy 0.93333  1.4s}. On a
 * terminal the line updates in place (a carriage return, then the new line over the old one) and
 * the run ends it with a newline; elsewhere, when progress was switched on explicitly, each epoch
 * gets its own line.
 */
final class Progress {

    private final Appendable out;
    private final boolean updating;
    private final LongSupplier nanoClock;
    private long startNanos;
    private int lastLength;
    private boolean open;

    /**
     * @param out where the lines go
     * @param updating rewrite one line with carriage returns instead of writing one per epoch
     * @param nanoClock the time source, {@link System#nanoTime()} outside tests
     */
    Progress(Appendable out, boolean updating, LongSupplier nanoClock) {
        this.out = out;
        this.updating = updating;
        this.nanoClock = nanoClock;
    }

    /** Progress on {@code System.out}, updating in place when stdout is a terminal. */
    static Progress toStdout() {
        return new Progress(System.out, stdoutIsTerminal(), System::nanoTime);
    }

    /**
     * Whether stdout is an interactive terminal. On JDK 17 to 21, {@link System#console()} is
     * non-null exactly when the JVM has a terminal on both stdin and stdout; from JDK 22 on it may
     * return a console while output is redirected, and {@code Console.isTerminal()} (looked up
     * reflectively, since the baseline is 17) tells the truth. A program whose stdin alone is
     * redirected therefore counts as not on a terminal: progress stays off unless switched on.
     */
    static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** Marks the start of the run, from which elapsed time is counted. */
    void start() {
        startNanos = nanoClock.getAsLong();
    }

    /** Shows one epoch's line. */
    void epoch(EpochResult result, int totalEpochs) {
        String line = line(result, totalEpochs, nanoClock.getAsLong() - startNanos);
        if (updating) {
            // pad with spaces so a shorter line fully covers the previous one
            write("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
            open = true;
        } else {
            write(line + System.lineSeparator());
        }
    }

    /**
     * Ends the updating line, then says how the run ended if early stopping ended it. The line
     * counts epochs from 1 ("epoch 3/50" is the third of fifty); the closing message names the best
     * epoch by its index from 0, as {@link History#bestEpoch()} does.
     */
    void finish(History history) {
        if (open) {
            write(System.lineSeparator());
            open = false;
        }
        if (history.stoppedEarly()) {
            int patience = history.epochs() - 1 - history.bestEpoch();
            // epochs are counted from 1 on the progress line, but bestEpoch() is an index from 0: say which
            write("early stopping after " + history.epochs() + " epochs (no better validation loss in the last "
                    + patience + "); restored the best weights, from epoch index " + history.bestEpoch()
                    + System.lineSeparator());
        }
    }

    static String line(EpochResult r, int totalEpochs, long elapsedNanos) {
        StringBuilder sb = new StringBuilder();
        sb.append("epoch ").append(r.index() + 1).append('/').append(totalEpochs);
        sb.append("  loss ").append(number(r.loss()));
        if (!Double.isNaN(r.validationLoss())) {
            sb.append("  validation loss ").append(number(r.validationLoss()));
        }
        r.metrics().forEach((name, value) -> sb.append("  ").append(name).append(' ').append(number(value)));
        return sb.append("  ").append(duration(elapsedNanos)).toString();
    }

    /** Five significant digits without trailing zeros: 0.12346, 1, 1.2e-05. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        String s = String.format(Locale.ROOT, "%.5g", v);
        int exponent = s.indexOf('e');
        String mantissa = exponent < 0 ? s : s.substring(0, exponent);
        if (mantissa.indexOf('.') >= 0) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return exponent < 0 ? mantissa : mantissa + s.substring(exponent);
    }

    /** 0.4s, 12.3s, 2m05s, 1h02m. */
    static String duration(long nanos) {
        double seconds = nanos / 1e9;
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1fs", seconds);
        }
        long whole = (long) seconds;
        if (whole < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", whole / 60, whole % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", whole / 3600, whole % 3600 / 60);
    }

    private void write(String text) {
        try {
            out.append(text);
        } catch (IOException e) {
            throw new UncheckedIOException("progress: cannot write", e);
        }
        if (out instanceof PrintStream stream) {
            stream.flush();
        }
    }
}
