package io.gradgen.benchmarks;

import io.gradgen.kernels.Parallel;
import io.gradgen.kernels.VectorMath;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the suite through JMH's Runner API and prints the ratio tables ({@link GoalTable},
 * {@link LibtorchTable} when the jar was built with {@code -Plibtorch}, {@link RatioTable}).
 * Takes JMH's own command-line options ({@code -f 1 -wi 2 -i 3 -w 1s -r 1s}, {@code -prof gc}, a
 * benchmark regex, ...). When this JVM was started with {@code --add-modules jdk.incubator.vector}
 * the forked benchmark JVMs get it too, and {@code -Dgradgen.*} properties are passed on, so
 * {@code java --add-modules jdk.incubator.vector -jar benchmarks.jar} measures the Vector API path
 * and plain {@code java -jar benchmarks.jar} the scalar one.
 */
public final class Report {

    private Report() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include("io\\.gradgen\\.benchmarks\\..*");
        }
        List<String> jvmArgs = new ArrayList<>();
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            jvmArgs.add("--add-modules");
            jvmArgs.add("jdk.incubator.vector");
        }
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("gradgen.")) {
                jvmArgs.add("-D" + name + "=" + System.getProperty(name));
            }
        }
        if (!jvmArgs.isEmpty()) {
            options.jvmArgsPrepend(jvmArgs.toArray(new String[0]));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println();
        System.out.println("gradgen benchmarks: " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, "
                + "VectorMath " + (jvmArgs.contains("jdk.incubator.vector") ? "Vector API path" : VectorMath.implementation())
                + ", Parallel " + Parallel.threads() + " threads");
        System.out.println();
        System.out.print(GoalTable.render(scores(results), allocations(results)));
        System.out.print(LibtorchTable.render(scores(results)));
        System.out.print(RatioTable.render(scores(results)));
    }

    /** {@code method} or {@code method@firstParamValue} → bytes allocated per operation, when run with {@code -prof gc}. */
    static Map<String, Double> allocations(Collection<RunResult> results) {
        Map<String, Double> bytes = new TreeMap<>();
        for (RunResult r : results) {
            var alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            if (alloc != null) {
                bytes.put(key(r), alloc.getScore());
            }
        }
        return bytes;
    }

    /** {@code method} or {@code method@firstParamValue} → primary score. */
    static Map<String, Double> scores(Collection<RunResult> results) {
        Map<String, Double> scores = new TreeMap<>();
        for (RunResult r : results) {
            scores.put(key(r), r.getPrimaryResult().getScore());
        }
        return scores;
    }

    private static String key(RunResult r) {
        String label = r.getParams().getBenchmark();
        String method = label.substring(label.lastIndexOf('.') + 1);
        Collection<String> keys = r.getParams().getParamsKeys();
        return keys.isEmpty() ? method : method + "@" + r.getParams().getParam(keys.iterator().next());
    }
}
