package io.gradgen.kernels;

import java.lang.System.Logger.Level;

/**
 * The one line the runtime logs when it runs its kernels without the Vector API although the user
 * did not ask for that: what is lost and the flag that gets it back. Logged through
 * {@link System.Logger} (logger {@value #LOGGER}, so it lands wherever the application's logging
 * goes: java.util.logging by default, SLF4J or Log4j through their System.Logger bridges), once,
 * when {@link VectorMath} picks its implementation at first use.
 *
 * <p>Level {@link Level#WARNING}, as Lucene logs the same situation: results are correct, but a
 * forgotten JVM flag costs a training run a large factor, which is worth seeing in the default
 * configuration of every logging library (where INFO is often filtered in production). Choosing
 * the scalar path with {@code -Dgradgen.vectorize=false} silences it.
 */
final class VectorApiNotice {
    /** The logger's name. */
    static final String LOGGER = "io.gradgen";
    /** Its level (see the class comment). */
    static final Level LEVEL = Level.WARNING;
    /** The JVM flag that loads the incubator module. */
    static final String FLAG = "--add-modules jdk.incubator.vector";

    private VectorApiNotice() {
    }

    /** The module is not in the boot layer. */
    static String moduleAbsent() {
        return "gradgen: the Vector API module is not loaded, so loss and Linear kernels run scalar (up to about "
                + "3.6x slower); start the JVM with " + FLAG + " (or set -D" + VectorMath.VECTORIZE_PROPERTY
                + "=false to choose the scalar kernels and silence this)";
    }

    /** The module is there but the kernels could not be loaded (an incubator API other than the one built against). */
    static String kernelsUnusable(Throwable cause) {
        return "gradgen: the Vector API module is loaded but gradgen's vector kernels could not be used ("
                + cause + "), so loss and Linear kernels run scalar; set -D" + VectorMath.VECTORIZE_PROPERTY
                + "=false to silence this";
    }
}
