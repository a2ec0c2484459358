package io.gradgen.io;

import io.gradgen.DType;
import io.gradgen.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Tensors in the <a href="https://github.com/huggingface/safetensors">safetensors</a> format that
 * PyTorch ({@code safetensors.torch.save_file} / {@code load_file}) and Hugging Face use, so that
 * weights move between gradgen and PyTorch:
 *
 * <pre>{@code
 * SafeTensors.save(model.stateDict(), Path.of("model.safetensors"));
 * model.loadStateDict(SafeTensors.load(Path.of("model.safetensors")));
 * }</pre>
 *
 * <p>The format: 8 bytes holding {@code N}, an unsigned little-endian 64-bit integer; {@code N}
 * bytes of UTF-8 JSON, the header,
 * {@code {"name": {"dtype": "F64", "shape": [2, 3], "data_offsets": [begin, end]}, ...}} with an
 * optional {@code "__metadata__"} object of strings; then the data buffer, each tensor's elements
 * row-major and little-endian at {@code [begin, end)} relative to the buffer's start, the tensors
 * together covering it without gaps or overlaps.
 */
public final class SafeTensors {

    /** The reference implementation's limit on the header, which this reader keeps too. */
    static final long MAX_HEADER_BYTES = 100_000_000;

    private static final String METADATA_KEY = "__metadata__";
    private static final int CHUNK_BYTES = 1 << 16;

    private SafeTensors() {
    }

    /**
     * Writes {@code tensors} to {@code path} (see {@link #save(Map, Map, Path)}), without metadata.
     *
     * @param tensors the tensors by name, e.g. a {@code Module.stateDict()}
     * @param path the file to write; replaced if it exists
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if a name is {@code __metadata__}
     * @throws NullPointerException if a name or tensor is null, naming it
     */
    public static void save(Map<String, Tensor> tensors, Path path) throws IOException {
        save(tensors, Map.of(), path);
    }

    /**
     * Writes {@code tensors} and {@code metadata} to {@code path} in the safetensors format: a
     * FLOAT64 tensor as {@code F64}, a FLOAT32 tensor as {@code F32}. The output is what the
     * reference implementation writes for the same tensors, byte for byte: the header is compact
     * JSON padded with spaces to a multiple of 8 bytes; its entries and the data follow one order,
     * the F64 tensors before the F32 ones (descending alignment, as the reference sorts them) and
     * by name (comparing UTF-8 bytes) within each type, the metadata (sorted by key) first. So equal
     * inputs give equal files. The file is written under a temporary name and moved into place, so
     * a failed save leaves no partial file at {@code path}.
     *
     * @param tensors the tensors by name, e.g. a {@code Module.stateDict()}
     * @param metadata free-form strings stored under {@code __metadata__}; empty for none
     * @param path the file to write; replaced if it exists
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if a name is {@code __metadata__}
     * @throws NullPointerException if a name, tensor, metadata key or value is null, naming it
     */
    public static void save(Map<String, Tensor> tensors, Map<String, String> metadata, Path path) throws IOException {
        Objects.requireNonNull(tensors, "SafeTensors.save: tensors is null");
        Objects.requireNonNull(metadata, "SafeTensors.save: metadata is null; pass Map.of() for none");
        Objects.requireNonNull(path, "SafeTensors.save: path is null");
        List<Map.Entry<String, Tensor>> entries = sortedEntries(tensors);
        byte[] header = header(entries, metadata);
        Path target = path.toAbsolutePath();
        // a new file next to the target (default permissions, unlike Files.createTempFile's)
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + System.nanoTime() + ".tmp");
        FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
        try {
            try (out) {
                ByteBuffer length = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                length.putLong(header.length).flip();
                writeFully(out, length);
                writeFully(out, ByteBuffer.wrap(header));
                ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                for (Map.Entry<String, Tensor> e : entries) {
                    writeData(out, e.getValue(), chunk);
                }
            }
            move(temporary, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static List<Map.Entry<String, Tensor>> sortedEntries(Map<String, Tensor> tensors) {
        List<Map.Entry<String, Tensor>> entries = new ArrayList<>(tensors.size());
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = Objects.requireNonNull(e.getKey(), "SafeTensors.save: a tensor name is null");
            Objects.requireNonNull(e.getValue(), () -> "SafeTensors.save: tensor \"" + name + "\" is null");
            if (name.equals(METADATA_KEY)) {
                throw new IllegalArgumentException("SafeTensors.save: \"" + METADATA_KEY + "\" is reserved for the"
                        + " file's metadata and cannot name a tensor; pass metadata to save(tensors, metadata, path)");
            }
            entries.add(Map.entry(name, e.getValue()));
        }
        Comparator<Map.Entry<String, Tensor>> byType = Comparator.comparing(e -> e.getValue().dtype() == DType.FLOAT32);
        entries.sort(byType.thenComparing(Map.Entry::getKey, SafeTensors::compareUtf8));
        return entries;
    }

    /** Rust's {@code String} order: the UTF-8 bytes, unsigned, which differs from UTF-16 order above U+FFFF. */
    static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] header(List<Map.Entry<String, Tensor>> entries, Map<String, String> metadata) {
        StringBuilder json = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            List<Map.Entry<String, String>> items = new ArrayList<>(metadata.entrySet());
            for (Map.Entry<String, String> item : items) {
                Objects.requireNonNull(item.getKey(), "SafeTensors.save: a metadata key is null");
                Objects.requireNonNull(item.getValue(), () -> "SafeTensors.save: metadata \"" + item.getKey() + "\" is null");
            }
            items.sort(Map.Entry.comparingByKey(SafeTensors::compareUtf8));
            quote(json, METADATA_KEY).append(":{");
            for (int i = 0; i < items.size(); i++) {
                quote(json.append(i == 0 ? "" : ","), items.get(i).getKey()).append(':');
                quote(json, items.get(i).getValue());
            }
            json.append('}');
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : entries) {
            Tensor t = e.getValue();
            long end = offset + (long) t.numel() * t.dtype().itemSize();
            quote(json.append(json.length() == 1 ? "" : ","), e.getKey()).append(":{\"dtype\":\"")
                    .append(t.dtype() == DType.FLOAT32 ? "F32" : "F64").append("\",\"shape\":[");
            int[] shape = t.shape();
            for (int d = 0; d < shape.length; d++) {
                json.append(d == 0 ? "" : ",").append(shape[d]);
            }
            json.append("],\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
            offset = end;
        }
        byte[] text = json.append('}').toString().getBytes(StandardCharsets.UTF_8);
        byte[] padded = Arrays.copyOf(text, (text.length + 7) / 8 * 8);
        Arrays.fill(padded, text.length, padded.length, (byte) ' ');
        return padded;
    }

