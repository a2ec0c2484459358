package io.gradgen.processor.builds;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.JavaFileObjects;
import io.gradgen.processor.GradgenProcessor;
import io.gradgen.processor.testing.GradgenCompiler;
import io.gradgen.processor.testing.WrappedEnvironments;
import io.gradgen.processor.testing.WrappedEnvironments.CreatedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.Processor;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code META-INF/gradle/incremental.annotation.processors}, checked against Gradle's documented
 * rules for its category, since no Gradle is at hand: an isolating processor must give every file
 * it generates exactly one originating element, whose top-level type is the only source the file
 * is regenerated from (Gradle's {@code IsolatingProcessingStrategy} falls back to a full
 * recompilation otherwise), and it writes only through the {@code Filer}.
 */
class GradleIncrementalMetadataTest {

    private static final String METADATA = "META-INF/gradle/incremental.annotation.processors";
    private static final String SERVICES = "META-INF/services/javax.annotation.processing.Processor";

    @Test
    void theMetadataDeclaresTheRegisteredProcessorAsIsolating() throws Exception {
        List<String> lines = resourceLines(METADATA);
        assertThat(lines).containsExactly(GradgenProcessor.class.getName() + ",isolating");
        // the same class javac discovers through the service registration AutoService writes
        assertThat(resourceLines(SERVICES)).containsExactly(GradgenProcessor.class.getName());
        Class<?> registered = Class.forName(lines.get(0).split(",")[0]);
        assertThat(Processor.class.isAssignableFrom(registered)).isTrue();
    }

    /**
     * Losses in several files, in a nested class, and calling helpers of other classes (which call
     * helpers of a third): every generated file names its {@code @Loss} method, and only it, as
     * its origin.
     */
    @Test
    void everyGeneratedFileHasExactlyOneOriginatingElementInItsLossesOwnType() {
        List<CreatedFile> created = new ArrayList<>();
        List<JavaFileObject> sources = new ArrayList<>(GradgenCompiler.resources(
                "corpus/elementwise/HelperLosses.java", "corpus/elementwise/Smooth.java", "corpus/elementwise/Stable.java",
                "corpus/elementwise/RobustLosses.java"));
        sources.add(JavaFileObjects.forSourceLines("app.Outer",
                "package app;",
                "import io.gradgen.annotations.Loss;",
                "final class Outer {",
                "    static final class Inner {",
                "        @Loss",
                "        static double nested(double x) { return x * x * x; }",
                "    }",
                "}"));

        GradgenCompiler.compileCleanly(GradgenCompiler.javac().withProcessors(
                WrappedEnvironments.wrapping(new GradgenProcessor(), env -> WrappedEnvironments.gradleIncremental(env, created))),
                sources);

        assertThat(created).isNotEmpty();
        Set<String> names = new HashSet<>();
        for (CreatedFile file : created) {
            assertWithMessage("%s: originating elements", file.name())
                    .that(file.originatingElements()).hasSize(1);
            Element origin = file.originatingElements().get(0);
            assertWithMessage("%s: origin %s", file.name(), origin).that(origin.getKind()).isEqualTo(ElementKind.METHOD);
            String owner = topLevelType(origin).getQualifiedName().toString();
            assertWithMessage("%s comes from %s", file.name(), owner)
                    .that(file.name().substring(0, file.name().lastIndexOf('.')))
                    .isEqualTo(owner.substring(0, owner.lastIndexOf('.')));
            assertThat(names.add(file.name())).isTrue();
        }
        assertThat(names).contains("app.NestedLoss");
        assertThat(created.stream().filter(f -> f.name().equals("app.NestedLoss")).findFirst().orElseThrow()
                .originatingElements().get(0).getSimpleName().toString()).isEqualTo("nested");
    }

    private static TypeElement topLevelType(Element element) {
        Element e = element;
        while (!(e instanceof TypeElement type && type.getEnclosingElement().getKind() == ElementKind.PACKAGE)) {
            e = e.getEnclosingElement();
        }
        return (TypeElement) e;
    }

    private static List<String> resourceLines(String name) throws IOException {
        try (InputStream in = GradgenProcessor.class.getClassLoader().getResourceAsStream(name)) {
            assertWithMessage("resource %s", name).that(in).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }
}
