package io.gradgen.processor.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaFileObject;

/**
 * Defines the classes of one in-memory compilation: every {@link JavaFileObject.Kind#CLASS} file
 * that compile-testing reports in {@code Compilation.generatedFiles()}, that is the generated loss
 * classes and the compiled user classes alike.
 *
 * <p>The parent is the test's own class loader, so {@code io.gradgen.Tensor} and the rest of the
 * runtime are one and the same class on both sides: a generated loss returns tensors the test can
 * use directly.
 */
public final class GeneratedClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> classBytes;

    public GeneratedClassLoader(ClassLoader parent, Iterable<? extends JavaFileObject> files) {
        super("gradgen-test-compilation", parent);
        Map<String, byte[]> bytes = new TreeMap<>();
        for (JavaFileObject file : files) {
            if (file.getKind() == JavaFileObject.Kind.CLASS) {
                bytes.put(binaryName(file), read(file));
            }
        }
        this.classBytes = Collections.unmodifiableMap(bytes);
    }

    /** The binary names of all classes this loader can define, sorted. */
    public Iterable<String> classNames() {
        return classBytes.keySet();
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classBytes.get(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name + " (compiled classes: " + classBytes.keySet() + ")");
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    /**
     * compile-testing names in-memory outputs {@code mem:///CLASS_OUTPUT/pkg/Name.class}: the first
     * path segment is the location, the rest the class file's relative path.
     */
    static String binaryName(JavaFileObject file) {
        URI uri = file.toUri();
        String path = uri.getPath();
        if (path == null) {
            path = uri.getSchemeSpecificPart();
        }
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        int slash = path.indexOf('/');
        if (slash < 0 || !path.endsWith(".class")) {
            throw new IllegalArgumentException("not a class file in a location: " + uri);
        }
        String relative = path.substring(slash + 1, path.length() - ".class".length());
        return relative.replace('/', '.');
    }

    private static byte[] read(JavaFileObject file) {
        try (InputStream in = file.openInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toUri(), e);
        }
    }
}
