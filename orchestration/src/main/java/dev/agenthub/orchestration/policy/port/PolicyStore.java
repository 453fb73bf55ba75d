package dev.agenthub.orchestration.policy.port;

import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.policy.AutomationPolicy;
import dev.agenthub.orchestration.policy.PolicyRevision;
import dev.agenthub.orchestration.policy.PolicySettings;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: automation policies and their revisions (wire spec agenthub §13). Every method joins the caller's
 * transaction when one is active. Implementations are checked by the contract kit's {@code PolicyStoreContract}.
 */
public interface PolicyStore {

    /**
     * The project's policy, created with {@link PolicySettings#DEFAULTS} (and no revision) when it has none. Safe
     * under concurrency: two callers creating at once both get the one stored row.
     */
    AutomationPolicy getOrCreate(long projectId);

    /**
     * The project's policy locked against concurrent changes until the caller's transaction ends (created first
     * when missing). Outside a transaction the lock is released at once.
     */
    AutomationPolicy lockOrCreate(long projectId);

    /** Stores {@code settings} on the project's existing policy and returns it. */
    AutomationPolicy update(long projectId, PolicySettings settings);

    /** Appends a revision with a new id and returns it. */
    PolicyRevision addRevision(long projectId, PolicySettings settings, String changedBy, String changeReason,
                               Instant createdAt);

    /** A page of the project's revisions, {@code created_at} desc, then id desc. */
    List<PolicyRevision> revisions(long projectId, PageSlice page);

    /** The revision with this id in this project, or empty (unknown, or another project's). */
    Optional<PolicyRevision> revision(long projectId, long revisionId);
}
