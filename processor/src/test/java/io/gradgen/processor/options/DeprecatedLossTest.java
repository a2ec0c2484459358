package io.gradgen.processor.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.JavaFileObjects;
import io.gradgen.processor.testing.CompiledSources;
import io.gradgen.processor.testing.GradgenCompiler;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A loss generated from a {@code @Deprecated} method is deprecated as the method is (since,
 * forRemoval), so its users are warned; its backward, which only the forward names, is not, so the
 * generated code compiles without warnings under {@code -Xlint:all}.
 */
class DeprecatedLossTest {

    @Test
    void theForwardClassCarriesTheMethodsDeprecation() {
        CompiledSources compiled = GradgenCompiler.compileCleanly(List.of(JavaFileObjects.forSourceLines(
                "old.OldLosses",
                "package old;",
                "import io.gradgen.annotations.Loss;",
                "final class OldLosses {",
                "    /** @deprecated use another loss */",
                "    @Deprecated(since = \"0.2\", forRemoval = true)",
                "    @Loss static double square(double x) {",
                "        return x * x;",
                "    }",
                "}")));
        Deprecated deprecated = compiled.load("old.SquareLoss").getAnnotation(Deprecated.class);
        assertNotNull(deprecated);
        assertEquals("0.2", deprecated.since());
        assertTrue(deprecated.forRemoval());
        assertFalse(compiled.load("old.SquareLossBackward").isAnnotationPresent(Deprecated.class));
    }
}
