package dev.agenthub.it.autopilot;

import static dev.agenthub.it.autopilot.AuthHubs.ADMIN_KEY;
import static dev.agenthub.it.autopilot.AuthHubs.MAINTAINER_KEY;
import static dev.agenthub.it.autopilot.AuthHubs.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.it.support.HttpProbe;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The human PR actions of §14 D3 with the gates on (API key, role gate, JWT secret): on a PR a real cycle left open
 * because the validation command failed, {@code override_gates} needs an admin JWT, the merge and the review record
 * the JWT's subject as {@code principal:<sub>}.
 */
class OverrideGatesWireTest extends AutopilotHubTest {

    private HttpProbe http;
    private long project;
    private long item;
    private long pr;

    private JsonNode write(String path, String body, String key, String jwt) {
        return ok(send(path, body, key, jwt));
    }

    private HttpProbe.Response send(String path, String body, String key, String jwt) {
        return http.send("POST", path, body, Map.of("Content-Type", "application/json", "X-API-Key", key,
                "Authorization", "Bearer " + jwt));
    }

    /** A project with one item that a real cycle left in {@code review}, its PR open (checks failed). */
    private void blockedPullRequest(String maintainer) {
        project = write("/projects", "{\"name\":\"gated-" + UUID.randomUUID() + "\",\"repo_url\":\""
                + remote.path().replace("\\", "\\\\") + "\"}", MAINTAINER_KEY, maintainer).get("id").asLong();
        write("/projects/" + project + "/bootstrap", "{}", MAINTAINER_KEY, maintainer);
        item = write("/projects/" + project + "/objectives",
                "{\"objective\":\"Add a health endpoint\",\"max_work_items\":1}", MAINTAINER_KEY, maintainer)
                .get("created_items").get(0).get("id").asLong();
        JsonNode cycle = write("/projects/" + project + "/autopilot/run", "{\"max_items\":1}", MAINTAINER_KEY,
                maintainer);
        assertThat(cycle.get("merged_pr_ids")).isEmpty();
        JsonNode opened = cycle.get("created_prs").get(0);
        assertThat(opened.get("status").asText()).isEqualTo("open");
        assertThat(opened.get("checks_passed").asBoolean()).isFalse();
        pr = opened.get("id").asLong();
    }

    private String prPath(String action) {
        return "/projects/" + project + "/pull-requests/" + pr + "/" + action;
    }

    private String codegenFile() {
        return "agent_codegen/work_item_" + item + ".py";
    }

    private void stillOpen() {
        JsonNode detail = ok(http.get("/projects/" + project + "/pull-requests/" + pr));
        assertThat(detail.get("status").asText()).isEqualTo("open");
        assertThat(detail.get("merged_at").isNull()).isTrue();
        assertThat(item(http, project, item).get("status").asText()).isEqualTo("review");
        assertThat(workspace(project).file("main", codegenFile())).isEmpty();
        assertThat(types(http, project)).doesNotContain("pr_merged");
    }

    @Test
    void onlyAnAdminJwtOverridesTheGateAndEveryActionRecordsTheJwtSubject() {
        http = hub(Map.of("AGENT_HUB_TEST_CMD", "exit 1", "AGENT_HUB_REQUIRE_API_KEY", "1",
                "AGENT_HUB_API_KEYS", AuthHubs.KEYS, "AGENT_HUB_AUTH_REQUIRE_ROLES", "1",
                "AGENT_HUB_JWT_SECRET", AuthHubs.SECRET));
        String maintainer = token(http, MAINTAINER_KEY, "maya", "maintainer");
        String admin = token(http, ADMIN_KEY, "ada", "admin");
        blockedPullRequest(maintainer);

        // a maintainer may not override, whichever key comes with the JWT: the JWT's role decides
        for (String key : List.of(MAINTAINER_KEY, ADMIN_KEY)) {
            HttpProbe.Response refused = send(prPath("merge"), "{\"override_gates\": true}", key, maintainer);
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.body()).isEqualTo("{\"detail\":\"Insufficient role. Requires one of: admin\"}");
        }
        stillOpen();

        // without the override the gate holds for everyone
        for (String jwt : List.of(maintainer, admin)) {
            HttpProbe.Response blocked = send(prPath("merge"), "{}", MAINTAINER_KEY, jwt);
            assertThat(blocked.status()).isEqualTo(409);
            assertThat(blocked.body()).isEqualTo("{\"detail\":\"Merge blocked: checks not passed\"}");
        }
        stillOpen();

        // a human approval with a JWT is recorded under its subject; the failed checks still block the merge
        JsonNode approved = write(prPath("approve"), "{\"comment\":\"Fine by me\"}", MAINTAINER_KEY, maintainer);
        assertThat(approved.get("merged").asBoolean()).isFalse();
        JsonNode review = approved.get("review");
        assertThat(review.get("agent_id").isNull()).isTrue();
        assertThat(review.get("reviewer").asText()).isEqualTo("principal:maya");
        assertThat(review.get("decision").asText()).isEqualTo("approve");
        assertThat(events(http, project)).contains("pr_reviewed {\"pull_request_id\": " + pr
                + ", \"decision\": \"approve\", \"reviewer\": \"principal:maya\"}");
        JsonNode reviews = ok(http.get("/projects/" + project + "/pull-requests/" + pr)).get("reviews");
        assertThat(reviews.get(reviews.size() - 1).get("reviewer").asText()).isEqualTo("principal:maya");
        stillOpen();

        // an admin's override merges
        JsonNode merged = write(prPath("merge"), "{\"override_gates\": true}", MAINTAINER_KEY, admin);
        assertThat(merged.get("merged").asBoolean()).isTrue();
        String sha = merged.get("merge_sha").asText();
        assertThat(sha).isEqualTo(workspace(project).head("main").orElseThrow());
        assertThat(merged.get("pull_request").get("status").asText()).isEqualTo("merged");
        assertThat(merged.get("work_item").get("status").asText()).isEqualTo("done");
        assertThat(workspace(project).file("main", codegenFile())).isPresent();
        List<String> events = events(http, project);
        assertThat(events.get(events.size() - 1)).isEqualTo("pr_merged {\"pull_request_id\": " + pr
                + ", \"work_item_id\": " + item + ", \"approvals\": 2, \"merged_sha\": \"" + sha
                + "\", \"merged_by\": \"principal:ada\"}");
        assertThat(events).filteredOn(e -> e.startsWith("pr_merged ")).hasSize(1);
    }
}
