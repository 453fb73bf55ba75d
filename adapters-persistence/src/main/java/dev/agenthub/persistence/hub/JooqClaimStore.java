package dev.agenthub.persistence.hub;

import dev.agenthub.hub.claims.Claim;
import dev.agenthub.hub.claims.port.ClaimStore;
import dev.agenthub.persistence.jooq.hub.tables.records.ClaimsRecord;
import dev.agenthub.persistence.sql.JooqSession;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.paging.CursorKey;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SortField;
import org.jooq.impl.DSL;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.agenthub.persistence.jooq.hub.Tables.CLAIMS;
import static dev.agenthub.persistence.protocol.SqlTime.instant;
import static dev.agenthub.persistence.protocol.SqlTime.utc;

/**
 * {@link ClaimStore} on PostgreSQL ({@code hub.claims}). {@link #claim} runs in a savepoint of the caller's
 * transaction, or in a transaction of its own when there is none, and first takes
 * {@code pg_advisory_xact_lock(CLAIM_LOCKS, hashtext(project_id || '/' || bead_id))}: the lock lives until the
 * outermost transaction ends, so the check for another workspace's claim and the upsert of this one are atomic
 * for every server instance on the database. Two beads whose hashes collide merely serialise their claims. The
 * check reads what the previous lock holder committed, which holds at READ COMMITTED (the hub's isolation); a
 * caller running claims in a REPEATABLE READ or SERIALIZABLE transaction would check against its older snapshot.
 */
public final class JooqClaimStore implements ClaimStore {

    /** The first key of the two-key advisory locks of claims ({@code "Clai"}), so other lock users keep theirs. */
    static final int CLAIM_LOCKS = 0x436C6169;

    private static final SortField<?>[] NEWEST_FIRST = {
            CLAIMS.CLAIMED_AT.desc(), CLAIMS.BEAD_ID.asc(), CLAIMS.WORKSPACE_ID.asc()};

    /** {@link #NEWEST_FIRST} in Java: a uuid's text orders like PostgreSQL's uuid (not like {@code UUID.compareTo}). */
    private static final Comparator<Claim> NEWEST_FIRST_ORDER = Comparator.comparing(Claim::claimedAt).reversed()
            .thenComparing(Claim::beadId).thenComparing(claim -> claim.workspace().value().toString());

    private final JooqSession session;

    public JooqClaimStore(JooqSession session) {
        this.session = session;
    }

    @Override
    public Outcome claim(Claim claim) {
        return session.dsl().transactionResult(tx -> {
            DSLContext dsl = tx.dsl();
            dsl.execute("SELECT pg_advisory_xact_lock({0}, hashtext({1}::text || '/' || {2}))",
                    DSL.val(CLAIM_LOCKS), DSL.val(claim.project().value()), DSL.val(claim.beadId()));
            Optional<Claim> holder = dsl.selectFrom(CLAIMS)
                    .where(CLAIMS.PROJECT_ID.eq(claim.project().value()), CLAIMS.BEAD_ID.eq(claim.beadId()),
                            CLAIMS.WORKSPACE_ID.ne(claim.workspace().value()))
                    .orderBy(NEWEST_FIRST)
                    .limit(1)
                    .fetchOptional(JooqClaimStore::toClaim);
            if (holder.isPresent()) {
                return new Rejected(holder.get());
            }
            OffsetDateTime claimedAt = utc(claim.claimedAt().truncatedTo(ChronoUnit.MICROS));
            Claim.Apex apex = claim.apex();
            ClaimsRecord written = dsl.insertInto(CLAIMS)
                    .set(CLAIMS.PROJECT_ID, claim.project().value())
                    .set(CLAIMS.BEAD_ID, claim.beadId())
                    .set(CLAIMS.WORKSPACE_ID, claim.workspace().value())
                    .set(CLAIMS.ALIAS, claim.alias())
                    .set(CLAIMS.HUMAN_NAME, claim.humanName())
                    .set(CLAIMS.CLAIMED_AT, claimedAt)
                    .set(CLAIMS.APEX_BEAD_ID, apex.beadId())
                    .set(CLAIMS.APEX_REPO_NAME, apex.repo())
                    .set(CLAIMS.APEX_BRANCH, apex.branch())
                    .onConflict(CLAIMS.PROJECT_ID, CLAIMS.BEAD_ID, CLAIMS.WORKSPACE_ID)
                    .doUpdate()
                    .set(CLAIMS.ALIAS, claim.alias())
                    .set(CLAIMS.HUMAN_NAME, claim.humanName())
                    .set(CLAIMS.CLAIMED_AT, claimedAt)
                    .set(CLAIMS.APEX_BEAD_ID, apex.beadId())
                    .set(CLAIMS.APEX_REPO_NAME, apex.repo())
                    .set(CLAIMS.APEX_BRANCH, apex.branch())
                    .returning()
                    .fetchOne();
            return new Claimed(toClaim(written));
        });
    }

