package dev.agenthub.http.autopilot;

import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import io.javalin.http.Context;

import java.util.function.Supplier;

/** {@code GET /projects/{id}/dashboard} (wire spec agenthub §5). */
public final class DashboardRoutes {

    private final Supplier<AutopilotServices> services;

    public DashboardRoutes(Supplier<AutopilotServices> services) {
        this.services = services;
    }

    public void register(ApiRoutes api) {
        api.get("/projects/{project_id}/dashboard", Operation.of("dashboard",
                        "The project, all its agents and its work item and pull request counts")
                .respond(404, "Project not found").respond(422, "Validation failed"), this::view);
    }

    private void view(Context ctx) {
        long projectId = ProjectPaths.projectId(ctx);
        ctx.json(CatalogJson.dashboard(services.get().dashboard().view(projectId)));
    }
}
