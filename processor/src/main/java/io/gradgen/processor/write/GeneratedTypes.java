package io.gradgen.processor.write;

import com.palantir.javapoet.ClassName;
import io.gradgen.processor.signature.LossParameter;
import io.gradgen.processor.signature.LossSignature;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The names of the two classes written for one loss model: the public top-level pair
 * {@code <Name>} and {@code <Name>Backward}, or, for a variant with optional rows left at their
 * defaults, a private pair nested in {@code <Name>} ({@code <Name>.DefaultWeight},
 * {@code <Name>.DefaultWeightBackward}), or a number at a default it is specialised on. Messages and {@code BackwardFunction.name()} always use
 * the loss's own name, whichever class runs.
 *
 * @param forward the forward class
 * @param backward the backward class
 * @param defaulted the {@code @Param}s the variant leaves at their defaults; empty for the public pair
 */
record GeneratedTypes(ClassName forward, ClassName backward, List<LossParameter> defaulted) {

    GeneratedTypes {
        defaulted = List.copyOf(defaulted);
    }

    /** Whether both are private classes nested in the loss's public class: a variant's. */
    boolean nested() {
        return !defaulted.isEmpty();
    }

    /** The public classes of the loss. */
    static GeneratedTypes of(LossSignature s) {
        return new GeneratedTypes(ClassName.get(s.packageName(), s.lossName()),
                ClassName.get(s.packageName(), s.backwardName()), List.of());
    }

    /**
     * A variant's classes, nested in the public class and named after the parameters it leaves at their
     * defaults ({@code DefaultWeight}, {@code DefaultWeightLabelSmoothing}).
     *
     * @param s the public class's signature, which declares them
     */
    static GeneratedTypes variant(LossSignature s, List<String> defaulted) {
        StringBuilder name = new StringBuilder("Default");
        defaulted.forEach(r -> name.append(Character.toUpperCase(r.charAt(0))).append(r.substring(1)));
        ClassName outer = ClassName.get(s.packageName(), s.lossName());
        List<LossParameter> parameters = s.parameters().stream().filter(p -> defaulted.contains(p.name())).toList();
        return new GeneratedTypes(outer.nestedClass(name.toString()), outer.nestedClass(name + "Backward"), parameters);
    }

    Modifier[] modifiers() {
        return nested() ? new Modifier[] {Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL}
                : new Modifier[] {Modifier.PUBLIC, Modifier.FINAL};
    }
}
