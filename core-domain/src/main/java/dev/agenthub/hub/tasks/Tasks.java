package dev.agenthub.hub.tasks;

import dev.agenthub.hub.beads.BeadIssue;
import dev.agenthub.hub.beads.port.BeadStore;
import dev.agenthub.hub.claims.Claims;
import dev.agenthub.hub.tasks.port.TaskStore;
import dev.agenthub.hub.workspaces.Workspace;
import dev.agenthub.hub.workspaces.port.WorkspaceStore;
import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.agents.port.AgentStore;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.IdGenerator;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.id.Uuids;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import dev.agenthub.protocol.projects.port.ProjectStore;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * The native task use cases of wire spec §4.8: create, patch (with auto-assignment and the close cascade),
 * soft delete, dependencies (self and cycles refused), comments, the filtered list merged with the synced bead
 * issues, ready and blocked, and get by ref with the bead-issue fallback. Status changes and deletion drive the
 * claims of §6.3 for the actor's live workspace, inside the same transaction.
 */
public final class Tasks {

    static final String NOT_FOUND = "Task not found";
    static final String PARENT_NOT_FOUND = "Parent task not found in this project";
    static final String ASSIGNEE_NOT_FOUND = "Assignee agent not found in this project";
    static final String ASSIGNED_ELSEWHERE = "Task is assigned to another agent";
    static final String SELF_DEPENDENCY = "A task cannot depend on itself";
    static final String CYCLE = "Dependency would create a cycle";
    static final String PARENT_CYCLE = "Parent would create a cycle";

    /** The most native tasks one list, ready or blocked answer holds. */
    public static final int MAX_LISTED = 1000;
    /** The most bead issues the merged list reads. */
    public static final int MAX_MERGED_ISSUES = 1000;

    private final TransactionRunner transactions;
    private final TaskStore tasks;
    private final ProjectStore projects;
    private final AgentStore agents;
    private final WorkspaceStore workspaces;
    private final BeadStore beads;
    private final Claims claims;
    private final Clock clock;
    private final IdGenerator ids;

    public Tasks(TransactionRunner transactions, TaskStore tasks, ProjectStore projects, AgentStore agents,
                 WorkspaceStore workspaces, BeadStore beads, Claims claims, Clock clock, IdGenerator ids) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.projects = Objects.requireNonNull(projects, "projects");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.workspaces = Objects.requireNonNull(workspaces, "workspaces");
        this.beads = Objects.requireNonNull(beads, "beads");
        this.claims = Objects.requireNonNull(claims, "claims");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /**
     * What {@code POST /v1/tasks} asks for, validated by the caller.
     *
     * @param parent   or null
     * @param assignee or null
     */
    public record NewTask(String title, String description, String notes, int priority, String taskType,
                          List<String> labels, UUID parent, AgentId assignee) {

        public NewTask {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(notes, "notes");
            Objects.requireNonNull(taskType, "taskType");
            labels = List.copyOf(labels);
        }
    }

    /** A field a patch sets, possibly to null; a patch leaves a field it has no {@code Change} for unchanged. */
    public record Change<T>(T value) {
    }

    /** What {@code PATCH /v1/tasks/{ref}} asks for, validated by the caller: null fields are left unchanged. */
    public record Patch(String title, String description, String notes, Integer priority, String taskType,
                        List<String> labels, Change<UUID> parent, Change<AgentId> assignee, Task.State status) {
    }

    /**
     * The outcome of a patch.
     *
     * @param autoClosed the descendants the patch's close cascaded to (empty unless it closed the task)
     * @param closing    whether the patch set status {@code closed}
     */
    public record Patched(Detail detail, List<Task> autoClosed, boolean closing) {
    }

    /** A native task with its dependencies, as {@code GET /v1/tasks/{ref}} shows it. */
    public record Detail(Task task, List<Task> blockedBy, List<Task> blocks) {
    }

    /** An entry of a task listing: a native task, or a bead issue in the task shape (§4.8 mapping). */
    public sealed interface Entry permits Native, Bead {
    }

    public record Native(Task task) implements Entry {
    }

    public record Bead(BeadIssue issue) implements Entry {
    }

    /** {@code GET /v1/tasks/{ref}}: a native task with dependencies, or a bead issue by id. */
    public sealed interface Found permits NativeFound, BeadFound {
    }

