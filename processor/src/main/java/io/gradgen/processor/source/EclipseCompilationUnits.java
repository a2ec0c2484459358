package io.gradgen.processor.source;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * The source text Eclipse's compiler (ECJ, in batch builds, Maven and Gradle plug-ins, Eclipse and
 * VS Code) is compiling a class from: the contents of the compilation unit behind the element's
 * binding. This is the buffer ECJ itself compiles, so it is right even where the file is not on
 * disk under the name ECJ gives it (the IDE names files by workspace path).
 *
 * <p>It follows public members of ECJ's model only: {@code ElementImpl._binding},
 * {@code ReferenceBinding.isBinaryBinding()}, {@code SourceTypeBinding.scope},
 * {@code ClassScope.referenceContext}, {@code TypeDeclaration.compilationResult},
 * {@code CompilationResult.compilationUnit} and {@code ICompilationUnit.getContents()/getFileName()},
 * all unchanged in ECJ for many years. Any other compiler, or a change there, gives empty, and the
 * next way of finding the source is tried.
 */
final class EclipseCompilationUnits {

    private EclipseCompilationUnits() {
    }

    /** The class's origin as ECJ knows it, or null when this is not ECJ's element or its model changed. */
    static Located locate(TypeElement top) {
        try {
            Object binding = field(top, "_binding");
            if (binding == null) {
                return null;
            }
            if (Boolean.TRUE.equals(call(binding, "isBinaryBinding"))) {
                return Located.CLASS_FILE;
            }
            Object scope = field(binding, "scope");
            Object declaration = scope == null ? null : field(scope, "referenceContext");
            Object result = declaration == null ? null : field(declaration, "compilationResult");
            Object unit = result == null ? null : field(result, "compilationUnit");
            if (unit == null) {
                return null;
            }
            char[] contents = (char[]) call(unit, "getContents");
            char[] fileName = (char[]) call(unit, "getFileName");
            return contents == null ? null
                    : new Located(true, fileName == null ? top.getQualifiedName() + ".java" : new String(fileName),
                            new String(contents));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError notEcjs) {
            return null;
        }
    }

    private static Object field(Object holder, String name) throws ReflectiveOperationException {
        for (Class<?> c = holder.getClass(); c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getName().equals(name) && Modifier.isPublic(f.getModifiers())) {
                    f.trySetAccessible();
                    return f.get(holder);
                }
            }
        }
        return null;
    }

    private static Object call(Object target, String name) throws ReflectiveOperationException {
        Method method = target.getClass().getMethod(name);
        if (!method.trySetAccessible()) {
            // a public method of a class that is not public itself: call it through a public interface
            for (Class<?> type : target.getClass().getInterfaces()) {
                try {
                    return type.getMethod(name).invoke(target);
                } catch (NoSuchMethodException notThere) {
                    // try the next interface
                }
            }
        }
        return method.invoke(target);
    }
}
