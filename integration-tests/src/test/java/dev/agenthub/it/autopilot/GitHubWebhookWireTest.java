package dev.agenthub.it.autopilot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.orchestration.webhooks.WebhookDelivery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /webhooks/github} (wire spec agenthub §9, §14 D5) on a hub with a secret and default settings. */
class GitHubWebhookWireTest extends GitHubWebhookHubTest {

    String hub;

    @BeforeEach
    void start() {
        // the secret is trimmed (§9.2 step 2)
        hub = hub(Map.of("AGENT_HUB_GITHUB_WEBHOOK_SECRET", "  " + SECRET + "  "));
    }

    @Test
    void aValidSignatureIsAcceptedWhateverTheCaseOfTheAlgorithm() {
        String id = delivery();
        byte[] body = utf8("{\"zen\": \"Keep it logically awesome.\"}");
        assertAnswer(deliver(hub, "ping", id, body), 200,
                outcome("ignored", "ping", null, null, null, null, "Unsupported event type"));
        WebhookDelivery row = stored(id);
        assertThat(row.event()).isEqualTo("ping");
        assertThat(row.action()).isEqualTo("ignored");
        assertThat(row.reason()).isEqualTo("Unsupported event type");
        assertThat(row.duplicateCount()).isZero();

        String hex = dev.agenthub.orchestration.webhooks.WebhookSignature.hex(SECRET, body);
        assertThat(post(hub, body, Map.of("X-GitHub-Event", "  PING ", "X-GitHub-Delivery", delivery(),
                "X-Hub-Signature-256", "SHA256=" + hex)).status()).isEqualTo(200);
    }

    @Test
    void aWrongMissingOrMalformedSignatureIs401AndRecordsNothing() {
        byte[] body = utf8("{\"zen\": \"x\"}");
        String id = delivery();
        assertDetail(post(hub, body, Map.of("X-GitHub-Event", "ping", "X-GitHub-Delivery", id,
                "X-Hub-Signature-256", "sha256=" + "0".repeat(64))), 401, "Invalid webhook signature");
        // signed with another secret, or over other bytes
        assertDetail(post(hub, body, Map.of("X-GitHub-Event", "ping", "X-GitHub-Delivery", id,
                "X-Hub-Signature-256", "sha256=" + dev.agenthub.orchestration.webhooks.WebhookSignature.hex("other", body))),
                401, "Invalid webhook signature");
        assertDetail(post(hub, body, Map.of("X-GitHub-Event", "ping", "X-GitHub-Delivery", id)), 401,
                "Missing X-Hub-Signature-256 header");
        for (String malformed : List.of("sha1=abc", "sha256=", "abcdef", "md5=" + "0".repeat(64))) {
            assertDetail(post(hub, body, Map.of("X-GitHub-Event", "ping", "X-GitHub-Delivery", id,
                    "X-Hub-Signature-256", malformed)), 401, "Malformed X-Hub-Signature-256 header");
        }
        assertThat(deliveries.find(id)).isEmpty();
    }

    @Test
    void missingRequiredHeadersAre422HeaderValidationErrors() {
        byte[] body = utf8("{}");
        assertAnswer(post(hub, body, Map.of()), 422, ordered("detail", List.of(
                ordered("type", "missing", "loc", List.of("header", "x-github-event"), "msg", "Field required",
                        "input", null),
                ordered("type", "missing", "loc", List.of("header", "x-github-delivery"), "msg", "Field required",
                        "input", null))));
        assertAnswer(post(hub, body, Map.of("X-GitHub-Event", "issues")), 422, ordered("detail", List.of(
                ordered("type", "missing", "loc", List.of("header", "x-github-delivery"), "msg", "Field required",
                        "input", null))));
        // header validation comes before the signature check
        assertThat(post(hub, body, Map.of("X-GitHub-Delivery", delivery())).status()).isEqualTo(422);
    }

