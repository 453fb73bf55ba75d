package dev.agenthub.hub.beads;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/** Record filtering (wire spec §5.4), between parsing (§5.3) and the upsert (§5.5). */
public final class BeadRecords {

    private BeadRecords() {
    }

    /**
     * The records worth upserting, keyed by their id. A record without {@code id}, or whose {@code id} is not a
     * string passing the bead-id rule, is skipped silently. When an id repeats, the later record wins; it keeps
     * the position of the id's first occurrence. The map's size is the {@code received} count.
     */
    public static SequencedMap<String, Map<String, Object>> filter(List<Map<String, Object>> records) {
        SequencedMap<String, Map<String, Object>> byId = new LinkedHashMap<>();
        for (Map<String, Object> record : records) {
            Object id = record.get("id");
            if (BeadIds.isValidBeadId(id)) {
                byId.put((String) id, record);
            }
        }
        return Collections.unmodifiableSequencedMap(byId);
    }
}
