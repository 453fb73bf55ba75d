package dev.agenthub.persistence.hub;

import dev.agenthub.hub.tasks.Task;
import dev.agenthub.hub.tasks.TaskComment;
import dev.agenthub.hub.tasks.port.TaskStore;
import dev.agenthub.persistence.sql.JooqSession;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.text.WireName;
import dev.agenthub.protocol.live.port.ReadyWork;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

import static dev.agenthub.persistence.jooq.hub.Tables.TASKS;
import static dev.agenthub.persistence.jooq.hub.Tables.TASK_COMMENTS;
import static dev.agenthub.persistence.jooq.hub.Tables.TASK_COUNTERS;
import static dev.agenthub.persistence.jooq.hub.Tables.TASK_DEPENDENCIES;
import static dev.agenthub.persistence.jooq.protocol.Tables.PROJECTS;
import static dev.agenthub.persistence.protocol.SqlTime.instant;
import static dev.agenthub.persistence.protocol.SqlTime.utc;

/**
 * {@link TaskStore} on PostgreSQL ({@code hub.tasks}, {@code hub.task_counters}, {@code hub.task_dependencies},
 * {@code hub.task_comments}). Every read joins the project for the slug of the ref. {@link #nextNumber} is one
 * upsert of the project's counter row, which stays locked until the caller's transaction ends: concurrent
 * creators on any instance queue on it, and a rolled-back number is handed out again. {@link #lockDependencies}
 * is {@code pg_advisory_xact_lock(TASK_LOCKS, hashtext(project_id))}, held until the outermost transaction ends,
 * so a cycle check and the insert after it are atomic against every other dependency change of the project.
 * The descendant walks and the cycle check are recursive CTEs with {@code UNION} (a cycle ends them).
 */
public final class JooqTaskStore implements TaskStore {

    /** The first key of the two-key advisory locks of task dependency graphs ({@code "Task"}). */
    static final int TASK_LOCKS = 0x5461736B;

    private static final String OPEN = Task.State.OPEN.wire();
    private static final String IN_PROGRESS = Task.State.IN_PROGRESS.wire();
    private static final String CLOSED = Task.State.CLOSED.wire();

    private final JooqSession session;

    public JooqTaskStore(JooqSession session) {
        this.session = session;
    }

    @Override
    public long nextNumber(ProjectId project) {
        return session.dsl().insertInto(TASK_COUNTERS)
                .set(TASK_COUNTERS.PROJECT_ID, project.value())
                .set(TASK_COUNTERS.LAST_NUMBER, 1L)
                .onConflict(TASK_COUNTERS.PROJECT_ID)
                .doUpdate().set(TASK_COUNTERS.LAST_NUMBER, TASK_COUNTERS.LAST_NUMBER.plus(1))
                .returning(TASK_COUNTERS.LAST_NUMBER)
                .fetchOne(TASK_COUNTERS.LAST_NUMBER);
    }

    @Override
    public Task insert(Task t) {
        Map<Field<?>, Object> row = new LinkedHashMap<>();
        row.put(TASKS.TASK_ID, t.id());
        row.put(TASKS.PROJECT_ID, t.project().value());
        row.put(TASKS.TASK_NUMBER, t.number());
        row.put(TASKS.CREATED_BY_AGENT_ID, agent(t.createdBy()));
        row.put(TASKS.CREATED_AT, time(t.createdAt()));
        row.putAll(mutable(t));
        session.dsl().insertInto(TASKS).set(row).execute();
        return findById(t.project(), t.id()).orElseThrow();
    }

    @Override
    public Map<String, Task> findByRefs(ProjectId project, Collection<String> refs) {
        Set<Long> numbers = new LinkedHashSet<>();
        for (String ref : refs) {
            int dash = ref.lastIndexOf('-');
            OptionalLong number = dash < 0 ? OptionalLong.empty() : Task.number(ref.substring(0, dash), ref);
            if (number.isPresent()) {
                numbers.add(number.getAsLong());
            }
        }
        Map<String, Task> found = new HashMap<>();
        if (numbers.isEmpty()) {
            return found;
        }
        Set<String> wanted = Set.copyOf(refs);
        for (Task task : select().where(live(project), TASKS.TASK_NUMBER.in(numbers)).fetch(JooqTaskStore::toTask)) {
            if (wanted.contains(task.ref())) {
                found.put(task.ref(), task);
            }
        }
        return found;
    }

