package dev.agenthub.it.autopilot;

import org.jooq.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook's jobs (wire spec agenthub §9.3, §14 D5) on a hub with auto-enqueue on. An in-process worker may pick a
 * job up and run it at once; the tests assert what the webhook guarantees: one job per processed delivery, with
 * {@code max_items} 3, {@code max_attempts} 1, no provider and {@code requested_by github:<sender>}.
 */
class GitHubWebhookJobsWireTest extends GitHubWebhookHubTest {

    String hub;

    @BeforeEach
    void start() {
        hub = hub(Map.of("AGENT_HUB_GITHUB_WEBHOOK_SECRET", SECRET, "AGENT_HUB_GITHUB_WEBHOOK_AUTO_ENQUEUE", "1"));
    }

    private List<Record> jobs(long project) {
        return dsl.fetch("select id, status, max_items, max_attempts, provider, requested_by from "
                + "orchestration.autopilot_jobs where project_id = " + project + " order by id");
    }

    private static void assertWebhookJob(Record job, long id, String requestedBy) {
        assertThat(job.get("id", Long.class)).isEqualTo(id);
        assertThat(job.get("status", String.class)).isIn("queued", "running", "completed", "failed");
        assertThat(job.get("max_items", Integer.class)).isEqualTo(3);
        assertThat(job.get("max_attempts", Integer.class)).isEqualTo(1);
        assertThat(job.get("provider", String.class)).isNull();
        assertThat(job.get("requested_by", String.class)).isEqualTo(requestedBy);
    }

    @Test
    void aTrustedAgentRunEnqueuesOneJobAndItsRedeliveryNone() {
        String owner = unique("acme");
        long project = project(hub, "https://github.com/" + owner + "/widgets");
        String id = delivery();
        byte[] body = bytes(commentPayload("created", repository(owner, "widgets"), "Ship it.\n/agent run",
                "COLLABORATOR"));
        Answer answer = deliver(hub, "issue_comment", id, body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        long job = answer.json().get("job_id").asLong();
        assertAnswer(answer, 200, outcome("job_enqueued", "issue_comment", project, 7L, job, null, null));
        List<Record> jobs = jobs(project);
        assertThat(jobs).hasSize(1);
        assertWebhookJob(jobs.getFirst(), job, "github:maintainer");
        assertThat(stored(id).jobId()).isEqualTo(job);
        assertThat(get(hub, "/projects/" + project + "/jobs/" + job).get("requested_by").asText())
                .isEqualTo("github:maintainer");

        assertAnswer(deliver(hub, "issue_comment", id, body), 200,
                outcome("ignored", "issue_comment", null, null, null, null, "Duplicate delivery"));
        assertThat(jobs(project)).hasSize(1);
        assertThat(stored(id).duplicateCount()).isEqualTo(1);
    }

    @Test
    void anUntrustedAgentRunEnqueuesNothing() {
        String owner = unique("acme");
        long project = project(hub, "https://github.com/" + owner + "/widgets");
        Answer answer = deliver(hub, "issue_comment", delivery(), commentPayload("created",
                repository(owner, "widgets"), "/agent run", "CONTRIBUTOR"));
        assertThat(answer.json().get("action").asText()).isEqualTo("ignored");
        assertThat(jobs(project)).isEmpty();
    }

    @Test
    void withAutoEnqueueAnOpenedIssueAlsoEnqueuesAJob() {
        String owner = unique("acme");
        long project = project(hub, "https://github.com/" + owner + "/widgets");
        Answer answer = deliver(hub, "issues", delivery(), issuesPayload("opened", repository(owner, "widgets"), 11,
                "Fix the crash", null));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        long job = answer.json().get("job_id").asLong();
        assertAnswer(answer, 200, outcome("job_enqueued", "issues", project, 11L, job,
                "Resolve GitHub issue #11: Fix the crash\n\nReference: https://github.com/x/y/issues/11", null));
        assertWebhookJob(jobs(project).getFirst(), job, "github:octocat");
        assertThat(get(hub, "/projects/" + project + "/work-items")).isNotEmpty();
    }
}
