package dev.agenthub.http.autopilot;

import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.BodyFields;
import dev.agenthub.http.support.JsonBodies;
import dev.agenthub.orchestration.projects.NewProject;
import io.javalin.http.Context;

import java.util.function.Supplier;

/** {@code POST /projects} and {@code GET /projects} (wire spec agenthub §5, §5.1). */
public final class ProjectRoutes {

    private final Supplier<AutopilotServices> services;
    private final JsonBodies bodies;

    public ProjectRoutes(Supplier<AutopilotServices> services, JsonBodies bodies) {
        this.services = services;
        this.bodies = bodies;
    }

    public void register(ApiRoutes routes) {
        routes.post("/projects", Operation.of("projects", "Create a project (and its default automation policy)")
                        .respond(409, "Project name already exists")
                        .respond(422, "Validation failed, or a repo_url that breaks §5.1 (string detail)"),
                this::create);
        routes.get("/projects", Operation.of("projects", "All projects, newest first")
                        .respond(422, "Invalid limit or offset"),
                this::list);
    }

    private void create(Context ctx) {
        BodyFields fields = bodies.fields(ctx);
        String name = fields.requiredString("name", 2, 120);
        String repoUrl = fields.requiredString("repo_url", 3, 500);
        String defaultBranch = fields.body().has("default_branch") ? fields.requiredString("default_branch", 1, 120) : "main";
        fields.validate();
        ctx.json(AutopilotJson.project(services.get().projects().create(new NewProject(name, repoUrl, defaultBranch))));
    }

    private void list(Context ctx) {
        AutopilotServices s = services.get();
        ctx.json(s.projects().list(s.paging().page(ctx)).stream().map(AutopilotJson::project).toList());
    }
}