    @Test
    void badHeaderValuesAre400AndRecordNothing() {
        assertDetail(deliver(hub, "e".repeat(121), delivery(), utf8("{}")), 400, "X-GitHub-Event header too long");
        assertThat(deliver(hub, "e".repeat(120), delivery(), utf8("{}")).status()).isEqualTo(200);
        assertDetail(deliver(hub, "issues", "d".repeat(256), utf8("{}")), 400, "X-GitHub-Delivery header too long");
        assertThat(deliveries.find("d".repeat(256))).isEmpty();
        assertThat(deliver(hub, "ping", "d".repeat(255), utf8("{}")).status()).isEqualTo(200);
        byte[] body = utf8("{}");
        assertDetail(post(hub, body, Map.of("X-GitHub-Event", "ping", "X-GitHub-Delivery", "",
                "X-Hub-Signature-256", "sha256=" + dev.agenthub.orchestration.webhooks.WebhookSignature.hex(SECRET, body))),
                400, "Missing X-GitHub-Delivery header");
    }

    @Test
    void anOpenedIssueBecomesAnObjectiveWithWorkItemsAndAnEvent() {
        String owner = unique("acme");
        long project = project(hub, "https://github.com/" + owner + "/widgets");
        String id = delivery();
        Answer answer = deliver(hub, "issues", id, issuesPayload("opened", repository(owner, "widgets"), 42,
                "  Add login page  ", " Add a login page. Add a logout button \n"));
        String objective = "Resolve GitHub issue #42: Add login page\n\nAdd a login page. Add a logout button"
                + "\n\nReference: https://github.com/x/y/issues/42";
        assertAnswer(answer, 200, outcome("objective_created", "issues", project, 42L, null, objective, null));

        JsonNode items = get(hub, "/projects/" + project + "/work-items");
        assertThat(items).isNotEmpty().hasSizeLessThanOrEqualTo(4);
        items.forEach(item -> {
            assertThat(item.get("source_objective").asText()).isEqualTo(objective);
            assertThat(item.get("status").asText()).isEqualTo("backlog");
        });
        assertThat(dsl.fetch("select created_by from orchestration.work_items where project_id = " + project)
                .getValues(0, String.class)).containsOnly("github:webhook");
        JsonNode events = get(hub, "/projects/" + project + "/events");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("event_type").asText()).isEqualTo("objective_ingested");

