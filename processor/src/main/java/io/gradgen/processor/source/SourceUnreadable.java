package io.gradgen.processor.source;

import io.gradgen.processor.diagnostics.Message;
import java.util.Arrays;

/**
 * The compiler compiled a method from source, or a jar carries its body, but gradgen cannot read
 * that source: the message says why and what to do.
 */
public final class SourceUnreadable extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Message message;
    private final transient Object[] args;

    /**
     * @param message the message to report
     * @param args its arguments
     */
    public SourceUnreadable(Message message, Object... args) {
        super(message.format(args), null, false, false);
        this.message = message;
        this.args = args.clone();
    }

    /** @return the message to report */
    public Message message() {
        return message;
    }

    /** @return its arguments */
    public Object[] args() {
        return Arrays.copyOf(args, args.length);
    }
}
