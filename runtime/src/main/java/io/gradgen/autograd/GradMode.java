package io.gradgen.autograd;

/**
 * Whether tensor operations on the current thread record the autograd graph, like PyTorch's
 * {@code torch.is_grad_enabled()}. Enabled by default on every thread.
 *
 * <p>Change it only through a {@link Scope} in a try-with-resources block, so the previous state
 * comes back even when the body throws:
 *
 * <pre>{@code
 * try (var g = NoGrad.enter()) {         // same as GradMode.disable()
 *     Tensor prediction = model.forward(x);  // records no graph
 * }
 * }</pre>
 *
 * <p>The mode is thread-local: a scope opened on one thread never affects another. Scopes nest;
 * closing one restores exactly the state that was current when it was opened.
 */
public final class GradMode {

    // A one-element array instead of a Boolean so that entering a scope does not call
    // ThreadLocal.set; isEnabled() sits on the hot path of every tensor operation.
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private GradMode() {
    }

    /**
     * Tells whether operations on this thread currently record the autograd graph. Generated loss
     * code checks it before building a backward node.
     *
     * @return {@code true} unless a {@link NoGrad} or {@link #disable()} scope is open
     */
    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    /**
     * Disables graph recording on this thread until the returned scope is closed, like
     * {@code torch.no_grad()}. Same as {@link NoGrad#enter()}.
     *
     * @return the scope to close, normally in a try-with-resources statement
     */
    public static Scope disable() {
        return set(false);
    }

    /**
     * Enables graph recording on this thread until the returned scope is closed, even inside a
     * no-grad scope, like {@code torch.enable_grad()}.
     *
     * @return the scope to close, normally in a try-with-resources statement
     */
    public static Scope enable() {
        return set(true);
    }

    /**
     * Sets graph recording on this thread to {@code enabled} until the returned scope is closed,
     * like {@code torch.set_grad_enabled(enabled)}.
     *
     * @param enabled whether operations record the graph inside the scope
     * @return the scope to close, normally in a try-with-resources statement
     */
    public static Scope set(boolean enabled) {
        boolean[] cell = ENABLED.get();
        Scope scope = new Scope(cell, cell[0]);
        cell[0] = enabled;
        return scope;
    }

    /**
     * An open change of the grad mode; {@link #close()} restores the mode that was current when it
     * was opened. Close it on the thread that opened it; closing it again does nothing.
     */
    public static final class Scope implements AutoCloseable {
        private final boolean[] cell;
        private final boolean previous;
        private boolean closed;

        private Scope(boolean[] cell, boolean previous) {
            this.cell = cell;
            this.previous = previous;
        }

        /** Restores the grad mode that was current when this scope was opened. */
        @Override
        public void close() {
            if (!closed) {
                closed = true;
                cell[0] = previous;
            }
        }
    }
}
