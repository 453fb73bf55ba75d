package dev.agenthub.http.v1;

import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.BodyFields;
import dev.agenthub.http.support.JsonBodies;
import dev.agenthub.http.support.QueryParams;
import dev.agenthub.hub.beads.BeadIssue;
import dev.agenthub.hub.tasks.Task;
import dev.agenthub.hub.tasks.TaskComment;
import dev.agenthub.hub.tasks.Tasks;
import dev.agenthub.hub.tasks.port.TaskStore;
import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.text.WireName;
import dev.agenthub.protocol.kernel.time.WireTime;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The native task routes of wire spec §4.8: reads (B) over the native tasks merged with the synced bead issues,
 * create, patch and comment (A), delete and the dependency routes (B). The four bodies reject unknown keys
 * (§1.5). Timestamps use the offset form of the beadhub resources (§1.3).
 */
public final class TaskRoutes {

    static final int MAX_TITLE = 4096;
    static final int MAX_TEXT = 65536;
    private static final int MAX_QUERY_TEXT = 255;
    private static final Set<String> CREATE_FIELDS = Set.of("title", "description", "notes", "priority", "task_type",
            "labels", "parent_task_id", "assignee_agent_id");
    private static final Set<String> PATCH_FIELDS;
    private static final Set<String> DEPS_FIELDS = Set.of("depends_on");
    private static final Set<String> COMMENT_FIELDS = Set.of("body");

    static {
        Set<String> patch = new LinkedHashSet<>(CREATE_FIELDS);
        patch.add("status");
        PATCH_FIELDS = Set.copyOf(patch);
    }

    private final Supplier<CoordinationServices> services;
    private final JsonBodies bodies;
    private final V1Auth auth;

    public TaskRoutes(Supplier<CoordinationServices> services, JsonBodies bodies) {
        this.services = services;
        this.bodies = bodies;
        this.auth = new V1Auth(services);
    }

    public void register(ApiRoutes routes) {
        routes.get("/v1/tasks", Operation.of("tasks", "Native tasks by number, then the synced bead issues as tasks")
                .respond(401, "Authentication required").respond(422, "Validation failed / Invalid status"), this::list);
        routes.get("/v1/tasks/ready", Operation.of("tasks",
                        "Open, unassigned native tasks without an open blocker, by priority then number")
                .respond(401, "Authentication required"), this::ready);
        routes.get("/v1/tasks/blocked", Operation.of("tasks", "Open or in-progress native tasks with an open blocker")
                .respond(401, "Authentication required"), this::blocked);
        routes.post("/v1/tasks", Operation.of("tasks", "Create a native task (numbered per project)")
                .respond(401, "Authentication required").respond(403, "API key is not bound to an agent")
                .respond(404, "Agent not found")
                .respond(422, "Validation failed / Parent task not found in this project / "
                        + "Assignee agent not found in this project"), this::create);
        routes.get("/v1/tasks/{ref}", Operation.of("tasks", "One native task (uuid, number or <slug>-NNN), else a bead issue")
                .respond(401, "Authentication required").respond(404, "Task not found"), this::get);
        routes.patch("/v1/tasks/{ref}", Operation.of("tasks",
                        "Update a native task; in_progress claims it, closed cascades to open descendants")
                .respond(401, "Authentication required").respond(403, "API key is not bound to an agent")
                .respond(404, "Task not found / Agent not found").respond(409, "Task is assigned to another agent")
                .respond(422, "Validation failed / Parent task not found in this project / "
                        + "Assignee agent not found in this project / Parent would create a cycle"), this::patch);
        routes.delete("/v1/tasks/{ref}", Operation.of("tasks", "Soft-delete a native task and release its claims")
                .respond(401, "Authentication required").respond(404, "Task not found"), this::delete);
        routes.post("/v1/tasks/{ref}/deps", Operation.of("tasks", "Make a task depend on another (idempotent)")
                .respond(401, "Authentication required").respond(404, "Task not found")
                .respond(422, "Validation failed / A task cannot depend on itself / Dependency would create a cycle"),
                this::addDependency);
        routes.delete("/v1/tasks/{ref}/deps/{dep_ref}", Operation.of("tasks", "Remove a dependency")
                .respond(401, "Authentication required").respond(404, "Task not found"), this::removeDependency);
        routes.post("/v1/tasks/{ref}/comments", Operation.of("tasks", "Comment on a native task")
                .respond(401, "Authentication required").respond(403, "API key is not bound to an agent")
                .respond(404, "Task not found / Agent not found").respond(422, "Validation failed"), this::comment);
        routes.get("/v1/tasks/{ref}/comments", Operation.of("tasks", "A native task's comments, oldest first")
                .respond(401, "Authentication required").respond(404, "Task not found"), this::comments);
    }