    @Override
    public Optional<Task> findById(ProjectId project, UUID id) {
        return select().where(live(project), TASKS.TASK_ID.eq(id)).fetchOptional(JooqTaskStore::toTask);
    }

    @Override
    public Optional<Task> findByNumber(ProjectId project, long number) {
        return select().where(live(project), TASKS.TASK_NUMBER.eq(number)).fetchOptional(JooqTaskStore::toTask);
    }

    @Override
    public Optional<Task> lockById(ProjectId project, UUID id) {
        return select().where(live(project), TASKS.TASK_ID.eq(id)).forUpdate().of(TASKS)
                .fetchOptional(JooqTaskStore::toTask);
    }

    @Override
    public Task update(Task t) {
        session.dsl().update(TASKS).set(mutable(t))
                .where(TASKS.TASK_ID.eq(t.id()), TASKS.PROJECT_ID.eq(t.project().value()), TASKS.DELETED_AT.isNull())
                .execute();
        return findById(t.project(), t.id()).orElseThrow();
    }

    /** The columns a patch may change, with their values from {@code t}. */
    private static Map<Field<?>, Object> mutable(Task t) {
        Map<Field<?>, Object> row = new LinkedHashMap<>();
        row.put(TASKS.TITLE, t.title());
        row.put(TASKS.DESCRIPTION, t.description());
        row.put(TASKS.NOTES, t.notes());
        row.put(TASKS.STATUS, t.status().wire());
        row.put(TASKS.PRIORITY, t.priority());
        row.put(TASKS.TASK_TYPE, t.taskType());
        row.put(TASKS.LABELS, t.labels().toArray(String[]::new));
        row.put(TASKS.PARENT_TASK_ID, t.parent());
        row.put(TASKS.ASSIGNEE_AGENT_ID, agent(t.assignee()));
        row.put(TASKS.CLOSED_BY_AGENT_ID, agent(t.closedBy()));
        row.put(TASKS.UPDATED_AT, time(t.updatedAt()));
        row.put(TASKS.CLOSED_AT, time(t.closedAt()));
        return row;
    }

    @Override
    public List<Task> closeOpenDescendants(ProjectId project, UUID root, AgentId closer, Instant now) {
        List<UUID> closed = session.dsl().resultQuery("""
                        WITH RECURSIVE descendants(task_id) AS (
                            SELECT task_id FROM hub.tasks
                            WHERE parent_task_id = {0} AND project_id = {1} AND deleted_at IS NULL
                          UNION
                            SELECT t.task_id FROM hub.tasks t JOIN descendants d ON t.parent_task_id = d.task_id
                            WHERE t.deleted_at IS NULL)
                        UPDATE hub.tasks t SET status = 'closed', closed_by_agent_id = {2}, closed_at = {3},
                            updated_at = {3}
                        FROM descendants d
                        WHERE t.task_id = d.task_id AND t.task_id <> {0} AND t.status <> 'closed'
                        RETURNING t.task_id""", DSL.val(root), DSL.val(project.value()), DSL.val(closer.value()),
                        DSL.val(time(now)))
                .fetch(r -> r.get(0, UUID.class));
        if (closed.isEmpty()) {
            return List.of();
        }
        return select().where(live(project), TASKS.TASK_ID.in(closed)).orderBy(TASKS.TASK_NUMBER)
                .fetch(JooqTaskStore::toTask);
    }

    @Override
    public boolean softDelete(ProjectId project, UUID id, Instant now) {
        return session.dsl().update(TASKS)
                .set(TASKS.DELETED_AT, time(now))
                .set(TASKS.UPDATED_AT, time(now))
                .where(TASKS.TASK_ID.eq(id), TASKS.PROJECT_ID.eq(project.value()), TASKS.DELETED_AT.isNull())
                .execute() == 1;
    }

    @Override
    public void lockDependencies(ProjectId project) {
        session.dsl().execute("SELECT pg_advisory_xact_lock({0}, hashtext({1}::text))", DSL.val(TASK_LOCKS),
                DSL.val(project.value()));
    }

