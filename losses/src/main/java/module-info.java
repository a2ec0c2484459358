/**
 * PyTorch's {@code torch.nn} loss catalogue as gradgen-generated classes ({@code CrossEntropyLoss},
 * {@code MSELoss}, ...). Their API shows {@code Tensor} and {@code Reduction}, so the runtime (which
 * brings the annotations) is required transitively. The classes are compiled in this module by
 * gradgen's processor, as a user's own module's losses are.
 */
module io.gradgen.losses {
    requires transitive io.gradgen.runtime;

    exports io.gradgen.losses;
}
