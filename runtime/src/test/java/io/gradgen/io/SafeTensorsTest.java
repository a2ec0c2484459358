package io.gradgen.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.DType;
import io.gradgen.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading and writing the safetensors format, checked against bytes written from its specification. */
class SafeTensorsTest {

    @TempDir
    Path dir;

    /** 8 bytes of little-endian length, the header text, then the given data bytes. */
    static byte[] file(String header, byte[]... data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] text = header.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(text.length).array());
        out.writeBytes(text);
        for (byte[] d : data) {
            out.writeBytes(d);
        }
        return out.toByteArray();
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private Path write(byte[] content) throws IOException {
        Path path = dir.resolve("t" + System.nanoTime() + ".safetensors");
        Files.write(path, content);
        return path;
    }

    @Test
    void loadsAFileWrittenByteByByteFromTheSpecification() throws IOException {
        // header entries deliberately not in offset order, metadata in the middle, padded with spaces
        String header = "{\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[32,40]},"
                + "\"__metadata__\":{\"format\":\"pt\"},"
                + "\"w\":{\"dtype\":\"F64\",\"shape\":[2,2],\"data_offsets\":[0,32]},"
                + "\"s\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[40,48]},"
                + "\"e\":{\"dtype\":\"F32\",\"shape\":[0,3],\"data_offsets\":[48,48]}}   ";
        byte[] w = bytes(
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0, 0x3F,   // 1.0
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xC0,   // -2.0
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xE0, 0x3F,   // 0.5
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08, 0x40);  // 3.0
        byte[] b = bytes(
                0x00, 0x00, 0xC0, 0x3F,                           // 1.5f
                0x00, 0x00, 0x80, 0xBE);                          // -0.25f
        byte[] s = bytes(0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40);   // 2.0
        Map<String, Tensor> tensors = SafeTensors.load(write(file(header, w, b, s)));
        assertEquals(List.of("b", "w", "s", "e"), List.copyOf(tensors.keySet()), "the header's order");
        assertEquals(DType.FLOAT64, tensors.get("w").dtype());
        assertArrayEquals(new int[] {2, 2}, tensors.get("w").shape());
        assertArrayEquals(new double[] {1, -2, 0.5, 3}, tensors.get("w").toArray());
        assertEquals(DType.FLOAT32, tensors.get("b").dtype());
        assertArrayEquals(new double[] {1.5, -0.25}, tensors.get("b").toArray());
        assertArrayEquals(new int[0], tensors.get("s").shape());
        assertEquals(2.0, tensors.get("s").item());
        assertArrayEquals(new int[] {0, 3}, tensors.get("e").shape());
        assertTrue(tensors.get("w").isLeaf() && !tensors.get("w").requiresGrad());
        assertThrows(UnsupportedOperationException.class, () -> tensors.put("x", Tensor.scalar(1)));
    }

    @Test
    void writesWhatTheReferenceImplementationWrites() throws IOException {
        // one F32 tensor [1, 2, 3] holding 0..5: a 64-byte header needs no padding
        Path path = dir.resolve("attn.safetensors");
        SafeTensors.save(Map.of("attn.0", Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 1, 2, 3)), path);
        byte[] floats = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN)
                .putFloat(0).putFloat(1).putFloat(2).putFloat(3).putFloat(4).putFloat(5).array();
        assertArrayEquals(file("{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}", floats),
                Files.readAllBytes(path));

        // F64 before F32 (descending alignment), by name within a type; header padded to 8 bytes
        Map<String, Tensor> mixed = new LinkedHashMap<>();
        mixed.put("a", Tensor.of(new float[] {1}, 1));
        mixed.put("z", Tensor.scalar(2));
        mixed.put("m", Tensor.vector(3));
        SafeTensors.save(mixed, path);
        String header = "{\"m\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                + "\"z\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[8,16]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[16,20]}}";
        String padded = header + " ".repeat((8 - header.length() % 8) % 8);
        byte[] data = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putDouble(3).putDouble(2).putFloat(1).array();
        assertArrayEquals(file(padded, data), Files.readAllBytes(path));
    }

    @Test
    void writesEmptyFilesAndMetadataAsTheReferenceDoes() throws IOException {
        Path path = dir.resolve("empty.safetensors");
        SafeTensors.save(Map.of(), path);
        assertArrayEquals(file("{}      "), Files.readAllBytes(path));
        assertEquals(Map.of(), SafeTensors.load(path));
        SafeTensors.save(Map.of(), Map.of("framework", "pt"), path);
        assertArrayEquals(file("{\"__metadata__\":{\"framework\":\"pt\"}}     "), Files.readAllBytes(path));
    }

    @Test
    void roundTripsFloat64AndFloat32BitForBit() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("weights", Tensor.randn(new Random(1), 17, 33));
        tensors.put("float", Tensor.randn(new Random(2), 5, 4, 3).to(DType.FLOAT32));
        tensors.put("special", Tensor.vector(Double.NaN, Double.POSITIVE_INFINITY, -0.0, Double.MIN_VALUE, -Double.MAX_VALUE));
        tensors.put("special32", Tensor.of(new float[] {Float.NaN, Float.NEGATIVE_INFINITY, -0f, Float.MIN_VALUE}, 4));
        tensors.put("scalar", Tensor.scalar(Math.PI));
        tensors.put("empty", Tensor.zeros(0, 7));
        tensors.put("big", Tensor.randn(new Random(3), 70_000));
        tensors.put("quote\"back\\slash\nnew\u0001line", Tensor.vector(1));
        tensors.put("ünïcødé \uD83D\uDE00", Tensor.of(new float[] {2}, 1));
        Path path = dir.resolve("round.safetensors");
        SafeTensors.save(tensors, Map.of("note", "tab\there, \"quoted\""), path);
        Map<String, Tensor> loaded = SafeTensors.load(path);
        assertEquals(tensors.keySet(), loaded.keySet());
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor expected = e.getValue();
            Tensor actual = loaded.get(e.getKey());
            assertEquals(expected.dtype(), actual.dtype(), e.getKey());
            assertArrayEquals(expected.shape(), actual.shape(), e.getKey());
            double[] x = expected.toArray();
            double[] y = actual.toArray();
            for (int i = 0; i < x.length; i++) {
                assertEquals(Double.doubleToRawLongBits(x[i]), Double.doubleToRawLongBits(y[i]), e.getKey() + "[" + i + "]");
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(path), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void saveRefusesTheMetadataKeyAndNulls() {
        Path path = dir.resolve("x.safetensors");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.save(Map.of("__metadata__", Tensor.scalar(1)), path));
        assertEquals("SafeTensors.save: \"__metadata__\" is reserved for the file's metadata and cannot name a tensor;"
                + " pass metadata to save(tensors, metadata, path)", e.getMessage());
        Map<String, Tensor> withNull = new LinkedHashMap<>();
        withNull.put("w", null);
        NullPointerException npe = assertThrows(NullPointerException.class, () -> SafeTensors.save(withNull, path));
        assertEquals("SafeTensors.save: tensor \"w\" is null", npe.getMessage());
        assertTrue(Files.notExists(path), "nothing written");
    }

    @Test
    void saveReplacesAnExistingFile() throws IOException {
        Path path = dir.resolve("model.safetensors");
        Files.writeString(path, "old contents");
        SafeTensors.save(Map.of("w", Tensor.vector(1, 2)), path);
        assertArrayEquals(new double[] {1, 2}, SafeTensors.load(path).get("w").toArray());
    }
}
