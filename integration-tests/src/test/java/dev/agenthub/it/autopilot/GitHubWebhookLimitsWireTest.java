package dev.agenthub.it.autopilot;

import dev.agenthub.orchestration.webhooks.WebhookDelivery;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The webhook's own payload limit (wire spec agenthub §9.2 step 6), inside the hub-wide request limit. */
class GitHubWebhookLimitsWireTest extends GitHubWebhookHubTest {

    @Test
    void anOversizePayloadIs413MarksTheDeliveryFailedAndIsNotProcessedAgain() {
        String hub = hub(Map.of("AGENT_HUB_GITHUB_WEBHOOK_SECRET", SECRET,
                "AGENT_HUB_GITHUB_WEBHOOK_MAX_PAYLOAD_BYTES", "1024"));
        String owner = unique("big");
        long project = project(hub, "https://github.com/" + owner + "/repo");
        byte[] body = bytes(issuesPayload("opened", repository(owner, "repo"), 1, "Big", "x".repeat(1200)));
        assertThat(body.length).isGreaterThan(1024);
        long failedBefore = deliveries.countFailed();
        String id = delivery();
        assertDetail(deliver(hub, "issues", id, body), 413, "Webhook payload exceeds max allowed size (1024 bytes)");
        WebhookDelivery row = stored(id);
        assertThat(row.action()).isEqualTo("failed");
        assertThat(row.reason()).isEqualTo("Webhook payload exceeds max allowed size (1024 bytes)");
        assertThat(deliveries.countFailed()).isEqualTo(failedBefore + 1);

        assertAnswer(deliver(hub, "issues", id, body), 200,
                outcome("ignored", "issues", null, null, null, null, "Duplicate delivery"));
        assertThat(stored(id).duplicateCount()).isEqualTo(1);
        assertThat(get(hub, "/projects/" + project + "/work-items")).isEmpty();

        // exactly at the limit is processed
        Map<String, Object> small = issuesPayload("opened", repository(owner, "repo"), 2, "Small", "");
        int padding = 1024 - bytes(small).length;
        small.put("pad", "p".repeat(padding - "\"pad\":\"\",".length()));
        assertThat(bytes(small)).hasSize(1024);
        assertThat(deliver(hub, "issues", delivery(), small).json().get("action").asText())
                .isEqualTo("objective_created");
    }

    @Test
    void theHubWideRequestLimitStillAppliesFirst() {
        String hub = hub(Map.of("AGENT_HUB_MAX_REQUEST_BYTES", "2048",
                "AGENT_HUB_GITHUB_WEBHOOK_MAX_PAYLOAD_BYTES", "1000000"));
        String id = delivery();
        dev.agenthub.it.support.HttpProbe.Response answer = new dev.agenthub.it.support.HttpProbe(hub)
                .sendExpectingContinue("POST", "/webhooks/github", "{\"a\":\"" + "x".repeat(4000) + "\"}",
                        Map.of("X-GitHub-Event", "ping", "X-GitHub-Delivery", id, "Content-Type", "application/json"));
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().get("detail").asText()).isEqualTo("Request body too large");
        assertThat(deliveries.find(id)).isEmpty();
    }
}
