package dev.agenthub.it.autopilot;

import dev.agenthub.it.support.HttpProbe;
import dev.agenthub.testkit.ConcurrentRuns;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /projects} and {@code GET /projects} (wire spec agenthub §5): whole bodies in field order, the
 * validation errors, the duplicate name (also raced), the default policy without a revision, ordering and paging.
 */
class ProjectsWireTest extends AutopilotWireTest {

    @Test
    void createAnswersTheProjectInFieldOrder() {
        String name = unique("Alpha");
        HttpProbe.Response created = post("/projects", ordered("repo_url", "  https://github.com/acme/alpha.git  ",
                "name", name, "default_branch", "trunk", "unknown_key", 1));
        long id = created.json().get("id").asLong();
        assertBody(created, 200, ordered("id", id, "name", name, "repo_url", "https://github.com/acme/alpha.git",
                "default_branch", "trunk", "created_at", NOW_NAIVE));
    }

    @Test
    void theDefaultBranchIsMain() {
        HttpProbe.Response created = post("/projects", Map.of("name", unique("b"), "repo_url", "git@github.com:a/b.git"));
        assertThat(created.json().get("default_branch").asText()).isEqualTo("main");
        assertThat(created.json().get("repo_url").asText()).isEqualTo("git@github.com:a/b.git");
    }

    @Test
    void remoteFormsAreStoredAsGivenTrimmed() {
        for (String url : List.of("http://h/x.git", "HTTPS://H/x.git", "ssh://git@h/x.git", "git://h/x.git", " git@h:x.git")) {
            HttpProbe.Response created = post("/projects", Map.of("name", unique("r"), "repo_url", url));
            assertThat(created.status()).as(url + " " + created.body()).isEqualTo(200);
            assertThat(created.json().get("repo_url").asText()).isEqualTo(url.strip());
        }
    }

    @Test
    void createMakesTheDefaultPolicyWithoutARevision() {
        long id = newProject();
        HttpProbe.Response policy = get("/projects/" + id + "/policy");
        assertBody(policy, 200, ordered("id", policy.json().get("id").asLong(), "project_id", id, "auto_triage", true,
                "auto_assign", true, "auto_review", true, "auto_merge", true, "min_review_approvals", 1,
                "require_test_pass", true));
        assertBody(get("/projects/" + id + "/policy/revisions"), 200, "[]");
    }

    @Test
    void aDuplicateNameIs409() {
        String name = unique("dup");
        newProject(name);
        assertDetail(post("/projects", Map.of("name", name, "repo_url", "git@h:x.git")), 409, "Project name already exists");
    }

    @Test
    void racingCreatesOfOneNameGiveOneProjectAndConflicts() throws Exception {
        String name = unique("race");
        ConcurrentLinkedQueue<HttpProbe.Response> responses = new ConcurrentLinkedQueue<>();
        ConcurrentRuns.run(6, thread -> responses.add(post("/projects", Map.of("name", name, "repo_url", "git@h:x.git"))));
        List<Integer> statuses = responses.stream().map(HttpProbe.Response::status).sorted().toList();
        assertThat(statuses).containsExactly(200, 409, 409, 409, 409, 409);
        responses.stream().filter(r -> r.status() == 409)
                .forEach(r -> assertDetail(r, 409, "Project name already exists"));
    }

