package dev.agenthub.http.autopilot;

import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.BodyFields;
import dev.agenthub.http.support.JsonBodies;
import dev.agenthub.orchestration.agents.AgentChanges;
import dev.agenthub.orchestration.agents.AgentRole;
import dev.agenthub.orchestration.agents.AgentStatus;
import dev.agenthub.orchestration.agents.NewAgent;
import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.common.WireEnum;
import io.javalin.http.Context;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A project's agents (wire spec agenthub §5, §6.1): {@code GET/POST /projects/{project_id}/agents},
 * {@code PATCH /projects/{project_id}/agents/{agent_id}} and {@code POST /projects/{project_id}/bootstrap}.
 */
public final class ProjectAgentRoutes {

    static final List<String> ROLES = wireNames(AgentRole.values());
    static final List<String> STATUSES = wireNames(AgentStatus.values());

    private final Supplier<AutopilotServices> services;
    private final JsonBodies bodies;

    public ProjectAgentRoutes(Supplier<AutopilotServices> services, JsonBodies bodies) {
        this.services = services;
        this.bodies = bodies;
    }

    public void register(ApiRoutes routes) {
        routes.get("/projects/{project_id}/agents", Operation.of("agents", "A project's agents, by role then creation")
                        .respond(404, "Project not found")
                        .respond(422, "Invalid project id, limit or offset"),
                this::list);
        routes.post("/projects/{project_id}/agents", Operation.of("agents", "Add an agent to a project")
                        .respond(404, "Project not found")
                        .respond(422, "Validation failed"),
                this::create);
        routes.patch("/projects/{project_id}/agents/{agent_id}", Operation.of("agents",
                                "Change an agent's name, status or max_parallel_tasks (null = unchanged)")
                        .respond(404, "Project not found / Agent not found")
                        .respond(422, "Validation failed"),
                this::update);
        routes.post("/projects/{project_id}/bootstrap", Operation.of("agents",
                                "Create the four default agents (or return the existing ones)")
                        .respond(404, "Project not found")
                        .respond(422, "Invalid project id"),
                this::bootstrap);
    }

    private void list(Context ctx) {
        long projectId = ProjectPaths.projectId(ctx);
        AutopilotServices s = services.get();
        PageSlice page = s.paging().page(ctx);
        ctx.json(s.agents().list(projectId, page).stream().map(AutopilotJson::agent).toList());
    }

    private void create(Context ctx) {
        long projectId = ProjectPaths.projectId(ctx);
        BodyFields fields = bodies.fields(ctx);
        String name = fields.requiredString("name", 2, 120);
        String role = fields.enumeration("role", ROLES, true, false, null);
        String status = fields.enumeration("status", STATUSES, false, false, "active");
        long maxParallel = fields.integer("max_parallel_tasks", 1, 20, 2);
        String capabilities = fields.string("capabilities", Integer.MAX_VALUE, "");
        fields.validate();
        NewAgent agent = new NewAgent(name, WireEnum.parse(AgentRole.class, role).orElseThrow(),
                WireEnum.parse(AgentStatus.class, status).orElseThrow(), (int) maxParallel, capabilities);
        ctx.json(AutopilotJson.agent(services.get().agents().create(projectId, agent)));
    }

    private void update(Context ctx) {
        long[] ids = ProjectPaths.ids(ctx, ProjectPaths.PROJECT_ID, "agent_id");
        BodyFields fields = bodies.fields(ctx);
        Optional<String> name = Optional.ofNullable(fields.nullableString("name", 2, 120, null));
        Optional<String> status = Optional.ofNullable(fields.enumeration("status", STATUSES, false, true, null));
        Optional<Long> maxParallel = fields.nullableInteger("max_parallel_tasks", 1, 20);
        fields.validate();
        AgentChanges changes = new AgentChanges(name,
                status.map(text -> WireEnum.parse(AgentStatus.class, text).orElseThrow()),
                maxParallel.map(Long::intValue));
        ctx.json(AutopilotJson.agent(services.get().agents().update(ids[0], ids[1], changes)));
    }

    private void bootstrap(Context ctx) {
        long projectId = ProjectPaths.projectId(ctx);
        ctx.json(Map.of("created_agents",
                services.get().agents().bootstrap(projectId).stream().map(AutopilotJson::agent).toList()));
    }

    private static List<String> wireNames(Enum<?>[] values) {
        return Arrays.stream(values).map(WireEnum::name).toList();
    }
}
