package io.gradgen.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector shape every Vector API kernel of the runtime uses, one choice for all of them. Public
 * only so that the kernels of {@code io.gradgen} reach it; not user API.
 */
public final class VectorShapes {

    private VectorShapes() {
    }

    /** The preferred shape of {@code double} vectors, or {@code -Dgradgen.vectorBits=128|256|512}. */
    public static VectorSpecies<Double> doubles() {
        String bits = System.getProperty("gradgen.vectorBits", "");
        switch (bits) {
            case "128":
                return DoubleVector.SPECIES_128;
            case "256":
                return DoubleVector.SPECIES_256;
            case "512":
                return DoubleVector.SPECIES_512;
            default:
                return DoubleVector.SPECIES_PREFERRED;
        }
    }

    /** Touches {@code species} so that a broken Vector API fails at once, at load time, not mid-computation. */
    public static void probe(VectorSpecies<Double> species) {
        DoubleVector.zero(species).add(1.0).reduceLanes(VectorOperators.ADD);
    }
}
