package dev.agenthub.orchestration.events;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Payloads as Python's {@code json.dumps} writes them with its defaults (expected texts taken from CPython). */
class PayloadJsonTest {

    @Test
    void separatorsAndOrderAreJsonDumpsDefaults() {
        assertThat(PayloadJson.of("agent_count", 4)).isEqualTo("{\"agent_count\": 4}");
        assertThat(PayloadJson.of("b", "x", "a", 1L, "c", true, "d", false, "e", null))
                .isEqualTo("{\"b\": \"x\", \"a\": 1, \"c\": true, \"d\": false, \"e\": null}");
        assertThat(PayloadJson.of()).isEqualTo("{}");
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        map.put("merged_pr_ids", List.of(3L, 4L));
        map.put("none", List.of());
        assertThat(PayloadJson.write(map)).isEqualTo("{\"merged_pr_ids\": [3, 4], \"none\": []}");
    }

    @Test
    void stringsAreEscapedAsEnsureAsciiDoes() {
        // json.dumps({"s": "caf\u00e9 \u2713 \U0001F600 \"q\" \\ /\n\r\t\b\f\x01\x7f"})
        String text = "café ✓ \uD83D\uDE00 \"q\" \\ /\n\r\t\b\f\u0001\u007f";
        assertThat(PayloadJson.of("s", text)).isEqualTo(
                "{\"s\": \"caf\\u00e9 \\u2713 \\ud83d\\ude00 \\\"q\\\" \\\\ /\\n\\r\\t\\b\\f\\u0001\\u007f\"}");
        assertThat(PayloadJson.of("ключ", "")).isEqualTo("{\"\\u043a\\u043b\\u044e\\u0447\": \"\"}");
    }

    @Test
    void numbersAreWrittenInFull() {
        assertThat(PayloadJson.of("n", Long.MAX_VALUE, "m", Integer.MIN_VALUE))
                .isEqualTo("{\"n\": 9223372036854775807, \"m\": -2147483648}");
        assertThat(PayloadJson.of("ids", Arrays.asList(1L, null, 2))).isEqualTo("{\"ids\": [1, null, 2]}");
    }

    @Test
    void otherValuesAreProgrammingErrors() {
        assertThatThrownBy(() -> PayloadJson.of("x", 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PayloadJson.of("x", Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PayloadJson.of("x", List.of(List.of()))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PayloadJson.of("x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PayloadJson.of(1, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyCatalogueTypeIsListedOnce() {
        assertThat(EventTypes.ALL).hasSize(16).doesNotHaveDuplicates()
                .contains("project_bootstrapped", "autopilot_cycle_completed", "pr_closed", "work_item_lease_expired",
                        "work_item_attempts_exhausted");
    }
}
