package io.gradgen.processor.fuzz;

import static com.google.common.truth.Truth.assertWithMessage;

import io.gradgen.processor.fuzz.Ast.Program;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fuzzer's own plumbing, without a compiler: what it generates is well formed and survives a round trip. */
class ProgramTextTest {

    @Test
    void generatedProgramsAreWellFormedAndRoundTripThroughText() {
        Random rng = new Random(1);
        for (int i = 0; i < 700; i++) {
            long seed = rng.nextLong();
            ProgramGenerator g = i >= 500 ? new BatchGenerator() : i % 2 == 0 ? new ElementwiseGenerator() : new RowGenerator();
            Program p = g.next(new Random(seed), "p" + i, seed);
            if (i % 3 == 0) {
                p = NearMisses.inject(p, new Random(seed));
            }
            assertWithMessage("generated program is well formed:\n%s", ProgramText.print(p))
                    .that(Nodes.wellFormed(p)).isTrue();
            String text = ProgramText.print(p);
            Program back = ProgramText.parse(text);
            assertWithMessage("round trip").that(ProgramText.print(back)).isEqualTo(text);
            assertWithMessage("round trip renders the same Java").that(JavaRenderer.render("C", java.util.List.of(back)).source())
                    .isEqualTo(JavaRenderer.render("C", java.util.List.of(p)).source());
        }
    }

    @Test
    void everyShrinkCandidateIsSmallerOrRejected() {
        long seed = 42;
        for (ProgramGenerator g : java.util.List.of(new ElementwiseGenerator(), new BatchGenerator())) {
            Program p = g.next(new Random(seed), "p", seed);
            int size = Nodes.size(p);
            for (Program c : Shrinker.candidates(p)) {
                if (Nodes.wellFormed(c)) {
                    assertWithMessage("candidate\n%s", ProgramText.print(c)).that(Nodes.size(c)).isAtMost(size);
                }
            }
        }
    }
}