    public record NativeFound(Detail detail) implements Found {
    }

    public record BeadFound(BeadIssue issue) implements Found {
    }

    /**
     * {@code POST /v1/tasks} (auth A): a new open task numbered from the project's counter.
     *
     * @throws DomainError.Invalid 422 {@code Parent task not found in this project} / {@code Assignee agent not
     *                             found in this project}
     */
    public Detail create(Agent actor, NewTask request) {
        ProjectId project = actor.project();
        Instant now = now();
        return transactions.inTransaction(() -> {
            if (request.parent() != null && tasks.findById(project, request.parent()).isEmpty()) {
                throw new DomainError.Invalid(PARENT_NOT_FOUND);
            }
            requireAssignee(project, request.assignee());
            long number = tasks.nextNumber(project);
            Task created = tasks.insert(new Task(ids.newId(), project, number, "", request.title(),
                    request.description(), request.notes(), Task.State.OPEN, request.priority(), request.taskType(),
                    request.labels(), request.parent(), request.assignee(), actor.id(), null, now, now, null,
                    null));
            return new Detail(created, List.of(), List.of());
        });
    }

    /**
     * {@code PATCH /v1/tasks/{ref}} (auth A). {@code in_progress} assigns the actor when the task is unassigned
     * and claims the ref for the actor's live workspace; any other status change releases every claim on it;
     * {@code closed} records the closer and cascades to every open descendant.
     *
     * @throws DomainError.NotFound 404 {@code Task not found}
     * @throws DomainError.Conflict 409 {@code Task is assigned to another agent}
     * @throws DomainError.Invalid  422 for a parent or assignee outside the project, or a parent cycle
     */
    public Patched patch(Agent actor, String ref, Patch patch) {
        ProjectId project = actor.project();
        Instant now = now();
        return transactions.inTransaction(() -> {
            Task current = tasks.lockById(project, resolve(project, ref).id())
                    .orElseThrow(() -> new DomainError.NotFound(NOT_FOUND));
            UUID parent = current.parent();
            if (patch.parent() != null) {
                parent = patch.parent().value();
                if (parent != null) {
                    if (tasks.findById(project, parent).isEmpty()) {
                        throw new DomainError.Invalid(PARENT_NOT_FOUND);
                    }
                    if (TaskTree.reaches(tasks, project, parent, current.id())) {
                        throw new DomainError.Invalid(PARENT_CYCLE);
                    }
                }
            }
            AgentId assignee = current.assignee();
            if (patch.assignee() != null) {
                assignee = patch.assignee().value();
                requireAssignee(project, assignee);
            }
            Task.State status = patch.status() == null ? current.status() : patch.status();
            if (patch.status() == Task.State.IN_PROGRESS) {
                if (assignee == null) {
                    assignee = actor.id();
                } else if (!assignee.equals(actor.id())) {
                    throw new DomainError.Conflict(ASSIGNED_ELSEWHERE);
                }
            }
            AgentId closedBy = current.closedBy();
            Instant closedAt = current.closedAt();
            boolean closing = patch.status() == Task.State.CLOSED;
            if (status != Task.State.CLOSED) {
                closedBy = null;
                closedAt = null;
            } else if (current.status() != Task.State.CLOSED) {
                closedBy = actor.id();
                closedAt = now;
            }
            Task updated = tasks.update(new Task(current.id(), project, current.number(), current.ref(),
                    or(patch.title(), current.title()), or(patch.description(), current.description()),
                    or(patch.notes(), current.notes()), status, or(patch.priority(), current.priority()),
                    or(patch.taskType(), current.taskType()), or(patch.labels(), current.labels()), parent,
                    assignee, current.createdBy(), closedBy, current.createdAt(), now, closedAt, null));
            List<Task> autoClosed = closing ? tasks.closeOpenDescendants(project, updated.id(), actor.id(), now)
                    : List.of();
            Optional<Workspace> workspace = liveWorkspace(project, actor.id());
            if (workspace.isPresent() && patch.status() != null) {
                if (patch.status() == Task.State.IN_PROGRESS) {
                    Workspace claimant = workspace.get();
                    claims.claim(claimant, updated.ref(), null, null, claimant.alias(), claimant.humanName(), now);
                } else if (current.status() != status) {
                    claims.releaseAll(project, updated.ref(), now, Map.of());
                }
                for (Task closed : autoClosed) {
                    claims.releaseAll(project, closed.ref(), now, Map.of());
                }
            }
            return new Patched(new Detail(updated, tasks.blockers(updated.id()), tasks.dependents(updated.id())),
                    autoClosed, closing);
        });
    }

