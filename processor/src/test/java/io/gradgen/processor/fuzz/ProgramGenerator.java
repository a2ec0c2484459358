package io.gradgen.processor.fuzz;

import io.gradgen.processor.fuzz.Ast.Program;
import java.util.Random;

/**
 * Makes random, well-formed programs of the loss language. {@link ElementwiseGenerator} covers the
 * element-wise language; the fuzzer takes any number of generators and mixes them.
 *
 * <p>{@link RowGenerator} covers row losses: {@code double[]} parameters ({@code Param.Kind.ROW},
 * drawn as rows of a fixed length, and {@code CONST_ROW}), loops ({@code Ast.For} over
 * {@code x.length}), {@code x[i]}/{@code x[k]} ({@code Ast.Index}), {@code x.length}
 * ({@code Ast.Length}) and the {@code Functions} reductions (plain {@code Ast.Call}s whose arguments
 * are row references, see {@link Nodes#isRowCall}). A new record needs one case in
 * {@link JavaRenderer}, {@link Interpreter} (which must record the path: a {@code max} inside a
 * loop appends its choice per iteration), {@link Nodes} (children, mapping, well-formedness) and
 * {@link ProgramText}. Register a generator in {@link FuzzTest#generators()}.
 *
 * <p>{@link BatchGenerator} covers batch losses: {@code double[][]} parameters
 * ({@code Param.Kind.MATRIX}, {@code [rows, length]}), {@code int[]} labels ({@code LABELS}), rows
 * {@code x[a]} as row-function arguments ({@code Ast.Row}), elements {@code x[a][j]}
 * ({@code Ast.Elem}) and {@code x[a].length} ({@code Ast.RowLength}). A batch program is checked by
 * {@link BatchCheck} (one sample point is a whole batch); it joins the default mix on top of the
 * others, from seeds of its own, so that adding it changed no program of the other generators.
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
