package dev.agenthub.hub.tasks;

import dev.agenthub.hub.tasks.port.TaskStore;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.live.port.ReadyWork;
import dev.agenthub.protocol.projects.port.ProjectStore;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** A {@link TaskStore} in memory for the domain unit tests; refs come from the project store's slugs. */
public final class InMemoryTaskStore implements TaskStore {

    private final ProjectStore projects;
    private final Map<UUID, Task> tasks = new LinkedHashMap<>();
    private final Map<ProjectId, Long> counters = new HashMap<>();
    private final Set<List<UUID>> dependencies = new HashSet<>();
    private final List<TaskComment> comments = new ArrayList<>();
    private int dependencyLocks;

    public InMemoryTaskStore(ProjectStore projects) {
        this.projects = projects;
    }

    /** How often {@link #lockDependencies} was called. */
    public synchronized int dependencyLocks() {
        return dependencyLocks;
    }

    @Override
    public synchronized long nextNumber(ProjectId project) {
        return counters.merge(project, 1L, Long::sum);
    }

    @Override
    public synchronized Task insert(Task task) {
        tasks.put(task.id(), withRef(task));
        return tasks.get(task.id());
    }

    private Task withRef(Task t) {
        String slug = projects.find(t.project()).orElseThrow().slug();
        return new Task(t.id(), t.project(), t.number(), Task.ref(slug, t.number()), t.title(), t.description(),
                t.notes(), t.status(), t.priority(), t.taskType(), t.labels(), t.parent(), t.assignee(), t.createdBy(),
                t.closedBy(), t.createdAt(), t.updatedAt(), t.closedAt(), t.deletedAt());
    }

    private List<Task> live(ProjectId project) {
        return tasks.values().stream().filter(t -> t.project().equals(project) && t.live())
                .sorted(Comparator.comparingLong(Task::number)).toList();
    }

    @Override
    public synchronized Map<String, Task> findByRefs(ProjectId project, Collection<String> refs) {
        Map<String, Task> found = new HashMap<>();
        live(project).stream().filter(t -> refs.contains(t.ref())).forEach(t -> found.put(t.ref(), t));
        return found;
    }

    @Override
    public synchronized Optional<Task> findById(ProjectId project, UUID id) {
        return live(project).stream().filter(t -> t.id().equals(id)).findFirst();
    }

    @Override
    public synchronized Optional<Task> findByNumber(ProjectId project, long number) {
        return live(project).stream().filter(t -> t.number() == number).findFirst();
    }

    @Override
    public Optional<Task> lockById(ProjectId project, UUID id) {
        return findById(project, id);
    }

    @Override
    public synchronized Task update(Task task) {
        Task stored = tasks.get(task.id());
        tasks.put(task.id(), new Task(stored.id(), stored.project(), stored.number(), stored.ref(), task.title(),
                task.description(), task.notes(), task.status(), task.priority(), task.taskType(), task.labels(),
                task.parent(), task.assignee(), stored.createdBy(), task.closedBy(), stored.createdAt(),
                task.updatedAt(), task.closedAt(), stored.deletedAt()));
        return tasks.get(task.id());
    }

    @Override
    public synchronized List<Task> closeOpenDescendants(ProjectId project, UUID root, AgentId closer, Instant now) {
        Set<UUID> seen = new HashSet<>(Set.of(root));
        Deque<UUID> queue = new ArrayDeque<>(List.of(root));
        List<Task> closed = new ArrayList<>();
        while (!queue.isEmpty()) {
            UUID parent = queue.poll();
            for (Task child : live(project)) {
                if (parent.equals(child.parent()) && seen.add(child.id())) {
                    queue.add(child.id());
                    if (child.status() != Task.State.CLOSED) {
                        closed.add(update(new Task(child.id(), project, child.number(), child.ref(), child.title(),
                                child.description(), child.notes(), Task.State.CLOSED, child.priority(),
                                child.taskType(), child.labels(), child.parent(), child.assignee(), child.createdBy(),
                                closer, child.createdAt(), now, now, null)));
                    }
                }
            }
        }
        return closed.stream().sorted(Comparator.comparingLong(Task::number)).toList();
    }