        WebhookDelivery row = stored(id);
        assertThat(row.action()).isEqualTo("objective_created");
        assertThat(row.projectId()).isEqualTo(project);
        assertThat(row.issueNumber()).isEqualTo(42L);
        assertThat(row.jobId()).isNull();
        assertThat(row.reason()).isEmpty();
    }

    @Test
    void anIssueWithoutTitleOrBodyIsNamedByItsNumber() {
        String owner = unique("acme");
        long project = project(hub, "https://github.com/" + owner + "/widgets");
        Map<String, Object> payload = ordered("action", "opened", "repository", repository(owner, "widgets"),
                "issue", ordered("number", 5));
        assertAnswer(deliver(hub, "issues", delivery(), payload), 200, outcome("objective_created", "issues", project,
                5L, null, "Resolve GitHub issue #5: Issue 5", null));
    }

    @Test
    void aDuplicateDeliveryIsIgnoredWithNoOtherEffect() {
        String owner = unique("acme");
        long project = project(hub, "https://github.com/" + owner + "/widgets");
        String id = delivery();
        byte[] body = bytes(issuesPayload("opened", repository(owner, "widgets"), 3, "Fix it", "Fix the bug"));
        assertThat(deliver(hub, "issues", id, body).json().get("action").asText()).isEqualTo("objective_created");
        int items = get(hub, "/projects/" + project + "/work-items").size();

        assertAnswer(deliver(hub, "issues", id, body), 200,
                outcome("ignored", "issues", null, null, null, null, "Duplicate delivery"));
        // the id is compared after trimming; the event label of the answer is the new header's
        assertAnswer(deliver(hub, "Issue_Comment", "  " + id + " ", body), 200,
                outcome("ignored", "issue_comment", null, null, null, null, "Duplicate delivery"));
        assertThat(get(hub, "/projects/" + project + "/work-items")).hasSize(items);
        assertThat(get(hub, "/projects/" + project + "/events")).hasSize(1);
        WebhookDelivery row = stored(id);
        assertThat(row.duplicateCount()).isEqualTo(2);
        assertThat(row.action()).isEqualTo("objective_created");
        assertThat(row.event()).isEqualTo("issues");
    }

    @Test
    void invalidJsonAndNonObjectsAre400AndMarkTheDeliveryFailed() {
        long failedBefore = deliveries.countFailed();
        String notJson = delivery();
        assertDetail(deliver(hub, "issues", notJson, utf8("{not json")), 400, "Webhook body must be valid JSON");
        assertThat(stored(notJson).action()).isEqualTo("failed");
        assertThat(stored(notJson).reason()).isEqualTo("Webhook body must be valid JSON");
        assertDetail(deliver(hub, "issues", delivery(), new byte[] {'"', (byte) 0xC3, (byte) 0x28, '"'}), 400,
                "Webhook body must be valid JSON");
        assertDetail(deliver(hub, "issues", delivery(), utf8("{} {}")), 400, "Webhook body must be valid JSON");
        assertDetail(deliver(hub, "ping", delivery(), new byte[0]), 400, "Webhook body must be valid JSON");
        String array = delivery();
        assertDetail(deliver(hub, "issues", array, utf8("[1, 2]")), 400, "Webhook body must be a JSON object");
        assertThat(stored(array).reason()).isEqualTo("Webhook body must be a JSON object");
        assertDetail(deliver(hub, "ping", delivery(), utf8("null")), 400, "Webhook body must be a JSON object");
        assertThat(deliveries.countFailed() - failedBefore).isEqualTo(6);
        // a failed delivery still counts as seen
        assertAnswer(deliver(hub, "issues", notJson, utf8("{}")), 200,
                outcome("ignored", "issues", null, null, null, null, "Duplicate delivery"));
        assertThat(stored(notJson).action()).isEqualTo("failed");
    }

    @Test
    void payloadsThatAreNotTheirEventsShapeAre400() {
        Map<String, Object> repo = repository(unique("o"), "r");
        for (Map<String, Object> bad : List.of(
                ordered("repository", repo, "issue", ordered("number", 1)),
                ordered("action", "opened", "issue", ordered("number", 1)),
                ordered("action", "opened", "repository", repo),
                ordered("action", "opened", "repository", repo, "issue", ordered("number", 0)),
                ordered("action", "opened", "repository", repo, "issue", ordered("number", "abc")),
                ordered("action", "opened", "repository", repo, "issue", ordered("number", 1, "title", null)),
                ordered("action", 5, "repository", repo, "issue", ordered("number", 1)),
                ordered("action", "opened", "repository", "x", "issue", ordered("number", 1)))) {
            String id = delivery();
            assertDetail(deliver(hub, "issues", id, bad), 400, "Invalid issues webhook payload");
            assertThat(stored(id).action()).isEqualTo("failed");
        }
        assertDetail(deliver(hub, "issue_comment", delivery(), ordered("action", "created", "repository", repo,
                "issue", ordered("number", 1))), 400, "Invalid issue_comment webhook payload");
        assertDetail(deliver(hub, "issue_comment", delivery(), ordered("action", "created", "repository", repo,
                "comment", ordered("body", "/agent run"))), 400, "Invalid issue_comment webhook payload");
    }

    @Test
    void anUnknownRepositoryIsNoProject() {
        String id = delivery();
        assertAnswer(deliver(hub, "issues", id, issuesPayload("opened", repository(unique("nobody"), "nothing"), 9,
                "T", null)), 200, outcome("no_project", "issues", null, 9L, null, null,
                "No matching project for repository"));
        assertThat(stored(id).action()).isEqualTo("no_project");
        assertThat(stored(id).reason()).isEqualTo("No matching project for repository");
        assertThat(stored(id).issueNumber()).isEqualTo(9L);
    }

    @Test
    void unsupportedActionsAndEventsAreIgnored() {
        String owner = unique("acme");
        long project = project(hub, "https://github.com/" + owner + "/widgets");
        assertAnswer(deliver(hub, "issues", delivery(), issuesPayload("closed", repository(owner, "widgets"), 4, "T",
                null)), 200, outcome("ignored", "issues", null, 4L, null, null, "Unsupported issues action `closed`"));
        assertAnswer(deliver(hub, "issue_comment", delivery(), commentPayload("edited", repository(owner, "widgets"),
                "/agent run", "OWNER")), 200, outcome("ignored", "issue_comment", null, 7L, null, null,
                "Unsupported issue_comment action `edited`"));
        assertAnswer(deliver(hub, "issue_comment", delivery(), commentPayload("created", repository(owner, "widgets"),
                "please /agent run\n/agent running", "OWNER")), 200, outcome("ignored", "issue_comment", null, 7L, null,
                null, "No supported command found"));
        assertAnswer(deliver(hub, "push", delivery(), ordered("ref", "refs/heads/main")), 200,
                outcome("ignored", "push", null, null, null, null, "Unsupported event type"));
        assertThat(get(hub, "/projects/" + project + "/work-items")).isEmpty();
    }

    @Test
    void anAgentRunFromAnUntrustedCommenterIsIgnored() {
        String owner = unique("acme");
        project(hub, "https://github.com/" + owner + "/widgets");
        for (String association : List.of("CONTRIBUTOR", "NONE", "FIRST_TIME_CONTRIBUTOR")) {
            String id = delivery();
            assertAnswer(deliver(hub, "issue_comment", id, commentPayload("created", repository(owner, "widgets"),
                    "Looks good.\n  /AGENT RUN now", association)), 200, outcome("ignored", "issue_comment", null, 7L,
                    null, null, "Commenter not allowed to run agents (author_association=" + association + ")"));
            assertThat(stored(id).jobId()).isNull();
        }
        Map<String, Object> noAssociation = commentPayload("created", repository(owner, "widgets"), "/agent run", null);
        assertAnswer(deliver(hub, "issue_comment", delivery(), noAssociation), 200, outcome("ignored",
                "issue_comment", null, 7L, null, null, "Commenter not allowed to run agents (author_association=NONE)"));
    }

    @Test
    void theTrustCheckComesBeforeProjectMatching() {
        Map<String, Object> unknown = repository(unique("nobody"), "nothing");
        assertThat(deliver(hub, "issue_comment", delivery(), commentPayload("created", unknown, "/agent run",
                "NONE")).json().get("reason").asText()).startsWith("Commenter not allowed");
        assertAnswer(deliver(hub, "issue_comment", delivery(), commentPayload("created", unknown, "/agent run",
                "member")), 200, outcome("no_project", "issue_comment", null, 7L, null, null,
                "No matching project for repository"));
    }

    @Test
    void anUnexpectedFailureMarksTheDeliveryFailedWithTheExceptionTypeAndRollsBackTheObjective() {
        String owner = unique("acme");
        long project = project(hub, "https://github.com/" + owner + "/widgets");
        String id = delivery();
        // PostgreSQL cannot store NUL: the insert of the work items fails inside the processing transaction
        Answer answer = deliver(hub, "issues", id, issuesPayload("opened", repository(owner, "widgets"), 8,
                "Title with \u0000 NUL", "body"));
        assertDetail(answer, 422, "Invalid text: NUL characters are not allowed");
        WebhookDelivery row = stored(id);
        assertThat(row.action()).isEqualTo("failed");
        assertThat(row.reason()).matches("[A-Za-z]+: \\S.*").hasSizeLessThanOrEqualTo(300).doesNotContain("\n");
        assertThat(get(hub, "/projects/" + project + "/work-items")).isEmpty();
        assertThat(get(hub, "/projects/" + project + "/events")).isEmpty();
    }
}