    @Override
    public List<Claim> releaseAll(ProjectId project, String beadId) {
        return session.dsl().deleteFrom(CLAIMS)
                .where(CLAIMS.PROJECT_ID.eq(project.value()), CLAIMS.BEAD_ID.eq(beadId))
                .returning()
                .fetch(JooqClaimStore::toClaim)
                .stream().sorted(NEWEST_FIRST_ORDER).toList();
    }

    @Override
    public List<Claim> deleteOfWorkspaces(Collection<AgentId> workspaces) {
        if (workspaces.isEmpty()) {
            return List.of();
        }
        return session.dsl().deleteFrom(CLAIMS)
                .where(CLAIMS.WORKSPACE_ID.eq(DSL.any(uuids(workspaces))))
                .returning()
                .fetch(JooqClaimStore::toClaim)
                .stream().sorted(NEWEST_FIRST_ORDER).toList();
    }

    @Override
    public List<Claim> newestOfProject(ProjectId project, int limit) {
        return session.dsl().selectFrom(CLAIMS)
                .where(CLAIMS.PROJECT_ID.eq(project.value()))
                .orderBy(NEWEST_FIRST)
                .limit(limit)
                .fetch(JooqClaimStore::toClaim);
    }

    @Override
    public List<Claim> ofWorkspaces(Collection<AgentId> workspaces) {
        if (workspaces.isEmpty()) {
            return List.of();
        }
        return session.dsl().selectFrom(CLAIMS)
                .where(CLAIMS.WORKSPACE_ID.eq(DSL.any(uuids(workspaces))))
                .orderBy(NEWEST_FIRST)
                .fetch(JooqClaimStore::toClaim);
    }

    @Override
    public List<Claim> ofBeads(ProjectId project, Collection<String> beadIds) {
        if (beadIds.isEmpty()) {
            return List.of();
        }
        return session.dsl().selectFrom(CLAIMS)
                .where(CLAIMS.PROJECT_ID.eq(project.value()),
                        CLAIMS.BEAD_ID.eq(DSL.any(beadIds.stream().distinct().toArray(String[]::new))))
                .orderBy(NEWEST_FIRST)
                .fetch(JooqClaimStore::toClaim);
    }

    @Override
    public Page<Claim> page(ProjectId project, Optional<AgentId> workspace, PageRequest request) {
        Condition where = CLAIMS.PROJECT_ID.eq(project.value())
                .and(workspace.map(w -> CLAIMS.WORKSPACE_ID.eq(w.value())).orElse(DSL.noCondition()));
        if (request.after().isPresent()) {
            CursorKey after = request.after().get();
            OffsetDateTime claimedAt = utc(after.requireTimestamp("claimed_at"));
            String beadId = after.requireString("bead_id");
            UUID workspaceId = cursorUuid(after, "workspace_id");
            where = where.and(CLAIMS.CLAIMED_AT.lt(claimedAt).or(CLAIMS.CLAIMED_AT.eq(claimedAt)
                    .and(DSL.row(CLAIMS.BEAD_ID, CLAIMS.WORKSPACE_ID).gt(beadId, workspaceId))));
        }
        List<Claim> rows = session.dsl().selectFrom(CLAIMS)
                .where(where)
                .orderBy(NEWEST_FIRST)
                .limit(request.fetchSize())
                .fetch(JooqClaimStore::toClaim);
        return Page.fromOverfetch(rows, request, claim -> {
            Map<String, Object> key = new LinkedHashMap<>();
            key.put("claimed_at", CursorKey.timestamp(claim.claimedAt()));
            key.put("bead_id", claim.beadId());
            key.put("workspace_id", claim.workspace().value().toString());
            return CursorKey.of(key);
        });
    }

    @Override
    public Map<String, Integer> claimantCounts(ProjectId project, Collection<String> beadIds) {
        Map<String, Integer> counts = new HashMap<>();
        beadIds.forEach(bead -> counts.put(bead, 0));
        if (beadIds.isEmpty()) {
            return counts;
        }
        session.dsl().select(CLAIMS.BEAD_ID, DSL.count())
                .from(CLAIMS)
                .where(CLAIMS.PROJECT_ID.eq(project.value()),
                        CLAIMS.BEAD_ID.eq(DSL.any(beadIds.stream().distinct().toArray(String[]::new))))
                .groupBy(CLAIMS.BEAD_ID)
                .forEach(row -> counts.put(row.value1(), row.value2()));
        return counts;
    }

    private static UUID[] uuids(Collection<AgentId> workspaces) {
        return workspaces.stream().map(AgentId::value).distinct().toArray(UUID[]::new);
    }

    private static UUID cursorUuid(CursorKey cursor, String key) {
        try {
            return UUID.fromString(cursor.requireString(key));
        } catch (IllegalArgumentException e) {
            throw new DomainError.Invalid("Invalid cursor: bad " + key);
        }
    }

    private static Claim toClaim(ClaimsRecord row) {
        return new Claim(new ProjectId(row.getProjectId()), row.getBeadId(), new AgentId(row.getWorkspaceId()),
                row.getAlias(), row.getHumanName(), instant(row.getClaimedAt()),
                new Claim.Apex(row.getApexBeadId(), row.getApexRepoName(), row.getApexBranch()));
    }
}