    @Override
    public synchronized boolean softDelete(ProjectId project, UUID id, Instant now) {
        Optional<Task> found = findById(project, id);
        found.ifPresent(t -> tasks.put(id, new Task(t.id(), t.project(), t.number(), t.ref(), t.title(),
                t.description(), t.notes(), t.status(), t.priority(), t.taskType(), t.labels(), t.parent(),
                t.assignee(), t.createdBy(), t.closedBy(), t.createdAt(), now, t.closedAt(), now)));
        return found.isPresent();
    }

    @Override
    public synchronized void lockDependencies(ProjectId project) {
        dependencyLocks++;
    }

    @Override
    public synchronized boolean dependsOn(UUID from, UUID to) {
        Set<UUID> seen = new HashSet<>(Set.of(from));
        Deque<UUID> queue = new ArrayDeque<>(List.of(from));
        while (!queue.isEmpty()) {
            UUID current = queue.poll();
            if (current.equals(to)) {
                return true;
            }
            for (List<UUID> edge : dependencies) {
                Task target = tasks.get(edge.get(1));
                if (edge.get(0).equals(current) && target.live() && seen.add(edge.get(1))) {
                    queue.add(edge.get(1));
                }
            }
        }
        return false;
    }

    @Override
    public synchronized void addDependency(UUID task, UUID dependsOn, Instant now) {
        dependencies.add(List.of(task, dependsOn));
    }

    @Override
    public synchronized void removeDependency(UUID task, UUID dependsOn) {
        dependencies.remove(List.of(task, dependsOn));
    }

    @Override
    public synchronized List<Task> blockers(UUID task) {
        return tasks.values().stream().filter(t -> t.live() && dependencies.contains(List.of(task, t.id())))
                .sorted(Comparator.comparingLong(Task::number)).toList();
    }

    @Override
    public synchronized List<Task> dependents(UUID task) {
        return tasks.values().stream().filter(t -> t.live() && dependencies.contains(List.of(t.id(), task)))
                .sorted(Comparator.comparingLong(Task::number)).toList();
    }

    @Override
    public synchronized List<Task> list(ProjectId project, Filter filter, int limit) {
        return live(project).stream()
                .filter(t -> filter.statuses().isEmpty() || filter.statuses().contains(t.status()))
                .filter(t -> filter.assignee().map(a -> a.equals(t.assignee())).orElse(true))
                .filter(t -> filter.taskType().map(t.taskType()::equals).orElse(true))
                .filter(t -> filter.priority().map(p -> p == t.priority()).orElse(true))
                .filter(t -> t.labels().containsAll(filter.labels()))
                .limit(limit).toList();
    }

    private boolean openlyBlocked(Task task) {
        return blockers(task.id()).stream().anyMatch(b -> b.status() != Task.State.CLOSED);
    }

    @Override
    public synchronized List<Task> ready(ProjectId project, int limit) {
        return live(project).stream()
                .filter(t -> t.status() == Task.State.OPEN && t.assignee() == null && !openlyBlocked(t))
                .sorted(Comparator.comparingInt(Task::priority).thenComparingLong(Task::number))
                .limit(limit).toList();
    }

    @Override
    public synchronized List<ReadyWork.Item> readyItems(ProjectId project, int limit) {
        return ready(project, limit).stream()
                .map(t -> new ReadyWork.Item(t.id(), t.title())).toList();
    }

    @Override
    public synchronized List<Task> blocked(ProjectId project, int limit) {
        return live(project).stream().filter(t -> t.status() != Task.State.CLOSED && openlyBlocked(t))
                .limit(limit).toList();
    }

    @Override
    public synchronized void insertComment(TaskComment comment) {
        comments.add(comment);
    }

    @Override
    public synchronized List<TaskComment> comments(UUID task) {
        return comments.stream().filter(c -> c.task().equals(task)).toList();
    }
}
