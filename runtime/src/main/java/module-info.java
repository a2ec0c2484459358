/**
 * gradgen's runtime: {@code Tensor} with its autograd graph, {@code nn}, {@code optim}, the training
 * DSL ({@code train}), safetensors persistence ({@code io}), and what generated loss classes call.
 *
 * <p>It requires {@code io.gradgen.annotations} transitively, since generated classes (compiled
 * into a user's module) use its {@code Reduction} at run time. It does not declare
 * {@code jdk.incubator.vector}: the Vector API kernels are loaded only when the JVM was started
 * with {@code --add-modules jdk.incubator.vector}, and {@code VectorMath} then adds the read edge
 * itself ({@code Module.addReads}). A {@code requires static} would do the same but makes javac
 * warn "using incubating module(s)" on every compile of this module.
 */
module io.gradgen.runtime {
    requires transitive io.gradgen.annotations;

    exports io.gradgen;
    exports io.gradgen.autograd;
    exports io.gradgen.io;
    exports io.gradgen.kernels;
    exports io.gradgen.nn;
    exports io.gradgen.optim;
    exports io.gradgen.train;
}