    @Test
    void fieldRulesAreListShaped422s() {
        assertBody(post("/projects", Map.of("name", "a", "repo_url", "git@h:x.git")), 422,
                violation("string_too_short", List.of("body", "name"), "String should have at least 2 characters", "a",
                        Map.of("min_length", 2)));
        assertBody(post("/projects", Map.of("name", "x".repeat(121), "repo_url", "git@h:x.git")), 422,
                violation("string_too_long", List.of("body", "name"), "String should have at most 120 characters",
                        "x".repeat(121), Map.of("max_length", 120)));
        assertBody(post("/projects", Map.of("name", unique("n"), "repo_url", "ab")), 422,
                violation("string_too_short", List.of("body", "repo_url"), "String should have at least 3 characters", "ab",
                        Map.of("min_length", 3)));
        assertBody(post("/projects", Map.of("name", unique("n"), "repo_url", "h".repeat(501))), 422,
                violation("string_too_long", List.of("body", "repo_url"), "String should have at most 500 characters",
                        "h".repeat(501), Map.of("max_length", 500)));
        assertBody(post("/projects", Map.of("name", unique("n"), "repo_url", "git@h:x.git", "default_branch", "")), 422,
                violation("string_too_short", List.of("body", "default_branch"), "String should have at least 1 character", "",
                        Map.of("min_length", 1)));
        assertBody(post("/projects", Map.of("name", unique("n"), "repo_url", "git@h:x.git", "default_branch", "b".repeat(121))), 422,
                violation("string_too_long", List.of("body", "default_branch"), "String should have at most 120 characters",
                        "b".repeat(121), Map.of("max_length", 120)));
        assertBody(post("/projects", Map.of("name", 5, "repo_url", "git@h:x.git")), 422,
                violation("string_type", List.of("body", "name"), "Input should be a valid string", 5, null));
    }

    @Test
    void missingFieldsAreReportedTogetherInModelOrder() {
        Map<String, Object> body = Map.of("other", true);
        assertBody(post("/projects", body), 422, Map.of("detail", List.of(
                ordered("type", "missing", "loc", List.of("body", "name"), "msg", "Field required", "input", body),
                ordered("type", "missing", "loc", List.of("body", "repo_url"), "msg", "Field required", "input", body))));
    }

    @Test
    void anotherMethodIs405AndAnUnknownPathIs404() {
        assertDetail(client.delete("/projects", java.util.Map.of()), 405, "Method Not Allowed");
        assertDetail(client.delete("/projects/" + newProject() + "/agents", java.util.Map.of()), 405, "Method Not Allowed");
        assertDetail(get("/projects/1/unknown"), 404, "Not Found");
    }

    @Test
    void aBlankRepoUrlIs422WithAStringDetail() {
        assertDetail(post("/projects", Map.of("name", unique("n"), "repo_url", "    ")), 422, "repo_url cannot be empty");
    }

    @Test
    void anEmptyOrNonObjectBodyIs422() {
        assertBody(post("/projects", null), 422,
                violation("missing", List.of("body"), "Field required", null, null));
        assertThat(post("/projects", "[1]").status()).isEqualTo(422);
        assertThat(post("/projects", "{not json").status()).isEqualTo(422);
    }

    @Test
    void listIsNewestFirstAndPages() {
        clock.advance(Duration.ofDays(3650)); // newer than every project of the other tests
        try {
            List<Long> created = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                clock.advance(Duration.ofSeconds(1));
                created.add(newProject());
            }
            HttpProbe.Response first = get("/projects?limit=2");
            assertThat(ids(first)).containsExactly(created.get(2), created.get(1));
            assertThat(first.json().get(0).get("created_at").asText()).isEqualTo("2036-02-05T11:14:52.123456");
            assertThat(ids(get("/projects?limit=1&offset=2"))).containsExactly(created.get(0));
            assertThat(ids(get("/projects?offset=1")).subList(0, 2)).containsExactly(created.get(1), created.get(0));
        } finally {
            clock.set(NOW);
        }
    }

    @Test
    void pagingParametersAreValidated() {
        assertBody(get("/projects?limit=0"), 422, violation("greater_than_equal", List.of("query", "limit"),
                "Input should be greater than or equal to 1", "0", Map.of("ge", 1)));
        assertBody(get("/projects?limit=5001"), 422, violation("less_than_equal", List.of("query", "limit"),
                "Input should be less than or equal to 5000", "5001", Map.of("le", 5000)));
        assertBody(get("/projects?offset=-1"), 422, violation("greater_than_equal", List.of("query", "offset"),
                "Input should be greater than or equal to 0", "-1", Map.of("ge", 0)));
        assertBody(get("/projects?limit=ten"), 422, violation("int_parsing", List.of("query", "limit"),
                "Input should be a valid integer, unable to parse string as an integer", "ten", null));
        assertThat(get("/projects?limit=5000").status()).isEqualTo(200);
        assertBody(get("/projects?offset=99999999999999999999999"), 200, "[]");
        assertBody(get("/projects?offset=2147483648"), 200, "[]");
    }
}
