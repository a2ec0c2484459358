package io.gradgen.processor.fuzz;

import static com.google.common.truth.Truth.assertWithMessage;

import io.gradgen.processor.fuzz.Ast.Program;
import io.gradgen.processor.fuzz.Oracle.Failure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Replays every program the fuzzer once found failing, shrunk, from
 * {@code src/test/resources/regression/fuzz/*.fuzz} (see {@link ProgramText} for the format; the
 * leading {@code ;} comment says what went wrong), through the same {@link Oracle}: each must now
 * pass every check, and each valid one must actually be checked numerically.
 */
class FuzzRegressionTest {

    @Test
    void everyShrunkFailurePassesNow() throws IOException {
        List<Path> files = files("regression/fuzz");
        List<Program> programs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path file : files) {
            Program p = ProgramText.parse(Files.readString(file, StandardCharsets.UTF_8));
            programs.add(p.withName("r" + programs.size()));
            names.add(file.getFileName().toString());
        }
        Oracle oracle = new Oracle();
        List<Failure> failures = oracle.run("Regressions", programs);
        List<String> described = new ArrayList<>();
        for (Failure f : failures) {
            int index = Integer.parseInt(f.program().name().substring(1));
            described.add(names.get(index) + ": " + f);
        }
        assertWithMessage("regression programs failing again:\n%s", String.join("\n", described))
                .that(failures).isEmpty();
        long valid = programs.stream().filter(p -> !p.isNearMiss()).count();
        assertWithMessage("every valid regression program is checked at enough sample points (%s)", oracle.stats)
                .that((long) oracle.stats.checked).isEqualTo(valid);
    }

    /**
     * Bugs found but not fixed yet live in {@code regression/fuzz/open/}: each must still fail, so
     * that the one that starts passing is noticed and moved up to {@code regression/fuzz/}.
     */
    @Test
    void everyOpenBugStillFails() throws IOException {
        List<Path> files = files("regression/fuzz/open");
        List<Program> programs = new ArrayList<>();
        for (Path file : files) {
            programs.add(ProgramText.parse(Files.readString(file, StandardCharsets.UTF_8)).withName("o" + programs.size()));
        }
        List<Failure> failures = new Oracle().run("OpenBugs", programs);
        List<String> passing = new ArrayList<>();
        for (int i = 0; i < programs.size(); i++) {
            String name = programs.get(i).name();
            if (failures.stream().noneMatch(f -> f.program().name().equals(name))) {
                passing.add(files.get(i).getFileName().toString());
            }
        }
        assertWithMessage("open bugs that pass now: move them to regression/fuzz/ (and let the generators make"
                + " their shapes again)").that(passing).isEmpty();
    }

    private static List<Path> files(String resource) throws IOException {
        URL url = FuzzRegressionTest.class.getClassLoader().getResource(resource);
        if (url == null) {
            return List.of();
        }
        try (Stream<Path> paths = Files.list(Path.of(url.toURI()))) {
            return paths.filter(p -> p.toString().endsWith(".fuzz")).sorted().toList();
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
