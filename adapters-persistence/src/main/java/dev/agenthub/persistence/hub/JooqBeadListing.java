package dev.agenthub.persistence.hub;

import dev.agenthub.hub.beads.BeadIssue;
import dev.agenthub.hub.beads.port.BeadListing;
import dev.agenthub.hub.beads.port.BeadStore;
import dev.agenthub.persistence.sql.JooqSession;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.paging.CursorKey;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;
import dev.agenthub.protocol.kernel.time.WireTime;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.agenthub.persistence.jooq.hub.Tables.BEAD_ISSUES;
import static dev.agenthub.persistence.protocol.SqlTime.utc;

/** {@link BeadListing} on the {@code hub.bead_issues} table that {@link JooqBeadStore} writes. */
public final class JooqBeadListing implements BeadListing {

    static final String INCOMPLETE = "Invalid cursor: incomplete sort key (missing sort_time, priority, or bead_id)";
    private static final Field<OffsetDateTime> SORT_TIME = DSL.coalesce(BEAD_ISSUES.UPDATED_AT, BEAD_ISSUES.SYNCED_AT);

    private final JooqSession session;

    public JooqBeadListing(JooqSession session) {
        this.session = session;
    }

    @Override
    public Page<BeadIssue> page(ProjectId project, BeadStore.IssueFilter filter, PageRequest request) {
        Condition where = BEAD_ISSUES.PROJECT_ID.eq(project.value()).and(JooqBeadStore.matching(filter));
        if (request.after().isPresent()) {
            where = where.and(after(request.after().get()));
        }
        List<BeadIssue> rows = session.dsl().selectFrom(BEAD_ISSUES)
                .where(where)
                .orderBy(SORT_TIME.desc(), BEAD_ISSUES.PRIORITY.asc().nullsLast(), BEAD_ISSUES.BEAD_ID.asc(),
                        BEAD_ISSUES.REPO.asc(), BEAD_ISSUES.BRANCH.asc())
                .limit(request.fetchSize())
                .fetch(JooqBeadStore::toIssue);
        return Page.fromOverfetch(rows, request, issue -> {
            Map<String, Object> key = new LinkedHashMap<>();
            key.put("sort_time", CursorKey.timestamp(issue.updatedAt() != null ? issue.updatedAt() : issue.syncedAt()));
            key.put("priority", issue.priority());
            key.put("bead_id", issue.beadId());
            key.put("repo", issue.repo());
            key.put("branch", issue.branch());
            return CursorKey.of(key);
        });
    }

    /** The rows after the cursor's key in the listing order. */
    private static Condition after(CursorKey cursor) {
        Map<String, Object> values = cursor.values();
        if (!values.containsKey("sort_time") || !values.containsKey("priority") || !values.containsKey("bead_id")) {
            throw new DomainError.Invalid(INCOMPLETE);
        }
        Object rawTime = values.get("sort_time");
        Optional<Instant> time = rawTime instanceof String text ? WireTime.parse(text) : Optional.empty();
        if (time.isEmpty()) {
            throw new DomainError.Invalid("Invalid cursor: bad timestamp (" + rawTime + ")");
        }
        if (!(values.get("bead_id") instanceof String beadId)) {
            throw new DomainError.Invalid(INCOMPLETE);
        }
        Optional<Long> priority = cursor.optionalLong("priority");
        Object repo = values.get("repo");
        Object branch = values.get("branch");
        Condition laterId = repo instanceof String r && branch instanceof String b
                ? DSL.row(BEAD_ISSUES.BEAD_ID, BEAD_ISSUES.REPO, BEAD_ISSUES.BRANCH).gt(beadId, r, b)
                : BEAD_ISSUES.BEAD_ID.gt(beadId);
        Condition samePriorityLater = priority
                .map(p -> BEAD_ISSUES.PRIORITY.gt(p.intValue()).or(BEAD_ISSUES.PRIORITY.isNull())
                        .or(BEAD_ISSUES.PRIORITY.eq(p.intValue()).and(laterId)))
                .orElseGet(() -> BEAD_ISSUES.PRIORITY.isNull().and(laterId));
        OffsetDateTime at = utc(time.get());
        return SORT_TIME.lt(at).or(SORT_TIME.eq(at).and(samePriorityLater));
    }
}
