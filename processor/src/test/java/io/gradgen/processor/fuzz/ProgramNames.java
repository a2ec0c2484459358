package io.gradgen.processor.fuzz;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * The names of one generated program: half the time one from a pool of names users choose (several
 * also names the generated kernels use, such as {@code k}, {@code n}, {@code length},
 * {@code scale}), else a fresh {@code prefix<n>}; never one taken before in the program. Every
 * generator draws its names here, so a given random stream names alike in all of them.
 */
final class ProgramNames {
    private final Random rng;
    private final Set<String> used = new HashSet<>();
    private int nextName;

    ProgramNames(Random rng) {
        this.rng = rng;
    }

    String fresh(String[] pool, String prefix) {
        if (rng.nextBoolean()) {
            String name = pool[rng.nextInt(pool.length)];
            if (used.add(name)) {
                return name;
            }
        }
        String name;
        do {
            name = prefix + nextName++;
        } while (!used.add(name));
        return name;
    }

    /** A name for a parameter: not one a generated loss's own methods have. */
    String parameterName(String[] pool, String prefix) {
        while (true) {
            String name = fresh(pool, prefix);
            if (!ElementwiseGenerator.RESERVED_PARAMETER_NAMES.contains(name)) {
                return name;
            }
        }
    }
}
