package io.gradgen.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.Tensor;
import io.gradgen.annotations.Reduction;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The warning a JVM without {@code jdk.incubator.vector} gets: once, at first use, naming the flag;
 * never when the module is there or the user chose the scalar path. Each case runs
 * {@link VectorNoticeProbe} in a fresh JVM, since the choice is made once per JVM.
 */
class VectorApiNoticeTest {

    @Test
    void theMessageSaysWhatIsLostAndTheExactFlag() {
        String message = VectorApiNotice.moduleAbsent();
        assertTrue(message.contains("--add-modules jdk.incubator.vector"), message);
        assertTrue(message.contains("3.6x slower"), message);
        assertTrue(message.contains("-Dgradgen.vectorize=false"), message);
        assertEquals(1, message.lines().count(), message);
    }

    @Test
    void withoutTheModuleTheWarningIsLoggedExactlyOnce() throws Exception {
        Run run = probe();
        assertTrue(run.stdout().contains("vectorized=false"), run.toString());
        assertEquals(1, occurrences(run.stderr(), VectorApiNotice.FLAG), run.toString());
        assertTrue(run.stderr().contains("WARNING"), run.toString());
    }

    @Test
    void choosingTheScalarPathIsSilent() throws Exception {
        Run run = probe("-Dgradgen.vectorize=false");
        assertTrue(run.stdout().contains("vectorized=false"), run.toString());
        assertEquals(0, occurrences(run.stderr(), "gradgen:"), run.toString());
    }

    @Test
    void withTheModuleNothingIsLogged() throws Exception {
        Run run = probe("--add-modules", "jdk.incubator.vector");
        assertTrue(run.stdout().contains("vectorized=true"), run.toString());
        assertEquals(0, occurrences(run.stderr(), "gradgen:"), run.toString());
    }

    private record Run(String stdout, String stderr) {
    }

    private static Run probe(String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.add("-cp");
        command.add(String.join(File.pathSeparator,
                location(VectorMath.class), location(Tensor.class), location(Reduction.class), location(VectorNoticeProbe.class)));
        command.add(VectorNoticeProbe.class.getName());
        Process process = new ProcessBuilder(command).start();
        // the probe prints a line or two; reading after exit cannot fill a pipe
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the probe did not finish: " + command);
        }
        Run run = new Run(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(0, process.exitValue(), run.toString());
        return run;
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            count++;
        }
        return count;
    }
}
