package io.gradgen.processor.env;

import com.sun.source.util.Trees;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * Finds javac's own {@link ProcessingEnvironment} behind the wrappers that IDEs and build tools put
 * around it, so that {@link Trees#instance(ProcessingEnvironment)}, which accepts only javac's class,
 * works under them too.
 *
 * <p>Known wrappers, all of which keep javac's environment in a field:
 * <ul>
 *   <li>IntelliJ IDEA (2020.3 and later) hands processors a {@link Proxy}; its invocation handler
 *       captures the real environment ({@code val$delegateTo} in current builds).</li>
 *   <li>Gradle's incremental processing wraps it in {@code IncrementalProcessingEnvironment},
 *       field {@code delegate}.</li>
 *   <li>Kotlin's kapt and other tools keep it in a field called {@code processingEnv}.</li>
 * </ul>
 * Field names change between versions, so this does not depend on them: it follows every instance
 * field of a wrapper (or of a proxy's invocation handler) whose value is itself a
 * {@code ProcessingEnvironment}, breadth first, well-known names first, until {@code Trees} accepts
 * one. Like Lombok's {@code LombokProcessor.getJavacProcessingEnvironment}, it reflects only on the
 * wrapper objects and never opens javac's internals ({@code com.sun.tools.javac}).
 *
 * <p>Only {@code Trees} needs javac's environment: the processor keeps using the wrapper it was
 * given for everything else, since a wrapper's {@code Filer} may record generated files (IntelliJ
 * and Gradle both do) and its {@code Messager} may route diagnostics.
 */
public final class JavacEnvironment {
    /** Wrappers nest (Gradle's around IntelliJ's, kapt's around Gradle's), but never this deep. */
    private static final int MAX_DEPTH = 6;
    private static final List<String> WELL_KNOWN_FIELDS = List.of("delegate", "processingEnv", "val$delegateTo");

    private JavacEnvironment() {
    }

    /**
     * javac's Tree API for {@code env}, found through any wrappers around javac's environment.
     *
     * @param env the environment a processor was initialised with
     * @return the trees, or empty when no javac environment is reachable (a different compiler,
     *     such as Eclipse's, or a wrapper that hides it)
     */
    public static Optional<Trees> trees(ProcessingEnvironment env) {
        Deque<ProcessingEnvironment> queue = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        queue.add(env);
        depths.add(0);
        while (!queue.isEmpty()) {
            ProcessingEnvironment candidate = queue.poll();
            int depth = depths.poll();
            if (!seen.add(candidate)) {
                continue;
            }
            Optional<Trees> trees = treesOf(candidate);
            if (trees.isPresent()) {
                return trees;
            }
            if (depth < MAX_DEPTH) {
                for (ProcessingEnvironment inner : wrapped(candidate)) {
                    queue.add(inner);
                    depths.add(depth + 1);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Trees> treesOf(ProcessingEnvironment candidate) {
        try {
            return Optional.of(Trees.instance(candidate));
        } catch (IllegalArgumentException | LinkageError notJavacs) {
            // Trees rejects any class but javac's own; LinkageError: jdk.compiler is not readable here
            return Optional.empty();
        }
    }

    /** The environments a wrapper holds directly: in a proxy's handler, else in its own fields. */
    static List<ProcessingEnvironment> wrapped(ProcessingEnvironment wrapper) {
        Object holder = Proxy.isProxyClass(wrapper.getClass()) ? Proxy.getInvocationHandler(wrapper) : wrapper;
        List<ProcessingEnvironment> found = new ArrayList<>();
        List<Field> fields = instanceFields(holder.getClass());
        fields.sort((a, b) -> Integer.compare(rank(a), rank(b)));
        for (Field field : fields) {
            Object value = read(field, holder);
            if (value instanceof ProcessingEnvironment inner && inner != wrapper) {
                found.add(inner);
            }
        }
        return found;
    }

    private static int rank(Field field) {
        int known = WELL_KNOWN_FIELDS.indexOf(field.getName());
        return known < 0 ? WELL_KNOWN_FIELDS.size() : known;
    }

    private static List<Field> instanceFields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()) {
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    private static Object read(Field field, Object holder) {
        try {
            field.setAccessible(true);
            return field.get(holder);
        } catch (RuntimeException | IllegalAccessException unreadable) {
            // InaccessibleObjectException: a wrapper in a named module that does not open its package
            return null;
        }
    }
}
