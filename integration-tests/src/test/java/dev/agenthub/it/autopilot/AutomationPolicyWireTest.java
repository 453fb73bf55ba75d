package dev.agenthub.it.autopilot;

import dev.agenthub.it.support.HttpProbe;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project's automation policy (wire spec agenthub §5): PATCH always records a revision (changed_by, reason
 * trimmed with its default), validation, the revision list order, restore and its 404s.
 */
class AutomationPolicyWireTest extends AutopilotWireTest {

    private static Map<String, Object> policyBody(long id, long project, boolean triage, boolean assign, boolean review,
                                                  boolean merge, int approvals, boolean tests) {
        return ordered("id", id, "project_id", project, "auto_triage", triage, "auto_assign", assign,
                "auto_review", review, "auto_merge", merge, "min_review_approvals", approvals, "require_test_pass", tests);
    }

    private static Map<String, Object> revisionBody(long id, long project, boolean triage, boolean assign, boolean review,
                                                    boolean merge, int approvals, boolean tests, String by, String reason,
                                                    String at) {
        Map<String, Object> body = ordered("id", id, "project_id", project, "auto_triage", triage, "auto_assign", assign,
                "auto_review", review, "auto_merge", merge, "min_review_approvals", approvals, "require_test_pass", tests);
        body.put("changed_by", by);
        body.put("change_reason", reason);
        body.put("created_at", at);
        return body;
    }

    private long policyId(long project) {
        return get("/projects/" + project + "/policy").json().get("id").asLong();
    }

    @Test
    void patchAppliesThePresentFieldsAndRecordsARevision() {
        long project = newProject();
        long policy = policyId(project);
        Map<String, Object> body = new HashMap<>();
        body.put("auto_merge", false);
        body.put("min_review_approvals", 3);
        body.put("auto_triage", null);
        body.put("change_reason", "  tighten merges  ");
        body.put("changed_by", "spoofed"); // not a request field: ignored
        assertBody(patch("/projects/" + project + "/policy", body), 200,
                policyBody(policy, project, true, true, true, false, 3, true));
        HttpProbe.Response revisions = get("/projects/" + project + "/policy/revisions");
        assertBody(revisions, 200, List.of(revisionBody(revisions.json().get(0).get("id").asLong(), project, true, true,
                true, false, 3, true, "system:api", "tighten merges", NOW_NAIVE)));
    }

    @Test
    void anEmptyPatchStillRecordsARevisionWithTheDefaultReason() {
        long project = newProject();
        patch("/projects/" + project + "/policy", Map.of());
        patch("/projects/" + project + "/policy", Map.of("change_reason", "   "));
        HttpProbe.Response revisions = get("/projects/" + project + "/policy/revisions");
        assertThat(revisions.json()).hasSize(2);
        revisions.json().forEach(revision -> {
            assertThat(revision.get("change_reason").asText()).isEqualTo("policy_updated");
            assertThat(revision.get("changed_by").asText()).isEqualTo("system:api");
        });
    }

    @Test
    void patchValidatesItsFields() {
        String path = "/projects/" + newProject() + "/policy";
        assertBody(patch(path, Map.of("min_review_approvals", 0)), 422, violation("greater_than_equal",
                List.of("body", "min_review_approvals"), "Input should be greater than or equal to 1", 0, Map.of("ge", 1)));
        assertBody(patch(path, Map.of("min_review_approvals", 11)), 422, violation("less_than_equal",
                List.of("body", "min_review_approvals"), "Input should be less than or equal to 10", 11, Map.of("le", 10)));
        assertBody(patch(path, Map.of("auto_review", "maybe")), 422, violation("bool_type",
                List.of("body", "auto_review"), "Input should be a valid boolean", "maybe", null));
        assertBody(patch(path, Map.of("change_reason", "r".repeat(256))), 422, violation("string_too_long",
                List.of("body", "change_reason"), "String should have at most 255 characters", "r".repeat(256),
                Map.of("max_length", 255)));
        assertThat(patch(path, Map.of("change_reason", "r".repeat(255))).status()).isEqualTo(200);
        assertBody(client.patch(path, "", Map.of()), 422, violation("missing", List.of("body"), "Field required", null, null));
    }

