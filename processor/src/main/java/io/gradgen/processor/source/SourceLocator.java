package io.gradgen.processor.source;

import io.gradgen.processor.diagnostics.Message;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * Finds the source text of a top-level class when the compiler offers no syntax trees. Three ways,
 * in order:
 * <ol>
 *   <li>{@code Elements.getFileObjectOf(Element)}, the standard question (Java 18 and later; ECJ
 *       implements it on Java 17 too), called reflectively since gradgen runs on Java 17;</li>
 *   <li>ECJ's own compilation unit, which also serves the Eclipse IDE, whose files are named by
 *       workspace path ({@link EclipseCompilationUnits});</li>
 *   <li>the source path ({@code -sourcepath}), through the {@link Filer}.</li>
 * </ol>
 */
final class SourceLocator {
    private final Elements elements;
    private final Filer filer;

    SourceLocator(Elements elements, Filer filer) {
        this.elements = elements;
        this.filer = filer;
    }

    /**
     * Where a top-level class came from.
     *
     * @param top a top-level class
     * @param shown the method whose body is wanted, for messages
     * @return its source, or {@link Located#CLASS_FILE}
     * @throws SourceUnreadable when it comes from source that none of the three ways finds
     */
    Located locate(TypeElement top, String shown) throws SourceUnreadable {
        Located located = standard(top);
        if (located == null) {
            located = EclipseCompilationUnits.locate(top);
        }
        if (located == null) {
            located = sourcePath(top);
        }
        if (located == null) {
            throw new SourceUnreadable(Message.SOURCE_UNREADABLE, shown,
                    Message.Reason.SOURCE_NOT_FOUND.text(top.getQualifiedName()),
                    Message.Reason.GIVE_SOURCE_PATH.text(null));
        }
        return located;
    }

    /** Whether a type was compiled from source; true when no way can tell, as a source type is what must not be missed. */
    boolean isSource(TypeElement type) {
        TypeElement top = TreeFinder.topLevel(type);
        Located located = standard(top);
        if (located == null) {
            located = EclipseCompilationUnits.locate(top);
        }
        return located == null || located.fromSource();
    }

    private Located standard(TypeElement top) {
        MethodHandle getFileObjectOf = fileObjectQuery();
        if (getFileObjectOf == null) {
            return null;
        }
        try {
            if (!(getFileObjectOf.invoke(elements, top) instanceof JavaFileObject file)) {
                return null;
            }
            if (file.getKind() != JavaFileObject.Kind.SOURCE) {
                return Located.CLASS_FILE;
            }
            return new Located(true, file.getName(), file.getCharContent(true).toString());
        } catch (Throwable cannotTell) {
            // UnsupportedOperationException: a compiler (or ECJ with another file manager) that cannot
            // say; Errors too, as this is a question gradgen may ask, not a step it needs
            return null;
        }
    }

    /**
     * The standard method on Java 18 and later, else a compiler's own public method of that name.
     * Looked up by name and type alone: listing the methods of a newer ECJ's {@code Elements} on Java
     * 17 fails, as some of them name types that Java 17 lacks ({@code Elements.DocCommentKind}).
     */
    private MethodHandle fileObjectQuery() {
        MethodType type = MethodType.methodType(JavaFileObject.class, Element.class);
        for (Class<?> owner : new Class<?>[] {Elements.class, elements.getClass()}) {
            try {
                return MethodHandles.publicLookup().findVirtual(owner, "getFileObjectOf", type);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError absent) {
                // Java 17's Elements, or a compiler without it
            }
        }
        return null;
    }

    private Located sourcePath(TypeElement top) {
        String pkg = elements.getPackageOf(top).getQualifiedName().toString();
        try {
            FileObject file = filer.getResource(StandardLocation.SOURCE_PATH, pkg, top.getSimpleName() + ".java");
            return new Located(true, file.getName(), file.getCharContent(true).toString());
        } catch (IOException | RuntimeException notOnTheSourcePath) {
            // FileNotFoundException, or no source path at all (IllegalArgumentException)
            return null;
        }
    }
}
