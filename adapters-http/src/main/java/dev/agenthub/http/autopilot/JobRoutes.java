package dev.agenthub.http.autopilot;

import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.BodyFields;
import dev.agenthub.http.support.JsonBodies;
import dev.agenthub.http.support.QueryParams;
import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.common.WireEnum;
import dev.agenthub.orchestration.jobs.AutopilotJob;
import dev.agenthub.orchestration.jobs.AutopilotJobs;
import dev.agenthub.orchestration.jobs.JobStatus;
import dev.agenthub.orchestration.jobs.NewJob;
import dev.agenthub.protocol.kernel.time.WireTime;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The autopilot job routes (wire spec agenthub §5, §8): enqueue, list, get, cancel and retry. The workers that run
 * the jobs have no route.
 */
public final class JobRoutes {

    static final String JOB_ID = "job_id";

    private final Supplier<AutopilotServices> services;
    private final JsonBodies bodies;

    public JobRoutes(Supplier<AutopilotServices> services, JsonBodies bodies) {
        this.services = services;
        this.bodies = bodies;
    }

    public void register(ApiRoutes routes) {
        routes.post("/projects/{project_id}/jobs/autopilot", Operation.of("jobs",
                        "Queue an autopilot cycle for the job workers (the provider is checked when the job runs)")
                        .respond(404, "Project not found").respond(422, "Validation failed"),
                this::enqueue);
        routes.get("/projects/{project_id}/jobs", Operation.of("jobs",
                        "The project's jobs, newest first; optional status filter")
                        .respond(404, "Project not found").respond(422, "Validation failed"),
                this::list);
        String job = "/projects/{project_id}/jobs/{job_id}";
        routes.get(job, Operation.of("jobs", "One job")
                .respond(404, "Project not found / Job not found").respond(422, "Validation failed"), this::get);
        routes.post(job + "/cancel", Operation.of("jobs",
                        "Cancel a queued or running job (a terminal job is returned unchanged)")
                        .respond(404, "Project not found / Job not found").respond(422, "Validation failed"),
                this::cancel);
        routes.post(job + "/retry", Operation.of("jobs", "Queue a failed or canceled job again, from scratch")
                        .respond(404, "Project not found / Job not found")
                        .respond(409, AutopilotJobs.NOT_RETRYABLE).respond(422, "Validation failed"),
                this::retry);
    }

    private void enqueue(Context ctx) {
        long projectId = ProjectPaths.projectId(ctx);
        BodyFields fields = bodies.fields(ctx);
        int maxItems = (int) fields.integer("max_items", NewJob.MIN_ITEMS, NewJob.MAX_ITEMS, NewJob.DEFAULT_ITEMS);
        String provider = fields.nullableString("provider", NewJob.MAX_PROVIDER_LENGTH, null);
        String requestedBy = fields.string("requested_by", NewJob.MAX_REQUESTED_BY_LENGTH, NewJob.DEFAULT_REQUESTED_BY);
        int maxAttempts = (int) fields.integer("max_attempts", NewJob.MIN_ATTEMPTS, NewJob.MAX_ATTEMPTS,
                NewJob.DEFAULT_ATTEMPTS);
        fields.validate();
        ctx.json(json(jobs().enqueue(projectId,
                new NewJob(maxItems, Optional.ofNullable(provider), requestedBy, maxAttempts))));
    }

    private void list(Context ctx) {
        long projectId = ProjectPaths.projectId(ctx);
        AutopilotServices s = services.get();
        QueryParams query = new QueryParams(ctx);
        Optional<JobStatus> status = StatusFilter.read(ctx, query, JobStatus.class);
        PageSlice page = s.paging().read(query);
        query.validate();
        ctx.json(s.jobs().list(projectId, status, page).stream().map(JobRoutes::json).toList());
    }

    private void get(Context ctx) {
        long[] ids = ProjectPaths.ids(ctx, ProjectPaths.PROJECT_ID, JOB_ID);
        ctx.json(json(jobs().get(ids[0], ids[1])));
    }

    private void cancel(Context ctx) {
        long[] ids = ProjectPaths.ids(ctx, ProjectPaths.PROJECT_ID, JOB_ID);
        ctx.json(json(jobs().cancel(ids[0], ids[1])));
    }

    private void retry(Context ctx) {
        long[] ids = ProjectPaths.ids(ctx, ProjectPaths.PROJECT_ID, JOB_ID);
        ctx.json(json(jobs().retry(ids[0], ids[1])));
    }

    private AutopilotJobs jobs() {
        return services.get().jobs();
    }

    /** AutopilotJobRead (§4), fields in the spec's order. */
    static Map<String, Object> json(AutopilotJob job) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", job.id());
        json.put("project_id", job.projectId());
        json.put("status", WireEnum.name(job.status()));
        json.put("max_items", job.maxItems());
        json.put("provider", job.provider().orElse(null));
        json.put("requested_by", job.requestedBy());
        json.put("attempts", job.attempts());
        json.put("max_attempts", job.maxAttempts());
        json.put("worker_id", job.workerId().orElse(null));
        json.put("started_at", job.startedAt().map(WireTime::naive).orElse(null));
        json.put("finished_at", job.finishedAt().map(WireTime::naive).orElse(null));
        json.put("canceled_at", job.canceledAt().map(WireTime::naive).orElse(null));
        json.put("processed_items", job.processedItems());
        json.put("created_prs", job.createdPrs());
        json.put("merged_prs", job.mergedPrs());
        json.put("merged_pr_ids_json", job.mergedPrIdsJson());
        json.put("error_message", job.errorMessage());
        json.put("created_at", WireTime.naive(job.createdAt()));
        json.put("updated_at", WireTime.naive(job.updatedAt()));
        return json;
    }
}
