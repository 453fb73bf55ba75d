package dev.agenthub.persistence.hub;

import dev.agenthub.hub.beads.BeadIssue;
import dev.agenthub.hub.beads.BeadRef;
import dev.agenthub.hub.beads.port.BeadStore;
import dev.agenthub.protocol.kernel.tx.TransactionConflict;
import dev.agenthub.persistence.jooq.hub.tables.records.BeadIssuesRecord;
import dev.agenthub.persistence.sql.JooqSession;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.json.CompactJson;
import dev.agenthub.protocol.kernel.paging.CursorKey;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;
import dev.agenthub.protocol.kernel.time.WireTime;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static dev.agenthub.persistence.jooq.hub.Tables.BEAD_ISSUES;
import static dev.agenthub.persistence.jooq.hub.Tables.BEAD_ISSUE_COUNTS;
import static dev.agenthub.persistence.protocol.SqlTime.instant;
import static dev.agenthub.persistence.protocol.SqlTime.utc;

/**
 * {@link BeadStore} on PostgreSQL ({@code hub.bead_issues}). Every bulk operation is one statement whatever the
 * number of issues: {@link #lockForUpdate} is {@code bead_id = ANY(?) … FOR UPDATE}, and {@link #insert} and
 * {@link #update} bind one array per column and read the rows back with {@code unnest}, so a sync of 10,000
 * issues costs three round trips. {@code blocked_by} and {@code parent_id} are jsonb
 * {@code {"repo","branch","bead_id"}} objects written with {@link CompactJson}; timestamps are truncated to the
 * microsecond PostgreSQL keeps. An {@link #insert} that meets a stored key (a lost race) fails with
 * {@link TransactionConflict} and leaves the caller's transaction aborted: the upsert is then retried whole.
 * {@link #page} orders by {@code coalesce(updated_at, synced_at)} desc, priority asc (nulls last), bead id, repo
 * and branch, and its keyset condition follows that order; a malformed page cursor is a 422
 * {@code Invalid cursor: …} (see {@link BeadStore#page}).
 */
public final class JooqBeadStore implements BeadStore {

    private static final String COLUMNS = "repo, branch, bead_id, title, description, status, priority, issue_type, "
            + "assignee, created_by, labels, created_at, updated_at, blocked_by, parent_id, synced_at";

    /** The rows of the payload, one array per column, in {@link #COLUMNS} order. */
    private static final String UNNEST = "unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
            + "?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::jsonb[], "
            + "?::jsonb[], ?::timestamptz[]) AS v(" + COLUMNS + ")";

    private static final String INSERT = "INSERT INTO hub.bead_issues (project_id, " + COLUMNS + ") "
            + "SELECT ?::uuid, v.repo, v.branch, v.bead_id, v.title, v.description, v.status, v.priority, "
            + "v.issue_type, v.assignee, v.created_by, v.labels::text[], v.created_at, v.updated_at, v.blocked_by, "
            + "v.parent_id, v.synced_at FROM " + UNNEST;

    private static final String UPDATE = "UPDATE hub.bead_issues AS b SET title = v.title, "
            + "description = v.description, status = v.status, priority = v.priority, issue_type = v.issue_type, "
            + "assignee = v.assignee, created_by = v.created_by, labels = v.labels::text[], "
            + "created_at = v.created_at, updated_at = v.updated_at, blocked_by = v.blocked_by, "
            + "parent_id = v.parent_id, synced_at = v.synced_at FROM " + UNNEST + " "
            + "WHERE b.project_id = ?::uuid AND b.repo = v.repo AND b.branch = v.branch AND b.bead_id = v.bead_id";

    /** Every blocker of the row names a closed row of its project; a missing blocker blocks. */
    private static final Condition ALL_BLOCKERS_CLOSED = DSL.condition("""
            NOT EXISTS (SELECT 1 FROM jsonb_array_elements("hub"."bead_issues"."blocked_by") AS ref(r)
                WHERE NOT EXISTS (SELECT 1 FROM hub.bead_issues AS blocker
                    WHERE blocker.project_id = "hub"."bead_issues"."project_id"
                      AND blocker.repo = ref.r ->> 'repo' AND blocker.branch = ref.r ->> 'branch'
                      AND blocker.bead_id = ref.r ->> 'bead_id' AND blocker.status = 'closed'))""");

    private static final String INCOMPLETE_CURSOR =
            "Invalid cursor: incomplete sort key (missing sort_time, priority, or bead_id)";

