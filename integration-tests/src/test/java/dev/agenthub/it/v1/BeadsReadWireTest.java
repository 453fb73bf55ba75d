package dev.agenthub.it.v1;

import dev.agenthub.hub.beads.BeadIssue;
import dev.agenthub.hub.beads.BeadRef;
import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.HubSeeds;
import dev.agenthub.it.support.V1Client.Identity;
import dev.agenthub.it.support.V1HubTest;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.time.WireTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.agenthub.it.support.V1Client.assertBody;
import static dev.agenthub.it.support.V1Client.json;
import static dev.agenthub.it.support.V1Client.ordered;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bead reads of wire spec §4.6 over real HTTP, on issues seeded through the bead store: the list with each
 * filter, {@code q} with LIKE metacharacters taken literally, the order and cursor of §1.6, one issue, the ready
 * rule, 404s and 422s.
 */
class BeadsReadWireTest extends V1HubTest {

    private static final String APP = "github.com/br/app";
    private static final String LIB = "github.com/br/lib";
    private static final Instant SYNCED = Instant.parse("2026-02-07T10:00:00.000001Z");
    private static final Instant CREATED = Instant.parse("2026-02-01T09:00:00.000002Z");
    private static final Instant UPDATED = Instant.parse("2026-02-06T09:00:00.000003Z");

    private HubSeeds seeds;
    private Identity reader;

    @BeforeAll
    void seed() {
        seeds = new HubSeeds(client, database.dataSource());
        reader = client.init("br", "reader");
        ProjectId project = new ProjectId(UUID.fromString(reader.projectId()));
        seeds.issues(project,
                issue(APP, "main", "bd-1", "Fix 100% of login_bugs", "open", 2, "bug", "ada", List.of("ui", "auth"),
                        List.of(new BeadRef(APP, "main", "bd-2")), null),
                issue(APP, "main", "bd-2", "Schema", "closed", 1, "task", "bo", null, List.of(), null),
                issue(APP, "main", "bd-3", "Needs a ghost", "open", 0, "feature", null, null,
                        List.of(new BeadRef(APP, "main", "bd-9")), null),
                issue(APP, "main", "bd-4", "Epic of 100 things", "in_progress", 3, "epic", "ada", List.of("ui"), List.of(),
                        new BeadRef(APP, "main", "bd-1")),
                neverUpdated(issue(APP, "dev", "bd-5", "Dev only", "open", 3, "chore", null, null, List.of(), null)),
                issue(LIB, "main", "bd-1", "Lib side", "open", 1, "chore", null, null, List.of(), null),
                issue(LIB, "main", "xy_1", "Underscore id", "open", null, "task", null, null, List.of(), null));
        Identity other = client.init("br-other", "other");
        seeds.issues(new ProjectId(UUID.fromString(other.projectId())),
                issue(APP, "main", "bd-77", "Another project's", "open", 0, "bug", null, null, List.of(), null));
    }

    private static BeadIssue issue(String repo, String branch, String id, String title, String status, Integer priority,
                                   String type, String assignee, List<String> labels, List<BeadRef> blockedBy, BeadRef parent) {
        return new BeadIssue(repo, branch, id, title, "About " + id, status, priority, type, assignee,
                assignee == null ? null : assignee + "-creator", labels, CREATED, UPDATED, blockedBy, parent, SYNCED);
    }

    /** The issue without {@code updated_at}: it sorts by its {@code synced_at}, newer than every update here. */
    private static BeadIssue neverUpdated(BeadIssue i) {
        return new BeadIssue(i.repo(), i.branch(), i.beadId(), i.title(), i.description(), i.status(), i.priority(),
                i.issueType(), i.assignee(), i.createdBy(), i.labels(), i.createdAt(), null, i.blockedBy(), i.parentId(),
                i.syncedAt());
    }

    private static Map<String, Object> ref(String repo, String branch, String id) {
        return ordered("repo", repo, "branch", branch, "bead_id", id);
    }

