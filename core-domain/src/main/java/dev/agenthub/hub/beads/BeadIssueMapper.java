package dev.agenthub.hub.beads;

import dev.agenthub.protocol.kernel.json.CompactJson;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.kernel.text.CodePoints;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Maps a filtered JSONL record to the {@link BeadIssue} it writes (wire spec §5.5), including the dependency
 * mapping to {@code blocked_by} and {@code parent_id}. A mapper is made per payload, because whether a
 * {@code blocks} dependency counts depends on the whole payload.
 */
public final class BeadIssueMapper {

    /** The longest {@code created_by} kept, in code points. */
    public static final int CREATED_BY_MAX = 255;
    static final String CLOSED = "closed";

    private final String repo;
    private final String branch;
    private final Set<String> closedInPayload;

    /**
     * @param repo    the default ref repo: the sync's canonical repo
     * @param branch  the default ref branch: the sync's branch
     * @param payload the filtered records (§5.4) of the payload being written
     */
    public BeadIssueMapper(String repo, String branch, Map<String, Map<String, Object>> payload) {
        this.repo = Objects.requireNonNull(repo, "repo");
        this.branch = Objects.requireNonNull(branch, "branch");
        this.closedInPayload = payload.entrySet().stream()
                .filter(e -> CLOSED.equals(e.getValue().get("status")))
                .map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Maps a whole filtered payload (§5.4) in its order: the issues the upsert of {@code (repo, branch)} writes.
     */
    public static List<BeadIssue> mapAll(SequencedMap<String, Map<String, Object>> records, String repo,
                                         String branch, Instant syncedAt) {
        BeadIssueMapper mapper = new BeadIssueMapper(repo, branch, records);
        return records.values().stream().map(record -> mapper.map(record, syncedAt)).toList();
    }

    /** The issue {@code record} (whose {@code id} passed the filter) writes, stamped {@code syncedAt}. */
    public BeadIssue map(Map<String, Object> record, Instant syncedAt) {
        List<BeadRef> blockedBy = new ArrayList<>();
        if (record.get("blocked_by") instanceof List<?> explicit) {
            for (Object element : explicit) {
                BeadRef.parseElement(element, repo, branch).ifPresent(blockedBy::add);
            }
        }
        BeadRef parent = null;
        if (record.get("dependencies") instanceof List<?> dependencies) {
            for (Object element : dependencies) {
                if (!(element instanceof Map<?, ?> dependency)
                        || !(dependency.get("depends_on_id") instanceof String target)) {
                    continue;
                }
                var ref = BeadRef.parse(target, repo, branch);
                if (ref.isEmpty()) {
                    continue;
                }
                Object type = dependency.get("type");
                if ("parent-child".equals(type)) {
                    if (parent == null) {
                        parent = ref.get();
                    }
                } else if ("blocks".equals(type) && !closedInPayload.contains(target)) {
                    blockedBy.add(ref.get());
                }
            }
        }
        return new BeadIssue(repo, branch, (String) record.get("id"), text(record.get("title")),
                text(record.get("description")), text(record.get("status")), integer(record.get("priority")),
                text(record.get("issue_type")), text(record.get("assignee")), createdBy(record.get("created_by")),
                labels(record.get("labels")), timestamp(record.get("created_at")),
                timestamp(record.get("updated_at")), blockedBy, parent, syncedAt);
    }

    /** Free text: a string as given; any other JSON value is not text and is stored as null. */
    static String text(Object value) {
        return value instanceof String s ? s : null;
    }

    /** An integer in the {@code int} range, else null. */
    static Integer integer(Object value) {
        if (value instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return l.intValue();
        }
        return null;
    }

    /**
     * {@code created_by}: non-strings are converted to strings (booleans as {@code True}/{@code False}, the way the
     * reference server's Python prints them; numbers as written; objects and arrays as compact JSON), trimmed,
     * empty becomes null, then cut to {@value #CREATED_BY_MAX} code points.
     */
    static String createdBy(Object value) {
        String text = switch (value) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b ? "True" : "False";
            case Long l -> l.toString();
            case BigDecimal d -> d.toString();
            default -> CompactJson.write(value);
        };
        if (text == null) {
            return null;
        }
        text = text.strip();
        if (text.isEmpty()) {
            return null;
        }
        return CodePoints.prefix(text, CREATED_BY_MAX);
    }

    /** An array's string elements (others dropped); null when there are none or it is not an array. */
    static List<String> labels(Object value) {
        if (!(value instanceof List<?> list)) {
            return null;
        }
        List<String> labels = new ArrayList<>();
        for (Object element : list) {
            if (element instanceof String s) {
                labels.add(s);
            }
        }
        return labels.isEmpty() ? null : labels;
    }

    /** An ISO-8601 timestamp at the stored (microsecond) resolution; null when absent or unparseable. */
    static Instant timestamp(Object value) {
        return value instanceof String s ? WireTime.parse(s).map(WireTime::truncate).orElse(null) : null;
    }
}
