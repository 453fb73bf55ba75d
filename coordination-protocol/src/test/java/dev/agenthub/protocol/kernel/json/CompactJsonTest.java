package dev.agenthub.protocol.kernel.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompactJsonTest {

    @Test
    void parsesLiteralsAndStrings() {
        assertThat(CompactJson.parse("true")).isEqualTo(Boolean.TRUE);
        assertThat(CompactJson.parse("false")).isEqualTo(Boolean.FALSE);
        assertThat(CompactJson.parse("null")).isNull();
        assertThat(CompactJson.parse("\"text\"")).isEqualTo("text");
        assertThat(CompactJson.parse("\"\"")).isEqualTo("");
    }

    @Test
    void integersAreLongs() {
        assertThat(CompactJson.parse("0")).isEqualTo(0L);
        assertThat(CompactJson.parse("-12")).isEqualTo(-12L);
        assertThat(CompactJson.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(CompactJson.parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void fractionsAndExponentsAreBigDecimals() {
        assertThat(CompactJson.parse("1.5")).isEqualTo(new BigDecimal("1.5"));
        assertThat(CompactJson.parse("-0.25")).isEqualTo(new BigDecimal("-0.25"));
        assertThat(CompactJson.parse("1e3")).isEqualTo(new BigDecimal("1e3"));
        assertThat(CompactJson.parse("2E-2")).isEqualTo(new BigDecimal("0.02"));
        assertThat(CompactJson.parse("-6.02e+23")).isEqualTo(new BigDecimal("-6.02E+23"));
        assertThat(CompactJson.parse("0.1000")).isInstanceOf(BigDecimal.class).hasToString("0.1000");
    }

    @Test
    void parsesNestedObjectsAndArraysKeepingKeyOrder() {
        Object parsed = CompactJson.parse(
                "{\"z\":{\"b\":[1,\"x\",{\"c\":null},[true,false]],\"a\":[]},\"y\":{},\"x\":-1.0}");

        assertThat(parsed).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) parsed;
        assertThat(root.keySet()).containsExactly("z", "y", "x");
        @SuppressWarnings("unchecked")
        Map<String, Object> z = (Map<String, Object>) root.get("z");
        assertThat(z.keySet()).containsExactly("b", "a");
        Map<String, Object> innermost = new LinkedHashMap<>();
        innermost.put("c", null);
        assertThat(z.get("b")).isEqualTo(Arrays.asList(1L, "x", innermost, List.of(true, false)));
        assertThat(z.get("a")).isEqualTo(List.of());
        assertThat(root.get("y")).isEqualTo(Map.of());
        assertThat(root.get("x")).isEqualTo(new BigDecimal("-1.0"));
    }

    @Test
    void laterDuplicateKeysWin() {
        assertThat(CompactJson.parse("{\"a\":1,\"a\":2}")).isEqualTo(Map.of("a", 2L));
    }

    @Test
    void toleratesJsonWhitespaceEverywhere() {
        assertThat(CompactJson.parse(" \t\r\n{ \"a\" :\n[ 1 , 2 ] ,\t\"b\" : { } }\n "))
                .isEqualTo(Map.of("a", List.of(1L, 2L), "b", Map.of()));
    }

    @Test
    void decodesEveryEscape() {
        assertThat(CompactJson.parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"")).isEqualTo("\" \\ / \b \f \n \r \t");
    }

    @Test
    void decodesUnicodeEscapesInEitherCase() {
        assertThat(CompactJson.parse("\"\\u0041\\u00e9\\u00E9\\u65e5\"")).isEqualTo("Aéé日");
        assertThat(CompactJson.parse("\"\\u0000\"")).isEqualTo("\u0000");
        assertThat(CompactJson.parse("\"\\uD83D\\uDE00\"")).isEqualTo("\uD83D\uDE00");
        assertThat(CompactJson.parse("\"x\\u0022y\"")).isEqualTo("x\"y");
    }

    @Test
    void passesRawNonAsciiThrough() {
        assertThat(CompactJson.parse("{\"ключ\":\"значение 😀\"}")).isEqualTo(Map.of("ключ", "значение 😀"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{} x", "{}{}", "1 2", "truex", "nullnull", "\"a\"\"b\"", "[1]]", "{\"a\":1}}", "1,",
    })
    void rejectsTrailingGarbage(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> CompactJson.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "   ", "{", "[", "\"open", "{\"a\"", "{\"a\":", "{\"a\":1,", "[1,", "[1 2]",
            "{\"a\" 1}", "{1:2}", "{a:1}", "{'a':1}", "[1,]", "{\"a\":1,}", "nul", "tru", "fals", "True", "NaN",
            "Infinity", "-", "+1", ".5", "1e", "1.2.3", "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\u 041\"",
            "\"tab\tinside\"", "\"line\nbreak\"", "\"\u0001\"", "undefined",
    })
    void rejectsMalformedDocuments(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> CompactJson.parse(text));
    }

    @Test
    void errorsSayWhere() {
        assertThatIllegalArgumentException().isThrownBy(() -> CompactJson.parse("{\"a\":1} x"))
                .withMessageContaining("offset");
    }

    @Test
    void acceptsModerateNesting() {
        String nested = "[".repeat(20) + "]".repeat(20);
        assertThatCode(() -> CompactJson.parse(nested)).doesNotThrowAnyException();
        String objects = "{\"a\":".repeat(20) + "1" + "}".repeat(20);
        assertThatCode(() -> CompactJson.parse(objects)).doesNotThrowAnyException();
    }

    @Test
    void rejectsDeepNestingWithAnOrdinaryError() {
        // a hostile cursor must not blow the stack: it gets the same error as any other malformation
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CompactJson.parse("[".repeat(100_000) + "]".repeat(100_000)))
                .withMessageContaining("deep");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CompactJson.parse("{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000)));
        assertThatIllegalArgumentException().isThrownBy(() -> CompactJson.parse("[".repeat(100)));
    }

    @Test
    void writesAMapCompactlyInIterationOrder() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("b", "two");
        map.put("a", 1L);
        map.put("c", null);
        map.put("d", false);
        map.put("e", new BigDecimal("-0.50"));
        assertThat(CompactJson.write(map)).isEqualTo("{\"b\":\"two\",\"a\":1,\"c\":null,\"d\":false,\"e\":-0.50}");
        assertThat(CompactJson.write(Map.of())).isEqualTo("{}");
    }

    @Test
    void writesEscapesSoTheOutputIsValidJson() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("k\"ey", "q\" b\\ n\n r\r t\t c\u0001 d\u001f é 😀 /");
        String json = CompactJson.write(map);

        assertThat(json).doesNotContain("\n", "\r", "\t", "\u0001", "\u001f")
                .contains("\\u0001", "\\u001f", "\\n", "\\r", "\\t", "\\\"", "\\\\", "é", "😀");
        assertThat(CompactJson.parse(json)).isEqualTo(map);
    }

    @Test
    void writesNestedObjectsAndListsInOrder() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1);
        inner.put("a", List.of("x", true));
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("list", Arrays.asList(inner, null, List.of(), 7L));
        outer.put("empty", Map.of());

        String json = CompactJson.write(outer);

        assertThat(json).isEqualTo("{\"list\":[{\"z\":1,\"a\":[\"x\",true]},null,[],7],\"empty\":{}}");
        assertThat(CompactJson.write(List.of("a"))).isEqualTo("[\"a\"]");
    }

    @Test
    void writeRefusesTypesWithoutAnExactJsonForm() {
        assertThatIllegalArgumentException().isThrownBy(() -> CompactJson.write(Map.of("a", 1.0d)));
        assertThatIllegalArgumentException().isThrownBy(() -> CompactJson.write(Map.of(1, "a")));
        assertThatIllegalArgumentException().isThrownBy(() -> CompactJson.write(Map.of("a", new Object())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"01", "-01", "00", "1.", "1.e5", "\"\\u+041\"", "\"\\u-041\""})
    void rejectsNumbersAndEscapesOutsideTheJsonGrammar(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> CompactJson.parse(text));
    }

    @Test
    void readsIntegersBeyondLongAsBigDecimal() {
        assertThat(CompactJson.parse("12345678901234567890")).isEqualTo(new BigDecimal("12345678901234567890"));
    }
}
