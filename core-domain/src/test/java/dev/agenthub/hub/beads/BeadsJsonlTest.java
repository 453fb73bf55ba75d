package dev.agenthub.hub.beads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agenthub.protocol.kernel.error.DomainError;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/** Wire spec §5.3: JSONL parsing and its 400s. */
class BeadsJsonlTest {

    private static void assertBadRequest(String payload, String detail) {
        assertThatThrownBy(() -> BeadsJsonl.parse(payload))
                .isInstanceOfSatisfying(DomainError.Invalid.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.detail()).isEqualTo(detail);
                    assertThat(e.violations()).isEmpty();
                });
    }

    private static String nested(int levels) {
        // {"a": [[...[1]...]]} with `levels` arrays: the innermost array sits at level `levels`
        return "{\"a\":" + "[".repeat(levels) + "1" + "]".repeat(levels) + "}";
    }

    @Test
    void parsesObjectsInLineOrderSkippingBlankLinesAndTrimming() {
        List<Map<String, Object>> records = BeadsJsonl.parse(
                "{\"id\":\"bd-1\",\"priority\":2}\n\n   \r\n  {\"id\":\"bd-2\"}  \r{\"id\":\"bd-3\"}\n");

        assertThat(records).containsExactly(Map.of("id", "bd-1", "priority", 2L), Map.of("id", "bd-2"),
                Map.of("id", "bd-3"));
    }

    @Test
    void anEmptyOrBlankPayloadHasNoRecords() {
        assertThat(BeadsJsonl.parse("")).isEmpty();
        assertThat(BeadsJsonl.parse("\n  \n\t\n")).isEmpty();
    }

    @Test
    void aMalformedLineIs400WithItsLineNumberCountingBlankLines() {
        assertBadRequest("{\"id\":\"bd-1\"}\n\n{\"id\": nope}\n",
                "Invalid JSON on line 3: unexpected literal at offset 7");
        assertBadRequest("{\"id\":\"bd-1\"", "Invalid JSON on line 1: unexpected end at offset 12");
        assertBadRequest("{\"id\":\"bd-1\"} x", "Invalid JSON on line 1: trailing characters at offset 14");
    }

    @Test
    void aNonObjectLineIs400() {
        assertBadRequest("{\"id\":\"bd-1\"}\n[1,2]", "JSON on line 2 must be an object");
        assertBadRequest("\"bd-1\"", "JSON on line 1 must be an object");
        assertBadRequest("\n\n42", "JSON on line 3 must be an object");
        assertBadRequest("null", "JSON on line 1 must be an object");
    }

    @Test
    void nestingDepthNineIsAcceptedAndTenIsRejected() {
        assertThat(BeadsJsonl.parse(nested(9))).hasSize(1);
        assertBadRequest(nested(10), "JSON nesting depth exceeds limit (10) on line 1");
        assertBadRequest("{}\n{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":{\"i\":{\"j\":{}}}}}}}}}}}",
                "JSON nesting depth exceeds limit (10) on line 2");
    }

    @Test
    void emptyContainersCountAsLevelsToo() {
        assertThat(BeadsJsonl.parse("{\"a\":" + "[".repeat(9) + "]".repeat(9) + "}")).hasSize(1);
        assertBadRequest("{\"a\":" + "[".repeat(10) + "]".repeat(10) + "}",
                "JSON nesting depth exceeds limit (10) on line 1");
    }

    @Test
    void nestingPastTheReadersOwnLimitIsTheRecursionMessage() {
        assertBadRequest("{}\n" + nested(40), "JSON nesting too deep on line 2: exceeds recursion limit");
        assertBadRequest("[".repeat(5000) + "]".repeat(5000), "JSON nesting too deep on line 1: exceeds recursion limit");
    }

    @Test
    void tenThousandRecordsAreAcceptedAndTheTenThousandAndFirstIs400() {
        String tenThousand = "{\"id\":\"bd\"}\n".repeat(10_000);

        assertThat(BeadsJsonl.parse(tenThousand)).hasSize(10_000);
        assertThat(BeadsJsonl.parse(tenThousand + "\n   \n")).hasSize(10_000);
        assertBadRequest(tenThousand + "{\"id\":\"bd\"}", "Too many issues: exceeds limit of 10000");
    }

    @Test
    void theRecordLimitIsCheckedBeforeTheLineIsParsed() {
        assertBadRequest("{}\n".repeat(10_000) + "not json", "Too many issues: exceeds limit of 10000");
    }

    @Test
    void recordsWithoutAnIdStillCountTowardsTheLimit() {
        assertBadRequest("{\"title\":\"x\"}\n".repeat(10_001), "Too many issues: exceeds limit of 10000");
    }

    @Test
    void aPayloadOverTenMebibytesIsACallerErrorNotA400() {
        String exactly = "{\"d\":\"" + "x".repeat(BeadsJsonl.MAX_CHARS - 8) + "\"}";
        assertThat(exactly).hasSize(10_485_760);

        assertThat(BeadsJsonl.parse(exactly)).hasSize(1);
        assertThatThrownBy(() -> BeadsJsonl.parse(exactly + " "))
                .isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(DomainError.class);
    }
}