    private void list(Context ctx) {
        QueryParams query = new QueryParams(ctx);
        Optional<String> statusText = query.string("status", MAX_QUERY_TEXT);
        Optional<AgentId> assignee = query.uuid("assignee_agent_id").map(AgentId::new);
        Optional<String> taskType = query.string("task_type", MAX_QUERY_TEXT);
        Optional<Integer> priority = ctx.queryParam("priority") == null ? Optional.empty()
                : Optional.of(query.integer("priority", 0, 0, 4));
        Optional<String> labelsText = query.string("labels", MAX_QUERY_TEXT);
        query.validate();
        Set<Task.State> statuses = new LinkedHashSet<>();
        BeadReadRoutes.statuses(statusText).forEach(s -> statuses.add(WireName.parse(Task.State.class, s)));
        List<String> labels = labelsText.map(text -> Arrays.stream(text.split(",", -1)).map(String::strip)
                .filter(l -> !l.isEmpty()).toList()).orElse(List.of());
        Principal principal = auth.project(ctx);
        List<Tasks.Entry> entries = tasks().list(principal,
                new TaskStore.Filter(statuses, assignee, taskType.filter(t -> !t.isEmpty()), priority, labels));
        ctx.json(Map.of("tasks", entries.stream().map(entry -> switch (entry) {
            case Tasks.Native(Task task) -> listed(task);
            case Tasks.Bead(BeadIssue issue) -> listed(principal.project(), issue);
        }).toList()));
    }

    private void ready(Context ctx) {
        Principal principal = auth.project(ctx);
        ctx.json(Map.of("tasks", tasks().ready(principal).stream().map(TaskRoutes::listed).toList()));
    }

    private void blocked(Context ctx) {
        Principal principal = auth.project(ctx);
        ctx.json(Map.of("tasks", tasks().blocked(principal).stream().map(TaskRoutes::listed).toList()));
    }

    private void get(Context ctx) {
        String ref = ctx.pathParam("ref");
        Principal principal = auth.project(ctx);
        ctx.json(switch (tasks().get(principal, ref)) {
            case Tasks.NativeFound(Tasks.Detail detail) -> detail(detail);
            case Tasks.BeadFound(BeadIssue issue) -> detail(principal.project(), issue);
        });
    }

    private void create(Context ctx) {
        BodyFields body = bodies.fields(ctx);
        String title = body.requiredString("title", 1, MAX_TITLE);
        String description = body.string("description", MAX_TEXT, "");
        String notes = body.string("notes", MAX_TEXT, "");
        long priority = body.integer("priority", 0, 4, 2);
        String taskType = body.literal("task_type", Task.TYPES, false, "task");
        List<String> labels = body.body().has("labels") ? body.requiredStringList("labels") : List.of();
        UUID parent = body.uuid("parent_task_id");
        UUID assignee = body.uuid("assignee_agent_id");
        body.forbidUnknownKeys(CREATE_FIELDS);
        body.validate();
        Agent actor = auth.actor(ctx);
        Tasks.Detail created = tasks().create(actor, new Tasks.NewTask(title, description, notes, (int) priority,
                taskType, labels, parent, assignee == null ? null : new AgentId(assignee)));
        ctx.json(detail(created));
    }