    private static Map<String, Object> listed(String repo, String branch, String id, String title, String status,
                                              Integer priority, String type, String assignee, List<String> labels,
                                              List<?> blockedBy, Object parent) {
        return ordered("bead_id", id, "repo", repo, "branch", branch, "title", title, "status", status,
                "priority", priority, "type", type, "assignee", assignee,
                "created_by", assignee == null ? null : assignee + "-creator", "labels", labels,
                "blocked_by", blockedBy, "parent_id", parent, "created_at", WireTime.offset(CREATED),
                "updated_at", WireTime.offset(UPDATED), "current_reservation", null);
    }

    private List<String> ids(String query) {
        Response response = client.get("/v1/beads/issues" + query, reader.bearer());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().get("issues").forEach(issue -> ids.add(issue.get("repo").asText().substring("github.com/br/".length()) + "/"
                + issue.get("branch").asText() + "/" + issue.get("bead_id").asText()));
        return ids;
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void listsIssuesWithTheirWholeShape() {
        Map<String, Object> bd1 = listed(APP, "main", "bd-1", "Fix 100% of login_bugs", "open", 2, "bug", "ada",
                List.of("ui", "auth"), List.of(ref(APP, "main", "bd-2")), null);
        bd1.put("reservations", List.of());
        Map<String, Object> bd4 = listed(APP, "main", "bd-4", "Epic of 100 things", "in_progress", 3, "epic", "ada",
                List.of("ui"), List.of(), ref(APP, "main", "bd-1"));
        bd4.put("reservations", List.of());
        assertBody(client.get("/v1/beads/issues?assignee=ada", reader.bearer()), 200, json(ordered(
                "issues", List.of(bd1, bd4), "count", 2, "has_more", false, "next_cursor", null, "synced_at", null)));
    }

    @Test
    void filtersCombine() {
        // §1.6: coalesce(updated_at, synced_at) desc, priority asc (nulls last), bead_id asc
        assertThat(ids("")).containsExactly("app/dev/bd-5", "app/main/bd-3", "lib/main/bd-1", "app/main/bd-2",
                "app/main/bd-1", "app/main/bd-4", "lib/main/xy_1");
        assertThat(ids("?status=closed,%20in_progress")).containsExactly("app/main/bd-2", "app/main/bd-4");
        assertThat(ids("?repo=" + LIB)).containsExactly("lib/main/bd-1", "lib/main/xy_1");
        assertThat(ids("?branch=dev")).containsExactly("app/dev/bd-5");
        assertThat(ids("?type=chore&repo=" + APP)).containsExactly("app/dev/bd-5");
        assertThat(ids("?label=ui&status=open")).containsExactly("app/main/bd-1");
        assertThat(ids("?created_by=bo-creator")).containsExactly("app/main/bd-2");
    }

    @Test
    void qIsABeadIdPrefixOrATitleSubstringTakenLiterally() {
        assertThat(ids("?q=BD-1")).as("id prefix, any case").containsExactly("lib/main/bd-1", "app/main/bd-1");
        assertThat(ids("?q=d-1")).as("an id is matched by prefix only").isEmpty();
        assertThat(ids("?q=" + q("100%"))).as("% is a literal").containsExactly("app/main/bd-1");
        assertThat(ids("?q=100")).containsExactly("app/main/bd-1", "app/main/bd-4");
        assertThat(ids("?q=" + q("n_b"))).as("_ is a literal").containsExactly("app/main/bd-1");
        assertThat(ids("?q=xy_")).containsExactly("lib/main/xy_1");
        assertThat(ids("?q=xy%25")).isEmpty();
        assertThat(ids("?q=SCHEMA")).containsExactly("app/main/bd-2");
    }

    @Test
    void pagesWithTheCursor() {
        List<String> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response response = client.get("/v1/beads/issues?limit=3" + (cursor == null ? "" : "&cursor=" + cursor), reader.bearer());
            assertThat(response.status()).isEqualTo(200);
            var body = response.json();
            body.get("issues").forEach(issue -> all.add(issue.get("repo").asText().substring("github.com/br/".length())
                    + "/" + issue.get("branch").asText() + "/" + issue.get("bead_id").asText()));
            assertThat(body.get("count").asInt()).isEqualTo(body.get("issues").size());
            assertThat(body.get("has_more").asBoolean()).isEqualTo(!body.get("next_cursor").isNull());
            cursor = body.get("next_cursor").isNull() ? null : body.get("next_cursor").asText();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(all).isEqualTo(ids(""));
    }

    @Test
    void equalSortKeysOfSeveralReposStillPageWithoutLoss() {
        Identity ties = client.init("br-ties", "tied");
        ProjectId project = new ProjectId(UUID.fromString(ties.projectId()));
        seeds.issues(project, issue(LIB, "main", "bd-1", "t", "open", 1, "task", null, null, List.of(), null),
                issue(APP, "main", "bd-1", "t", "open", 1, "task", null, null, List.of(), null),
                issue(APP, "dev", "bd-1", "t", "open", 1, "task", null, null, List.of(), null));
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var body = client.get("/v1/beads/issues?limit=1" + (cursor == null ? "" : "&cursor=" + cursor), ties.bearer()).json();
            body.get("issues").forEach(issue -> seen.add(issue.get("repo").asText() + "@" + issue.get("branch").asText()));
            cursor = body.get("next_cursor").isNull() ? null : body.get("next_cursor").asText();
        } while (cursor != null);
        assertThat(seen).containsExactly(APP + "@dev", APP + "@main", LIB + "@main");

        String threeKeys = cursor("{\"sort_time\":\"" + WireTime.offset(UPDATED) + "\",\"priority\":1,\"bead_id\":\"bd-0\"}");
        assertThat(client.get("/v1/beads/issues?cursor=" + threeKeys, ties.bearer()).json().get("count").asInt())
                .as("the cursor of §1.6 without the repo and branch tie-breakers").isEqualTo(3);
        String nullPriority = cursor("{\"sort_time\":\"" + WireTime.offset(UPDATED) + "\",\"priority\":null,\"bead_id\":\"a\"}");
        assertThat(client.get("/v1/beads/issues?cursor=" + nullPriority, ties.bearer()).json().get("count").asInt())
                .as("after a null priority only null priorities and older rows follow").isZero();
    }

