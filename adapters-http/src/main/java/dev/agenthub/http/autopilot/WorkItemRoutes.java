package dev.agenthub.http.autopilot;

import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.BodyFields;
import dev.agenthub.http.support.JsonBodies;
import dev.agenthub.http.support.QueryParams;
import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.workitems.IngestObjective;
import dev.agenthub.orchestration.workitems.Objectives;
import dev.agenthub.orchestration.workitems.WorkItemStatus;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Objectives and work items (wire spec agenthub §5, §6.2): {@code POST /projects/{id}/objectives},
 * {@code GET /projects/{id}/work-items} and {@code PATCH /projects/{id}/work-items/{wid}/assign}. Unknown body keys
 * are ignored.
 */
public final class WorkItemRoutes {

    static final String WORK_ITEM_ID = "work_item_id";

    private final Supplier<AutopilotServices> services;
    private final JsonBodies bodies;

    public WorkItemRoutes(Supplier<AutopilotServices> services, JsonBodies bodies) {
        this.services = services;
        this.bodies = bodies;
    }

    public void register(ApiRoutes api) {
        api.post("/projects/{project_id}/objectives", Operation.of("work-items",
                        "Triage an objective into backlog work items (§6.2)")
                .respond(404, "Project not found").respond(422, "Validation failed"), this::ingest);
        api.get("/projects/{project_id}/work-items", Operation.of("work-items",
                        "The project's work items, by priority then creation; optional status filter")
                .respond(404, "Project not found").respond(422, "Validation failed"), this::list);
        api.patch("/projects/{project_id}/work-items/{" + WORK_ITEM_ID + "}/assign", Operation.of("work-items",
                        "Assign a work item to an agent of the project (status unchanged, no event)")
                .respond(404, "Project not found / Work item not found / Agent not found for this project")
                .respond(422, "Validation failed"), this::assign);
    }

    private void ingest(Context ctx) {
        long projectId = ProjectPaths.projectId(ctx);
        BodyFields body = bodies.fields(ctx);
        String objective = body.requiredString("objective", IngestObjective.MIN_OBJECTIVE, Integer.MAX_VALUE);
        int maxWorkItems = (int) body.integer("max_work_items", IngestObjective.MIN_WORK_ITEMS,
                IngestObjective.MAX_WORK_ITEMS, IngestObjective.DEFAULT_WORK_ITEMS);
        String createdBy = body.string("created_by", IngestObjective.MAX_CREATED_BY,
                IngestObjective.DEFAULT_CREATED_BY);
        body.validate();
        Objectives.Ingested ingested = services.get().objectives()
                .ingest(projectId, new IngestObjective(objective, maxWorkItems, createdBy));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("objective", ingested.objective());
        json.put("created_items", ingested.createdItems().stream().map(CatalogJson::workItem).toList());
        ctx.json(json);
    }

    private void list(Context ctx) {
        long projectId = ProjectPaths.projectId(ctx);
        AutopilotServices s = services.get();
        QueryParams query = new QueryParams(ctx);
        Optional<WorkItemStatus> status = StatusFilter.read(ctx, query, WorkItemStatus.class);
        PageSlice page = s.paging().read(query);
        query.validate();
        ctx.json(s.workItems().list(projectId, status, page).stream().map(CatalogJson::workItem).toList());
    }

    private void assign(Context ctx) {
        long[] ids = ProjectPaths.ids(ctx, ProjectPaths.PROJECT_ID, WORK_ITEM_ID);
        BodyFields body = bodies.fields(ctx);
        long agentId = body.requiredInteger("agent_id", Long.MIN_VALUE, Long.MAX_VALUE, ProjectPaths.NO_ROW);
        body.validate();
        ctx.json(CatalogJson.workItem(services.get().workItems().assign(ids[0], ids[1], agentId)));
    }
}
