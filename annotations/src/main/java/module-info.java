/**
 * What a loss author's source needs: {@code @Loss}, {@code @Param}, {@code @Differentiable},
 * {@code @LastIndex} and {@link io.gradgen.annotations.Reduction}. No dependencies.
 *
 * <p>A named module that only declares losses can read it with {@code requires static}: the
 * annotations are not needed at run time, and the runtime module requires it transitively for
 * {@code Reduction}, which generated classes use.
 */
module io.gradgen.annotations {
    exports io.gradgen.annotations;
}
