package io.gradgen.processor.source;

/**
 * Where a top-level class came from.
 *
 * @param fromSource whether it was compiled from source (false: read from a class file)
 * @param name the source file's name, for messages (null for a class file)
 * @param text the source text (null for a class file)
 */
record Located(boolean fromSource, String name, String text) {
    static final Located CLASS_FILE = new Located(false, null, null);
}
