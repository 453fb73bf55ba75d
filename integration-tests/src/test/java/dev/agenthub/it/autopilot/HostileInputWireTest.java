package dev.agenthub.it.autopilot;

import dev.agenthub.it.support.HttpProbe;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input on the {@code /projects} routes (wire spec agenthub §1, "Error-path hardening"): huge and negative
 * ids, strings for ints, null and non-object bodies, NUL characters and strings at and over each length limit. None
 * may answer 500.
 */
class HostileInputWireTest extends AutopilotWireTest {

    private static final String NUL = "\\u0000";

    private final List<String> serverErrors = new ArrayList<>();
    private final Map<Integer, Integer> statuses = new java.util.TreeMap<>();

    private void probe(String method, String path, String body) {
        HttpProbe.Response response = client.send(method, path, body, Map.of());
        statuses.merge(response.status(), 1, Integer::sum);
        if (response.status() >= 500) {
            serverErrors.add(method + " " + path + " " + abbreviate(body) + " -> " + response.status() + " "
                    + abbreviate(response.body()));
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "null" : text.length() > 120 ? text.substring(0, 120) + "…(" + text.length() + ")" : text;
    }

    private static String str(int length) {
        return "\"" + "x".repeat(length) + "\"";
    }

    @Test
    void noHostileInputAnswers500() {
        long project = newProject();
        long agent = newAgent(project, "Coder", "coder").get("id").asLong();
        String p = "/projects/" + project;

        // no "%00": Jetty refuses a NUL in the path with its own 400 before routing and closes the connection, so
        // the next request on that connection fails; that answer is Jetty's, not the routes'
        List<String> badIds = List.of("99999999999999999999", "9223372036854775807", "-1", "0", "abc", "1.5", "1e3",
                "%20", "-9223372036854775808");
        for (String id : badIds) {
            for (String route : List.of("/agents", "/work-items", "/jobs", "/policy", "/policy/revisions",
                    "/pull-requests", "/runs", "/dashboard", "/events")) {
                probe("GET", "/projects/" + id + route, null);
            }
            probe("GET", p + "/jobs/" + id, null);
            probe("GET", p + "/pull-requests/" + id, null);
            probe("PATCH", p + "/agents/" + id, "{}");
            probe("PATCH", p + "/work-items/" + id + "/assign", "{\"agent_id\":" + agent + "}");
            probe("POST", p + "/jobs/" + id + "/cancel", null);
            probe("POST", p + "/jobs/" + id + "/retry", null);
            probe("POST", p + "/policy/revisions/" + id + "/restore", null);
            for (String action : List.of("approve", "request-changes", "merge", "close")) {
                probe("POST", p + "/pull-requests/" + id + "/" + action, "{\"comment\":\"c\"}");
            }
            probe("POST", "/projects/" + id + "/bootstrap", null);
            probe("POST", "/projects/" + id + "/autopilot/run", "{}");
        }
        for (String query : List.of("limit=99999999999999999999", "limit=-1", "limit=abc", "offset=-1",
                "offset=99999999999999999999", "offset=9223372036854775807", "status=%00", "status=backlog%00",
                "limit=1&offset=1e3", "limit=", "offset=")) {
            for (String route : List.of("/agents", "/work-items", "/jobs", "/pull-requests", "/runs", "/events",
                    "/policy/revisions")) {
                probe("GET", p + route + "?" + query, null);
            }
            probe("GET", "/projects?" + query, null);
        }

        List<String> badBodies = List.of("null", "[]", "\"x\"", "1", "{", "{\"a\":", "\u0000", "{\"x\":\"" + NUL + "\"}");
        List<String> writes = List.of("POST /projects", "POST " + p + "/agents", "PATCH " + p + "/agents/" + agent,
                "POST " + p + "/objectives", "PATCH " + p + "/work-items/1/assign", "POST " + p + "/autopilot/run",
                "POST " + p + "/jobs/autopilot", "PATCH " + p + "/policy", "POST " + p + "/pull-requests/1/approve",
                "POST " + p + "/pull-requests/1/request-changes", "POST " + p + "/pull-requests/1/merge",
                "POST " + p + "/pull-requests/1/close", "POST " + p + "/pull-requests/1/github/sync",
                "POST " + p + "/pull-requests/1/gitlab/sync");
        for (String write : writes) {
            String[] parts = write.split(" ");
            for (String body : badBodies) {
                probe(parts[0], parts[1], body);
            }
        }

        List<String> hostileValues = List.of("null", "99999999999999999999", "1e400", "-1", "0", "2147483648",
                "-2147483649", "9223372036854775808", "1.5", "\"3\"", "true", "[]", "{}", "\"" + NUL + "\"",
                "\"a" + NUL + "b\"", str(1), str(2), str(10), str(72), str(80), str(81), str(120), str(121), str(255),
                str(256), str(500), str(501), str(4000), str(4001), str(100_000));
        Map<String, List<String>> fields = Map.ofEntries(
                Map.entry("POST /projects", List.of("name", "repo_url", "default_branch")),
                Map.entry("POST " + p + "/agents", List.of("name", "role", "status", "max_parallel_tasks",
                        "capabilities")),
                Map.entry("PATCH " + p + "/agents/" + agent, List.of("name", "status", "max_parallel_tasks")),
                Map.entry("POST " + p + "/objectives", List.of("objective", "max_work_items", "created_by")),
                Map.entry("PATCH " + p + "/work-items/1/assign", List.of("agent_id")),
                Map.entry("POST " + p + "/autopilot/run", List.of("max_items", "provider")),
                Map.entry("POST " + p + "/jobs/autopilot", List.of("max_items", "provider", "requested_by",
                        "max_attempts")),
                Map.entry("PATCH " + p + "/policy", List.of("auto_triage", "auto_assign", "auto_review", "auto_merge",
                        "min_review_approvals", "require_test_pass", "change_reason")),
                Map.entry("POST " + p + "/pull-requests/1/approve", List.of("comment")),
                Map.entry("POST " + p + "/pull-requests/1/request-changes", List.of("comment")),
                Map.entry("POST " + p + "/pull-requests/1/github/sync", List.of("issue_number", "comment_body",
                        "status_context", "status_description", "target_url")),
                Map.entry("POST " + p + "/pull-requests/1/gitlab/sync", List.of("issue_iid", "comment_body",
                        "status_context", "status_description", "target_url")),
                Map.entry("POST " + p + "/pull-requests/1/merge", List.of("override_gates")),
                Map.entry("POST " + p + "/pull-requests/1/close", List.of("reason")));
        Map<String, String> base = Map.of(
                "POST /projects", "\"repo_url\":\"git@h:x.git\",\"name\":\"n-%s\"",
                "POST " + p + "/agents", "\"name\":\"Agent\",\"role\":\"coder\"",
                "POST " + p + "/objectives", "\"objective\":\"Build the hostile input probe. Then more.\"");
        int n = 0;
        for (var entry : fields.entrySet()) {
            String[] parts = entry.getKey().split(" ");
            for (String field : entry.getValue()) {
                for (String value : hostileValues) {
                    String rest = base.getOrDefault(entry.getKey(), "");
                    rest = rest.replace("%s", Integer.toString(n++));
                    List<String> pairs = new ArrayList<>();
                    for (String pair : rest.isEmpty() ? new String[0] : rest.split(",")) {
                        if (!pair.startsWith("\"" + field + "\"")) {
                            pairs.add(pair);
                        }
                    }
                    pairs.add("\"" + field + "\":" + value);
                    probe(parts[0], parts[1], "{" + String.join(",", pairs) + "}");
                }
            }
        }

        assertThat(statuses).as("the probes reached the handlers").containsKeys(200, 404, 422).doesNotContainKey(429);
        assertThat(serverErrors).isEmpty();
    }
}
