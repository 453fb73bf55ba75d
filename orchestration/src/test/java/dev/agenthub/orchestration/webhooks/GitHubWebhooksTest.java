package dev.agenthub.orchestration.webhooks;

import dev.agenthub.orchestration.fakes.AutopilotFakes;
import dev.agenthub.orchestration.webhooks.port.JsonDecoder;
import dev.agenthub.orchestration.webhooks.port.ProjectRepositoryIndex;
import dev.agenthub.orchestration.webhooks.port.WebhookDeliveryStore;
import dev.agenthub.orchestration.webhooks.port.WebhookJobQueue;
import dev.agenthub.orchestration.workitems.Objectives;
import dev.agenthub.orchestration.workitems.WorkItem;
import dev.agenthub.protocol.kernel.error.DomainError;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The order of {@link GitHubWebhooks} (wire spec agenthub §9.2) with in-memory ports. */
class GitHubWebhooksTest {

    private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

    private final AutopilotFakes fakes = new AutopilotFakes();
    private final Deliveries deliveries = new Deliveries();
    private final Map<String, Long> identities = new HashMap<>();
    private final List<String> enqueued = new ArrayList<>();
    private Object decoded = new LinkedHashMap<>();
    private RuntimeException enqueueFailure;

    private GitHubWebhooks webhooks(GitHubWebhookOptions options) {
        ProjectRepositoryIndex index = new ProjectRepositoryIndex() {
            @Override
            public Optional<Long> firstByIdentity(Set<String> candidates) {
                return candidates.stream().map(identities::get).filter(java.util.Objects::nonNull).min(Long::compare);
            }

            @Override
            public Optional<Long> firstByLocator(Set<String> locators) {
                return Optional.empty();
            }

            @Override
            public int backfill() {
                return 0;
            }
        };
        WebhookJobQueue jobs = (projectId, maxItems, maxAttempts, requestedBy) -> {
            if (enqueueFailure != null) {
                throw enqueueFailure;
            }
            enqueued.add(projectId + " " + maxItems + " " + maxAttempts + " " + requestedBy);
            return 100 + enqueued.size();
        };
        JsonDecoder json = body -> Optional.of(decoded);
        return new GitHubWebhooks(fakes.tx, fakes.clock, options, deliveries, index,
                new Objectives(fakes.tx, fakes.projects, fakes.policies, fakes.workItems, fakes.events, fakes.clock),
                jobs, json);
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void missingHeadersAreReportedTogetherBeforeAnythingElse() {
        GitHubWebhooks hooks = webhooks(new GitHubWebhookOptions(Optional.of("s"), false, 1024, Set.of("OWNER")));
        assertThatThrownBy(() -> hooks.handle(null, null, null, BODY))
                .isInstanceOfSatisfying(DomainError.Invalid.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.violations()).extracting(v -> v.loc())
                            .containsExactly(List.of("header", "x-github-event"), List.of("header", "x-github-delivery"));
                });
        assertThat(deliveries.rows).isEmpty();
    }

    @Test
    void theSignatureIsCheckedBeforeTheDeliveryIsRecorded() {
        GitHubWebhooks hooks = webhooks(new GitHubWebhookOptions(Optional.of(" s "), false, 1024, Set.of("OWNER")));
        assertThatThrownBy(() -> hooks.handle("issues", "d1", "sha256=" + WebhookSignature.hex(" s ", BODY), BODY))
                .hasMessage("Invalid webhook signature");
        assertThat(deliveries.rows).isEmpty();
        assertThat(hooks.handle("ping", "d1", "sha256=" + WebhookSignature.hex("s", BODY), BODY).reason())
                .isEqualTo("Unsupported event type");
        assertThat(deliveries.rows.get("d1").action()).isEqualTo("ignored");
    }

    @Test
    void anOpenedIssueWithAutoEnqueueCreatesTheObjectiveAndAJob() {
        long project = fakes.project("alpha");
        identities.put("acme/widgets", project);
        decoded = map("action", "opened", "repository", map("full_name", "Acme/Widgets"),
                "issue", map("number", 12, "title", "Crash on start"), "sender", map("login", "octocat"));
        WebhookOutcome outcome = webhooks(new GitHubWebhookOptions(Optional.empty(), true, 1024, Set.of("OWNER")))
                .handle("Issues", " d2 ", null, BODY);
        assertThat(outcome).isEqualTo(new WebhookOutcome("job_enqueued", "issues", project, 12L, 101L,
                "Resolve GitHub issue #12: Crash on start", null));
        assertThat(enqueued).containsExactly(project + " 3 1 github:octocat");
        assertThat(fakes.workItems.rows()).extracting(WorkItem::createdBy).containsOnly("github:webhook");
        assertThat(deliveries.rows.get("d2").jobId()).isEqualTo(101L);
    }

    @Test
    void aTrustedAgentRunEnqueuesAJobForTheBacklog() {
        long project = fakes.project("beta");
        identities.put("acme/widgets", project);
        decoded = map("action", "created", "repository", map("name", "widgets", "owner", map("login", "acme")),
                "issue", map("number", 3), "comment", map("body", "/agent run", "author_association", "collaborator"));
        WebhookOutcome outcome = webhooks(GitHubWebhookOptions.defaults()).handle("issue_comment", "d3", null, BODY);
        assertThat(outcome).isEqualTo(new WebhookOutcome("job_enqueued", "issue_comment", project, 3L, 101L, null,
                null));
        assertThat(enqueued).containsExactly(project + " 3 1 github:webhook");
        assertThat(fakes.workItems.rows()).isEmpty();
    }

    @Test
    void anUnexpectedFailureMarksTheDeliveryFailedWithItsTypeAndMessage() {
        long project = fakes.project("gamma");
        identities.put("acme/widgets", project);
        decoded = map("action", "created", "repository", map("full_name", "acme/widgets"),
                "issue", map("number", 3), "comment", map("body", "/agent run", "author_association", "OWNER"));
        enqueueFailure = new IllegalStateException("queue   is\n down");
        assertThatThrownBy(() -> webhooks(GitHubWebhookOptions.defaults()).handle("issue_comment", "d4", null, BODY))
                .isSameAs(enqueueFailure);
        assertThat(deliveries.rows.get("d4").action()).isEqualTo("failed");
        assertThat(deliveries.rows.get("d4").reason()).isEqualTo("IllegalStateException: queue is down");
        assertThat(deliveries.outcomes).isEmpty();
    }

    @Test
    void aDuplicateTouchesNothingButTheCount() {
        GitHubWebhooks hooks = webhooks(GitHubWebhookOptions.defaults());
        decoded = List.of();
        assertThatThrownBy(() -> hooks.handle("issues", "d5", null, BODY)).hasMessage("Webhook body must be a JSON object");
        assertThat(hooks.handle("issues", "d5", null, BODY))
                .isEqualTo(new WebhookOutcome("ignored", "issues", null, null, null, null, "Duplicate delivery"));
        assertThat(deliveries.rows.get("d5").duplicateCount()).isEqualTo(1);
        assertThat(hooks.failedDeliveries()).isEqualTo(1);
    }

    /** The dedup table in memory. */
    private static final class Deliveries implements WebhookDeliveryStore {
        final Map<String, WebhookDelivery> rows = new LinkedHashMap<>();
        final List<WebhookOutcome> outcomes = new ArrayList<>();

        @Override
        public synchronized boolean receive(String deliveryId, String event, Instant at) {
            WebhookDelivery row = rows.get(deliveryId);
            if (row != null) {
                rows.put(deliveryId, new WebhookDelivery(row.id(), deliveryId, row.event(), row.action(),
                        row.projectId(), row.issueNumber(), row.jobId(), row.reason(), row.duplicateCount() + 1,
                        row.createdAt(), at));
                return false;
            }
            rows.put(deliveryId, new WebhookDelivery(rows.size() + 1, deliveryId, event, "received", null, null,
                    null, "", 0, at, at));
            return true;
        }

        @Override
        public synchronized void recordOutcome(String deliveryId, WebhookOutcome outcome, Instant at) {
            outcomes.add(outcome);
            WebhookDelivery row = rows.get(deliveryId);
            rows.put(deliveryId, new WebhookDelivery(row.id(), deliveryId, outcome.event(), outcome.action(),
                    outcome.projectId(), outcome.issueNumber(), outcome.jobId(),
                    outcome.reason() == null ? "" : outcome.reason(), row.duplicateCount(), row.createdAt(), at));
        }

        @Override
        public synchronized void markFailed(String deliveryId, String reason, Instant at) {
            WebhookDelivery row = rows.get(deliveryId);
            rows.put(deliveryId, new WebhookDelivery(row.id(), deliveryId, row.event(), "failed", row.projectId(),
                    row.issueNumber(), row.jobId(), reason, row.duplicateCount(), row.createdAt(), at));
        }

        @Override
        public synchronized Optional<WebhookDelivery> find(String deliveryId) {
            return Optional.ofNullable(rows.get(deliveryId));
        }

        @Override
        public synchronized long countFailed() {
            return rows.values().stream().filter(r -> r.action().equals("failed")).count();
        }
    }
}
