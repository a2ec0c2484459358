/**
 * Reading and writing tensors in files: {@link io.gradgen.io.SafeTensors}, the safetensors format
 * that PyTorch and Hugging Face use.
 */
package io.gradgen.io;
