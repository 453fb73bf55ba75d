package dev.agenthub.hub.beads;

import dev.agenthub.protocol.kernel.error.DomainError;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * What one {@code POST /v1/bdh/sync} changes, decided from its mode and fields (wire spec §5.1 step 3, §5.6):
 * the records to upsert, the ids to delete, and the ids whose claims step 5 releases.
 *
 * <ul>
 *   <li><b>Full</b>: {@code issues_jsonl} is parsed, filtered and upserted. Nothing is deleted, whatever the
 *       payload leaves out and whatever {@code deleted_ids} holds; {@code changed_issues} is not read.</li>
 *   <li><b>Incremental</b>: {@code changed_issues}, when non-blank, is parsed, filtered and upserted; the
 *       valid {@code deleted_ids} are deleted; {@code issues_jsonl} is not read.</li>
 * </ul>
 * In both modes every id of {@code deleted_ids} has its claims released (§5.1 step 5).
 *
 * @param mode          the resolved mode
 * @param records       the filtered records by id (§5.4); its size is {@code received}
 * @param deletions     the distinct valid ids to delete (§5.6); empty in full mode
 * @param claimReleases the distinct ids of {@code deleted_ids}, whose claims are released in either mode
 */
public record SyncPayload(SyncMode mode, SequencedMap<String, Map<String, Object>> records, List<String> deletions,
                          List<String> claimReleases) {

    static final String FULL_REQUIRES_ISSUES = "issues_jsonl is required for full sync";
    static final String INCREMENTAL_REQUIRES_CHANGES = "incremental sync requires changes or deletions";
    static final String TOO_MANY_DELETED = "Too many deleted_ids: exceeds limit of " + BeadsJsonl.MAX_RECORDS;

    public SyncPayload {
        deletions = List.copyOf(deletions);
        claimReleases = List.copyOf(claimReleases);
    }

    /** {@code stats.received}: the number of distinct valid ids. */
    public int received() {
        return records.size();
    }

    /**
     * Resolves the payload of a sync.
     *
     * @param deletedIds {@code deleted_ids} ({@code []} when absent)
     * @throws DomainError.Invalid 422 {@code issues_jsonl is required for full sync} (full, blank
     *                             {@code issues_jsonl}), 422 {@code incremental sync requires changes or deletions}
     *                             (incremental, blank {@code changed_issues} and no {@code deleted_ids}), 400
     *                             {@code Too many deleted_ids: exceeds limit of 10000}, or a 400 of
     *                             {@link BeadsJsonl#parse}
     */
    public static SyncPayload resolve(SyncMode mode, String issuesJsonl, String changedIssues,
                                      List<String> deletedIds) {
        if (deletedIds.size() > BeadsJsonl.MAX_RECORDS) { // each id costs a claim release: bound the work like the JSONL
            throw new DomainError.Invalid(TOO_MANY_DELETED, 400);
        }
        List<String> releases = List.copyOf(new LinkedHashSet<>(deletedIds));
        if (mode == SyncMode.FULL) {
            if (isBlank(issuesJsonl)) {
                throw new DomainError.Invalid(FULL_REQUIRES_ISSUES);
            }
            return new SyncPayload(mode, BeadRecords.filter(BeadsJsonl.parse(issuesJsonl)), List.of(),
                    releases);
        }
        if (isBlank(changedIssues) && deletedIds.isEmpty()) {
            throw new DomainError.Invalid(INCREMENTAL_REQUIRES_CHANGES);
        }
        SequencedMap<String, Map<String, Object>> records = isBlank(changedIssues)
                ? BeadRecords.filter(List.of())
                : BeadRecords.filter(BeadsJsonl.parse(changedIssues));
        List<String> deletions = new ArrayList<>();
        for (String id : releases) {
            if (BeadIds.isValidBeadId(id)) {
                deletions.add(id);
            }
        }
        return new SyncPayload(mode, records, deletions, releases);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
