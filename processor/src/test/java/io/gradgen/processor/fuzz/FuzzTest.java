package io.gradgen.processor.fuzz;

import static com.google.common.truth.Truth.assertWithMessage;

import io.gradgen.processor.fuzz.Ast.Program;
import io.gradgen.processor.fuzz.Oracle.Failure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The differential fuzzer: random programs of the loss language, compiled many to a class with the
 * processor and checked by {@link Oracle}, plus one near miss for every fourth program. A failure is
 * shrunk by {@link Shrinker} and written to {@code target/fuzz-failures/} in the format of
 * {@code src/test/resources/regression/fuzz/}, where it becomes a regression test once fixed.
 *
 * <p>{@code mvn verify} runs a fixed seed. A long run:
 * <pre>
 * mvn -pl processor -am test -Dtest=FuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dgradgen.fuzz.programs=20000 -Dgradgen.fuzz.seed=12345 [-Dgradgen.fuzz.only=rows]
 * </pre>
 * <p>{@code -Dgradgen.fuzz.only=rows}, {@code elementwise} or {@code batch} keeps one generator. The
 * default mix adds a batch loss ({@link BatchGenerator}, checked by {@link BatchCheck}) after every
 * fifth program, on top of {@code gradgen.fuzz.programs}, from a seed stream of its own.
 * Properties: {@code gradgen.fuzz.programs} (valid programs, default 420), {@code gradgen.fuzz.seed},
 * {@code gradgen.fuzz.batch} (programs per compilation, default 40), {@code gradgen.fuzz.shrink}
 * (how many failures to shrink, default 5), {@code gradgen.fuzz.determinismEvery} (compile every
 * n-th batch a second time in reverse order to check that generated sources do not depend on their
 * siblings; default 1, every batch), {@code gradgen.fuzz.dump} (a folder to write every generated
 * source into, to show with {@code diff -r} that a change to the processor leaves its output alone).
 */
class FuzzTest {

    static final long DEFAULT_SEED = 0x6772616467656eL;

    /**
     * Every generator the fuzzer mixes, each drawn as often as it appears: three element-wise
     * programs to a row program (of the default 420, about 315 and 105); batch losses join them on
     * top (see {@link #BATCH_EVERY}). {@code -Dgradgen.fuzz.only=rows} (or {@code elementwise}, or
     * {@code batch}) keeps one.
     */
    static List<ProgramGenerator> generators() {
        String only = System.getProperty("gradgen.fuzz.only", "");
        ProgramGenerator elementwise = new ElementwiseGenerator();
        ProgramGenerator rows = new RowGenerator();
        return switch (only) {
            case "rows" -> List.of(rows);
            case "elementwise" -> List.of(elementwise);
            case "batch" -> List.of(new BatchGenerator());
            default -> List.of(elementwise, elementwise, elementwise, rows);
        };
    }

    /**
     * In the default mix, every how many programs a batch loss ({@link BatchGenerator}) joins them:
     * on top of the others, named {@code b<index>}, with seeds of its own stream, so that the
     * programs of the other generators (and their names and seeds) stay those of earlier runs.
     */
    static final int BATCH_EVERY = 5;

    /** The extra batch programs' generator in the default mix; null when one generator was chosen. */
    static ProgramGenerator extraBatchGenerator() {
        return System.getProperty("gradgen.fuzz.only", "").isEmpty() ? new BatchGenerator() : null;
    }

