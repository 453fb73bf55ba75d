package dev.agenthub.hub.beads;

import dev.agenthub.protocol.kernel.error.DomainError;

import java.util.Locale;

/** The {@code sync_mode} of {@code POST /v1/bdh/sync} (wire spec §4.5, §5.1). */
public enum SyncMode {
    /** The whole issue set in {@code issues_jsonl}; bdh sends it when it has no state file (§5.2). */
    FULL,
    /** The changed or new issues in {@code changed_issues}, plus {@code deleted_ids}. */
    INCREMENTAL;

    static final String INVALID = "sync_mode must be 'full' or 'incremental'";

    /**
     * Resolves the body value: absent (null) means full; otherwise it is trimmed and lowercased and must be
     * {@code full} or {@code incremental}.
     *
     * @throws DomainError.Invalid 422 {@code sync_mode must be 'full' or 'incremental'}
     */
    public static SyncMode resolve(String value) {
        if (value == null) {
            return FULL;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "full" -> FULL;
            case "incremental" -> INCREMENTAL;
            default -> throw new DomainError.Invalid(INVALID);
        };
    }
}
