/**
 * The differential fuzzer of the processor (issue 7).
 *
 * <p>{@link io.gradgen.processor.fuzz.ProgramGenerator generators} make random programs in the
 * fuzzer's own {@link io.gradgen.processor.fuzz.Ast}; {@link io.gradgen.processor.fuzz.NearMisses}
 * injects one unsupported construct into some; {@link io.gradgen.processor.fuzz.JavaRenderer}
 * prints a batch as one class; {@link io.gradgen.processor.fuzz.Oracle} compiles it twice with the
 * processor and checks every program (no diagnostics, identical sources, forward against the plain
 * method, gradients against central differences at points the
 * {@link io.gradgen.processor.fuzz.Interpreter} keeps off kinks; near misses rejected on their
 * line); {@link io.gradgen.processor.fuzz.Shrinker} cuts a failure down and
 * {@link io.gradgen.processor.fuzz.ProgramText} stores it for {@code FuzzRegressionTest}.
 *
 * <p>{@link io.gradgen.processor.fuzz.ElementwiseGenerator} and
 * {@link io.gradgen.processor.fuzz.RowGenerator} are mixed three to one; see
 * {@link io.gradgen.processor.fuzz.ProgramGenerator}. {@link io.gradgen.processor.fuzz.BatchGenerator}
 * writes batch losses ({@code double[][]} rows, {@code int[]} labels), which join every fifth
 * program and are checked a whole batch at a time by {@link io.gradgen.processor.fuzz.BatchCheck}.
 */
package io.gradgen.processor.fuzz;
