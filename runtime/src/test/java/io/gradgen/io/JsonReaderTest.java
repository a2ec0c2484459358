package io.gradgen.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The header's JSON reader accepts JSON and nothing else. */
class JsonReaderTest {

    @Test
    void readsEveryKindOfValue() throws JsonReader.SyntaxException {
        Object value = JsonReader.parse(" {\"a\" : [1, -2.5e3, 0, true, false, null],\r\n\t\"b\":{}, \"c\":[], "
                + "\"s\":\"q\\\"b\\\\s\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00x\"} ");
        Map<?, ?> map = (Map<?, ?>) value;
        assertEquals(List.of("a", "b", "c", "s"), List.copyOf(map.keySet()), "insertion order");
        List<?> a = (List<?>) map.get("a");
        assertEquals(1L, ((JsonReader.JsonNumber) a.get(0)).longValueExact());
        assertEquals(-2500.0, ((Number) a.get(1)).doubleValue());
        assertNull(((JsonReader.JsonNumber) a.get(1)).longValueExact(), "not an integer literal");
        assertEquals(0L, ((JsonReader.JsonNumber) a.get(2)).longValueExact());
        assertEquals(List.of(Boolean.TRUE, Boolean.FALSE), a.subList(3, 5));
        assertSame(JsonReader.NULL, a.get(5));
        assertEquals(Map.of(), map.get("b"));
        assertEquals(List.of(), map.get("c"));
        assertEquals("q\"b\\s/\b\f\n\r\t\u00e9\uD83D\uDE00x", map.get("s"));
        assertNull(((JsonReader.JsonNumber) JsonReader.parse("99999999999999999999")).longValueExact(), "beyond long");
        assertEquals("é😀", JsonReader.parse("\"é😀\""), "raw non-ASCII");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "}", "{\"a\"}", "{\"a\":}", "{,}", "[1,]", "[,1]", "[1 2]", "01", "1.",
        ".5", "1e", "-", "+1", "tru", "nul", "\"\\u00g0\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "{\"a\":1}}",
        "{\"a\":1,\"a\":2}", "\"a", "[\"\u0001\"]", "{a:1}", "Infinity", "0x10"})
    void rejectsWhatIsNotJson(String text) {
        JsonReader.SyntaxException e = assertThrows(JsonReader.SyntaxException.class, () -> JsonReader.parse(text));
        assertEquals(true, e.getMessage().contains(" at character "), e.getMessage());
    }
}