    @Test
    void randomProgramsCompileCleanlyAndDifferentiateCorrectly() {
        long seed = Long.getLong("gradgen.fuzz.seed", DEFAULT_SEED);
        int programs = Integer.getInteger("gradgen.fuzz.programs", 420);
        int batchSize = Integer.getInteger("gradgen.fuzz.batch", 40);
        int shrinkLimit = Integer.getInteger("gradgen.fuzz.shrink", 5);
        List<ProgramGenerator> generators = generators();

        Random rng = new Random(seed);
        ProgramGenerator batchLosses = extraBatchGenerator();
        Random batchSeeds = new Random(~seed);
        Oracle oracle = new Oracle(Integer.getInteger("gradgen.fuzz.determinismEvery", 1),
                System.getProperty("gradgen.fuzz.dump"));
        List<Failure> failures = new ArrayList<>();
        long start = System.nanoTime();
        int done = 0;
        int nextReport = 1000;
        java.util.Map<String, Integer> perGenerator = new java.util.TreeMap<>();
        for (int batch = 0; done < programs; batch++) {
            int n = Math.min(batchSize, programs - done);
            List<Program> list = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = done + i;
                long programSeed = rng.nextLong();
                ProgramGenerator generator = generators.get(rng.nextInt(generators.size()));
                perGenerator.merge(generator.getClass().getSimpleName(), 1, Integer::sum);
                list.add(generator.next(new Random(programSeed), "p" + index, programSeed));
                if (index % 4 == 0) {
                    Program valid = generator.next(new Random(~programSeed), "m" + index, programSeed);
                    list.add(NearMisses.inject(valid, new Random(programSeed)));
                }
                if (batchLosses != null && index % BATCH_EVERY == 2) {
                    long batchSeed = batchSeeds.nextLong();
                    perGenerator.merge(batchLosses.getClass().getSimpleName(), 1, Integer::sum);
                    list.add(batchLosses.next(new Random(batchSeed), "b" + index, batchSeed));
                    if (index % (4 * BATCH_EVERY) == 2) {
                        Program valid = batchLosses.next(new Random(~batchSeed), "n" + index, batchSeed);
                        list.add(NearMisses.inject(valid, new Random(batchSeed)));
                    }
                }
            }
            List<Failure> found = oracle.run("Batch" + batch, list);
            for (Failure f : found) {
                // at once, so that a long run shows what it finds while it runs
                String line = f.toString().lines().findFirst().orElse("");
                System.out.printf(Locale.ROOT, "[fuzz] failure %s%n", line.length() > 400 ? line.substring(0, 400) : line);
            }
            failures.addAll(found);
            done += n;
            if (done >= nextReport) {
                System.out.printf(Locale.ROOT, "[fuzz] %d programs, %d failures, %.0f s%n", done, failures.size(),
                        (System.nanoTime() - start) / 1e9);
                nextReport += 1000;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "[fuzz] seed %d: %s (by generator %s); %d failures; %.1f s%n", seed, oracle.stats,
                perGenerator, failures.size(), seconds);

        List<String> reports = new ArrayList<>();
        Set<String> shrunkKinds = new HashSet<>();
        for (Failure f : failures) {
            String report = f.toString();
            if (reports.size() < 50) {
                reports.add(report.length() > 1500 ? report.substring(0, 1500) + "..." : report);
            }
            if (shrunkKinds.size() < shrinkLimit && shrunkKinds.add(f.kind() + " " + firstLine(f.detail()))) {
                Program minimal = new Shrinker().shrink(f);
                Path file = save(f, minimal);
                reports.add("  shrunk to " + file + ":\n" + ProgramText.print(minimal)
                        + JavaRenderer.render("Minimal", List.of(minimal)).source());
            }
        }
        assertWithMessage("the fuzzer (seed %s) found %s failure(s) in %s programs:\n%s", seed, failures.size(), programs,
                String.join("\n", reports))
                .that(failures)
                .isEmpty();
        assertWithMessage("too many degenerate programs (%s): the generator needs retuning", oracle.stats)
                .that(oracle.stats.degenerate).isLessThan(Math.max(5, oracle.stats.programs / 5));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.replaceAll("[-0-9.E]+", "#");
    }

    /** Writes a shrunk failure where a regression test can be made of it. */
    static Path save(Failure failure, Program minimal) {
        Path dir = Path.of("target", "fuzz-failures");
        StringBuilder text = new StringBuilder();
        text.append("; ").append(failure.kind()).append('\n');
        for (String line : failure.detail().split("\n")) {
            text.append("; ").append(line).append('\n');
        }
        text.append(ProgramText.print(minimal));
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(failure.kind().name().toLowerCase(Locale.ROOT) + "-" + failure.program().name() + ".fuzz");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
