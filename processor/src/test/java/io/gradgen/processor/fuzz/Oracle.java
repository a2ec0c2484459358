package io.gradgen.processor.fuzz;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.annotations.Reduction;
import io.gradgen.processor.fuzz.Ast.Param;
import io.gradgen.processor.fuzz.Ast.Program;
import io.gradgen.processor.fuzz.Interpreter.Outcome;
import io.gradgen.processor.fuzz.JavaRenderer.Lines;
import io.gradgen.processor.fuzz.JavaRenderer.Rendered;
import io.gradgen.processor.testing.CompiledSources;
import io.gradgen.processor.testing.GeneratedClassLoader;
import io.gradgen.processor.testing.GradgenCompiler;
import io.gradgen.processor.testing.Losses;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Compiles a batch of programs with the processor in one javac run and checks each: a valid
 * program compiles without any diagnostic under {@code -Xlint:all}, its generated sources are
 * byte-identical across two compilations, its generated forward equals the plain method (called
 * reflectively) and its gradients equal central differences of the plain method, under its
 * reduction; a near miss fails with a {@code [gradgen/...]} error on the line of the injected
 * construct, and no {@code [gradgen/Internal]}. A javac crash is isolated to the program causing it.
 */
final class Oracle {

    enum Kind {
        /** javac threw (the processor crashed). */
        CRASH,
        /** a {@code [gradgen/Internal]} error. */
        INTERNAL,
        /** a valid program did not compile. */
        REJECTED,
        /** a valid program compiled with a warning. */
        WARNING,
        /** two compilations generated different sources. */
        NONDETERMINISTIC,
        /** the generated forward differs from the plain method. */
        FORWARD,
        /** a generated gradient differs from central differences. */
        GRADIENT,
        /** the generated classes threw. */
        RUNTIME,
        /** a near miss compiled, or failed without a gradgen error of its own. */
        NEAR_MISS_ACCEPTED,
        /** a near miss's gradgen error is not on the injected line, or extra ones are elsewhere. */
        NEAR_MISS_WRONG_LINE,
        /** the fuzzer disagrees with itself (its interpreter with javac): a bug in the fuzzer. */
        HARNESS
    }

    record Failure(Kind kind, Program program, String detail) {
        @Override
        public String toString() {
            return kind + " in " + program.name() + ": " + detail;
        }
    }

