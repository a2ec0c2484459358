package io.gradgen.processor.testing;

import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reflective access to generated loss classes and to the plain methods they were made from. */
public final class Losses {

    private Losses() {}

    /**
     * A new instance of a generated loss through its public constructor taking {@code args}
     * ({@code Double} for a {@code double} constant, {@code Integer} for an {@code int} one,
     * {@code double[]} for a {@code double[]} one).
     */
    public static LossFunction instantiate(Class<?> lossClass, Object... args) {
        Constructor<?> constructor = publicConstructor(lossClass, args);
        try {
            return (LossFunction) constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw rethrow(e);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot call " + constructor, e);
        }
    }

    /** Whether the class has a public constructor without parameters. */
    public static boolean hasPublicNoArgConstructor(Class<?> type) {
        return Arrays.stream(type.getConstructors()).anyMatch(c -> c.getParameterCount() == 0);
    }

    /**
     * Calls the typed {@code forward(Tensor, Tensor, ...)} the generated class declares next to
     * {@code forward(Tensor...)}; an exception it throws is rethrown as it is.
     */
    public static Tensor forwardTyped(LossFunction loss, Tensor... inputs) {
        Class<?>[] types = new Class<?>[inputs.length];
        Arrays.fill(types, Tensor.class);
        Method forward;
        try {
            forward = loss.getClass().getMethod("forward", types);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(loss.getClass().getName() + " declares no public forward with "
                    + inputs.length + " Tensor parameters", e);
        }
        try {
            return (Tensor) forward.invoke(loss, (Object[]) inputs);
        } catch (InvocationTargetException e) {
            throw rethrow(e);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    /** The static method named {@code name} of {@code owner}, accessible even if package-private. */
    public static Method plainMethod(Class<?> owner, String name) {
        List<Method> found = new ArrayList<>();
        for (Method method : owner.getDeclaredMethods()) {
            if (method.getName().equals(name) && Modifier.isStatic(method.getModifiers())) {
                found.add(method);
            }
        }
        if (found.size() != 1) {
            throw new AssertionError("expected one static method " + name + " in " + owner.getName() + ", found " + found);
        }
        Method method = found.get(0);
        method.setAccessible(true);
        return method;
    }

    /** Calls a plain static method with boxed arguments and returns its {@code double} result. */
    public static double callPlain(Method method, Object... args) {
        try {
            return (double) method.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw rethrow(e);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static Constructor<?> publicConstructor(Class<?> type, Object[] args) {
        outer:
        for (Constructor<?> constructor : type.getConstructors()) {
            Class<?>[] parameters = constructor.getParameterTypes();
            if (parameters.length != args.length) {
                continue;
            }
            for (int i = 0; i < parameters.length; i++) {
                Class<?> expected = args[i] instanceof Integer ? int.class
                        : args[i] instanceof Boolean ? boolean.class
                        : args[i] instanceof double[] ? double[].class
                        : double.class;
                if (parameters[i] != expected) {
                    continue outer;
                }
            }
            return constructor;
        }
        throw new AssertionError(type.getName() + " has no public constructor for arguments "
                + Arrays.deepToString(args) + "; it has " + Arrays.toString(type.getConstructors()));
    }

    private static RuntimeException rethrow(InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException) {
            throw (RuntimeException) cause;
        }
        if (cause instanceof Error) {
            throw (Error) cause;
        }
        throw new AssertionError(cause);
    }

    /**
     * {@code loss.withReduction(reduction)} on a generated loss, which every one declares; a
     * runtime exception it throws is rethrown as is.
     */
    public static LossFunction withReduction(LossFunction loss, io.gradgen.annotations.Reduction reduction) {
        try {
            Method m = loss.getClass().getMethod("withReduction", io.gradgen.annotations.Reduction.class);
            return (LossFunction) m.invoke(loss, reduction);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError(e);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
