package dev.agenthub.hub.tasks.port;

import dev.agenthub.hub.tasks.Task;
import dev.agenthub.hub.tasks.TaskComment;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.live.port.ReadyWork;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Port: the native tasks of every project (wire spec §4.8) with their dependencies and comments. Every method
 * joins the caller's transaction when one is active. "Live" means not soft-deleted; every read answers live
 * tasks only, with {@link Task#ref} formatted from the project's current slug. Lists are ordered as stated and
 * never hold a task twice.
 */
public interface TaskStore {

    /**
     * The live tasks of the project whose ref ({@code <slug>-NNN}, exactly as {@link Task#ref} formats it) is one
     * of {@code refs}, keyed by that ref. Refs that name no live task are absent; other strings are ignored.
     */
    Map<String, Task> findByRefs(ProjectId project, Collection<String> refs);

    /** The live task with this id in this project, or empty (unknown, foreign or deleted). */
    Optional<Task> findById(ProjectId project, UUID id);


    /**
     * The next task number of the project: 1 for its first task, then one more than the last one handed out.
     * Atomic across any number of instances on one database: concurrent callers get distinct numbers, and
     * numbers handed out by transactions that roll back are handed out again (no gaps among committed tasks).
     * The counter row stays locked until the caller's transaction ends.
     */
    long nextNumber(ProjectId project);

    /** Inserts {@code task} (its id and number new; its ref is ignored) and answers it as read back. */
    Task insert(Task task);

    /** The live task with this number, or empty. */
    Optional<Task> findByNumber(ProjectId project, long number);

    /** As {@link #findById}, locking the row against concurrent updates until the transaction ends. */
    Optional<Task> lockById(ProjectId project, UUID id);

    /**
     * Writes every mutable field of {@code task} (title, description, notes, status, priority, type, labels,
     * parent, assignee, closer, closed time, updated time) onto the live row with its id, and answers the row.
     */
    Task update(Task task);

    /**
     * The close cascade (§4.8): closes every live descendant of {@code root} (children, their children, …; a
     * parent cycle ends the walk) whose status is not {@code closed}, recording {@code closer} and {@code now},
     * and answers exactly those tasks after the write, ordered by number.
     */
    List<Task> closeOpenDescendants(ProjectId project, UUID root, AgentId closer, Instant now);

    /** Soft-deletes the live task; false when there is none. */
    boolean softDelete(ProjectId project, UUID id, Instant now);

    /**
     * Serialises changes to the project's dependency graph: the caller holds the lock until its transaction ends,
     * and another caller on any instance waits. Callers take it before {@link #dependsOn} checks that precede an
     * {@link #addDependency}, so two concurrent inserts cannot together form a cycle.
     */
    void lockDependencies(ProjectId project);

    /** Whether {@code from} reaches {@code to} by following dependencies (task → depends on) among live tasks. */
    boolean dependsOn(UUID from, UUID to);

    /** Records that {@code task} depends on {@code dependsOn}; a no-op when it already does. */
    void addDependency(UUID task, UUID dependsOn, Instant now);

    /** Removes the dependency; a no-op when there is none. */
    void removeDependency(UUID task, UUID dependsOn);

    /** The live tasks {@code task} depends on (its {@code blocked_by}), ordered by number. */
    List<Task> blockers(UUID task);

    /** The live tasks that depend on {@code task} (its {@code blocks}), ordered by number. */
    List<Task> dependents(UUID task);

    /** The filters of {@code GET /v1/tasks}; every present one must hold. */
    record Filter(Set<Task.State> statuses, Optional<AgentId> assignee, Optional<String> taskType,
                  Optional<Integer> priority, List<String> labels) {

        public static final Filter NONE = new Filter(Set.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                List.of());

        /**
         * @param statuses status in this set, when non-empty
         * @param labels   every one of them is among the task's labels
         */
        public Filter {
            statuses = Set.copyOf(statuses);
            Objects.requireNonNull(assignee, "assignee");
            Objects.requireNonNull(taskType, "taskType");
            Objects.requireNonNull(priority, "priority");
            labels = List.copyOf(labels);
        }
    }

    /** Up to {@code limit} live tasks of the project matching {@code filter}, ordered by number. */
    List<Task> list(ProjectId project, Filter filter, int limit);

    /**
     * Up to {@code limit} ready tasks (§4.8 {@code GET /ready}, §13.3): live, open, unassigned, and without a
     * live blocker that is not closed; ordered by priority, then number.
     */
    List<Task> ready(ProjectId project, int limit);

    /**
     * The ids and titles of {@link #ready} (same rows, same order), without the rest of the row: the wake stream
     * reads it every second (§13.3).
     */
    List<ReadyWork.Item> readyItems(ProjectId project, int limit);

    /**
     * Up to {@code limit} blocked tasks (§4.8 {@code GET /blocked}): live, open or in progress, with at least one
     * live blocker that is not closed; ordered by number.
     */
    List<Task> blocked(ProjectId project, int limit);

    /** Inserts the comment; its task must exist. */
    void insertComment(TaskComment comment);

    /** The comments of the task, oldest first (then by id). */
    List<TaskComment> comments(UUID task);
}