    private void patch(Context ctx) {
        String ref = ctx.pathParam("ref");
        BodyFields body = bodies.fields(ctx);
        String title = has(body, "title") ? body.requiredString("title", 1, MAX_TITLE) : null;
        String description = has(body, "description") ? body.string("description", MAX_TEXT, null) : null;
        String notes = has(body, "notes") ? body.string("notes", MAX_TEXT, null) : null;
        Integer priority = has(body, "priority") ? (int) body.integer("priority", 0, 4, 2) : null;
        String taskType = has(body, "task_type") ? body.literal("task_type", Task.TYPES, false, null) : null;
        List<String> labels = has(body, "labels") ? body.requiredStringList("labels") : null;
        Tasks.Change<UUID> parent = has(body, "parent_task_id") ? new Tasks.Change<>(body.uuid("parent_task_id")) : null;
        Tasks.Change<AgentId> assignee = null;
        if (has(body, "assignee_agent_id")) {
            UUID id = body.uuid("assignee_agent_id");
            assignee = new Tasks.Change<>(id == null ? null : new AgentId(id));
        }
        String statusText = has(body, "status") ? body.literal("status", Task.STATUSES, false, null) : null;
        body.forbidUnknownKeys(PATCH_FIELDS);
        body.validate();
        Agent actor = auth.actor(ctx);
        Tasks.Patched patched = tasks().patch(actor, ref, new Tasks.Patch(title, description, notes, priority, taskType,
                labels, parent, assignee, statusText == null ? null : WireName.parse(Task.State.class, statusText)));
        Map<String, Object> view = detail(patched.detail());
        if (patched.closing()) {
            view.put("auto_closed", patched.autoClosed().stream().map(t -> {
                Map<String, Object> closed = new LinkedHashMap<>();
                closed.put("task_id", t.id().toString());
                closed.put("task_ref", t.ref());
                closed.put("title", t.title());
                return closed;
            }).toList());
        }
        ctx.json(view);
    }

    private void delete(Context ctx) {
        String ref = ctx.pathParam("ref");
        Principal principal = auth.project(ctx);
        Task deleted = tasks().delete(principal, ref);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("status", "deleted");
        view.put("task_id", deleted.id().toString());
        view.put("task_ref", deleted.ref());
        ctx.json(view);
    }

    private void addDependency(Context ctx) {
        String ref = ctx.pathParam("ref");
        BodyFields body = bodies.fields(ctx);
        String dependsOn = body.requiredString("depends_on", 1, MAX_QUERY_TEXT);
        body.forbidUnknownKeys(DEPS_FIELDS);
        body.validate();
        Principal principal = auth.project(ctx);
        Tasks.Dependency dependency = tasks().addDependency(principal, ref, dependsOn);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("task_id", dependency.task().id().toString());
        view.put("depends_on_task_id", dependency.dependsOn().id().toString());
        ctx.json(view);
    }

    private void removeDependency(Context ctx) {
        String ref = ctx.pathParam("ref");
        String depRef = ctx.pathParam("dep_ref");
        Principal principal = auth.project(ctx);
        Tasks.Dependency dependency = tasks().removeDependency(principal, ref, depRef);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("task_id", dependency.task().id().toString());
        view.put("removed_depends_on_task_id", dependency.dependsOn().id().toString());
        ctx.json(view);
    }

    private void comment(Context ctx) {
        String ref = ctx.pathParam("ref");
        BodyFields body = bodies.fields(ctx);
        String text = body.requiredString("body", 1, MAX_TEXT);
        body.forbidUnknownKeys(COMMENT_FIELDS);
        body.validate();
        Agent actor = auth.actor(ctx);
        ctx.json(comment(tasks().comment(actor, ref, text)));
    }

    private void comments(Context ctx) {
        String ref = ctx.pathParam("ref");
        Principal principal = auth.project(ctx);
        ctx.json(Map.of("comments", tasks().comments(principal, ref).stream().map(TaskRoutes::comment).toList()));
    }

