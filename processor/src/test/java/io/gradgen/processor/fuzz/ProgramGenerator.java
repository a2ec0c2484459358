package io.gradgen.processor.fuzz;

import io.gradgen.processor.fuzz.Ast.Program;
import java.util.Random;

/**
 * Makes random, well-formed programs of the loss language. {@link ElementwiseGenerator} covers the
 * element-wise language; the fuzzer takes any number of generators and mixes them.
 *
 * <p><b>Extension point for rows.</b> A {@code RowGenerator} implements this interface and adds
 * {@code double[]} parameters ({@code Param.Kind.ROW}, drawn as rows of a fixed length), loops
 * ({@code Ast.For} over {@code x.length} with {@code +=} and {@code Math.max} accumulation),
 * {@code x[i]}/{@code x[k]} ({@code Ast.Index}) and the {@code Functions} reductions
 * ({@code sum mean max min logSumExp dot norm} are plain {@code Ast.Call}s whose arguments are row
 * references). Each new record needs one case in {@link JavaRenderer}, {@link Interpreter} (which
 * must record the path: a {@code max} inside a loop appends its choice per iteration),
 * {@link Nodes} (children, mapping, well-formedness) and {@link ProgramText}; the oracle draws a
 * row parameter as a {@code [batch, length]} tensor and checks each row element's gradient by
 * central differences like a scalar input's. Register the generator in {@link FuzzTest#generators()}.
 */
interface ProgramGenerator {

    /**
     * A new program.
     *
     * @param rng the source of all choices
     * @param name the method name to give it (a valid identifier, unique in its batch)
     * @param seed recorded in the program for its sample points
     */
    Program next(Random rng, String name, long seed);
}
