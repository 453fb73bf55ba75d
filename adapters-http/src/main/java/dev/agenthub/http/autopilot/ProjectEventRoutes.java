package dev.agenthub.http.autopilot;

import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.orchestration.common.PageSlice;
import io.javalin.http.Context;

import java.util.function.Supplier;

/** {@code GET /projects/{project_id}/events} (wire spec agenthub §5, §6.5): the event log, newest first. */
public final class ProjectEventRoutes {

    private final Supplier<AutopilotServices> services;

    public ProjectEventRoutes(Supplier<AutopilotServices> services) {
        this.services = services;
    }

    public void register(ApiRoutes routes) {
        routes.get("/projects/{project_id}/events", Operation.of("events", "The project's event log, newest first")
                        .respond(404, "Project not found")
                        .respond(422, "Invalid project id, limit or offset"),
                this::list);
    }

    private void list(Context ctx) {
        long projectId = ProjectPaths.projectId(ctx);
        AutopilotServices s = services.get();
        PageSlice page = s.paging().page(ctx);
        ctx.json(s.events().list(projectId, page).stream().map(AutopilotJson::event).toList());
    }
}