    /**
     * {@code DELETE /v1/tasks/{ref}} (auth B): soft delete; releases the claims on its ref when the caller's
     * actor has a live workspace.
     *
     * @throws DomainError.NotFound 404 {@code Task not found}
     */
    public Task delete(Principal principal, String ref) {
        ProjectId project = principal.project();
        Instant now = now();
        return transactions.inTransaction(() -> {
            Task task = resolve(project, ref);
            if (!tasks.softDelete(project, task.id(), now)) {
                throw new DomainError.NotFound(NOT_FOUND);
            }
            if (principal.actorId().flatMap(actor -> liveWorkspace(project, actor)).isPresent()) {
                claims.releaseAll(project, task.ref(), now, Map.of());
            }
            return task;
        });
    }

    /** A dependency as the deps routes answer it. */
    public record Dependency(Task task, Task dependsOn) {
    }

    /**
     * {@code POST /v1/tasks/{ref}/deps} (auth B): {@code ref} depends on {@code dependsOnRef}. Idempotent. The
     * cycle check and the insert run under the project's dependency lock.
     *
     * @throws DomainError.NotFound 404 {@code Task not found} for either ref
     * @throws DomainError.Invalid  422 {@code A task cannot depend on itself} / {@code Dependency would create a
     *                              cycle}
     */
    public Dependency addDependency(Principal principal, String ref, String dependsOnRef) {
        ProjectId project = principal.project();
        Instant now = now();
        return transactions.inTransaction(() -> {
            Task task = resolve(project, ref);
            Task dependsOn = resolve(project, dependsOnRef);
            if (task.id().equals(dependsOn.id())) {
                throw new DomainError.Invalid(SELF_DEPENDENCY);
            }
            tasks.lockDependencies(project);
            if (tasks.dependsOn(dependsOn.id(), task.id())) {
                throw new DomainError.Invalid(CYCLE);
            }
            tasks.addDependency(task.id(), dependsOn.id(), now);
            return new Dependency(task, dependsOn);
        });
    }

    /**
     * {@code DELETE /v1/tasks/{ref}/deps/{dep_ref}} (auth B); a no-op when there is no such dependency.
     *
     * @throws DomainError.NotFound 404 {@code Task not found} for either ref
     */
    public Dependency removeDependency(Principal principal, String ref, String dependsOnRef) {
        ProjectId project = principal.project();
        return transactions.inTransaction(() -> {
            Task task = resolve(project, ref);
            Task dependsOn = resolve(project, dependsOnRef);
            tasks.lockDependencies(project);
            tasks.removeDependency(task.id(), dependsOn.id());
            return new Dependency(task, dependsOn);
        });
    }

    /**
     * {@code POST /v1/tasks/{ref}/comments} (auth A).
     *
     * @throws DomainError.NotFound 404 {@code Task not found}
     */
    public TaskComment comment(Agent actor, String ref, String body) {
        Objects.requireNonNull(body, "body");
        Instant now = now();
        return transactions.inTransaction(() -> {
            Task task = resolve(actor.project(), ref);
            TaskComment comment = new TaskComment(ids.newId(), task.id(), actor.id(), body, now);
            tasks.insertComment(comment);
            return comment;
        });
    }

    /**
     * {@code GET /v1/tasks/{ref}/comments} (auth B): oldest first.
     *
     * @throws DomainError.NotFound 404 {@code Task not found}
     */
    public List<TaskComment> comments(Principal principal, String ref) {
        return tasks.comments(resolve(principal.project(), ref).id());
    }

