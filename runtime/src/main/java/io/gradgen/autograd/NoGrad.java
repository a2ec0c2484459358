package io.gradgen.autograd;

import java.util.function.Supplier;

/**
 * A scope in which tensor operations record no autograd graph, like PyTorch's
 * {@code with torch.no_grad():}. Use it for inference and for parameter updates:
 *
 * <pre>{@code
 * try (var g = NoGrad.enter()) {
 *     Tensor prediction = model.forward(x);   // prediction.gradFn() == null
 * }
 * }</pre>
 *
 * <p>Scopes are thread-local and nest; see {@link GradMode}. Under {@code -Xlint:try} javac warns
 * that the resource {@code g} is never referenced in the body; either add
 * {@code @SuppressWarnings("try")} to the enclosing method or use {@link #run(Runnable)} and
 * {@link #call(Supplier)}, which need no resource variable.
 */
public final class NoGrad {

    private NoGrad() {
    }

    /**
     * Disables graph recording on this thread until the returned scope is closed.
     *
     * @return the scope to close, normally in a try-with-resources statement
     */
    public static GradMode.Scope enter() {
        return GradMode.disable();
    }

    /**
     * Runs {@code body} with graph recording disabled and returns its result.
     *
     * @param body the computation to run
     * @param <T> the result type
     * @return what {@code body} returned
     */
    public static <T> T call(Supplier<T> body) {
        GradMode.Scope scope = GradMode.disable();
        try {
            return body.get();
        } finally {
            scope.close();
        }
    }

    /**
     * Runs {@code body} with graph recording disabled.
     *
     * @param body the computation to run
     */
    public static void run(Runnable body) {
        GradMode.Scope scope = GradMode.disable();
        try {
            body.run();
        } finally {
            scope.close();
        }
    }
}
