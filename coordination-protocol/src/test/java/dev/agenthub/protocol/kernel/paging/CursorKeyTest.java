package dev.agenthub.protocol.kernel.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agenthub.protocol.kernel.error.DomainError;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorKeyTest {

    private static String b64url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String jsonOf(String cursor) {
        return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    }

    private static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    /** Asserts the 422 string-detail shape of a cursor error and returns its detail. */
    private static String invalidCursorDetail(String text) {
        DomainError.Invalid error = catchThrowableOfType(DomainError.Invalid.class, () -> CursorKey.decode(text));
        assertThat(error).as("decoding %s must fail with DomainError.Invalid", text).isNotNull();
        assertThat(error.status()).isEqualTo(422);
        assertThat(error.violations()).isEmpty();
        assertThat(error.detail()).isInstanceOf(String.class);
        String detail = (String) error.detail();
        assertThat(detail).startsWith("Invalid cursor: ");
        return detail;
    }

    // ---- encoding ---------------------------------------------------------------------------------

    @Test
    void encodesCompactJsonAsUnpaddedBase64Url() {
        CursorKey key = CursorKey.of(ordered(
                "sort_time", "2026-02-07T11:14:49.123456+00:00",
                "priority", 2L,
                "bead_id", "bd-17"));
        String expectedJson = "{\"sort_time\":\"2026-02-07T11:14:49.123456+00:00\",\"priority\":2,\"bead_id\":\"bd-17\"}";
        assertThat(expectedJson.length() % 3).as("test needs a length that would be padded").isNotZero();

        String cursor = key.encode();

        assertThat(cursor).isEqualTo(b64url(expectedJson)).doesNotContain("=").matches("[A-Za-z0-9_-]+");
        assertThat(jsonOf(cursor)).isEqualTo(expectedJson);
    }

    @Test
    void usesTheUrlSafeAlphabet() {
        // "???>>>" encodes to "Pz8/Pj4+" in the standard alphabet
        String cursor = CursorKey.of(Map.of("k", "???>>>")).encode();
        assertThat(cursor).doesNotContain("+", "/", "=").contains("_", "-");
        assertThat(CursorKey.decode(cursor).values()).containsExactly(Map.entry("k", "???>>>"));
    }

    @Test
    void writesEveryScalarTypeCompactly() {
        CursorKey key = CursorKey.of(ordered(
                "s", "x", "i", 7, "l", -9_000_000_000L, "sh", (short) 3, "d", new BigDecimal("1.50"),
                "t", true, "f", false, "n", null));
        assertThat(jsonOf(key.encode()))
                .isEqualTo("{\"s\":\"x\",\"i\":7,\"l\":-9000000000,\"sh\":3,\"d\":1.50,\"t\":true,\"f\":false,\"n\":null}");
    }

    @Test
    void emptyKeyEncodesAnEmptyObject() {
        assertThat(jsonOf(CursorKey.of(Map.of()).encode())).isEqualTo("{}");
        assertThat(CursorKey.decode(CursorKey.of(Map.of()).encode()).values()).isEmpty();
    }

    @Test
    void refusesToEncodeNonScalarValues() {
        assertThatIllegalArgumentException().isThrownBy(() -> CursorKey.of(Map.of("k", List.of(1))).encode());
        assertThatIllegalArgumentException().isThrownBy(() -> CursorKey.of(Map.of("k", Map.of())).encode());
        assertThatIllegalArgumentException().isThrownBy(() -> CursorKey.of(Map.of("k", 1.5d)).encode());
        assertThatIllegalArgumentException().isThrownBy(() -> CursorKey.of(Map.of("k", Instant.EPOCH)).encode());
    }

    @Test
    void timestampHelperUsesTheOffsetForm() {
        assertThat(CursorKey.timestamp(Instant.parse("2026-02-07T11:14:49.123456789Z")))
                .isEqualTo("2026-02-07T11:14:49.123456+00:00");
    }

    // ---- round trip -------------------------------------------------------------------------------

    @Test
    void roundTripsValuesInOrder() {
        Map<String, Object> values = ordered(
                "created_at", "2026-02-07T11:14:49.123456+00:00",
                "id", "3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b",
                "priority", 0L,
                "big", Long.MIN_VALUE,
                "ratio", new BigDecimal("-12.5e-3"),
                "flag", true,
                "none", null);
        CursorKey original = CursorKey.of(values);

        CursorKey decoded = CursorKey.decode(original.encode());

        assertThat(decoded).isEqualTo(original).hasSameHashCodeAs(original);
        assertThat(decoded.values()).containsExactlyEntriesOf(values);
        assertThat(decoded.values().keySet()).containsExactly(
                "created_at", "id", "priority", "big", "ratio", "flag", "none");
    }

    @Test
    void integersComeBackAsLongs() {
        CursorKey decoded = CursorKey.decode(CursorKey.of(Map.of("priority", 3)).encode());
        assertThat(decoded.values().get("priority")).isEqualTo(3L);
        assertThat(decoded.optionalLong("priority")).contains(3L);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "plain",
            "",
            "quote \" and backslash \\ and slash /",
            "newline\n carriage\r tab\t",
            "controls \u0000 \u0001 \u001f \b \f",
            "non-ASCII: é ß ñ 日本語 Ελληνικά",
            "astral: \uD83D\uDE00 \uD834\uDD1E",
            "looks escaped: \\u0041 \\n",
            "\u007f\u2028\u2029",
    })
    void unicodeAndEscapesRoundTrip(String value) {
        CursorKey original = CursorKey.of(Map.of("bead_id", value));
        String cursor = original.encode();
        assertThat(cursor).matches("[A-Za-z0-9_-]*");
        assertThat(CursorKey.decode(cursor).requireString("bead_id")).isEqualTo(value);
    }

    @Test
    void keysWithSpecialCharactersRoundTrip() {
        CursorKey original = CursorKey.of(ordered("ké\"y\n", 1L, "", 2L));
        assertThat(CursorKey.decode(original.encode())).isEqualTo(original);
    }

    @Test
    void ofCopiesTheGivenMapAndExposesAnUnmodifiableView() {
        Map<String, Object> source = ordered("a", 1L);
        CursorKey key = CursorKey.of(source);
        source.put("b", 2L);
        assertThat(key.values()).containsOnlyKeys("a");
        assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> key.values().put("c", 3L));
        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(() -> CursorKey.decode(key.encode()).values().clear());
    }

    // ---- decoding lenience ------------------------------------------------------------------------

    @Test
    void acceptsPaddedText() {
        String json = "{\"updated_at\":\"2026-02-07T11:14:49.123456+00:00\"}";
        String padded = Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        assertThat(padded).endsWith("=");

        CursorKey decoded = CursorKey.decode(padded);

        assertThat(decoded.requireTimestamp("updated_at")).isEqualTo(Instant.parse("2026-02-07T11:14:49.123456Z"));
        assertThat(decoded).isEqualTo(CursorKey.decode(b64url(json)));
    }

    @Test
    void acceptsBothPaddingLengths() {
        String oneEq = Base64.getUrlEncoder().encodeToString("{\"ab\":1}".getBytes(StandardCharsets.UTF_8));
        String twoEq = Base64.getUrlEncoder().encodeToString("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(oneEq).endsWith("=").doesNotEndWith("==");
        assertThat(twoEq).endsWith("==");
        assertThat(CursorKey.decode(oneEq).values()).containsExactly(Map.entry("ab", 1L));
        assertThat(CursorKey.decode(twoEq).values()).containsExactly(Map.entry("a", 1L));
    }

    @Test
    void acceptsInsignificantWhitespaceInsideTheJson() {
        CursorKey decoded = CursorKey.decode(b64url(" {\n\t\"a\" : 1 ,\r\n \"b\" : [ ] } "));
        assertThat(decoded.values()).containsEntry("a", 1L).containsEntry("b", List.of());
    }

    @Test
    void cursorOfExactlyTheMaximumLengthIsAccepted() {
        // {"k":"xxx…"} of 6144 bytes encodes to exactly 8192 base64 characters without padding
        String value = "x".repeat(6144 - "{\"k\":\"\"}".length());
        String cursor = CursorKey.of(Map.of("k", value)).encode();
        assertThat(cursor).hasSize(CursorKey.MAX_LENGTH);
        assertThat(CursorKey.MAX_LENGTH).isEqualTo(8192);

        assertThat(CursorKey.decode(cursor).requireString("k")).isEqualTo(value);
    }

    // ---- decoding failures ------------------------------------------------------------------------

    @Test
    void rejectsTextOverTheMaximumLength() {
        String value = "x".repeat(6144 - "{\"k\":\"\"}".length() + 1);
        String cursor = CursorKey.of(Map.of("k", value)).encode();
        assertThat(cursor.length()).isGreaterThan(8192);
        invalidCursorDetail(cursor);
        invalidCursorDetail("A".repeat(8193));
        invalidCursorDetail("A".repeat(100_000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"!!!!", "not base64!", "abc$", "A", "AAAAA", "e30=x", "ey J9"})
    void rejectsMalformedBase64(String text) {
        invalidCursorDetail(text);
    }

    @Test
    void rejectsEmptyText() {
        invalidCursorDetail("");
    }

    @Test
    void rejectsMalformedUtf8() {
        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, (byte) 0xFE, '"', '}'});
        invalidCursorDetail(cursor);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{not json",
            "{\"a\":1",
            "{\"a\":1,}",
            "{a:1}",
            "{'a':1}",
            "{\"a\" 1}",
            "{\"a\":tru}",
            "{\"a\":\"unterminated}",
            "{\"a\":1}}",
            "{\"a\":1} x",
            "{\"a\":1}{\"b\":2}",
            "{\"a\":\"\\x\"}",
            "{\"a\":\"raw\ncontrol\"}",
            "{\"a\":-}",
            "{\"a\":1.2.3}",
    })
    void rejectsMalformedJson(String json) {
        invalidCursorDetail(b64url(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "[]", "42", "-1.5", "\"2026-02-07T11:14:49Z\"", "true", "null"})
    void rejectsJsonThatIsNotAnObject(String json) {
        invalidCursorDetail(b64url(json));
    }

    // ---- typed accessors --------------------------------------------------------------------------

    @Test
    void requireTimestampAcceptsBothWireForms() {
        Instant expected = Instant.parse("2026-02-07T11:14:49.123456Z");
        CursorKey key = CursorKey.decode(b64url(
                "{\"offset\":\"2026-02-07T11:14:49.123456+00:00\",\"zulu\":\"2026-02-07T11:14:49.123456Z\","
                        + "\"other\":\"2026-02-07T13:14:49.123456+02:00\"}"));
        assertThat(key.requireTimestamp("offset")).isEqualTo(expected);
        assertThat(key.requireTimestamp("zulu")).isEqualTo(expected);
        assertThat(key.requireTimestamp("other")).isEqualTo(expected);
    }

    @Test
    void requireTimestampNamesTheBadValue() {
        CursorKey key = CursorKey.of(ordered("garbage", "yesterday", "number", 5L, "nil", null));
        assertThatInvalid(() -> key.requireTimestamp("garbage"), "Invalid cursor timestamp: yesterday");
        assertThatInvalid(() -> key.requireTimestamp("number"), "Invalid cursor timestamp: 5");
        assertThatInvalid(() -> key.requireTimestamp("nil"), "Invalid cursor timestamp: null");
        assertThatInvalid(() -> key.requireTimestamp("absent"), "Invalid cursor timestamp: null");
    }

    @Test
    void requireStringReportsAMissingOrMistypedKey() {
        CursorKey key = CursorKey.of(ordered("bead_id", "bd-1", "priority", 1L));
        assertThat(key.requireString("bead_id")).isEqualTo("bd-1");
        assertThatInvalid(() -> key.requireString("priority"), "Invalid cursor: missing priority");
        assertThatInvalid(() -> key.requireString("absent"), "Invalid cursor: missing absent");
    }

    @Test
    void optionalLongReadsIntegersAndNull() {
        CursorKey key = CursorKey.decode(b64url(
                "{\"p\":3,\"neg\":-7,\"nil\":null,\"whole\":4.0,\"exp\":1e2,\"max\":9223372036854775807}"));
        assertThat(key.optionalLong("p")).contains(3L);
        assertThat(key.optionalLong("neg")).contains(-7L);
        assertThat(key.optionalLong("nil")).isEmpty();
        assertThat(key.optionalLong("absent")).isEmpty();
        assertThat(key.optionalLong("whole")).contains(4L);
        assertThat(key.optionalLong("exp")).contains(100L);
        assertThat(key.optionalLong("max")).contains(Long.MAX_VALUE);
    }

    @Test
    void optionalLongRejectsOtherTypes() {
        CursorKey key = CursorKey.decode(b64url(
                "{\"frac\":1.5,\"str\":\"3\",\"bool\":true,\"huge\":1e30,\"obj\":{},\"arr\":[1]}"));
        assertThatInvalid(() -> key.optionalLong("frac"), "Invalid cursor: frac is not an integer");
        assertThatInvalid(() -> key.optionalLong("str"), "Invalid cursor: str is not an integer");
        assertThatInvalid(() -> key.optionalLong("bool"), "Invalid cursor: bool is not an integer");
        assertThatInvalid(() -> key.optionalLong("huge"), "Invalid cursor: huge is not an integer");
        assertThatInvalid(() -> key.optionalLong("obj"), "Invalid cursor: obj is not an integer");
        assertThatInvalid(() -> key.optionalLong("arr"), "Invalid cursor: arr is not an integer");
    }

    @Test
    void hasIsFalseForAbsentAndNullKeys() {
        CursorKey key = CursorKey.of(ordered("present", "x", "nil", null, "zero", 0L));
        assertThat(key.has("present")).isTrue();
        assertThat(key.has("zero")).isTrue();
        assertThat(key.has("nil")).isFalse();
        assertThat(key.has("absent")).isFalse();
    }

    @Test
    void equalityIsByValues() {
        assertThat(CursorKey.of(Map.of("a", 1L))).isEqualTo(CursorKey.of(Map.of("a", 1L)))
                .isNotEqualTo(CursorKey.of(Map.of("a", 2L)))
                .isNotEqualTo(CursorKey.of(Map.of("b", 1L)));
    }

    private static void assertThatInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String detail) {
        assertThatExceptionOfType(DomainError.Invalid.class).isThrownBy(call)
                .satisfies(e -> {
                    assertThat(e.detail()).isEqualTo(detail);
                    assertThat(e.getMessage()).isEqualTo(detail);
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.violations()).isEmpty();
                });
    }
}
