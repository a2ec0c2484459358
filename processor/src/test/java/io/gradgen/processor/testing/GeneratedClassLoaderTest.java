package io.gradgen.processor.testing;

import static com.google.common.truth.Truth.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.gradgen.Tensor;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness itself, on a compilation without the processor. */
class GeneratedClassLoaderTest {

    @Test
    void loadsCompiledClassesAndSharesTheRuntimeWithTheTest() throws Exception {
        CompiledSources compiled = GradgenCompiler.compileCleanly(GradgenCompiler.javacWithoutProcessor(), List.of(
                JavaFileObjects.forSourceLines("demo.Twice",
                        "package demo;",
                        "import io.gradgen.Tensor;",
                        "final class Twice {",
                        "  static double twice(double x) { return 2 * x; }",
                        "  static Tensor twice(Tensor x) { return x.mul(2.0); }",
                        "  static final class Nested {}",
                        "}")));

        assertThat(compiled.has("demo.Twice")).isTrue();
        assertThat(compiled.has("demo.Twice$Nested")).isTrue();
        Class<?> twice = compiled.load("demo.Twice");
        assertThat(twice.getClassLoader()).isSameInstanceAs(compiled.classLoader());

        Method plain = twice.getDeclaredMethod("twice", double.class);
        plain.setAccessible(true);
        assertThat(Losses.callPlain(plain, 1.5)).isEqualTo(3.0);

        Method onTensors = twice.getDeclaredMethod("twice", Tensor.class);
        onTensors.setAccessible(true);
        Object result = onTensors.invoke(null, Tensor.of(new double[] {1, 2}, 2));
        assertThat(result).isInstanceOf(Tensor.class);
        assertThat(((Tensor) result).toArray()).usingExactEquality().containsExactly(2.0, 4.0).inOrder();
    }

    @Test
    void binaryNamesComeFromTheInMemoryPaths() {
        Compilation compilation = GradgenCompiler.javacWithoutProcessor().compile(
                JavaFileObjects.forSourceLines("a.b.C", "package a.b;", "class C { class D {} }"));
        List<String> names = new java.util.ArrayList<>();
        compilation.generatedFiles().forEach(f -> names.add(GeneratedClassLoader.binaryName(f)));
        assertThat(names).containsExactly("a.b.C", "a.b.C$D");
    }

    @Test
    void userClassPathHasAnnotationsAndRuntimeOnly() {
        assertThat(GradgenCompiler.userClassPath()).hasSize(2);
    }
}