    private static String cursor(String json) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void oneIssueIsTheFirstByRepoAndBranchUnlessBothAreGiven() {
        Map<String, Object> bd1 = listed(APP, "main", "bd-1", "Fix 100% of login_bugs", "open", 2, "bug", "ada",
                List.of("ui", "auth"), List.of(ref(APP, "main", "bd-2")), null);
        bd1.put("description", "About bd-1");
        bd1.put("project_id", reader.projectId());
        assertBody(client.get("/v1/beads/issues/bd-1", reader.bearer()), 200, json(bd1));
        assertThat(client.get("/v1/beads/issues/bd-1?repo=" + LIB, reader.bearer()).json().get("title").asText()).isEqualTo("Lib side");
        assertThat(client.get("/v1/beads/issues/bd-5?repo=" + APP + "&branch=dev", reader.bearer()).json().get("title").asText())
                .isEqualTo("Dev only");
        String notFound = "{\"detail\":\"Issue not found\"}";
        assertBody(client.get("/v1/beads/issues/bd-5?repo=" + APP + "&branch=main", reader.bearer()), 404, notFound);
        assertBody(client.get("/v1/beads/issues/bd-77", reader.bearer()), 404, notFound); // another project's
        assertBody(client.get("/v1/beads/issues/bd-404", reader.bearer()), 404, notFound);
    }

