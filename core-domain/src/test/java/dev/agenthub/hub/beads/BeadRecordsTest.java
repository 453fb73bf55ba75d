package dev.agenthub.hub.beads;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Wire spec §5.4: record filtering. */
class BeadRecordsTest {

    @Test
    void recordsWithoutAValidIdAreSkippedSilently() {
        Map<String, Object> nullId = new HashMap<>();
        nullId.put("id", null);
        var filtered = BeadRecords.filter(List.of(
                Map.of("title", "no id"),
                nullId,
                Map.of("id", ""),
                Map.of("id", "-leading-dash"),
                Map.of("id", ".leading-dot"),
                Map.of("id", "has space"),
                Map.of("id", "has:colon"),
                Map.of("id", "a".repeat(101)),
                Map.of("id", 42L),
                Map.of("id", List.of("bd-1")),
                Map.of("id", "bd-1\n"),
                Map.of("id", "bd-ok"),
                Map.of("id", "bd-a3f8.1"),
                Map.of("id", "A_b-9." ),
                Map.of("id", "a".repeat(100))));

        assertThat(filtered.keySet()).containsExactly("bd-ok", "bd-a3f8.1", "A_b-9.", "a".repeat(100));
    }

    @Test
    void theLaterRecordOfARepeatedIdWinsAndReceivedCountsDistinctIds() {
        var filtered = BeadRecords.filter(List.of(
                Map.of("id", "bd-1", "title", "first"),
                Map.of("id", "bd-2", "title", "other"),
                Map.of("id", "bd-1", "title", "second")));

        assertThat(filtered).hasSize(2);
        assertThat(filtered.get("bd-1")).containsEntry("title", "second");
        assertThat(filtered.keySet()).containsExactly("bd-1", "bd-2");
    }
}
