package dev.agenthub.orchestration.policy;

import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.policy.port.PolicyStore;
import dev.agenthub.orchestration.projects.Projects;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * A project's automation policy and its revision history (wire spec agenthub §5): read (created on demand), change
 * (always recording a revision), list revisions, restore one.
 */
public final class AutomationPolicies {

    public static final String REVISION_NOT_FOUND = "Policy revision not found";
    /** The {@code change_reason} of a PATCH that gives none (or only blanks). */
    public static final String DEFAULT_REASON = "policy_updated";
    public static final int MAX_REASON = 255;
    public static final int MAX_CHANGED_BY = 120;

    private final TransactionRunner tx;
    private final Projects projects;
    private final PolicyStore store;
    private final Clock clock;

    public AutomationPolicies(TransactionRunner tx, Projects projects, PolicyStore store, Clock clock) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.projects = Objects.requireNonNull(projects, "projects");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The project's policy, created with the defaults when missing. @throws DomainError.NotFound {@code Project not found} */
    public AutomationPolicy get(long projectId) {
        projects.require(projectId);
        return store.getOrCreate(projectId);
    }

    /**
     * Applies {@code changes} and records a revision of the result, even when nothing changed.
     *
     * @param changedBy    who changed it ({@code principal:<sub>}, {@code system:api}, …); cut to 120 characters
     * @param changeReason the raw reason (≤ 255) or null; trimmed, blank or null gives {@code policy_updated}
     * @throws DomainError.NotFound {@code Project not found}
     */
    public AutomationPolicy update(long projectId, PolicyChanges changes, String changedBy, String changeReason) {
        String reason = changeReason == null || changeReason.isBlank() ? DEFAULT_REASON : changeReason.strip();
        return tx.inTransaction(() -> {
            projects.require(projectId);
            AutomationPolicy current = store.lockOrCreate(projectId);
            return record(projectId, changes.applyTo(current.settings()), changedBy, reason);
        });
    }

    /** A page of the project's revisions, newest first. @throws DomainError.NotFound {@code Project not found} */
    public List<PolicyRevision> revisions(long projectId, PageSlice page) {
        projects.require(projectId);
        return store.revisions(projectId, page);
    }

    /**
     * Copies the six switches of revision {@code revisionId} onto the policy and records a revision with reason
     * {@code restored_from_revision:<rid>}.
     *
     * @throws DomainError.NotFound {@code Project not found}; {@code Policy revision not found} for an unknown
     *                              revision or one of another project
     */
    public AutomationPolicy restore(long projectId, long revisionId, String changedBy) {
        return tx.inTransaction(() -> {
            projects.require(projectId);
            PolicyRevision revision = store.revision(projectId, revisionId)
                    .orElseThrow(() -> new DomainError.NotFound(REVISION_NOT_FOUND));
            store.lockOrCreate(projectId);
            return record(projectId, revision.settings(), changedBy, "restored_from_revision:" + revisionId);
        });
    }

    private AutomationPolicy record(long projectId, PolicySettings settings, String changedBy, String reason) {
        AutomationPolicy updated = store.update(projectId, settings);
        String by = changedBy.length() <= MAX_CHANGED_BY ? changedBy : changedBy.substring(0, MAX_CHANGED_BY);
        store.addRevision(projectId, settings, by, reason, WireTime.truncate(clock.instant()));
        return updated;
    }
}
