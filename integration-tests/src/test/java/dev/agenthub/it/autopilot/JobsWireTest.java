package dev.agenthub.it.autopilot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.it.support.HttpProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The job routes of wire spec agenthub §5 with the workers off: shapes, defaults, errors, cancel and retry. */
class JobsWireTest extends AutopilotHubTest {

    private static final Map<String, String> NO_WORKERS = Map.of("AGENT_HUB_JOB_WORKER_ENABLED", "0");

    private static JsonNode enqueue(HttpProbe http, long project, String body) {
        return post(http, "/projects/" + project + "/jobs/autopilot", body);
    }

    @Test
    void anEnqueuedJobHasEveryFieldInOrderWithTheDefaults() {
        HttpProbe http = hub(NO_WORKERS);
        long project = project(http);

        JsonNode job = enqueue(http, project, "{}");

        List<String> names = new ArrayList<>();
        job.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("id", "project_id", "status", "max_items", "provider", "requested_by",
                "attempts", "max_attempts", "worker_id", "started_at", "finished_at", "canceled_at", "processed_items",
                "created_prs", "merged_prs", "merged_pr_ids_json", "error_message", "created_at", "updated_at");
        assertThat(job.get("project_id").asLong()).isEqualTo(project);
        assertThat(job.get("status").asText()).isEqualTo("queued");
        assertThat(job.get("max_items").asInt()).isEqualTo(3);
        assertThat(job.get("provider").isNull()).isTrue();
        assertThat(job.get("requested_by").asText()).isEqualTo("system");
        assertThat(job.get("attempts").asInt()).isZero();
        assertThat(job.get("max_attempts").asInt()).isEqualTo(1);
        assertThat(job.get("worker_id").isNull()).isTrue();
        assertThat(job.get("started_at").isNull()).isTrue();
        assertThat(job.get("merged_pr_ids_json").asText()).isEqualTo("[]");
        assertThat(job.get("error_message").asText()).isEmpty();
        assertThat(job.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}");

        JsonNode custom = enqueue(http, project, "{\"max_items\":50,\"provider\":\"not-checked-here\","
                + "\"requested_by\":\"github:octo\",\"max_attempts\":10,\"unknown\":1}");
        assertThat(custom.get("max_items").asInt()).isEqualTo(50);
        assertThat(custom.get("provider").asText()).isEqualTo("not-checked-here");
        assertThat(custom.get("requested_by").asText()).isEqualTo("github:octo");
        assertThat(custom.get("max_attempts").asInt()).isEqualTo(10);
        assertThat(ok(http.get("/projects/" + project + "/jobs/" + custom.get("id").asLong()))).isEqualTo(custom);
    }

    @Test
    void outOfRangeFieldsAre422InPydanticsShape() {
        HttpProbe http = hub(NO_WORKERS);
        long project = project(http);
        String path = "/projects/" + project + "/jobs/autopilot";
        for (String body : List.of("{\"max_items\":0}", "{\"max_items\":51}", "{\"max_attempts\":0}",
                "{\"max_attempts\":11}", "{\"provider\":\"" + "p".repeat(81) + "\"}",
                "{\"requested_by\":\"" + "r".repeat(121) + "\"}", "{\"max_items\":\"many\"}", "[]")) {
            HttpProbe.Response response = http.send("POST", path, body, JSON);
            assertThat(response.status()).as(body).isEqualTo(422);
            assertThat(response.json().get("detail").isArray()).as(body).isTrue();
            assertThat(response.json().get("detail").get(0).get("loc").get(0).asText()).as(body).isEqualTo("body");
        }
        JsonNode tooMany = http.send("POST", path, "{\"max_items\":51}", JSON).json().get("detail").get(0);
        assertThat(tooMany.get("type").asText()).isEqualTo("less_than_equal");
        assertThat(tooMany.get("loc").toString()).isEqualTo("[\"body\",\"max_items\"]");
        assertThat(ok(http.get("/projects/" + project + "/jobs"))).isEmpty();
    }

