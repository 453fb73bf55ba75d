package dev.agenthub.http.autopilot;

import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.orchestration.webhooks.GitHubWebhooks;
import dev.agenthub.orchestration.webhooks.WebhookOutcome;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code POST /webhooks/github} (wire spec agenthub §9). Public: no API key or role applies (GitHub authenticates
 * with the signature). The handler hands the raw body bytes, untouched, to the use case, which checks the signature
 * before anything parses them. The hub-wide request size limit ({@code AGENT_HUB_MAX_REQUEST_BYTES}) still applies
 * first; the webhook's own limit is a separate check in the use case.
 */
public final class GitHubWebhookRoutes {

    private final Supplier<AutopilotServices> services;

    public GitHubWebhookRoutes(Supplier<AutopilotServices> services) {
        this.services = services;
    }

    public void register(ApiRoutes routes) {
        routes.post("/webhooks/github", Operation.of("webhooks", "Receive a GitHub webhook delivery "
                                + "(issues, issue_comment); headers X-GitHub-Event and X-GitHub-Delivery required, "
                                + "X-Hub-Signature-256 when a secret is configured")
                        .respond(400, "Bad header or payload, e.g. Webhook body must be valid JSON")
                        .respond(401, "Missing X-Hub-Signature-256 header / Malformed X-Hub-Signature-256 header / "
                                + "Invalid webhook signature")
                        .respond(413, "Webhook payload exceeds max allowed size (<N> bytes)")
                        .respond(422, "A required header is missing (header validation error)"),
                this::receive);
    }

    private void receive(Context ctx) {
        GitHubWebhooks webhooks = services.get().webhooks();
        WebhookOutcome outcome = webhooks.handle(ctx.header("X-GitHub-Event"), ctx.header("X-GitHub-Delivery"),
                ctx.header("X-Hub-Signature-256"), ctx.bodyAsBytes());
        ctx.json(json(outcome));
    }

    /** The §9.2 response: all seven keys, nulls included. */
    static Map<String, Object> json(WebhookOutcome outcome) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", outcome.action());
        body.put("event", outcome.event());
        body.put("project_id", outcome.projectId());
        body.put("issue_number", outcome.issueNumber());
        body.put("job_id", outcome.jobId());
        body.put("objective", outcome.objective());
        body.put("reason", outcome.reason());
        return body;
    }
}
