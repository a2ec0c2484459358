package io.gradgen.processor.env;

import io.gradgen.processor.diagnostics.Message;
import io.gradgen.processor.read.Suggestions;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.annotation.processing.Messager;
import javax.tools.Diagnostic;

/**
 * gradgen's processor options, given as {@code -Agradgen.<name>=<value>} (javac, Maven's
 * {@code <compilerArgs>}, Gradle's {@code options.compilerArgs}), read once when the processor is
 * initialised. A {@code gradgen.*} option it does not know is a warning that names the known ones,
 * with a did-you-mean when one is close: a misspelt option must not silently do nothing.
 */
public final class ProcessorOptions {

    /** Every option gradgen reads. */
    public enum Option {
        /**
         * {@code -Agradgen.debug} (or {@code =true}): an internal error also prints its stack trace,
         * as a note, so a bug report can carry it.
         */
        DEBUG("gradgen.debug", "true|false", "an internal error also prints its stack trace");

        private final String key;
        private final String accepted;
        private final String effect;

        Option(String key, String accepted, String effect) {
            this.key = key;
            this.accepted = accepted;
            this.effect = effect;
        }

        /** The option's name without {@code -A}: {@code gradgen.debug}. */
        public String key() {
            return key;
        }

        /** What the option accepts, for messages and the README: {@code true|false}. */
        public String accepted() {
            return accepted;
        }

        /** What the option does. */
        public String effect() {
            return effect;
        }
    }

    private static final String PREFIX = "gradgen.";

    private final boolean debug;

    private ProcessorOptions(boolean debug) {
        this.debug = debug;
    }

    /** The option names to declare in {@code Processor.getSupportedOptions()}. */
    public static Set<String> supported() {
        return Arrays.stream(Option.values()).map(Option::key).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Reads gradgen's options from the compiler's {@code -A} options and warns, through
     * {@code messager}, of every {@code gradgen.*} option it does not know and every value it
     * cannot read.
     *
     * @param options the processing environment's options
     * @param messager where the warnings go
     * @return the options, with defaults for those not given
     */
    public static ProcessorOptions read(Map<String, String> options, Messager messager) {
        // sorted, so several warnings come in a stable order
        for (String key : new TreeMap<>(options).keySet()) {
            if (key.startsWith(PREFIX) && !supported().contains(key)) {
                messager.printMessage(Diagnostic.Kind.WARNING, Message.UNKNOWN_OPTION.format(key, known(),
                        Suggestions.didYouMean(key, supported(), "-A")));
            }
        }
        return new ProcessorOptions(flag(Option.DEBUG, options, messager));
    }

    /** Whether {@code -Agradgen.debug} is on. */
    public boolean debug() {
        return debug;
    }

    private static boolean flag(Option option, Map<String, String> options, Messager messager) {
        if (!options.containsKey(option.key())) {
            return false;
        }
        // javac gives null for a bare -Agradgen.debug, which reads as "on"
        String value = options.get(option.key());
        String normalised = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (normalised.isEmpty() || normalised.equals("true")) {
            return true;
        }
        if (!normalised.equals("false")) {
            messager.printMessage(Diagnostic.Kind.WARNING,
                    Message.OPTION_VALUE.format(option.key(), value, option.key(), option.accepted()));
        }
        return false;
    }

    private static String known() {
        return Arrays.stream(Option.values())
                .map(o -> "-A" + o.key() + "=" + o.accepted() + " (" + o.effect() + ")")
                .collect(Collectors.joining(", "));
    }
}