    @Test
    void readyIssuesAreOpenWithEveryBlockerStoredAndClosed() {
        String workspace = "?workspace_id=" + UUID.randomUUID(); // validated only
        Map<String, Object> lib1 = ordered("bead_id", "bd-1", "repo", LIB, "branch", "main", "title", "Lib side",
                "status", "open", "priority", 1, "type", "chore", "blocked_by", List.of(), "current_reservation", null);
        Map<String, Object> app1 = ordered("bead_id", "bd-1", "repo", APP, "branch", "main", "title", "Fix 100% of login_bugs",
                "status", "open", "priority", 2, "type", "bug", "blocked_by", List.of(ref(APP, "main", "bd-2")),
                "current_reservation", null);
        Response all = client.get("/v1/beads/ready" + workspace + "&repo=" + APP + "&branch=main", reader.bearer());
        assertBody(all, 200, json(ordered("issues", List.of(app1), "count", 1)));
        Response top = client.get("/v1/beads/ready" + workspace + "&limit=2", reader.bearer());
        assertBody(top, 200, json(ordered("issues", List.of(lib1, app1), "count", 2)));
        List<String> ready = new ArrayList<>();
        client.get("/v1/beads/ready" + workspace, reader.bearer()).json().get("issues")
                .forEach(issue -> ready.add(issue.get("bead_id").asText() + "@" + issue.get("branch").asText()));
        assertThat(ready).as("bd-3 waits on a missing blocker; priority nulls last").containsExactly(
                "bd-1@main", "bd-1@main", "bd-5@dev", "xy_1@main");
    }

    @Test
    void malformedQueriesAre422() {
        assertBody(client.get("/v1/beads/issues?status=open,bogus", reader.bearer()), 422,
                "{\"detail\":\"Invalid status: bogus. Must be one of: closed, in_progress, open\"}");
        assertBody(client.get("/v1/beads/issues?type=story&limit=0", Map.of()), 422, json(Map.of("detail", List.of(
                ordered("type", "greater_than_equal", "loc", List.of("query", "limit"), "msg",
                        "Input should be greater than or equal to 1", "input", "0", "ctx", Map.of("ge", 1)),
                ordered("type", "literal_error", "loc", List.of("query", "type"), "msg",
                        "Input should be 'bug', 'feature', 'task', 'epic' or 'chore'", "input", "story",
                        "ctx", Map.of("expected", "'bug', 'feature', 'task', 'epic' or 'chore'"))))));
        assertBody(client.get("/v1/beads/issues?q=" + "q".repeat(256), Map.of()), 422, json(Map.of("detail", List.of(
                ordered("type", "string_too_long", "loc", List.of("query", "q"), "msg", "String should have at most 255 characters",
                        "input", "q".repeat(256), "ctx", Map.of("max_length", 255))))));
        assertBody(client.get("/v1/beads/issues?repo=" + q("no pe/" + "x".repeat(60)), reader.bearer()), 422,
                "{\"detail\":\"Invalid repo: no pe/" + "x".repeat(44) + "\"}"); // the first 50 characters
        assertBody(client.get("/v1/beads/issues/bd-1?branch=" + q("-bad"), reader.bearer()), 422,
                "{\"detail\":\"Invalid branch name: -bad\"}");
        assertBody(client.get("/v1/beads/issues?cursor=!!!", reader.bearer()), 422, "{\"detail\":\"Invalid cursor: malformed base64\"}");
        assertBody(client.get("/v1/beads/issues?cursor=" + cursor("{\"sort_time\":\"" + WireTime.offset(UPDATED)
                + "\",\"bead_id\":\"bd-1\"}"), reader.bearer()), 422,
                "{\"detail\":\"Invalid cursor: incomplete sort key (missing sort_time, priority, or bead_id)\"}");
        assertBody(client.get("/v1/beads/issues?cursor=" + cursor("{\"sort_time\":\"soon\",\"priority\":1,\"bead_id\":\"bd-1\"}"),
                reader.bearer()), 422, "{\"detail\":\"Invalid cursor: bad timestamp (soon)\"}");
        assertBody(client.get("/v1/beads/ready", Map.of()), 422,
                "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"query\",\"workspace_id\"],\"msg\":\"Field required\",\"input\":null}]}");
        assertBody(client.get("/v1/beads/ready?workspace_id=nope", Map.of()), 422,
                "{\"detail\":[{\"type\":\"uuid_parsing\",\"loc\":[\"query\",\"workspace_id\"],\"msg\":\"Input should be a valid UUID\",\"input\":\"nope\"}]}");
        assertBody(client.get("/v1/beads/issues", Map.of()), 401, "{\"detail\":\"Authentication required\"}");
    }
}