    @Test
    void unknownProjectsJobsAndForeignJobsAre404() {
        HttpProbe http = hub(NO_WORKERS);
        long project = project(http);
        long other = project(http);
        long job = enqueue(http, other, "{}").get("id").asLong();

        assertThat(http.send("POST", "/projects/999999/jobs/autopilot", "{}", JSON).body())
                .isEqualTo("{\"detail\":\"Project not found\"}");
        for (String path : List.of("/projects/" + project + "/jobs/" + job, "/projects/" + project + "/jobs/999999")) {
            HttpProbe.Response response = http.get(path);
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.body()).isEqualTo("{\"detail\":\"Job not found\"}");
        }
        for (String action : List.of("cancel", "retry")) {
            HttpProbe.Response response = http.send("POST", "/projects/" + project + "/jobs/" + job + "/" + action, "", JSON);
            assertThat(response.status()).as(action).isEqualTo(404);
            assertThat(response.body()).isEqualTo("{\"detail\":\"Job not found\"}");
        }
        assertThat(http.get("/projects/" + project + "/jobs/x").status()).isEqualTo(422);
        assertThat(http.get("/projects/" + project + "/jobs?status=paused").status()).isEqualTo(422);
        assertThat(http.get("/projects/" + project + "/jobs?limit=0").status()).isEqualTo(422);
        assertThat(ok(http.get("/projects/" + other + "/jobs/" + job)).get("status").asText()).isEqualTo("queued");
    }

    @Test
    void listsNewestFirstWithAStatusFilterAndPaging() {
        HttpProbe http = hub(NO_WORKERS);
        long project = project(http);
        long first = enqueue(http, project, "{}").get("id").asLong();
        long second = enqueue(http, project, "{}").get("id").asLong();
        long third = enqueue(http, project, "{}").get("id").asLong();
        post(http, "/projects/" + project + "/jobs/" + second + "/cancel", "");

        assertThat(ids(ok(http.get("/projects/" + project + "/jobs")))).containsExactly(third, second, first);
        assertThat(ids(ok(http.get("/projects/" + project + "/jobs?status=queued")))).containsExactly(third, first);
        assertThat(ids(ok(http.get("/projects/" + project + "/jobs?status=canceled")))).containsExactly(second);
        assertThat(ok(http.get("/projects/" + project + "/jobs?status=running"))).isEmpty();
        assertThat(ids(ok(http.get("/projects/" + project + "/jobs?limit=1&offset=1")))).containsExactly(second);
    }

    @Test
    void cancelIsIdempotentAndRetryOnlyTakesFailedOrCanceledJobs() {
        HttpProbe http = hub(NO_WORKERS);
        long project = project(http);
        long job = enqueue(http, project, "{\"max_attempts\":2}").get("id").asLong();
        String base = "/projects/" + project + "/jobs/" + job;

        HttpProbe.Response notYet = http.send("POST", base + "/retry", "", JSON);
        assertThat(notYet.status()).isEqualTo(409);
        assertThat(notYet.body()).isEqualTo("{\"detail\":\"Only failed or canceled jobs can be retried\"}");

        JsonNode canceled = post(http, base + "/cancel", "");
        assertThat(canceled.get("status").asText()).isEqualTo("canceled");
        assertThat(canceled.get("canceled_at").asText()).isEqualTo(canceled.get("finished_at").asText());
        assertThat(post(http, base + "/cancel", "")).isEqualTo(canceled);

        JsonNode retried = post(http, base + "/retry", "");
        assertThat(retried.get("status").asText()).isEqualTo("queued");
        assertThat(retried.get("attempts").asInt()).isZero();
        assertThat(retried.get("canceled_at").isNull()).isTrue();
        assertThat(retried.get("finished_at").isNull()).isTrue();
        assertThat(retried.get("max_attempts").asInt()).isEqualTo(2);
        assertThat(http.send("POST", base + "/retry", "", JSON).status()).isEqualTo(409);
    }

    private static List<Long> ids(JsonNode array) {
        List<Long> ids = new ArrayList<>();
        array.forEach(node -> ids.add(node.get("id").asLong()));
        return ids;
    }
}