    @Override
    public boolean dependsOn(UUID from, UUID to) {
        return session.dsl().resultQuery("""
                        WITH RECURSIVE reach(task_id) AS (
                            SELECT {0}::uuid
                          UNION
                            SELECT d.depends_on_task_id FROM hub.task_dependencies d
                            JOIN reach r ON d.task_id = r.task_id
                            JOIN hub.tasks t ON t.task_id = d.depends_on_task_id AND t.deleted_at IS NULL)
                        SELECT EXISTS (SELECT 1 FROM reach WHERE task_id = {1})""", DSL.val(from), DSL.val(to))
                .fetchOne(0, Boolean.class);
    }

    @Override
    public void addDependency(UUID task, UUID dependsOn, Instant now) {
        session.dsl().insertInto(TASK_DEPENDENCIES)
                .set(TASK_DEPENDENCIES.TASK_ID, task)
                .set(TASK_DEPENDENCIES.DEPENDS_ON_TASK_ID, dependsOn)
                .set(TASK_DEPENDENCIES.CREATED_AT, time(now))
                .onConflictDoNothing()
                .execute();
    }

    @Override
    public void removeDependency(UUID task, UUID dependsOn) {
        session.dsl().deleteFrom(TASK_DEPENDENCIES)
                .where(TASK_DEPENDENCIES.TASK_ID.eq(task), TASK_DEPENDENCIES.DEPENDS_ON_TASK_ID.eq(dependsOn))
                .execute();
    }

    @Override
    public List<Task> blockers(UUID task) {
        return select().where(TASKS.DELETED_AT.isNull(), TASKS.TASK_ID.in(DSL.select(TASK_DEPENDENCIES.DEPENDS_ON_TASK_ID)
                        .from(TASK_DEPENDENCIES).where(TASK_DEPENDENCIES.TASK_ID.eq(task))))
                .orderBy(TASKS.TASK_NUMBER).fetch(JooqTaskStore::toTask);
    }

    @Override
    public List<Task> dependents(UUID task) {
        return select().where(TASKS.DELETED_AT.isNull(), TASKS.TASK_ID.in(DSL.select(TASK_DEPENDENCIES.TASK_ID)
                        .from(TASK_DEPENDENCIES).where(TASK_DEPENDENCIES.DEPENDS_ON_TASK_ID.eq(task))))
                .orderBy(TASKS.TASK_NUMBER).fetch(JooqTaskStore::toTask);
    }

    @Override
    public List<Task> list(ProjectId project, Filter filter, int limit) {
        Condition where = live(project)
                .and(filter.statuses().isEmpty() ? DSL.noCondition()
                        : TASKS.STATUS.in(filter.statuses().stream().map(Task.State::wire).toList()))
                .and(filter.assignee().map(a -> TASKS.ASSIGNEE_AGENT_ID.eq(a.value())).orElse(DSL.noCondition()))
                .and(filter.taskType().map(TASKS.TASK_TYPE::eq).orElse(DSL.noCondition()))
                .and(filter.priority().map(TASKS.PRIORITY::eq).orElse(DSL.noCondition()))
                .and(filter.labels().isEmpty() ? DSL.noCondition()
                        : DSL.condition("{0} @> {1}::text[]", TASKS.LABELS, DSL.val(filter.labels().toArray(String[]::new))));
        return select().where(where).orderBy(TASKS.TASK_NUMBER).limit(limit).fetch(JooqTaskStore::toTask);
    }

    @Override
    public List<Task> ready(ProjectId project, int limit) {
        return select().where(ready(project)).orderBy(TASKS.PRIORITY, TASKS.TASK_NUMBER).limit(limit)
                .fetch(JooqTaskStore::toTask);
    }

    @Override
    public List<ReadyWork.Item> readyItems(ProjectId project, int limit) {
        return session.dsl().select(TASKS.TASK_ID, TASKS.TITLE).from(TASKS).where(ready(project))
                .orderBy(TASKS.PRIORITY, TASKS.TASK_NUMBER).limit(limit)
                .fetch(row -> new ReadyWork.Item(row.value1(), row.value2()));
    }