    /** Counters of one run. */
    static final class Stats {
        int programs;
        int nearMisses;
        int checked;
        int degenerate;
        int points;
        int gradientsChecked;
        int gradientsSkipped;
        int compilations;
        /** Batches compiled a second time, in reverse order, to check determinism. */
        int determinismChecks;
        /** Programs the processor refused as constant ([gradgen/ConstantLoss]), confirmed by the interpreter. */
        int constant;

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d programs (%d checked numerically, %d of them refused as constant"
                            + " and confirmed so, %d without enough smooth finite"
                            + " sample points), %d near misses, %d sample points, %d gradient elements checked"
                            + " (%d skipped as too curved), %d compilations (%d of them determinism checks)",
                    programs, checked, constant, degenerate, nearMisses, points, gradientsChecked, gradientsSkipped,
                    compilations, determinismChecks);
        }
    }

    /** Sample points per program: the batch size of its tensors. */
    private static final int POINTS = 4;
    static final int ATTEMPTS = 60;
    private static final double MAX_VALUE = 1e6;
    private static final double MAX_INTERMEDIATE = 1e8;
    private static final double SINGULAR_MARGIN = 1e-2;
    static final double RELATIVE_STEP = 1e-4;
    static final double FORWARD_TOLERANCE = 1e-11;
    static final double GRADIENT_TOLERANCE = 1e-6;

    final Stats stats = new Stats();

    /**
     * Every how many batches the determinism check compiles a batch a second time, in reverse
     * order: 1 (every batch) by default; long runs may sample it, since the second compilation is
     * about half of a batch's time and wrong values, gradients and crashes do not depend on it.
     */
    private final int determinismEvery;
    private int validBatches;
    /** Where to write every generated source (see {@link #dump}), or null. */
    private final String dumpDir;

    Oracle() {
        this(1, null);
    }

    Oracle(int determinismEvery, String dumpDir) {
        if (determinismEvery < 1) {
            throw new IllegalArgumentException("gradgen.fuzz.determinismEvery must be 1 or more, was " + determinismEvery);
        }
        this.determinismEvery = determinismEvery;
        this.dumpDir = dumpDir;
    }

    /** Checks a batch; returns its failures, at most one per program. */
    List<Failure> run(String className, List<Program> programs) {
        List<Program> valid = new ArrayList<>();
        List<Program> nearMisses = new ArrayList<>();
        for (Program p : programs) {
            (p.isNearMiss() ? nearMisses : valid).add(p);
        }
        stats.programs += valid.size();
        stats.nearMisses += nearMisses.size();
        List<Failure> failures = new ArrayList<>();
        if (!valid.isEmpty()) {
            runValid(className, valid, failures);
        }
        if (!nearMisses.isEmpty()) {
            runNearMisses(className + "N", nearMisses, failures);
        }
        return failures;
    }

    // ------------------------------------------------------------------ compiling

    private record Compiled(Rendered rendered, Compilation compilation, RuntimeException crash) {}

    private Compiled compile(String className, List<Program> programs) {
        Rendered rendered = JavaRenderer.render(className, programs);
        JavaFileObject source = JavaFileObjects.forSourceString(rendered.qualifiedName(), rendered.source());
        stats.compilations++;
        try {
            return new Compiled(rendered, GradgenCompiler.javac().compile(source), null);
        } catch (RuntimeException e) {
            return new Compiled(rendered, null, e);
        }
    }

    /** The program a diagnostic belongs to: by line in the batch, by class name in a generated file. */
    private static Program owner(Diagnostic<? extends JavaFileObject> d, Rendered rendered, List<Program> programs) {
        if (d.getSource() == null) {
            return null;
        }
        String file = d.getSource().getName();
        String name = file.substring(file.lastIndexOf('/') + 1).replace(".java", "");
        if (name.equals(rendered.className())) {
            String program = rendered.programAt(d.getLineNumber());
            return programs.stream().filter(p -> p.name().equals(program)).findFirst().orElse(null);
        }
        String loss = name.endsWith("Backward") ? name.substring(0, name.length() - "Backward".length()) : name;
        return programs.stream().filter(p -> p.lossClassName().equals(loss)).findFirst().orElse(null);
    }

    private void runValid(String className, List<Program> programs, List<Failure> failures) {
        Compiled first = compile(className, programs);
        if (first.crash() != null) {
            isolate(className, programs, failures, Kind.CRASH, stackTrace(first.crash()));
            return;
        }
        Compilation compilation = first.compilation();
        Map<Program, Failure> blamed = new LinkedHashMap<>();
        boolean unattributed = false;
        for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR && d.getKind() != Diagnostic.Kind.WARNING
                    && d.getKind() != Diagnostic.Kind.MANDATORY_WARNING) {
                continue;
            }
            Program p = owner(d, first.rendered(), programs);
            String message = GradgenCompiler.describe(List.of(d)).trim();
            if (p == null) {
                unattributed = true;
                continue;
            }
            Kind kind = message.contains("[gradgen/Internal]") ? Kind.INTERNAL
                    : d.getKind() == Diagnostic.Kind.ERROR ? Kind.REJECTED : Kind.WARNING;
            // a loss whose value reads no input is refused; right only if it truly is constant
            blamed.putIfAbsent(p, message.contains("[gradgen/ConstantLoss]") ? confirmConstant(p, message)
                    : new Failure(kind, p, message));
        }
        if (unattributed || (compilation.status() != Compilation.Status.SUCCESS && blamed.isEmpty())) {
            isolate(className, programs, failures, Kind.REJECTED, GradgenCompiler.describe(compilation.diagnostics()));
            return;
        }
        blamed.values().stream().filter(java.util.Objects::nonNull).forEach(failures::add);
        if (!blamed.isEmpty()) {
            List<Program> rest = programs.stream().filter(p -> !blamed.containsKey(p)).toList();
            if (!rest.isEmpty()) {
                runValid(className, rest, failures);
            }
            return;
        }

        dump(compilation);
        Set<Program> nondeterministic = new java.util.LinkedHashSet<>();
        if (validBatches++ % determinismEvery == 0) {
            checkDeterminism(className, programs, compilation, nondeterministic, failures);
        }

        GeneratedClassLoader loader = new GeneratedClassLoader(Oracle.class.getClassLoader(), compilation.generatedFiles());
        Class<?> batch;
        try {
            batch = Class.forName(first.rendered().qualifiedName(), true, loader);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
        for (Program p : programs) {
            if (nondeterministic.contains(p)) {
                continue;
            }
            Failure f;
            try {
                f = check(p, batch, loader);
            } catch (RuntimeException | AssertionError e) {
                f = new Failure(Kind.RUNTIME, p, stackTrace(e));
            }
            if (f != null) {
                failures.add(f);
            }
        }
    }

    /**
     * With a dump folder ({@code -Dgradgen.fuzz.dump=dir} on {@code FuzzTest}), writes the generated
     * sources of every batch that compiled into it: two runs of one seed, before and after a change
     * to the processor, then show by a plain {@code diff -r} whether the change alters any generated line.
     */
    private void dump(Compilation compilation) {
        if (dumpDir == null) {
            return;
        }
        CompiledSources.sourcesOf(compilation).forEach((file, source) -> {
            java.nio.file.Path target = java.nio.file.Path.of(dumpDir, file.substring(file.lastIndexOf('/') + 1));
            try {
                java.nio.file.Files.createDirectories(target.getParent());
                java.nio.file.Files.writeString(target, source);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /**
     * Compiles the batch again with its methods in reverse order: a loss's generated sources must
     * depend on nothing but the loss (not on its siblings, nor on the order of processing).
     */
    private void checkDeterminism(String className, List<Program> programs, Compilation compilation,
            Set<Program> nondeterministic, List<Failure> failures) {
        stats.determinismChecks++;
        List<Program> reversed = new ArrayList<>(programs);
        java.util.Collections.reverse(reversed);
        Compiled second = compile(className, reversed);
        Map<String, String> firstSources = CompiledSources.sourcesOf(compilation);
        Map<String, String> secondSources = second.compilation() == null ? Map.of()
                : CompiledSources.sourcesOf(second.compilation());
        Set<String> files = new TreeSet<>(firstSources.keySet());
        files.addAll(secondSources.keySet());
        for (String file : files) {
            if (!java.util.Objects.equals(firstSources.get(file), secondSources.get(file))) {
                String name = file.substring(file.lastIndexOf('/') + 1).replace(".java", "").replace("Backward", "");
                programs.stream().filter(p -> p.lossClassName().equals(name)).forEach(nondeterministic::add);
            }
        }
        for (Program p : nondeterministic) {
            failures.add(new Failure(Kind.NONDETERMINISTIC, p, "generated sources differ between two compilations"));
        }
    }

    /** Splits a batch that failed as a whole until each failing program stands alone. */
    private void isolate(String className, List<Program> programs, List<Failure> failures, Kind kind, String detail) {
        if (programs.size() == 1) {
            failures.add(new Failure(kind, programs.get(0), detail));
            return;
        }
        int half = programs.size() / 2;
        runValid(className, programs.subList(0, half), failures);
        runValid(className, programs.subList(half, programs.size()), failures);
    }

    private void runNearMisses(String className, List<Program> programs, List<Failure> failures) {
        Compiled compiled = compile(className, programs);
        if (compiled.crash() != null) {
            if (programs.size() == 1) {
                failures.add(new Failure(Kind.CRASH, programs.get(0), stackTrace(compiled.crash())));
            } else {
                int half = programs.size() / 2;
                runNearMisses(className, programs.subList(0, half), failures);
                runNearMisses(className, programs.subList(half, programs.size()), failures);
            }
            return;
        }
        Map<Program, List<Diagnostic<? extends JavaFileObject>>> gradgenErrors = new HashMap<>();
        for (Diagnostic<? extends JavaFileObject> d : compiled.compilation().errors()) {
            Program p = owner(d, compiled.rendered(), programs);
            if (p != null && d.getMessage(Locale.ROOT).contains("[gradgen/")) {
                gradgenErrors.computeIfAbsent(p, k -> new ArrayList<>()).add(d);
            }
        }
        for (Program p : programs) {
            Lines lines = compiled.rendered().lines().get(p.name());
            List<Diagnostic<? extends JavaFileObject>> errors = gradgenErrors.getOrDefault(p, List.of());
            String all = GradgenCompiler.describe(errors);
            if (errors.isEmpty()) {
                failures.add(new Failure(Kind.NEAR_MISS_ACCEPTED, p, "no gradgen error for the construct on line(s) "
                        + lines.injected() + ":\n" + excerpt(compiled.rendered(), lines)));
            } else if (all.contains("[gradgen/Internal]")) {
                failures.add(new Failure(Kind.INTERNAL, p, all));
            } else if (errors.stream().anyMatch(d -> !lines.injected().contains((int) d.getLineNumber()))) {
                failures.add(new Failure(Kind.NEAR_MISS_WRONG_LINE, p, "injected on line(s) " + lines.injected()
                        + ", reported:\n" + all + excerpt(compiled.rendered(), lines)));
            }
        }
    }

    private static String excerpt(Rendered rendered, Lines lines) {
        String[] all = rendered.source().split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (int i = lines.first(); i <= lines.last(); i++) {
            out.append(String.format(Locale.ROOT, "%4d %s%n", i, all[i - 1]));
        }
        return out.toString();
    }

    // ------------------------------------------------------------------ numbers

    private Failure check(Program p, Class<?> batch, ClassLoader loader) {
        Method plain = Losses.plainMethod(batch, p.name());
        Class<?> lossClass;
        try {
            lossClass = Class.forName(JavaRenderer.PACKAGE + "." + p.lossClassName(), true, loader);
        } catch (ClassNotFoundException e) {
            return new Failure(Kind.REJECTED, p, "no class " + p.lossClassName() + " was generated");
        }
        List<Param> consts = p.constParams();
        Object[] ctorArgs = new Object[consts.size()];
        for (int i = 0; i < ctorArgs.length; i++) {
            Param c = consts.get(i);
            ctorArgs[i] = c.kind() == Param.Kind.CONST_ROW ? (Object) constRow(c)
                    : c.isInt() ? (Object) (int) c.testValue() : (Object) c.testValue();
        }
        LossFunction loss = Losses.instantiate(lossClass, ctorArgs);
        if (p.isBatch()) {
            return BatchCheck.check(p, plain, loss, stats);
        }

        // one sample point is a flat vector: a slot per scalar tensor, `length` slots per row
        List<Param> tensors = p.tensorParams();
        int[] offsets = new int[tensors.size() + 1];
        for (int j = 0; j < tensors.size(); j++) {
            offsets[j + 1] = offsets[j] + tensors.get(j).width();
        }
        Random rng = new Random(p.seed());
        List<double[]> points = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        for (int attempt = 0; attempt < ATTEMPTS && points.size() < POINTS; attempt++) {
            double[] x = new double[offsets[tensors.size()]];
            for (int j = 0; j < tensors.size(); j++) {
                Param t = tensors.get(j);
                for (int slot = offsets[j]; slot < offsets[j + 1]; slot++) {
                    x[slot] = t.draw(rng);
                }
            }
            Outcome o = smoothAt(p, x);
            if (o != null) {
                points.add(x);
                outcomes.add(o);
            }
        }
        if (points.size() < 2) {
            stats.degenerate++;
            return null;
        }
        stats.checked++;
        int n = points.size();
        stats.points += n;

        double[] plainValues = new double[n];
        for (int i = 0; i < n; i++) {
            plainValues[i] = Losses.callPlain(plain, arguments(p, points.get(i)));
            if (Double.compare(plainValues[i], outcomes.get(i).value()) != 0) {
                return new Failure(Kind.HARNESS, p, "the interpreter gives " + outcomes.get(i).value()
                        + ", the plain method " + plainValues[i] + " at " + describe(tensors, points.get(i)));
            }
        }

        // a batch of four is sometimes shaped [2, 2]: the batch shape is the tensors' whole shape
        // (a row's tensor has its length as one more, last dimension)
        int[] shape = n == 4 && (p.seed() >> 5 & 1) == 1 ? new int[] {2, 2} : new int[] {n};
        Tensor[] inputs = new Tensor[tensors.size()];
        for (int j = 0; j < inputs.length; j++) {
            int w = tensors.get(j).width();
            double[] column = new double[n * w];
            for (int i = 0; i < n; i++) {
                System.arraycopy(points.get(i), offsets[j], column, i * w, w);
            }
            int[] tensorShape = shape;
            if (tensors.get(j).kind() == Param.Kind.ROW) {
                tensorShape = java.util.Arrays.copyOf(shape, shape.length + 1);
                tensorShape[shape.length] = w;
            }
            inputs[j] = Tensor.of(column, tensorShape);
            if (tensors.get(j).isDifferentiable()) {
                inputs[j].requiresGrad(true);
            }
        }
        Tensor result = Losses.forwardTyped(loss, inputs);
        Failure forward = checkForward(p, result, shape, plainValues, outcomes, tensors, points);
        if (forward != null) {
            return forward;
        }

        double[] upstream = new double[n];
        if (p.reduction() == Reduction.NONE) {
            for (int i = 0; i < n; i++) {
                upstream[i] = 0.5 + rng.nextDouble();
            }
            result.backward(Tensor.of(upstream, shape));
        } else {
            result.backward();
        }
        List<String> wrong = new ArrayList<>();
        for (int j = 0; j < inputs.length; j++) {
            Param t = tensors.get(j);
            if (!t.isDifferentiable()) {
                continue;
            }
            Tensor grad = inputs[j].grad();
            if (grad == null) {
                return new Failure(Kind.GRADIENT, p, "no gradient reached " + t.name());
            }
            double[] g = grad.toArray();
            int w = t.width();
            for (int i = 0; i < n; i++) {
                double weight = switch (p.reduction()) {
                    case MEAN -> 1.0 / n;
                    case SUM -> 1.0;
                    case NONE -> upstream[i];
                    case BATCH_MEAN -> throw new AssertionError("the fuzzer declares MEAN, SUM or NONE");
                };
                for (int e = 0; e < w; e++) {
                    int slot = offsets[j] + e;
                    String mismatch = gradientMismatch(plain, p, points.get(i), slot, t.scale(), g[i * w + e] / weight,
                            outcomes.get(i).maxMagnitude(), stats);
                    if (mismatch != null) {
                        wrong.add("d/d" + t.name() + (t.kind() == Param.Kind.ROW ? "[" + e + "]" : "") + " at "
                                + describe(tensors, points.get(i)) + ": " + mismatch);
                    }
                }
            }
        }
        if (!wrong.isEmpty()) {
            return new Failure(Kind.GRADIENT, p, String.join("\n", wrong));
        }
        return null;
    }

    /**
     * Compares one generated gradient element with central differences of the plain method along
     * {@code slot} (Richardson-extrapolated from steps h and h/2, h relative to the input's
     * {@code scale}): null when they agree, or when the differences are too curved or too noisy to
     * judge (counted as skipped); else what each gave and the tolerance.
     */
    static String gradientMismatch(Method plain, Program p, double[] x, int slot, double scale, double generated,
            double maxMagnitude, Stats stats) {
        double h = RELATIVE_STEP * scale;
        double d1 = centralDifference(plain, p, x, slot, h);
        double d2 = centralDifference(plain, p, x, slot, h / 2);
        double richardson = d2 + (d2 - d1) / 3;
        double truncation = Math.abs(d2 - d1);
        double rounding = 1e-15 * Math.max(1, maxMagnitude) / h;
        double size = Math.max(1, Math.abs(richardson));
        if (truncation > 1e-3 * size || rounding > 1e-4 * size) {
            stats.gradientsSkipped++;
            return null;
        }
        stats.gradientsChecked++;
        double tolerance = GRADIENT_TOLERANCE * size + 2 * truncation + 100 * rounding;
        if (Math.abs(generated - richardson) <= tolerance) {
            return null;
        }
        return String.format(Locale.ROOT, "generated %s, central difference %s (tolerance %.3g)", generated, richardson,
                tolerance);
    }

    private static double[] constRow(Param c) {
        return c.values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static Failure checkForward(Program p, Tensor result, int[] shape, double[] plainValues, List<Outcome> outcomes,
            List<Param> tensors, List<double[]> points) {
        int n = plainValues.length;
        if (p.reduction() == Reduction.NONE) {
            if (!java.util.Arrays.equals(result.shape(), shape)) {
                return new Failure(Kind.FORWARD, p, "an unreduced result of shape " + java.util.Arrays.toString(result.shape())
                        + " for " + n + " positions");
            }
            double[] got = result.toArray();
            for (int i = 0; i < n; i++) {
                double tolerance = FORWARD_TOLERANCE * Math.max(1, outcomes.get(i).maxMagnitude());
                if (!(Math.abs(got[i] - plainValues[i]) <= tolerance)) {
                    return new Failure(Kind.FORWARD, p, "at " + describe(tensors, points.get(i)) + ": generated "
                            + got[i] + ", plain method " + plainValues[i]);
                }
            }
            return null;
        }
        double sum = 0;
        double tolerance = 0;
        for (int i = 0; i < n; i++) {
            sum += plainValues[i];
            tolerance += FORWARD_TOLERANCE * Math.max(1, outcomes.get(i).maxMagnitude());
        }
        if (result.shape().length != 0) {
            return new Failure(Kind.FORWARD, p, "a reduced result of shape " + java.util.Arrays.toString(result.shape()));
        }
        double want = p.reduction() == Reduction.MEAN ? sum / n : sum;
        double got = result.item();
        if (!(Math.abs(got - want) <= tolerance)) {
            return new Failure(Kind.FORWARD, p, p.reduction() + " over " + n + " points: generated " + got
                    + ", plain method " + want);
        }
        return null;
    }

    /**
     * Null when the interpreter agrees that the program's value does not depend on its
     * differentiable inputs (a constant loss, rightly refused): at each sample point, a step of
     * every differentiable input alone and of all of them at once leaves the value as it is (up to
     * rounding: {@code (x + 1) - x} is 1 to the processor). Labels stay as drawn at each point: a
     * value that reads only labels does not depend on the differentiable inputs either, and every
     * gradient of it is zero. Else a REJECTED failure.
     */
    private Failure confirmConstant(Program p, String message) {
        String varies = variation(p);
        if (varies != null) {
            return new Failure(Kind.REJECTED, p, "refused as constant, but the interpreter gives " + varies + ": " + message);
        }
        stats.checked++;
        stats.constant++;
        return null;
    }

    /**
     * Where the interpreter sees {@code p}'s value change (two points and their values), or null
     * where it finds {@code p} constant: every differentiable input moved alone, then all at once,
     * from {@link #POINTS} random points.
     */
    private String variation(Program p) {
        List<Param> tensors = p.tensorParams();
        int width = tensors.stream().mapToInt(Param::width).sum();
        Random rng = new Random(p.seed());
        for (int point = 0; point < POINTS; point++) {
            double[] x = new double[width];
            int slot = 0;
            for (Param t : tensors) {
                for (int e = 0; e < t.width(); e++, slot++) {
                    x[slot] = t.draw(rng);
                }
            }
            List<double[]> probes = new ArrayList<>();
            double[] all = x.clone();
            slot = 0;
            for (Param t : tensors) {
                for (int e = 0; e < t.width(); e++, slot++) {
                    if (t.isDifferentiable()) {
                        double[] moved = x.clone();
                        moved[slot] += 0.37 * t.scale();
                        all[slot] -= 0.29 * t.scale();
                        probes.add(moved);
                    }
                }
            }
            probes.add(all);
            double seen = run(p, x).value();
            for (double[] probe : probes) {
                double v = run(p, probe).value();
                if (!sameValue(seen, v)) {
                    return seen + " at " + describe(tensors, x) + " and " + v + " at " + describe(tensors, probe);
                }
            }
        }
        return null;
    }

    private static boolean sameValue(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) && Double.isNaN(b);
        }
        return a == b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }

    /**
     * The interpreter's outcome at {@code x} if {@code x} is a good sample point: finite, of moderate
     * size, away from singularities, and on the same smooth piece as every point central
     * differences will visit (the path is the same at x ± h and x ± h/2 along every input).
     */
    static Outcome smoothAt(Program p, double[] x) {
        List<Param> tensors = p.tensorParams();
        Outcome o = run(p, x);
        if (!acceptable(o)) {
            return null;
        }
        int slot = 0;
        for (Param t : tensors) {
            for (int e = 0; e < t.width(); e++, slot++) {
                if (!t.isDifferentiable()) {
                    continue;
                }
                double h = RELATIVE_STEP * t.scale();
                for (double step : new double[] {h, -h, h / 2, -h / 2}) {
                    double[] moved = x.clone();
                    moved[slot] += step;
                    Outcome near = run(p, moved);
                    if (!acceptable(near) || !near.path().equals(o.path())) {
                        return null;
                    }
                }
            }
        }
        return o;
    }

    /** The interpreter at one point. */
    static Outcome run(Program p, double[] x) {
        Map<String, double[]> rows = new HashMap<>();
        Map<String, Double> scalars = new HashMap<>();
        Map<String, double[][]> matrices = new HashMap<>();
        int j = 0;
        for (Param param : p.params()) {
            if (param.kind() == Param.Kind.MATRIX) {
                matrices.put(param.name(), matrix(param, x, j));
                j += param.width();
            } else if (param.kind() == Param.Kind.LABELS) {
                rows.put(param.name(), java.util.Arrays.copyOfRange(x, j, j + param.rows()));
                j += param.rows();
            } else if (param.kind() == Param.Kind.ROW) {
                rows.put(param.name(), java.util.Arrays.copyOfRange(x, j, j + param.length()));
                j += param.length();
            } else if (param.kind() == Param.Kind.CONST_ROW) {
                rows.put(param.name(), constRow(param));
            } else {
                scalars.put(param.name(), param.isTensor() ? x[j++] : param.testValue());
            }
        }
        return Interpreter.run(p, scalars, rows, matrices);
    }

    /** The {@code double[][]} parameter {@code param} read from a sample point at {@code offset}. */
    static double[][] matrix(Param param, double[] x, int offset) {
        double[][] m = new double[param.rows()][];
        for (int b = 0; b < m.length; b++) {
            m[b] = java.util.Arrays.copyOfRange(x, offset + b * param.length(), offset + (b + 1) * param.length());
        }
        return m;
    }

    /** The {@code int[]} parameter {@code param} read from a sample point at {@code offset}. */
    static int[] labels(Param param, double[] x, int offset) {
        int[] y = new int[param.rows()];
        for (int b = 0; b < y.length; b++) {
            y[b] = (int) x[offset + b];
        }
        return y;
    }

    private static boolean acceptable(Outcome o) {
        return Double.isFinite(o.value()) && Math.abs(o.value()) < MAX_VALUE && o.maxMagnitude() < MAX_INTERMEDIATE
                && o.minSingular() > SINGULAR_MARGIN;
    }

    static double centralDifference(Method plain, Program p, double[] x, int j, double h) {
        double[] up = x.clone();
        double[] down = x.clone();
        up[j] += h;
        down[j] -= h;
        return (Losses.callPlain(plain, arguments(p, up)) - Losses.callPlain(plain, arguments(p, down))) / (2 * h);
    }

    /** The plain method's boxed arguments at one point. */
    static Object[] arguments(Program p, double[] x) {
        Object[] args = new Object[p.params().size()];
        int j = 0;
        for (int i = 0; i < args.length; i++) {
            Param param = p.params().get(i);
            if (param.kind() == Param.Kind.MATRIX) {
                args[i] = matrix(param, x, j);
                j += param.width();
                continue;
            } else if (param.kind() == Param.Kind.LABELS) {
                args[i] = labels(param, x, j);
                j += param.width();
                continue;
            } else if (param.kind() == Param.Kind.ROW) {
                args[i] = java.util.Arrays.copyOfRange(x, j, j + param.length());
                j += param.length();
                continue;
            } else if (param.kind() == Param.Kind.CONST_ROW) {
                args[i] = constRow(param);
                continue;
            }
            double v = param.isTensor() ? x[j++] : param.testValue();
            args[i] = param.isInt() ? (Object) (int) v : (Object) v;
        }
        return args;
    }

    static String describe(List<Param> tensors, double[] x) {
        List<String> parts = new ArrayList<>();
        int slot = 0;
        for (Param t : tensors) {
            if (t.kind() == Param.Kind.MATRIX) {
                parts.add(t.name() + "=" + java.util.Arrays.deepToString(matrix(t, x, slot)));
            } else if (t.kind() == Param.Kind.LABELS) {
                parts.add(t.name() + "=" + java.util.Arrays.toString(labels(t, x, slot)));
            } else if (t.kind() == Param.Kind.ROW) {
                parts.add(t.name() + "=" + java.util.Arrays.toString(java.util.Arrays.copyOfRange(x, slot, slot + t.width())));
            } else {
                parts.add(t.name() + "=" + x[slot]);
            }
            slot += t.width();
        }
        return String.join(", ", parts);
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        String s = w.toString();
        return s.length() > 4000 ? s.substring(0, 4000) + "..." : s;
    }
}
