package dev.agenthub.persistence.orchestration;

import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.policy.AutomationPolicy;
import dev.agenthub.orchestration.policy.PolicyRevision;
import dev.agenthub.orchestration.policy.PolicySettings;
import dev.agenthub.orchestration.policy.port.PolicyStore;
import dev.agenthub.persistence.jooq.orchestration.tables.records.AutomationPoliciesRecord;
import dev.agenthub.persistence.jooq.orchestration.tables.records.AutomationPolicyRevisionsRecord;
import dev.agenthub.persistence.sql.JooqSession;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static dev.agenthub.persistence.jooq.orchestration.Tables.AUTOMATION_POLICIES;
import static dev.agenthub.persistence.jooq.orchestration.Tables.AUTOMATION_POLICY_REVISIONS;
import static dev.agenthub.persistence.protocol.SqlTime.instant;
import static dev.agenthub.persistence.protocol.SqlTime.utc;

/**
 * {@link PolicyStore} on PostgreSQL. Creation on demand is {@code INSERT … ON CONFLICT (project_id) DO NOTHING}
 * followed by a read: a racing creator waits on the unique index, inserts nothing, and reads the winner's row.
 * {@link #lockOrCreate} reads with {@code FOR UPDATE}.
 */
public final class JooqPolicyStore implements PolicyStore {

    private final JooqSession session;

    public JooqPolicyStore(JooqSession session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    @Override
    public AutomationPolicy getOrCreate(long projectId) {
        ensure(projectId);
        return toPolicy(session.dsl().selectFrom(AUTOMATION_POLICIES)
                .where(AUTOMATION_POLICIES.PROJECT_ID.eq(projectId)).fetchSingle());
    }

    @Override
    public AutomationPolicy lockOrCreate(long projectId) {
        ensure(projectId);
        return toPolicy(session.dsl().selectFrom(AUTOMATION_POLICIES)
                .where(AUTOMATION_POLICIES.PROJECT_ID.eq(projectId)).forUpdate().fetchSingle());
    }

    private void ensure(long projectId) {
        PolicySettings d = PolicySettings.DEFAULTS;
        session.dsl().insertInto(AUTOMATION_POLICIES)
                .set(AUTOMATION_POLICIES.PROJECT_ID, projectId)
                .set(AUTOMATION_POLICIES.AUTO_TRIAGE, d.autoTriage())
                .set(AUTOMATION_POLICIES.AUTO_ASSIGN, d.autoAssign())
                .set(AUTOMATION_POLICIES.AUTO_REVIEW, d.autoReview())
                .set(AUTOMATION_POLICIES.AUTO_MERGE, d.autoMerge())
                .set(AUTOMATION_POLICIES.MIN_REVIEW_APPROVALS, d.minReviewApprovals())
                .set(AUTOMATION_POLICIES.REQUIRE_TEST_PASS, d.requireTestPass())
                .onConflict(AUTOMATION_POLICIES.PROJECT_ID).doNothing()
                .execute();
    }

    @Override
    public AutomationPolicy update(long projectId, PolicySettings s) {
        return toPolicy(session.dsl().update(AUTOMATION_POLICIES)
                .set(AUTOMATION_POLICIES.AUTO_TRIAGE, s.autoTriage())
                .set(AUTOMATION_POLICIES.AUTO_ASSIGN, s.autoAssign())
                .set(AUTOMATION_POLICIES.AUTO_REVIEW, s.autoReview())
                .set(AUTOMATION_POLICIES.AUTO_MERGE, s.autoMerge())
                .set(AUTOMATION_POLICIES.MIN_REVIEW_APPROVALS, s.minReviewApprovals())
                .set(AUTOMATION_POLICIES.REQUIRE_TEST_PASS, s.requireTestPass())
                .where(AUTOMATION_POLICIES.PROJECT_ID.eq(projectId))
                .returning()
                .fetchOptional()
                .orElseThrow(() -> new IllegalStateException("project " + projectId + " has no policy to update")));
    }

    @Override
    public PolicyRevision addRevision(long projectId, PolicySettings s, String changedBy, String changeReason,
                                      Instant createdAt) {
        return toRevision(session.dsl().insertInto(AUTOMATION_POLICY_REVISIONS)
                .set(AUTOMATION_POLICY_REVISIONS.PROJECT_ID, projectId)
                .set(AUTOMATION_POLICY_REVISIONS.AUTO_TRIAGE, s.autoTriage())
                .set(AUTOMATION_POLICY_REVISIONS.AUTO_ASSIGN, s.autoAssign())
                .set(AUTOMATION_POLICY_REVISIONS.AUTO_REVIEW, s.autoReview())
                .set(AUTOMATION_POLICY_REVISIONS.AUTO_MERGE, s.autoMerge())
                .set(AUTOMATION_POLICY_REVISIONS.MIN_REVIEW_APPROVALS, s.minReviewApprovals())
                .set(AUTOMATION_POLICY_REVISIONS.REQUIRE_TEST_PASS, s.requireTestPass())
                .set(AUTOMATION_POLICY_REVISIONS.CHANGED_BY, changedBy)
                .set(AUTOMATION_POLICY_REVISIONS.CHANGE_REASON, changeReason)
                .set(AUTOMATION_POLICY_REVISIONS.CREATED_AT, utc(createdAt))
                .returning()
                .fetchSingle());
    }

    @Override
    public List<PolicyRevision> revisions(long projectId, PageSlice page) {
        return session.dsl().selectFrom(AUTOMATION_POLICY_REVISIONS)
                .where(AUTOMATION_POLICY_REVISIONS.PROJECT_ID.eq(projectId))
                .orderBy(AUTOMATION_POLICY_REVISIONS.CREATED_AT.desc(), AUTOMATION_POLICY_REVISIONS.ID.desc())
                .limit(page.limit()).offset(page.offset())
                .fetch(JooqPolicyStore::toRevision);
    }

    @Override
    public Optional<PolicyRevision> revision(long projectId, long revisionId) {
        return session.dsl().selectFrom(AUTOMATION_POLICY_REVISIONS)
                .where(AUTOMATION_POLICY_REVISIONS.ID.eq(revisionId), AUTOMATION_POLICY_REVISIONS.PROJECT_ID.eq(projectId))
                .fetchOptional(JooqPolicyStore::toRevision);
    }

    private static AutomationPolicy toPolicy(AutomationPoliciesRecord row) {
        return new AutomationPolicy(row.getId(), row.getProjectId(), new PolicySettings(row.getAutoTriage(),
                row.getAutoAssign(), row.getAutoReview(), row.getAutoMerge(), row.getMinReviewApprovals(),
                row.getRequireTestPass()));
    }

    private static PolicyRevision toRevision(AutomationPolicyRevisionsRecord row) {
        return new PolicyRevision(row.getId(), row.getProjectId(), new PolicySettings(row.getAutoTriage(),
                row.getAutoAssign(), row.getAutoReview(), row.getAutoMerge(), row.getMinReviewApprovals(),
                row.getRequireTestPass()), row.getChangedBy(), row.getChangeReason(), instant(row.getCreatedAt()));
    }
}
