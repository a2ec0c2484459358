package io.gradgen.io;

import static io.gradgen.io.SafeTensorsTest.bytes;
import static io.gradgen.io.SafeTensorsTest.file;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of malformed file is rejected with a message that says what is wrong. */
class MalformedSafeTensorsTest {

    @TempDir
    Path dir;

    private static final byte[] EIGHT = new byte[8];

    /** A header with one F64 tensor "w" of the given shape and offsets. */
    private static String one(String shape, String offsets) {
        return "{\"w\":{\"dtype\":\"F64\",\"shape\":" + shape + ",\"data_offsets\":" + offsets + "}}";
    }

    private static byte[] lengthOnly(long n, int extra) {
        return ByteBuffer.allocate(8 + extra).order(ByteOrder.LITTLE_ENDIAN).putLong(n).array();
    }

    static Stream<Arguments> malformedFiles() {
        List<Arguments> cases = new ArrayList<>();
        // the length prefix
        cases.add(Arguments.of("empty file", new byte[0], "the file has 0 bytes, fewer than the 8 bytes"));
        cases.add(Arguments.of("7 bytes", new byte[7], "the file has 7 bytes"));
        cases.add(Arguments.of("huge header length", lengthOnly(-1, 8), "the header length is 18446744073709551615 bytes,"
                + " more than the 100000000"));
        cases.add(Arguments.of("header length over the limit", lengthOnly(100_000_001, 8), "more than the 100000000"));
        cases.add(Arguments.of("header past the end", lengthOnly(64, 10), "the header length is 64 bytes, but only 10"
                + " bytes follow"));
        // the header's text
        byte[] badUtf8 = file("{\"ab\":1}");
        badUtf8[10] = (byte) 0xC3;
        badUtf8[11] = (byte) 0x28;
        cases.add(Arguments.of("invalid UTF-8 bytes", badUtf8, "the header is not valid UTF-8"));
        cases.add(Arguments.of("trailing garbage", file("{} x"), "unexpected 'x' after the JSON value"));
        cases.add(Arguments.of("NUL padding", file("{}\0\0\0\0\0\0"), "unexpected character U+0000 after the JSON value"));
        cases.add(Arguments.of("duplicate key", file("{\"w\":{},\"w\":{}}"), "duplicate key \"w\""));
        cases.add(Arguments.of("bad escape", file("{\"a\\x\":{}}"), "invalid escape \\x"));
        cases.add(Arguments.of("lone surrogate", file("{\"\\ud800\":{}}"), "lone high surrogate \\uD800"));
        cases.add(Arguments.of("short unicode escape", file("{\"\\u12\":{}}"), "invalid \\u escape"));
        cases.add(Arguments.of("raw control character", file("{\"a\tb\":{}}"), "control character U+0009 in a string"));
        cases.add(Arguments.of("unterminated string", file("{\"abc"), "unterminated string"));
        cases.add(Arguments.of("trailing comma", file("{\"a\":\"b\",}"), "expected a string key"));
        cases.add(Arguments.of("single quotes", file("{'a':1}"), "expected a string key"));
        cases.add(Arguments.of("comment", file("{} // x"), "unexpected '/' after the JSON value"));
        cases.add(Arguments.of("leading zero", file(one("[01]", "[0,8]")), "leading zero in a number"));
        cases.add(Arguments.of("bare minus", file(one("[-]", "[0,8]")), "expected a digit"));
        cases.add(Arguments.of("NaN literal", file(one("[NaN]", "[0,8]")), "unexpected 'N', expected a value"));
        cases.add(Arguments.of("missing colon", file("{\"w\" {}}"), "expected ':'"));
        cases.add(Arguments.of("unclosed object", file("{\"a\":\"b\""), "expected ',' or '}'"));
        cases.add(Arguments.of("deep nesting", file("{\"a\":" + "[".repeat(70) + "]".repeat(70) + "}"),
                "nesting deeper than 64 levels"));
        cases.add(Arguments.of("root is an array", file("[]"), "the header must be a JSON object of tensor entries,"
                + " but it is an array"));
        // the entries
        cases.add(Arguments.of("entry not an object", file("{\"w\":[1]}"), "tensor \"w\" must be a JSON object"));
        cases.add(Arguments.of("no dtype", file("{\"w\":{\"shape\":[],\"data_offsets\":[0,8]}}", EIGHT),
                "tensor \"w\" needs a string \"dtype\", but it has none"));
        cases.add(Arguments.of("dtype not a string", file("{\"w\":{\"dtype\":64,\"shape\":[],\"data_offsets\":[0,8]}}",
                EIGHT), "needs a string \"dtype\", but it is the number 64"));
        cases.add(Arguments.of("no shape", file("{\"w\":{\"dtype\":\"F64\",\"data_offsets\":[0,8]}}", EIGHT),
                "tensor \"w\" needs \"shape\", an array of non-negative integers, but it has none"));
        cases.add(Arguments.of("negative dimension", file(one("[-1]", "[0,8]"), EIGHT), "\"shape\" entry -1"));
        cases.add(Arguments.of("fractional dimension", file(one("[1.0]", "[0,8]"), EIGHT), "\"shape\" entry 1.0"));
        cases.add(Arguments.of("exponent dimension", file(one("[1e0]", "[0,8]"), EIGHT), "\"shape\" entry 1e0"));
        cases.add(Arguments.of("string dimension", file(one("[\"1\"]", "[0,8]"), EIGHT), "\"shape\" entry the string \"1\""));
        cases.add(Arguments.of("three offsets", file(one("[1]", "[0,8,8]"), EIGHT),
                "\"data_offsets\" with 3 entries; it must be an array of 2 non-negative integers"));
        cases.add(Arguments.of("offsets backwards", file(one("[]", "[8,0]"), EIGHT), "which end before they begin"));
        cases.add(Arguments.of("too many elements", file(one("[65536,65536]", "[0,8]"), EIGHT),
                "more than the 2147483647 elements a gradgen tensor holds"));
        cases.add(Arguments.of("metadata not an object", file("{\"__metadata__\":[]}"), "\"__metadata__\" must be a JSON"
                + " object of strings, but it is an array"));
        cases.add(Arguments.of("metadata not strings", file("{\"__metadata__\":{\"epoch\":3}}"), "\"__metadata__\" must"
                + " map strings to strings, but \"epoch\" is the number 3"));
        // the types
        cases.add(Arguments.of("unknown dtype", file("{\"w\":{\"dtype\":\"F128\",\"shape\":[],\"data_offsets\":[0,16]}}",
                new byte[16]), "tensor \"w\" has the unknown dtype \"F128\""));
        for (String dtype : List.of("F16", "BF16", "I64", "BOOL", "U8")) {
            cases.add(Arguments.of("unsupported " + dtype, file("{\"w\":{\"dtype\":\"" + dtype + "\",\"shape\":[],"
                    + "\"data_offsets\":[0,1]}}", new byte[1]), "tensor \"w\" has dtype " + dtype + ", a safetensors"
                    + " type gradgen does not load; gradgen loads F32 and F64"));
        }
        // the data buffer
        cases.add(Arguments.of("size does not match the shape", file(one("[2]", "[0,8]"), EIGHT),
                "tensor \"w\" has data_offsets [0, 8] (8 bytes), but shape [2] of F64 needs 16 bytes"));
        cases.add(Arguments.of("offsets past the data", file(one("[2]", "[0,16]"), EIGHT),
                "tensor \"w\" has data_offsets [0, 16], beyond the data buffer's 8 bytes"));
        cases.add(Arguments.of("overlapping", file("{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},"
                + "\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}", new byte[16]),
                "tensors \"a\" [0, 16] and \"b\" [8, 16] overlap in the data buffer"));
        cases.add(Arguments.of("a gap", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}", new byte[16]),
                "no tensor covers bytes [4, 8) of the data buffer, before tensor \"b\""));
        cases.add(Arguments.of("not starting at 0", file(one("[1]", "[8,16]"), new byte[16]),
                "no tensor covers bytes [0, 8) of the data buffer, before tensor \"w\""));
        cases.add(Arguments.of("bytes after the last tensor", file(one("[1]", "[0,8]"), new byte[12]),
                "the data buffer has 12 bytes but the tensors cover only the first 8"));
        cases.add(Arguments.of("data but no tensors", file("{}", bytes(1, 2, 3)),
                "the data buffer has 3 bytes but the tensors cover only the first 0"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFiles")
    void isRejected(String name, byte[] content, String message) throws IOException {
        Path path = dir.resolve(name.replace(' ', '_') + ".safetensors");
        Files.write(path, content);
        SafeTensorsFormatException e = assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.load(path));
        assertTrue(e.getMessage().startsWith("SafeTensors.load: " + path + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(message), "expected the message to contain\n  " + message + "\nbut it is\n  "
                + e.getMessage());
    }
}