    /** Live, open, unassigned, without a live blocker that is not closed (the partial index tasks_ready_idx). */
    private static Condition ready(ProjectId project) {
        return live(project).and(TASKS.STATUS.eq(OPEN)).and(TASKS.ASSIGNEE_AGENT_ID.isNull())
                .and(DSL.notExists(openBlocker()));
    }

    @Override
    public List<Task> blocked(ProjectId project, int limit) {
        return select().where(live(project), TASKS.STATUS.in(OPEN, IN_PROGRESS), DSL.exists(openBlocker()))
                .orderBy(TASKS.TASK_NUMBER).limit(limit).fetch(JooqTaskStore::toTask);
    }

    @Override
    public void insertComment(TaskComment c) {
        session.dsl().insertInto(TASK_COMMENTS)
                .set(TASK_COMMENTS.COMMENT_ID, c.id())
                .set(TASK_COMMENTS.TASK_ID, c.task())
                .set(TASK_COMMENTS.AGENT_ID, c.author().value())
                .set(TASK_COMMENTS.BODY, c.body())
                .set(TASK_COMMENTS.CREATED_AT, time(c.createdAt()))
                .execute();
    }

    @Override
    public List<TaskComment> comments(UUID task) {
        return session.dsl().selectFrom(TASK_COMMENTS).where(TASK_COMMENTS.TASK_ID.eq(task))
                .orderBy(TASK_COMMENTS.CREATED_AT, TASK_COMMENTS.COMMENT_ID)
                .fetch(r -> new TaskComment(r.getCommentId(), r.getTaskId(), new AgentId(r.getAgentId()), r.getBody(),
                        instant(r.getCreatedAt())));
    }

    /** A live blocker of the outer {@code TASKS} row that is not closed. */
    private static org.jooq.Select<?> openBlocker() {
        var blocker = TASKS.as("blocker");
        return DSL.selectOne().from(TASK_DEPENDENCIES)
                .join(blocker).on(blocker.TASK_ID.eq(TASK_DEPENDENCIES.DEPENDS_ON_TASK_ID))
                .where(TASK_DEPENDENCIES.TASK_ID.eq(TASKS.TASK_ID), blocker.DELETED_AT.isNull(),
                        blocker.STATUS.ne(CLOSED));
    }

    private SelectOnConditionStep<Record> select() {
        return session.dsl().select(TASKS.fields()).select(PROJECTS.SLUG).from(TASKS)
                .join(PROJECTS).on(PROJECTS.PROJECT_ID.eq(TASKS.PROJECT_ID));
    }

    private static Condition live(ProjectId project) {
        return TASKS.PROJECT_ID.eq(project.value()).and(TASKS.DELETED_AT.isNull());
    }

    private static UUID agent(AgentId id) {
        return id == null ? null : id.value();
    }

    private static AgentId agent(UUID id) {
        return id == null ? null : new AgentId(id);
    }

    private static OffsetDateTime time(Instant at) {
        return at == null ? null : utc(at.truncatedTo(ChronoUnit.MICROS));
    }

    private static Instant at(OffsetDateTime time) {
        return time == null ? null : instant(time);
    }

    private static Task toTask(Record row) {
        long number = row.get(TASKS.TASK_NUMBER);
        return new Task(row.get(TASKS.TASK_ID), new ProjectId(row.get(TASKS.PROJECT_ID)), number,
                Task.ref(row.get(PROJECTS.SLUG), number), row.get(TASKS.TITLE), row.get(TASKS.DESCRIPTION),
                row.get(TASKS.NOTES), WireName.parse(Task.State.class, row.get(TASKS.STATUS)),
                row.get(TASKS.PRIORITY), row.get(TASKS.TASK_TYPE), Arrays.asList(row.get(TASKS.LABELS)),
                row.get(TASKS.PARENT_TASK_ID), agent(row.get(TASKS.ASSIGNEE_AGENT_ID)),
                agent(row.get(TASKS.CREATED_BY_AGENT_ID)), agent(row.get(TASKS.CLOSED_BY_AGENT_ID)),
                instant(row.get(TASKS.CREATED_AT)), instant(row.get(TASKS.UPDATED_AT)), at(row.get(TASKS.CLOSED_AT)),
                at(row.get(TASKS.DELETED_AT)));
    }
}