    private Tasks tasks() {
        return services.get().tasks();
    }

    private static boolean has(BodyFields body, String name) {
        return body.body().has(name);
    }

    private static Map<String, Object> comment(TaskComment c) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("comment_id", c.id().toString());
        view.put("task_id", c.task().toString());
        view.put("agent_id", c.author().toString());
        view.put("body", c.body());
        view.put("created_at", WireTime.offset(c.createdAt()));
        return view;
    }

    /** The fields the list form leaves out of the detail form (§4.8). */
    private static final List<String> DETAIL_ONLY = List.of("project_id", "description", "notes", "parent_task_id",
            "closed_by_agent_id", "closed_at", "blocked_by", "blocks");

    /** The list form of a native task (§4.8). */
    static Map<String, Object> listed(Task t) {
        return listForm(detail(new Tasks.Detail(t, List.of(), List.of())));
    }

    /** The list form of a bead issue mapped to a task (§4.8 mapping). */
    static Map<String, Object> listed(ProjectId project, BeadIssue issue) {
        return listForm(detail(project, issue));
    }

    private static Map<String, Object> listForm(Map<String, Object> detail) {
        DETAIL_ONLY.forEach(detail::remove);
        return detail;
    }

    /** The detail form of a native task (§4.8). */
    static Map<String, Object> detail(Tasks.Detail detail) {
        Task t = detail.task();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("task_id", t.id().toString());
        view.put("task_ref", t.ref());
        view.put("task_number", t.number());
        view.put("project_id", t.project().toString());
        view.put("title", t.title());
        view.put("description", t.description());
        view.put("notes", t.notes());
        view.put("status", t.status().wire());
        view.put("priority", t.priority());
        view.put("task_type", t.taskType());
        view.put("labels", t.labels());
        view.put("parent_task_id", t.parent() == null ? null : t.parent().toString());
        view.put("assignee_agent_id", id(t.assignee()));
        view.put("created_by_agent_id", id(t.createdBy()));
        view.put("closed_by_agent_id", id(t.closedBy()));
        view.put("created_at", WireTime.offset(t.createdAt()));
        view.put("updated_at", WireTime.offset(t.updatedAt()));
        view.put("closed_at", time(t.closedAt()));
        view.put("blocked_by", detail.blockedBy().stream().map(TaskRoutes::link).toList());
        view.put("blocks", detail.blocks().stream().map(TaskRoutes::link).toList());
        return view;
    }

    /** The detail form of a bead issue mapped to a task (§4.8 {@code GET /{ref}}). */
    static Map<String, Object> detail(ProjectId project, BeadIssue issue) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("task_id", issue.beadId());
        view.put("task_ref", issue.beadId());
        view.put("task_number", null);
        view.put("project_id", project.toString());
        view.put("title", issue.title());
        view.put("description", issue.description());
        view.put("notes", "");
        view.put("status", issue.status());
        view.put("priority", Tasks.priorityOf(issue));
        view.put("task_type", Tasks.typeOf(issue));
        view.put("labels", issue.labels() == null ? List.of() : issue.labels());
        view.put("parent_task_id", issue.parentId() == null ? null : issue.parentId().beadId());
        view.put("assignee_agent_id", null);
        view.put("created_by_agent_id", null);
        view.put("closed_by_agent_id", null);
        view.put("created_at", time(issue.createdAt()));
        view.put("updated_at", time(issue.updatedAt()));
        view.put("closed_at", null);
        view.put("blocked_by", List.of());
        view.put("blocks", List.of());
        return view;
    }

    private static Map<String, Object> link(Task t) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("task_id", t.id().toString());
        view.put("task_ref", t.ref());
        view.put("title", t.title());
        view.put("status", t.status().wire());
        return view;
    }

    private static String id(AgentId id) {
        return id == null ? null : id.toString();
    }

    private static String time(Instant instant) {
        return instant == null ? null : WireTime.offset(instant);
    }
}
