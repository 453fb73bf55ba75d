package dev.agenthub.persistence.hub;

import dev.agenthub.hub.policies.PolicyBundle;
import dev.agenthub.hub.policies.PolicyVersion;
import dev.agenthub.hub.policies.port.PolicyStore;
import dev.agenthub.persistence.jooq.hub.tables.records.PoliciesRecord;
import dev.agenthub.persistence.sql.JooqSession;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.json.CompactJson;
import org.jooq.JSON;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.agenthub.persistence.jooq.hub.Tables.POLICIES;
import static dev.agenthub.persistence.jooq.protocol.Tables.PROJECTS;
import static dev.agenthub.persistence.protocol.SqlTime.instant;
import static dev.agenthub.persistence.protocol.SqlTime.utc;

/**
 * {@link PolicyStore} on PostgreSQL: one row of {@code hub.policies} per version, the bundle as {@code json} (which
 * keeps the roles' key order), the active id in {@code protocol.projects.active_policy_id}. The project lock is
 * {@code SELECT … FOR UPDATE} of the project's row; an insert runs as a savepoint so a taken version number fails
 * alone.
 */
public final class JooqPolicyStore implements PolicyStore {

    private final JooqSession session;

    public JooqPolicyStore(JooqSession session) {
        this.session = session;
    }

    @Override
    public Optional<UUID> lockProject(ProjectId project) {
        var row = session.dsl().select(PROJECTS.ACTIVE_POLICY_ID).from(PROJECTS)
                .where(PROJECTS.PROJECT_ID.eq(project.value()), PROJECTS.DELETED_AT.isNull())
                .forUpdate()
                .fetchOptional()
                .orElseThrow(() -> new IllegalStateException("no live project " + project));
        return Optional.ofNullable(row.value1());
    }

    @Override
    public Optional<UUID> activeId(ProjectId project) {
        return session.dsl().select(PROJECTS.ACTIVE_POLICY_ID).from(PROJECTS)
                .where(PROJECTS.PROJECT_ID.eq(project.value()))
                .fetchOptional(PROJECTS.ACTIVE_POLICY_ID);
    }

    @Override
    public Optional<PolicyVersion> find(UUID policyId) {
        return session.dsl().selectFrom(POLICIES).where(POLICIES.POLICY_ID.eq(policyId))
                .fetchOptional(JooqPolicyStore::toVersion);
    }

    @Override
    public int maxVersion(ProjectId project) {
        Integer max = session.dsl().select(DSL.max(POLICIES.VERSION)).from(POLICIES)
                .where(POLICIES.PROJECT_ID.eq(project.value()))
                .fetchOne(0, Integer.class);
        return max == null ? 0 : max;
    }

    @Override
    public void insert(PolicyVersion version) {
        try {
            session.dsl().transaction(tx -> tx.dsl().insertInto(POLICIES)
                    .set(POLICIES.POLICY_ID, version.id())
                    .set(POLICIES.PROJECT_ID, version.project().value())
                    .set(POLICIES.VERSION, version.version())
                    .set(POLICIES.BUNDLE, JSON.valueOf(CompactJson.write(version.bundle().toPlain())))
                    .set(POLICIES.CREATED_BY_WORKSPACE_ID, version.createdBy() == null ? null : version.createdBy().value())
                    .set(POLICIES.CREATED_AT, utc(version.createdAt()))
                    .set(POLICIES.UPDATED_AT, utc(version.updatedAt()))
                    .execute());
        } catch (DataAccessException e) {
            if ("23505".equals(e.sqlState())) {
                throw new IllegalStateException("policy " + version.id() + " or version " + version.version()
                        + " of project " + version.project() + " exists", e);
            }
            throw e;
        }
    }

    @Override
    public void setActive(ProjectId project, UUID policyId) {
        session.dsl().update(PROJECTS).set(PROJECTS.ACTIVE_POLICY_ID, policyId)
                .where(PROJECTS.PROJECT_ID.eq(project.value()))
                .execute();
    }

    @Override
    public List<PolicyVersion> newestFirst(ProjectId project, int limit) {
        return session.dsl().selectFrom(POLICIES).where(POLICIES.PROJECT_ID.eq(project.value()))
                .orderBy(POLICIES.VERSION.desc())
                .limit(limit)
                .fetch(JooqPolicyStore::toVersion);
    }

    private static PolicyVersion toVersion(PoliciesRecord row) {
        Object bundle = CompactJson.parse(row.getBundle().data());
        return new PolicyVersion(row.getPolicyId(), new ProjectId(row.getProjectId()), row.getVersion(),
                PolicyBundle.fromPlain(bundle instanceof Map<?, ?> map ? map : Map.of()),
                row.getCreatedByWorkspaceId() == null ? null : new AgentId(row.getCreatedByWorkspaceId()),
                instant(row.getCreatedAt()), instant(row.getUpdatedAt()));
    }
}
