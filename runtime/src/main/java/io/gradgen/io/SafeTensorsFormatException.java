package io.gradgen.io;

import java.io.IOException;

/**
 * A file that is not a well-formed safetensors file, or holds tensors gradgen cannot load (a type
 * other than F32 and F64): {@link SafeTensors#load} throws it before returning anything.
 */
public final class SafeTensorsFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, naming the file and the offending part
     */
    public SafeTensorsFormatException(String message) {
        super(message);
    }
}