    /** Appends {@code s} as a JSON string, escaped as serde_json escapes (non-ASCII stays raw UTF-8). */
    private static StringBuilder quote(StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    json.append("\\\"");
                    break;
                case '\\':
                    json.append("\\\\");
                    break;
                case '\b':
                    json.append("\\b");
                    break;
                case '\f':
                    json.append("\\f");
                    break;
                case '\n':
                    json.append("\\n");
                    break;
                case '\r':
                    json.append("\\r");
                    break;
                case '\t':
                    json.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
            }
        }
        return json.append('"');
    }

    /** Streams a tensor's elements, little-endian, through {@code chunk}: no copy of the tensor. */
    private static void writeData(FileChannel out, Tensor t, ByteBuffer chunk) throws IOException {
        if (t.dtype() == DType.FLOAT64) {
            DoubleBuffer values = t.asDoubleBuffer();
            while (values.hasRemaining()) {
                chunk.clear();
                DoubleBuffer window = chunk.asDoubleBuffer();
                int n = Math.min(window.remaining(), values.remaining());
                window.put(values.slice().limit(n));
                values.position(values.position() + n);
                chunk.limit(n * Double.BYTES);
                writeFully(out, chunk);
            }
        } else {
            FloatBuffer values = t.asFloatBuffer();
            while (values.hasRemaining()) {
                chunk.clear();
                FloatBuffer window = chunk.asFloatBuffer();
                int n = Math.min(window.remaining(), values.remaining());
                window.put(values.slice().limit(n));
                values.position(values.position() + n);
                chunk.limit(n * Float.BYTES);
                writeFully(out, chunk);
            }
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Reads the tensors of a safetensors file: F32 entries as FLOAT32 tensors, F64 entries as
     * FLOAT64 tensors, each a new leaf that does not require grad, in the order of the header's
     * entries. The {@code __metadata__} entry is skipped; keys of a tensor entry other than
     * {@code dtype}, {@code shape} and {@code data_offsets} are ignored, as the reference
     * implementation ignores them.
     *
     * <p>The whole file is checked before any tensor is made, so a malformed file gives an
     * exception and nothing else: a file shorter than 8 bytes, a header length over 100,000,000
     * bytes or past the end of the file, a header that is not UTF-8 or not strict JSON (trailing
     * characters, duplicate keys, bad escapes, ...), a missing or mistyped field, a negative or
     * fractional number, {@code data_offsets} outside the data buffer, overlapping, leaving a gap
     * or not reaching its end, an offset range whose size is not the shape's element count times
     * the type's size, an unknown dtype, or a dtype gradgen does not load (safetensors also has
     * F16, BF16, F8 and integer and boolean types; convert those to float32 or float64 first).
     *
     * @param path the file
     * @return the tensors by name, in the header's order (an unmodifiable map)
     * @throws SafeTensorsFormatException if the file is malformed or holds a type gradgen does not
     *     load; the message names the file, the tensor and what is wrong
     * @throws IOException if the file cannot be read
     */
    public static Map<String, Tensor> load(Path path) throws IOException {
        Objects.requireNonNull(path, "SafeTensors.load: path is null");
        return SafeTensorsReader.read(path);
    }
}