    /** The first key of the {@link #page} order. */
    private static final Field<OffsetDateTime> SORT_TIME = DSL.coalesce(BEAD_ISSUES.UPDATED_AT, BEAD_ISSUES.SYNCED_AT);

    private final JooqSession session;

    public JooqBeadStore(JooqSession session) {
        this.session = session;
    }

    @Override
    public Map<String, BeadIssue> lockForUpdate(ProjectId project, String repo, String branch,
                                                Collection<String> beadIds) {
        if (beadIds.isEmpty()) {
            return Map.of();
        }
        return byId(session.dsl().selectFrom(BEAD_ISSUES)
                .where(inBranch(project, repo, branch), BEAD_ISSUES.BEAD_ID.eq(DSL.any(ids(beadIds))))
                .orderBy(BEAD_ISSUES.BEAD_ID) // one lock order for every payload, so overlapping syncs never deadlock
                .forUpdate()
                .fetch(JooqBeadStore::toIssue));
    }

    @Override
    public void insert(ProjectId project, List<BeadIssue> issues) {
        if (issues.isEmpty()) {
            return;
        }
        session.dsl().connection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
                statement.setObject(1, project.value());
                bindRows(connection, statement, 2, issues);
                statement.executeUpdate();
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    throw new TransactionConflict("a concurrent transaction inserted a bead issue of this payload", e);
                }
                throw e;
            }
        });
    }

    @Override
    public void update(ProjectId project, List<BeadIssue> issues) {
        if (issues.isEmpty()) {
            return;
        }
        session.dsl().connection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(UPDATE)) {
                int next = bindRows(connection, statement, 1, issues);
                statement.setObject(next, project.value());
                statement.executeUpdate();
            }
        });
    }

    @Override
    public Optional<BeadIssue> find(ProjectId project, String repo, String branch, String beadId) {
        return session.dsl().selectFrom(BEAD_ISSUES)
                .where(inBranch(project, repo, branch), BEAD_ISSUES.BEAD_ID.eq(beadId))
                .fetchOptional(JooqBeadStore::toIssue);
    }

    @Override
    public Map<String, BeadIssue> findAll(ProjectId project, String repo, String branch, Collection<String> beadIds) {
        if (beadIds.isEmpty()) {
            return Map.of();
        }
        return byId(session.dsl().selectFrom(BEAD_ISSUES)
                .where(inBranch(project, repo, branch), BEAD_ISSUES.BEAD_ID.eq(DSL.any(ids(beadIds))))
                .fetch(JooqBeadStore::toIssue));
    }

    @Override
    public int delete(ProjectId project, String repo, String branch, Collection<String> beadIds) {
        if (beadIds.isEmpty()) {
            return 0;
        }
        return session.dsl().deleteFrom(BEAD_ISSUES)
                .where(inBranch(project, repo, branch), BEAD_ISSUES.BEAD_ID.eq(DSL.any(ids(beadIds))))
                .execute();
    }

    @Override
    public int count(ProjectId project, String repo, String branch) {
        // hub.bead_issue_counts is kept exact by triggers on hub.bead_issues (V013)
        Integer count = session.dsl().select(BEAD_ISSUE_COUNTS.ISSUE_COUNT).from(BEAD_ISSUE_COUNTS)
                .where(BEAD_ISSUE_COUNTS.PROJECT_ID.eq(project.value()), BEAD_ISSUE_COUNTS.REPO.eq(repo),
                        BEAD_ISSUE_COUNTS.BRANCH.eq(branch))
                .fetchOne(BEAD_ISSUE_COUNTS.ISSUE_COUNT);
        return count == null ? 0 : count;
    }

    @Override
    public Map<String, BeadIssue> newestById(ProjectId project, Collection<String> beadIds) {
        if (beadIds.isEmpty()) {
            return Map.of();
        }
        return byId(session.dsl().selectDistinct(BEAD_ISSUES.fields()).on(BEAD_ISSUES.BEAD_ID)
                .from(BEAD_ISSUES)
                .where(BEAD_ISSUES.PROJECT_ID.eq(project.value()), BEAD_ISSUES.BEAD_ID.eq(DSL.any(ids(beadIds))))
                .orderBy(BEAD_ISSUES.BEAD_ID, BEAD_ISSUES.SYNCED_AT.desc(), BEAD_ISSUES.REPO, BEAD_ISSUES.BRANCH)
                .fetch(row -> toIssue(row.into(BEAD_ISSUES))));
    }

    @Override
    public Optional<BeadIssue> first(ProjectId project, String beadId, Optional<String> repo, Optional<String> branch) {
        return session.dsl().selectFrom(BEAD_ISSUES)
                .where(BEAD_ISSUES.PROJECT_ID.eq(project.value()), BEAD_ISSUES.BEAD_ID.eq(beadId),
                        repo.map(BEAD_ISSUES.REPO::eq).orElse(DSL.noCondition()),
                        branch.map(BEAD_ISSUES.BRANCH::eq).orElse(DSL.noCondition()))
                .orderBy(BEAD_ISSUES.REPO, BEAD_ISSUES.BRANCH)
                .limit(1)
                .fetchOptional(JooqBeadStore::toIssue);
    }

    @Override
    public Page<BeadIssue> page(ProjectId project, IssueFilter filter, PageRequest request) {
        Condition where = BEAD_ISSUES.PROJECT_ID.eq(project.value()).and(matching(filter));
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

    /** The rows after the cursor's key in the {@link #page} order. */
    private static Condition after(CursorKey cursor) {
        Map<String, Object> values = cursor.values();
        if (!values.containsKey("sort_time") || !values.containsKey("priority") || !values.containsKey("bead_id")) {
            throw new DomainError.Invalid(INCOMPLETE_CURSOR);
        }
        Object rawTime = values.get("sort_time");
        Optional<Instant> time = rawTime instanceof String text
                ? WireTime.parse(text).filter(WireTime::storable) : Optional.empty();
        if (time.isEmpty()) {
            throw new DomainError.Invalid("Invalid cursor: bad timestamp (" + rawTime + ")");
        }
        if (!(values.get("bead_id") instanceof String beadId)) {
            throw new DomainError.Invalid(INCOMPLETE_CURSOR);
        }
        Optional<Long> priority = cursor.optionalLong("priority");
        if (priority.isPresent() && (priority.get() < Integer.MIN_VALUE || priority.get() > Integer.MAX_VALUE)) {
            throw new DomainError.Invalid("Invalid cursor: bad priority (" + priority.get() + ")");
        }
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

    @Override
    public List<BeadIssue> ready(ProjectId project, Optional<String> repo, Optional<String> branch, int limit) {
        return session.dsl().selectFrom(BEAD_ISSUES)
                .where(BEAD_ISSUES.PROJECT_ID.eq(project.value()), BEAD_ISSUES.STATUS.eq("open"),
                        repo.map(BEAD_ISSUES.REPO::eq).orElse(DSL.noCondition()),
                        branch.map(BEAD_ISSUES.BRANCH::eq).orElse(DSL.noCondition()),
                        ALL_BLOCKERS_CLOSED)
                .orderBy(BEAD_ISSUES.PRIORITY.asc().nullsLast(), BEAD_ISSUES.BEAD_ID, BEAD_ISSUES.REPO,
                        BEAD_ISSUES.BRANCH)
                .limit(limit)
                .fetch(JooqBeadStore::toIssue);
    }

    private static Condition matching(IssueFilter filter) {
        Condition condition = DSL.noCondition();
        if (filter.repo().isPresent()) {
            condition = condition.and(BEAD_ISSUES.REPO.eq(filter.repo().get()));
        }
        if (filter.branch().isPresent()) {
            condition = condition.and(BEAD_ISSUES.BRANCH.eq(filter.branch().get()));
        }
        if (!filter.statuses().isEmpty()) {
            condition = condition.and(BEAD_ISSUES.STATUS.in(filter.statuses()));
        }
        if (filter.assignee().isPresent()) {
            condition = condition.and(BEAD_ISSUES.ASSIGNEE.eq(filter.assignee().get()));
        }
        if (filter.createdBy().isPresent()) {
            condition = condition.and(BEAD_ISSUES.CREATED_BY.eq(filter.createdBy().get()));
        }
        if (filter.label().isPresent()) {
            condition = condition.and(DSL.val(filter.label().get()).eq(DSL.any(BEAD_ISSUES.LABELS)));
        }
        if (filter.type().isPresent()) {
            condition = condition.and(BEAD_ISSUES.ISSUE_TYPE.eq(filter.type().get()));
        }
        if (filter.query().isPresent()) {
            String literal = likeLiteral(filter.query().get());
            condition = condition.and(BEAD_ISSUES.BEAD_ID.likeIgnoreCase(literal + "%", '\\')
                    .or(BEAD_ISSUES.TITLE.likeIgnoreCase("%" + literal + "%", '\\')));
        }
        return condition;
    }

    /** {@code text} with the LIKE metacharacters {@code \}, {@code %} and {@code _} escaped by a backslash. */
    static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Condition inBranch(ProjectId project, String repo, String branch) {
        return BEAD_ISSUES.PROJECT_ID.eq(project.value()).and(BEAD_ISSUES.REPO.eq(repo))
                .and(BEAD_ISSUES.BRANCH.eq(branch));
    }

    private static String[] ids(Collection<String> beadIds) {
        return beadIds.stream().distinct().toArray(String[]::new);
    }

    private static Map<String, BeadIssue> byId(List<BeadIssue> issues) {
        Map<String, BeadIssue> map = new HashMap<>();
        issues.forEach(issue -> map.put(issue.beadId(), issue));
        return map;
    }

    /** Binds the sixteen column arrays of {@link #UNNEST} from {@code first} on; answers the next index. */
    private static int bindRows(Connection connection, PreparedStatement statement, int first, List<BeadIssue> issues)
            throws SQLException {
        int index = first;
        index = bindText(connection, statement, index, issues, BeadIssue::repo);
        index = bindText(connection, statement, index, issues, BeadIssue::branch);
        index = bindText(connection, statement, index, issues, BeadIssue::beadId);
        index = bindText(connection, statement, index, issues, BeadIssue::title);
        index = bindText(connection, statement, index, issues, BeadIssue::description);
        index = bindText(connection, statement, index, issues, BeadIssue::status);
        statement.setArray(index++, connection.createArrayOf("int4",
                issues.stream().map(BeadIssue::priority).toArray(Integer[]::new)));
        index = bindText(connection, statement, index, issues, BeadIssue::issueType);
        index = bindText(connection, statement, index, issues, BeadIssue::assignee);
        index = bindText(connection, statement, index, issues, BeadIssue::createdBy);
        index = bindText(connection, statement, index, issues, issue -> arrayLiteral(issue.labels()));
        index = bindText(connection, statement, index, issues, issue -> timestamp(issue.createdAt()));
        index = bindText(connection, statement, index, issues, issue -> timestamp(issue.updatedAt()));
        index = bindText(connection, statement, index, issues, issue -> refsJson(issue.blockedBy()));
        index = bindText(connection, statement, index, issues,
                issue -> issue.parentId() == null ? null : CompactJson.write(refMap(issue.parentId())));
        index = bindText(connection, statement, index, issues, issue -> timestamp(issue.syncedAt()));
        return index;
    }

    private static int bindText(Connection connection, PreparedStatement statement, int index, List<BeadIssue> issues,
                                Function<BeadIssue, String> column) throws SQLException {
        statement.setArray(index, connection.createArrayOf("text", issues.stream().map(column).toArray(String[]::new)));
        return index + 1;
    }

    /** A PostgreSQL array literal of these strings (every element quoted), or null for none. */
    private static String arrayLiteral(List<String> values) {
        if (values == null) {
            return null;
        }
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return literal.append('}').toString();
    }

    private static String timestamp(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).toString();
    }

    private static String refsJson(List<BeadRef> refs) {
        List<Object> list = new ArrayList<>(refs.size());
        refs.forEach(ref -> list.add(refMap(ref)));
        return CompactJson.write(list);
    }

    private static Map<String, Object> refMap(BeadRef ref) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("repo", ref.repo());
        map.put("branch", ref.branch());
        map.put("bead_id", ref.beadId());
        return map;
    }

    private static BeadRef toRef(Object json) {
        if (!(json instanceof Map<?, ?> map)) {
            throw new IllegalStateException("a stored bead ref is not an object: " + json);
        }
        return new BeadRef((String) map.get("repo"), (String) map.get("branch"), (String) map.get("bead_id"));
    }

    private static BeadIssue toIssue(BeadIssuesRecord row) {
        List<BeadRef> blockedBy = new ArrayList<>();
        if (row.getBlockedBy() != null && CompactJson.parse(row.getBlockedBy().data()) instanceof List<?> refs) {
            refs.forEach(ref -> blockedBy.add(toRef(ref)));
        }
        JSONB parent = row.getParentId();
        return new BeadIssue(row.getRepo(), row.getBranch(), row.getBeadId(), row.getTitle(), row.getDescription(),
                row.getStatus(), row.getPriority(), row.getIssueType(), row.getAssignee(), row.getCreatedBy(),
                row.getLabels() == null ? null : List.of(row.getLabels()), instant(row.getCreatedAt()),
                instant(row.getUpdatedAt()), blockedBy,
                parent == null || parent.data() == null ? null : toRef(CompactJson.parse(parent.data())),
                instant(row.getSyncedAt()));
    }
}