    @Test
    void revisionsAreNewestFirstAndPage() {
        long project = newProject();
        for (int i = 1; i <= 3; i++) {
            clock.advance(Duration.ofSeconds(1));
            patch("/projects/" + project + "/policy", Map.of("change_reason", "r" + i));
        }
        clock.set(NOW);
        HttpProbe.Response all = get("/projects/" + project + "/policy/revisions");
        assertThat(all.json().findValuesAsText("change_reason")).containsExactly("r3", "r2", "r1");
        assertThat(all.json().get(0).get("created_at").asText()).isEqualTo("2026-02-07T11:14:52.123456");
        assertThat(get("/projects/" + project + "/policy/revisions?limit=1&offset=1").json().findValuesAsText("change_reason"))
                .containsExactly("r2");
        assertThat(get("/projects/" + project + "/policy/revisions?offset=-1").status()).isEqualTo(422);
    }

    @Test
    void revisionsWithOneTimestampAreByIdDescending() {
        long project = newProject();
        patch("/projects/" + project + "/policy", Map.of("change_reason", "first"));
        patch("/projects/" + project + "/policy", Map.of("change_reason", "second"));
        assertThat(get("/projects/" + project + "/policy/revisions").json().findValuesAsText("change_reason"))
                .containsExactly("second", "first");
    }

    @Test
    void restoreCopiesTheRevisionAndRecordsANewOne() {
        long project = newProject();
        long policy = policyId(project);
        patch("/projects/" + project + "/policy", Map.of("auto_triage", false, "require_test_pass", false, "min_review_approvals", 2));
        long revision = get("/projects/" + project + "/policy/revisions").json().get(0).get("id").asLong();
        patch("/projects/" + project + "/policy", Map.of("auto_triage", true, "auto_assign", false, "min_review_approvals", 5));
        assertBody(post("/projects/" + project + "/policy/revisions/" + revision + "/restore", null), 200,
                policyBody(policy, project, false, true, true, true, 2, false));
        assertBody(get("/projects/" + project + "/policy"), 200, policyBody(policy, project, false, true, true, true, 2, false));
        HttpProbe.Response revisions = get("/projects/" + project + "/policy/revisions");
        assertThat(revisions.json()).hasSize(3);
        assertJson(revisions.json().get(0), revisionBody(revisions.json().get(0).get("id").asLong(), project,
                false, true, true, true, 2, false, "system:api", "restored_from_revision:" + revision, NOW_NAIVE));
    }

    @Test
    void restoreFindsTheRevisionInThisProjectOnly() {
        long project = newProject();
        long other = newProject();
        patch("/projects/" + other + "/policy", Map.of());
        long foreign = get("/projects/" + other + "/policy/revisions").json().get(0).get("id").asLong();
        assertDetail(post("/projects/" + project + "/policy/revisions/" + foreign + "/restore", null), 404,
                "Policy revision not found");
        assertDetail(post("/projects/" + project + "/policy/revisions/999999999/restore", null), 404,
                "Policy revision not found");
        assertDetail(post("/projects/999999999/policy/revisions/" + foreign + "/restore", null), 404, "Project not found");
        assertBody(post("/projects/" + project + "/policy/revisions/latest/restore", null), 422,
                pathIntError("revision_id", "latest"));
        assertThat(get("/projects/" + project + "/policy/revisions").json()).isEmpty();
    }

    @Test
    void unknownProjectsAndNonIntegerIds() {
        assertDetail(get("/projects/999999999/policy"), 404, "Project not found");
        assertDetail(patch("/projects/999999999/policy", Map.of()), 404, "Project not found");
        assertDetail(get("/projects/999999999/policy/revisions"), 404, "Project not found");
        assertBody(get("/projects/p/policy"), 422, pathIntError("project_id", "p"));
        assertBody(patch("/projects/p/policy", Map.of()), 422, pathIntError("project_id", "p"));
        assertBody(get("/projects/p/policy/revisions"), 422, pathIntError("project_id", "p"));
        assertBody(post("/projects/p/policy/revisions/q/restore", null), 422, Map.of("detail", List.of(
                ordered("type", "int_parsing", "loc", List.of("path", "project_id"),
                        "msg", "Input should be a valid integer, unable to parse string as an integer", "input", "p"),
                ordered("type", "int_parsing", "loc", List.of("path", "revision_id"),
                        "msg", "Input should be a valid integer, unable to parse string as an integer", "input", "q"))));
    }
}