    /**
     * {@code GET /v1/tasks} (auth B): the matching native tasks by number, then the project's bead issues that
     * match the same filters in the task shape (newest first, one per bead id), without those whose id is a native
     * task's ref. Bead issues are left out when the filter has an assignee.
     */
    public List<Entry> list(Principal principal, TaskStore.Filter filter) {
        ProjectId project = principal.project();
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Task task : tasks.list(project, filter, MAX_LISTED)) {
            entries.add(new Native(task));
            seen.add(task.ref());
        }
        if (filter.assignee().isPresent()) {
            return entries;
        }
        List<BeadIssue> issues = matchingIssues(project, filter);
        Map<String, Task> shadowing = tasks.findByRefs(project, issues.stream().map(BeadIssue::beadId).toList());
        for (BeadIssue issue : issues) {
            if (!shadowing.containsKey(issue.beadId()) && seen.add(issue.beadId())) {
                entries.add(new Bead(issue));
            }
        }
        return entries;
    }

    /** {@code GET /v1/tasks/ready} (auth B). */
    public List<Task> ready(Principal principal) {
        return tasks.ready(principal.project(), MAX_LISTED);
    }

    /** {@code GET /v1/tasks/blocked} (auth B). */
    public List<Task> blocked(Principal principal) {
        return tasks.blocked(principal.project(), MAX_LISTED);
    }

    /**
     * {@code GET /v1/tasks/{ref}} (auth B): a native task, else the first bead issue with that id.
     *
     * @throws DomainError.NotFound 404 {@code Task not found}
     */
    public Found get(Principal principal, String ref) {
        ProjectId project = principal.project();
        Optional<Task> task = find(project, ref);
        if (task.isPresent()) {
            Task found = task.get();
            return new NativeFound(new Detail(found, tasks.blockers(found.id()), tasks.dependents(found.id())));
        }
        return beads.first(project, ref, Optional.empty(), Optional.empty()).<Found>map(BeadFound::new)
                .orElseThrow(() -> new DomainError.NotFound(NOT_FOUND));
    }

    /** The bead issue's priority in the task shape (§4.8 mapping: 2 when it has none). */
    public static int priorityOf(BeadIssue issue) {
        return issue.priority() == null ? 2 : issue.priority();
    }

    /** The bead issue's type in the task shape (§4.8 mapping: {@code task} when it has none). */
    public static String typeOf(BeadIssue issue) {
        return issue.issueType() == null ? "task" : issue.issueType();
    }

    private List<BeadIssue> matchingIssues(ProjectId project, TaskStore.Filter filter) {
        Set<String> statuses = new HashSet<>();
        filter.statuses().forEach(s -> statuses.add(s.wire()));
        BeadStore.IssueFilter issueFilter = new BeadStore.IssueFilter(Optional.empty(), Optional.empty(), statuses,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        List<BeadIssue> matching = new ArrayList<>();
        String cursor = null;
        int read = 0;
        while (read < MAX_MERGED_ISSUES) {
            Page<BeadIssue> page = beads.page(project, issueFilter, PageRequest.of(PageRequest.MAX_LIMIT, cursor));
            for (BeadIssue issue : page.items()) {
                if (filter.taskType().map(t -> t.equals(typeOf(issue))).orElse(true)
                        && filter.priority().map(p -> p == priorityOf(issue)).orElse(true)
                        && (issue.labels() == null ? filter.labels().isEmpty() : issue.labels().containsAll(filter.labels()))) {
                    matching.add(issue);
                }
            }
            read += page.items().size();
            if (!page.hasMore()) {
                break;
            }
            cursor = page.nextCursor().orElseThrow();
        }
        return matching;
    }

    /** The live task a ref names: a uuid, a number, or {@code <slug>-NNN}; else 404 {@code Task not found}. */
    private Task resolve(ProjectId project, String ref) {
        return find(project, ref).orElseThrow(() -> new DomainError.NotFound(NOT_FOUND));
    }

    private Optional<Task> find(ProjectId project, String ref) {
        Optional<UUID> id = Uuids.parse(ref);
        if (id.isPresent()) {
            return tasks.findById(project, id.get());
        }
        String slug = projects.find(project).map(p -> p.slug()).orElse("");
        OptionalLong number = Task.number(slug, ref);
        return number.isPresent() ? tasks.findByNumber(project, number.getAsLong()) : Optional.empty();
    }

    private void requireAssignee(ProjectId project, AgentId assignee) {
        if (assignee != null && agents.find(project, assignee).filter(Agent::live).isEmpty()) {
            throw new DomainError.Invalid(ASSIGNEE_NOT_FOUND);
        }
    }

    private Optional<Workspace> liveWorkspace(ProjectId project, AgentId actor) {
        return workspaces.find(actor).filter(Workspace::live).filter(w -> w.project().equals(project));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private Instant now() {
        return WireTime.truncate(clock.instant());
    }
}
