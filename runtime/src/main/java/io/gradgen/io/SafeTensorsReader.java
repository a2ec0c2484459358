package io.gradgen.io;

import io.gradgen.Tensor;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link SafeTensors#load}: reads and checks the whole header, then the data, then makes the
 * tensors, so that a malformed file yields an exception and nothing else.
 */
final class SafeTensorsReader {

    /** The dtypes of the safetensors format that gradgen does not load (see its {@code Dtype} enum). */
    private static final Set<String> OTHER_DTYPES = Set.of("BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "F8_E8M0", "I16",
            "U16", "F16", "BF16", "I32", "U32", "I64", "U64", "C64", "F4", "F6_E2M3", "F6_E3M2");

    /** One tensor's header entry, checked. */
    private record Entry(String name, boolean float32, int[] shape, long begin, long end) {
    }

    private static final int CHUNK_BYTES = 1 << 16;

    private final Path path;

    private SafeTensorsReader(Path path) {
        this.path = path;
    }

    static Map<String, Tensor> read(Path path) throws IOException {
        return new SafeTensorsReader(path).read();
    }

    private Map<String, Tensor> read() throws IOException {
        try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = in.size();
            if (size < Long.BYTES) {
                throw malformed("the file has " + size + " bytes, fewer than the 8 bytes of the header length");
            }
            long n = readFully(in, 0, Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (n < 0 || n > SafeTensors.MAX_HEADER_BYTES) {
                throw malformed("the header length is " + Long.toUnsignedString(n) + " bytes, more than the "
                        + SafeTensors.MAX_HEADER_BYTES + " a safetensors header may have (is this a safetensors file?)");
            }
            if (Long.BYTES + n > size) {
                throw malformed("the header length is " + n + " bytes, but only " + (size - Long.BYTES)
                        + " bytes follow the length");
            }
            List<Entry> entries = entries(header(readFully(in, Long.BYTES, (int) n)));
            long dataStart = Long.BYTES + n;
            checkLayout(entries, size - dataStart);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Entry e : entries) {
                tensors.put(e.name, tensor(in, dataStart + e.begin, e));
            }
            return Collections.unmodifiableMap(tensors);
        }
    }

    /** Reads a tensor's elements in chunks straight into its array (a tensor may exceed 2 GB of bytes). */
    private static Tensor tensor(FileChannel in, long position, Entry e) throws IOException {
        int width = e.float32 ? Float.BYTES : Double.BYTES;
        int numel = (int) ((e.end - e.begin) / width);
        float[] floats = e.float32 ? new float[numel] : null;
        double[] doubles = e.float32 ? null : new double[numel];
        int chunk = CHUNK_BYTES / width;
        for (int from = 0; from < numel; from += chunk) {
            int count = Math.min(chunk, numel - from);
            ByteBuffer bytes = readFully(in, position + (long) from * width, count * width).order(ByteOrder.LITTLE_ENDIAN);
            if (e.float32) {
                bytes.asFloatBuffer().get(floats, from, count);
            } else {
                bytes.asDoubleBuffer().get(doubles, from, count);
            }
        }
        return e.float32 ? Tensor.wrap(floats, e.shape) : Tensor.wrap(doubles, e.shape);
    }

    private Map<String, Object> header(ByteBuffer bytes) throws SafeTensorsFormatException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw malformed("the header is not valid UTF-8");
        }
        Object root;
        try {
            root = JsonReader.parse(text);
        } catch (JsonReader.SyntaxException e) {
            throw malformed("the header is not valid JSON: " + e.getMessage());
        }
        if (!(root instanceof Map)) {
            throw malformed("the header must be a JSON object of tensor entries, but it is " + kind(root));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) root;
        return map;
    }

    private List<Entry> entries(Map<String, Object> header) throws SafeTensorsFormatException {
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Object> item : header.entrySet()) {
            String name = item.getKey();
            if (name.equals("__metadata__")) {
                checkMetadata(item.getValue());
                continue;
            }
            if (!(item.getValue() instanceof Map)) {
                throw malformed("tensor \"" + name + "\" must be a JSON object with dtype, shape and data_offsets, but it"
                        + " is " + kind(item.getValue()));
            }
            Map<?, ?> info = (Map<?, ?>) item.getValue();
            boolean float32 = dtype(name, info.get("dtype"));
            long[] dims = integers(name, "shape", info.get("shape"), -1);
            long[] offsets = integers(name, "data_offsets", info.get("data_offsets"), 2);
            int[] shape = new int[dims.length];
            long numel = numel(name, dims);
            for (int d = 0; d < dims.length; d++) {
                shape[d] = (int) dims[d];
            }
            long bytes = numel * (float32 ? Float.BYTES : Double.BYTES);
            if (offsets[1] < offsets[0]) {
                throw malformed("tensor \"" + name + "\" has data_offsets " + text(offsets) + ", which end before they"
                        + " begin");
            }
            if (offsets[1] - offsets[0] != bytes) {
                throw malformed("tensor \"" + name + "\" has data_offsets " + text(offsets) + " (" + (offsets[1]
                        - offsets[0]) + " bytes), but shape " + text(dims) + " of " + (float32 ? "F32" : "F64")
                        + " needs " + bytes + " bytes");
            }
            entries.add(new Entry(name, float32, shape, offsets[0], offsets[1]));
        }
        return entries;
    }

    /** The element count, which must fit a gradgen tensor (an int); 0 when a dimension is 0. */
    private long numel(String name, long[] dims) throws SafeTensorsFormatException {
        for (long d : dims) {
            if (d == 0) {
                return 0;
            }
        }
        long numel = 1;
        for (long d : dims) {
            // numel and d are at most Integer.MAX_VALUE here, so the product fits a long
            numel = d > Integer.MAX_VALUE ? Long.MAX_VALUE : numel * d;
            if (numel > Integer.MAX_VALUE) {
                throw malformed("tensor \"" + name + "\" has shape " + text(dims) + ", more than the "
                        + Integer.MAX_VALUE + " elements a gradgen tensor holds");
            }
        }
        return numel;
    }

    private boolean dtype(String name, Object dtype) throws SafeTensorsFormatException {
        if (!(dtype instanceof String)) {
            throw malformed("tensor \"" + name + "\" needs a string \"dtype\", but it "
                    + (dtype == null ? "has none" : "is " + kind(dtype)));
        }
        switch ((String) dtype) {
            case "F32":
                return true;
            case "F64":
                return false;
            default:
                if (OTHER_DTYPES.contains(dtype)) {
                    throw malformed("tensor \"" + name + "\" has dtype " + dtype + ", a safetensors type gradgen does"
                            + " not load; gradgen loads F32 and F64, so convert it first (in PyTorch, tensor.float()"
                            + " or tensor.double())");
                }
                throw malformed("tensor \"" + name + "\" has the unknown dtype \"" + dtype + "\"; safetensors types are "
                        + "F64, F32, F16, BF16, F8_*, I64, I32, I16, I8, U64, U32, U16, U8, BOOL and C64");
        }
    }

    /** A JSON array of non-negative integers ({@code length} of them, unless negative). */
    private long[] integers(String name, String field, Object value, int length) throws SafeTensorsFormatException {
        String wanted = length < 0 ? "an array of non-negative integers" : "an array of " + length + " non-negative integers";
        if (!(value instanceof List)) {
            throw malformed("tensor \"" + name + "\" needs \"" + field + "\", " + wanted + ", but it "
                    + (value == null ? "has none" : "is " + kind(value)));
        }
        List<?> list = (List<?>) value;
        if (length >= 0 && list.size() != length) {
            throw malformed("tensor \"" + name + "\" has \"" + field + "\" with " + list.size() + " entries; it must be "
                    + wanted);
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object item = list.get(i);
            Long exact = item instanceof JsonReader.JsonNumber ? ((JsonReader.JsonNumber) item).longValueExact() : null;
            if (exact == null || exact < 0) {
                throw malformed("tensor \"" + name + "\" has \"" + field + "\" entry "
                        + (item instanceof JsonReader.JsonNumber ? item : kind(item)) + "; it must be " + wanted);
            }
            out[i] = exact;
        }
        return out;
    }

    private void checkMetadata(Object metadata) throws SafeTensorsFormatException {
        if (!(metadata instanceof Map)) {
            throw malformed("\"__metadata__\" must be a JSON object of strings, but it is " + kind(metadata));
        }
        for (Map.Entry<?, ?> item : ((Map<?, ?>) metadata).entrySet()) {
            if (!(item.getValue() instanceof String)) {
                throw malformed("\"__metadata__\" must map strings to strings, but \"" + item.getKey() + "\" is "
                        + kind(item.getValue()));
            }
        }
    }

    /**
     * The reference implementation's rule: in the order of their offsets, the tensors cover the data
     * buffer from its first byte to its last, each beginning where the previous one ends.
     */
    private void checkLayout(List<Entry> entries, long dataBytes) throws SafeTensorsFormatException {
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        Entry previous = null;
        for (Entry e : byOffset) {
            if (e.end > dataBytes) {
                throw malformed("tensor \"" + e.name + "\" has data_offsets [" + e.begin + ", " + e.end
                        + "], beyond the data buffer's " + dataBytes + " bytes");
            }
            if (e.begin < expected) {
                throw malformed("tensors \"" + previous.name + "\" [" + previous.begin + ", " + previous.end + "] and \""
                        + e.name + "\" [" + e.begin + ", " + e.end + "] overlap in the data buffer");
            }
            if (e.begin > expected) {
                throw malformed("no tensor covers bytes [" + expected + ", " + e.begin + ") of the data buffer, before"
                        + " tensor \"" + e.name + "\"; the tensors must cover it without gaps");
            }
            expected = e.end;
            previous = e;
        }
        if (expected != dataBytes) {
            throw malformed("the data buffer has " + dataBytes + " bytes but the tensors cover only the first " + expected
                    + "; the tensors must cover it to its end");
        }
    }

    private static ByteBuffer readFully(FileChannel in, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (in.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("the file ended early");
            }
        }
        return buffer.flip();
    }

    private static String kind(Object value) {
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof String) {
            return "the string \"" + value + "\"";
        }
        return value == JsonReader.NULL ? "null" : value instanceof Boolean ? value.toString() : "the number " + value;
    }

    private static String text(long[] values) {
        return java.util.Arrays.toString(values);
    }

    private SafeTensorsFormatException malformed(String what) {
        return new SafeTensorsFormatException("SafeTensors.load: " + path + ": " + what);
    }
}
