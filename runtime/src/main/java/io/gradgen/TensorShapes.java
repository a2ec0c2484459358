package io.gradgen;

/**
 * The fourth layer of {@link Tensor}: operations on its shape ({@link ShapeOps}), products
 * ({@link Matmul}, {@link Linalg}) and indexing ({@link IndexOps}). The public methods declared
 * here are {@code Tensor}'s own.
 */
abstract sealed class TensorShapes extends TensorArithmetic permits Tensor {

    TensorShapes(Storage storage, int[] shape) {
        super(storage, shape);
    }


    /**
     * The same elements in a new shape (row-major order is kept). One entry may be -1: it is
     * inferred from the element count.
     *
     * @param newShape the new dimensions
     * @return a tensor of the new shape ({@code ReshapeBackward})
     * @throws IllegalArgumentException if the shape does not fit the element count, has more than
     *     one -1, or an entry below -1
     */
    public Tensor reshape(int... newShape) {
        return ShapeOps.reshape(self(), newShape);
    }

    /**
     * A view with a dimension of size 1 inserted at {@code dim}, like {@code torch.unsqueeze}:
     * {@code [64].unsqueeze(-1)} is {@code [64, 1]}. A view shares this tensor's elements (unlike
     * {@link #reshape}, which copies): an in-place write to either shows in both, and counts as a
     * write to both for the autograd version check.
     *
     * @param dim where the new dimension goes, in {@code [-dim() - 1, dim()]}; negative values
     *     count from the end of the result
     * @return the view ({@code UnsqueezeBackward})
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor unsqueeze(int dim) {
        return ShapeOps.unsqueeze(self(), dim);
    }

    /**
     * A view without dimension {@code dim} if its size is 1, like {@code torch.squeeze(dim)}:
     * {@code [64, 1].squeeze(-1)} is {@code [64]}; a dimension of another size is kept, as in
     * PyTorch. Shares this tensor's elements (see {@link #unsqueeze(int)}).
     *
     * @param dim the dimension; negative values count from the end
     * @return the view ({@code SqueezeBackward})
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor squeeze(int dim) {
        return ShapeOps.squeeze(self(), dim);
    }

    /**
     * A view without any dimension of size 1, like {@code torch.squeeze()}. Shares this tensor's
     * elements (see {@link #unsqueeze(int)}).
     *
     * @return the view ({@code SqueezeBackward})
     */
    public Tensor squeeze() {
        return ShapeOps.squeezeAll(self());
    }

    /**
     * Swaps two dimensions, like {@code torch.transpose}.
     *
     * @param dim0 a dimension; negative values count from the end
     * @param dim1 the other dimension
     * @return a tensor with those two sizes swapped ({@code TransposeBackward})
     * @throws IllegalArgumentException if a dimension is out of range
     */
    public Tensor transpose(int dim0, int dim1) {
        return ShapeOps.transpose(self(), dim0, dim1);
    }

    /**
     * The transpose of a 2-D tensor; a 0-dim or 1-D tensor is returned as a copy unchanged, as
     * PyTorch's {@code t()}.
     *
     * @return the transposed tensor ({@code TransposeBackward})
     * @throws IllegalArgumentException if this tensor has more than 2 dimensions
     */
    public Tensor t() {
        if (dim() > 2) {
            throw new IllegalArgumentException("t() expects a tensor with at most 2 dimensions, but this one has shape "
                    + Shapes.format(shapeRef()) + "; use transpose(dim0, dim1)");
        }
        return shapeRef().length == 2 ? ShapeOps.transpose(self(), 0, 1) : ShapeOps.reshape(self(), shapeRef());
    }

    /**
     * The matrix product, following {@code torch.matmul}: 1-D × 1-D is the dot product (0-dim
     * result); 2-D × 2-D is {@code [n, k] × [k, m] → [n, m]}; a 1-D left operand is treated as a
     * row and a 1-D right operand as a column, and that dimension is removed from the result; with
     * more dimensions the leading ones are batch dimensions and broadcast, e.g.
     * {@code [b, n, k] × [k, m] → [b, n, m]}.
     *
     * @param other the right operand
     * @return the product ({@code MatmulBackward})
     * @throws IllegalArgumentException if an operand is 0-dim, the inner sizes differ, or the batch
     *     dimensions cannot be broadcast; the message names both shapes
     */
    public Tensor matmul(Tensor other) {
        return Matmul.matmul(self(), other);
    }

    /**
     * {@code this · weightᵀ + bias} in one fused operation, like
     * {@code torch.nn.functional.linear}: no transposed copy of the weight, one output array, and
     * a backward ({@code LinearBackward}) that adds the weight's and bias's gradients straight into
     * their {@link #grad()} arrays when they are leaves.
     *
     * @param weight the weight, shape {@code [out, in]}
     * @param bias the bias, shape {@code [out]}, or null for none
     * @return a tensor of shape {@code [..., out]} for this tensor's shape {@code [..., in]}
     * @throws IllegalArgumentException if this tensor is 0-dim, its last dimension is not
     *     {@code in}, the weight is not 2-D or the bias is not {@code [out]}
     */
    public Tensor linear(Tensor weight, Tensor bias) {
        return Linalg.linear(self(), weight, bias);
    }

    /**
     * Picks one element of each row of the last dimension: for a tensor of shape
     * {@code [..., c]} and an {@code index} of shape {@code [...]} holding integral values in
     * {@code [0, c)}, the result at position {@code p} is {@code this[p, index[p]]}. With
     * {@link #logSoftmax(int)} it builds a cross-entropy from operations:
     * {@code logits.logSoftmax(-1).gatherLast(target).neg().mean()}.
     *
     * @param index the column to pick at each position; does not need grad
     * @return a tensor of {@code index}'s shape ({@code GatherBackward})
     * @throws IllegalArgumentException if this tensor is 0-dim, the shapes do not match, or an
     *     index value is not an integer in range; the message names the position and the value
     */
    public Tensor gatherLast(Tensor index) {
        return IndexOps.gatherLast(self(), index);
    }
}
