package dev.agenthub.it.v1;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.hub.beads.BeadIssue;
import dev.agenthub.hub.beads.BeadRef;
import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.HubSeeds;
import dev.agenthub.it.support.HubSeeds.Worktree;
import dev.agenthub.it.support.V1Client.Identity;
import dev.agenthub.protocol.kernel.time.WireTime;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.agenthub.it.support.V1Client.assertBody;
import static dev.agenthub.it.support.V1Client.json;
import static dev.agenthub.it.support.V1Client.ordered;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native task routes (wire spec §4.8): whole bodies of the detail and list forms, refs (uuid, number,
 * {@code <slug>-NNN}), every error text, the partial update rules (explicit null unassigns, in_progress
 * auto-assigns, 409 for another assignee, the close cascade), dependencies with the self and cycle checks,
 * comments, ready and blocked, and the merged view with the synced bead issues.
 */
class TasksWireTest extends TaskWireTest {

    static final String NOT_FOUND = "{\"detail\":\"Task not found\"}";

    private JsonNode create(Worktree w, String title, Object... fields) {
        Map<String, Object> body = ordered("title", title);
        body.putAll(ordered(fields));
        return create(w, body);
    }

    private static String at(Instant instant) {
        return WireTime.offset(instant);
    }

    /** The detail form of a fresh task by {@code w}, with {@code overrides} replacing fields in place. */
    private static Map<String, Object> detail(Worktree w, String id, long number, String title, Object... overrides) {
        Map<String, Object> view = ordered("task_id", id, "task_ref", w.projectSlug() + "-" + String.format("%03d", number),
                "task_number", number, "project_id", w.projectId(), "title", title, "description", "", "notes", "",
                "status", "open", "priority", 2, "task_type", "task", "labels", List.of(), "parent_task_id", null,
                "assignee_agent_id", null, "created_by_agent_id", w.workspaceId(), "closed_by_agent_id", null,
                "created_at", at(NOW), "updated_at", at(NOW), "closed_at", null, "blocked_by", List.of(),
                "blocks", List.of());
        view.putAll(ordered(overrides));
        return view;
    }

    private static Map<String, Object> listed(Map<String, Object> detail) {
        Map<String, Object> view = new LinkedHashMap<>(detail);
        for (String omitted : List.of("project_id", "description", "notes", "parent_task_id", "closed_by_agent_id",
                "closed_at", "blocked_by", "blocks")) {
            view.remove(omitted);
        }
        return view;
    }

    private static Map<String, Object> link(JsonNode task, String status) {
        return ordered("task_id", task.get("task_id").asText(), "task_ref", task.get("task_ref").asText(),
                "title", task.get("title").asText(), "status", status);
    }

    @Test
    void createsNumberedTasksAndReadsThemBackByEveryRefForm() {
        HubSeeds.Pair t = team("tk-create");
        JsonNode first = create(t.alice(), "Write the parser");
        String id = first.get("task_id").asText();
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(json(first)).isEqualTo(json(detail(t.alice(), id, 1, "Write the parser")));
        JsonNode second = create(t.bob(), "Fix it", "description", "d", "notes", "n", "priority", 0, "task_type", "bug",
                "labels", List.of("x", "y"), "parent_task_id", id, "assignee_agent_id", t.alice().workspaceId());
        String secondId = second.get("task_id").asText();
        Map<String, Object> secondDetail = detail(t.bob(), secondId, 2, "Fix it", "description", "d", "notes", "n",
                "priority", 0, "task_type", "bug", "labels", List.of("x", "y"), "parent_task_id", id,
                "assignee_agent_id", t.alice().workspaceId());
        assertThat(json(second)).isEqualTo(json(secondDetail));

        for (String ref : List.of(secondId, secondId.replace("-", "").toUpperCase(), "2", "tk-create-002")) {
            assertBody(client.get("/v1/tasks/" + ref, t.alice().bearer()), 200, json(secondDetail));
        }
        for (String ref : List.of("3", "tk-create-003", "other-002", "garbage", UUID.randomUUID().toString(), "0")) {
            assertBody(client.get("/v1/tasks/" + ref, t.alice().bearer()), 404, NOT_FOUND);
        }
        // another project's task is unknown here
        HubSeeds.Pair other = team("tk-create-other");
        assertBody(client.get("/v1/tasks/" + id, other.alice().bearer()), 404, NOT_FOUND);
        assertThat(create(other.alice(), "Theirs").get("task_ref").asText()).isEqualTo("tk-create-other-001");
    }

    @Test
    void refsGrowPastThreeDigits() {
        HubSeeds.Pair t = team("tk-digits");
        assertThat(create(t.alice(), "first").get("task_ref").asText()).isEqualTo("tk-digits-001");
        for (int i = 2; i < 1000; i++) {
            nextNumberOnly(t.alice());
        }
        assertThat(create(t.alice(), "n1000").get("task_ref").asText()).isEqualTo("tk-digits-1000");
        assertThat(client.get("/v1/tasks/tk-digits-1000", t.alice().bearer()).status()).isEqualTo(200);
    }

    /** Advances the project's counter as a created-then-deleted task would, without 999 HTTP round trips. */
    private void nextNumberOnly(Worktree w) {
        dev.agenthub.it.support.TestSql.rows(database.dataSource(), """
                INSERT INTO hub.task_counters (project_id, last_number) VALUES (?, 1)
                ON CONFLICT (project_id) DO UPDATE SET last_number = hub.task_counters.last_number + 1
                RETURNING last_number::text""", UUID.fromString(w.projectId()));
    }

    @Test
    void validatesCreateBodiesBeforeAuthentication() {
        HubSeeds.Pair t = team("tk-validate");
        assertBody(client.post("/v1/tasks", "{}", Map.of()), 422,
                "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"title\"],\"msg\":\"Field required\",\"input\":{}}]}");
        assertBody(client.post("/v1/tasks", json(ordered("title", "x", "project_id", t.alice().projectId())),
                t.alice().bearer()), 422, json(ordered("detail", List.of(ordered("type", "extra_forbidden",
                "loc", List.of("body", "project_id"), "msg", "Extra inputs are not permitted", "input", t.alice().projectId())))));
        assertBody(client.post("/v1/tasks", json(ordered("title", "")), t.alice().bearer()), 422,
                json(ordered("detail", List.of(ordered("type", "string_too_short", "loc", List.of("body", "title"),
                        "msg", "String should have at least 1 character", "input", "", "ctx", ordered("min_length", 1))))));
        assertBody(client.post("/v1/tasks", json(ordered("title", "x".repeat(4097))), t.alice().bearer()), 422,
                json(ordered("detail", List.of(ordered("type", "string_too_long", "loc", List.of("body", "title"),
                        "msg", "String should have at most 4096 characters", "input", "x".repeat(4097),
                        "ctx", ordered("max_length", 4096))))));
        assertThat(client.post("/v1/tasks", json(ordered("title", "x", "description", "d".repeat(65537))),
                t.alice().bearer()).body()).contains("\"string_too_long\"", "\"description\"");
        assertBody(client.post("/v1/tasks", json(ordered("title", "x", "priority", 5)), t.alice().bearer()), 422,
                json(ordered("detail", List.of(ordered("type", "less_than_equal", "loc", List.of("body", "priority"),
                        "msg", "Input should be less than or equal to 4", "input", 5, "ctx", ordered("le", 4))))));
        assertBody(client.post("/v1/tasks", json(ordered("title", "x", "task_type", "epic")), t.alice().bearer()), 422,
                json(ordered("detail", List.of(ordered("type", "literal_error", "loc", List.of("body", "task_type"),
                        "msg", "Input should be 'task', 'bug' or 'feature'", "input", "epic",
                        "ctx", ordered("expected", "'task', 'bug' or 'feature'"))))));
        assertBody(client.post("/v1/tasks", json(ordered("title", "x")), Map.of()), 401,
                "{\"detail\":\"Authentication required\"}");
        assertThat(client.get("/v1/tasks?priority=9", t.alice().bearer()).status()).isEqualTo(422);
        assertThat(client.get("/v1/tasks?assignee_agent_id=nope", t.alice().bearer()).status()).isEqualTo(422);
        assertBody(client.get("/v1/tasks?status=open,done", t.alice().bearer()), 422,
                "{\"detail\":\"Invalid status: done. Must be one of: closed, in_progress, open\"}");
    }

    @Test
    void refusesAParentOrAssigneeOutsideTheProject() {
        HubSeeds.Pair t = team("tk-foreign");
        HubSeeds.Pair other = team("tk-foreign-other");
        String theirs = create(other.alice(), "theirs").get("task_id").asText();
        assertBody(client.post("/v1/tasks", json(ordered("title", "x", "parent_task_id", theirs)), t.alice().bearer()),
                422, "{\"detail\":\"Parent task not found in this project\"}");
        assertBody(client.post("/v1/tasks", json(ordered("title", "x", "assignee_agent_id", other.alice().workspaceId())),
                t.alice().bearer()), 422, "{\"detail\":\"Assignee agent not found in this project\"}");
        String mine = create(t.alice(), "mine").get("task_id").asText();
        assertBody(client.patch("/v1/tasks/" + mine, json(ordered("parent_task_id", theirs)), t.alice().bearer()),
                422, "{\"detail\":\"Parent task not found in this project\"}");
        assertBody(client.patch("/v1/tasks/" + mine, json(ordered("assignee_agent_id", other.alice().workspaceId())),
                t.alice().bearer()), 422, "{\"detail\":\"Assignee agent not found in this project\"}");
        assertBody(client.patch("/v1/tasks/" + mine, json(ordered("parent_task_id", mine)), t.alice().bearer()),
                422, "{\"detail\":\"Parent would create a cycle\"}");
        // nothing was written by the refused creates
        assertThat(create(t.alice(), "next").get("task_number").asLong()).isEqualTo(2);
    }

    @Test
    void patchesPartiallyAndUnassignsOnExplicitNull() {
        HubSeeds.Pair t = team("tk-patch");
        String id = create(t.alice(), "old", "assignee_agent_id", t.bob().workspaceId()).get("task_id").asText();
        clock.set(NOW.plusSeconds(5));
        assertBody(client.patch("/v1/tasks/tk-patch-001", json(ordered("title", "new", "labels", List.of("a"),
                "priority", 4)), t.alice().bearer()), 200, json(detail(t.alice(), id, 1, "new", "priority", 4,
                "labels", List.of("a"), "assignee_agent_id", t.bob().workspaceId(), "updated_at", at(NOW.plusSeconds(5)))));
        assertBody(client.patch("/v1/tasks/1", json(ordered("assignee_agent_id", null)), t.alice().bearer()), 200,
                json(detail(t.alice(), id, 1, "new", "priority", 4, "labels", List.of("a"),
                        "updated_at", at(NOW.plusSeconds(5)))));
        assertBody(client.patch("/v1/tasks/1", json(ordered("status", "done")), t.alice().bearer()), 422,
                json(ordered("detail", List.of(ordered("type", "literal_error", "loc", List.of("body", "status"),
                        "msg", "Input should be 'open', 'in_progress' or 'closed'", "input", "done",
                        "ctx", ordered("expected", "'open', 'in_progress' or 'closed'"))))));
        assertBody(client.patch("/v1/tasks/1", json(ordered("title", null)), t.alice().bearer()), 422,
                json(ordered("detail", List.of(ordered("type", "string_type", "loc", List.of("body", "title"),
                        "msg", "Input should be a valid string", "input", null)))));
        assertBody(client.patch("/v1/tasks/1", json(ordered("task_ref", "x")), t.alice().bearer()), 422,
                json(ordered("detail", List.of(ordered("type", "extra_forbidden", "loc", List.of("body", "task_ref"),
                        "msg", "Extra inputs are not permitted", "input", "x")))));
        assertBody(client.patch("/v1/tasks/9", json(ordered("title", "x")), t.alice().bearer()), 404, NOT_FOUND);
    }

    @Test
    void inProgressAssignsTheActorAndRefusesAnotherAssignee() {
        HubSeeds.Pair t = team("tk-progress");
        String id = create(t.alice(), "work").get("task_id").asText();
        assertBody(client.patch("/v1/tasks/" + id, json(ordered("status", "in_progress")), t.bob().bearer()), 200,
                json(detail(t.alice(), id, 1, "work", "status", "in_progress", "assignee_agent_id", t.bob().workspaceId())));
        assertBody(client.patch("/v1/tasks/" + id, json(ordered("status", "in_progress")), t.alice().bearer()), 409,
                "{\"detail\":\"Task is assigned to another agent\"}");
        // the assignee itself may set it again
        assertThat(client.patch("/v1/tasks/" + id, json(ordered("status", "in_progress")), t.bob().bearer()).status())
                .isEqualTo(200);
    }

    @Test
    void closingRecordsTheCloserAndCascadesToOpenDescendants() {
        HubSeeds.Pair t = team("tk-close");
        JsonNode root = create(t.alice(), "root");
        String rootId = root.get("task_id").asText();
        JsonNode child = create(t.alice(), "child", "parent_task_id", rootId);
        JsonNode grandchild = create(t.alice(), "grandchild", "parent_task_id", child.get("task_id").asText());
        JsonNode closedChild = create(t.alice(), "closed child", "parent_task_id", rootId);
        client.patch("/v1/tasks/4", json(ordered("status", "closed")), t.alice().bearer());
        JsonNode unrelated = create(t.alice(), "unrelated");
        clock.set(NOW.plusSeconds(60));
        Instant closedAt = NOW.plusSeconds(60);
        Map<String, Object> expected = detail(t.alice(), rootId, 1, "root", "status", "closed",
                "closed_by_agent_id", t.bob().workspaceId(), "updated_at", at(closedAt), "closed_at", at(closedAt));
        expected.put("auto_closed", List.of(
                ordered("task_id", child.get("task_id").asText(), "task_ref", "tk-close-002", "title", "child"),
                ordered("task_id", grandchild.get("task_id").asText(), "task_ref", "tk-close-003", "title", "grandchild")));
        assertBody(client.patch("/v1/tasks/1", json(ordered("status", "closed")), t.bob().bearer()), 200, json(expected));
        for (String ref : List.of("2", "3")) {
            JsonNode read = client.get("/v1/tasks/" + ref, t.alice().bearer()).json();
            assertThat(read.get("status").asText()).isEqualTo("closed");
            assertThat(read.get("closed_by_agent_id").asText()).isEqualTo(t.bob().workspaceId());
            assertThat(read.get("closed_at").asText()).isEqualTo(at(closedAt));
        }
        assertThat(client.get("/v1/tasks/4", t.alice().bearer()).json().get("closed_at").asText()).isEqualTo(at(NOW));
        assertThat(client.get("/v1/tasks/" + unrelated.get("task_id").asText(), t.alice().bearer()).json()
                .get("status").asText()).isEqualTo("open");
        // reopening clears the closer
        assertBody(client.patch("/v1/tasks/1", json(ordered("status", "open")), t.bob().bearer()), 200,
                json(detail(t.alice(), rootId, 1, "root", "updated_at", at(closedAt))));
        assertThat(closedChild.get("task_ref").asText()).isEqualTo("tk-close-004");
    }

    @Test
    void deletesSoftlyAndHidesTheTask() {
        HubSeeds.Pair t = team("tk-delete");
        String id = create(t.alice(), "gone").get("task_id").asText();
        create(t.alice(), "kept");
        assertBody(client.delete("/v1/tasks/tk-delete-001", t.bob().bearer()), 200,
                json(ordered("status", "deleted", "task_id", id, "task_ref", "tk-delete-001")));
        assertBody(client.delete("/v1/tasks/1", t.bob().bearer()), 404, NOT_FOUND);
        assertBody(client.get("/v1/tasks/" + id, t.bob().bearer()), 404, NOT_FOUND);
        assertThat(client.get("/v1/tasks", t.bob().bearer()).json().get("tasks").findValuesAsText("task_ref"))
                .containsExactly("tk-delete-002");
        // the number is not reused
        assertThat(create(t.alice(), "third").get("task_ref").asText()).isEqualTo("tk-delete-003");
        assertBody(client.delete("/v1/tasks/1", Map.of()), 401, "{\"detail\":\"Authentication required\"}");
    }

    @Test
    void dependenciesBlockAndRefuseSelfAndCycles() {
        HubSeeds.Pair t = team("tk-deps");
        JsonNode a = create(t.alice(), "a");
        JsonNode b = create(t.alice(), "b");
        JsonNode c = create(t.alice(), "c", "priority", 0);
        String aId = a.get("task_id").asText();
        String bId = b.get("task_id").asText();
        String depends = json(ordered("task_id", aId, "depends_on_task_id", bId));
        assertBody(client.post("/v1/tasks/1/deps", json(ordered("depends_on", "tk-deps-002")), t.bob().bearer()), 200, depends);
        assertBody(client.post("/v1/tasks/" + aId + "/deps", json(ordered("depends_on", bId)), t.bob().bearer()), 200, depends);
        assertBody(client.post("/v1/tasks/1/deps", json(ordered("depends_on", "1")), t.bob().bearer()), 422,
                "{\"detail\":\"A task cannot depend on itself\"}");
        assertBody(client.post("/v1/tasks/2/deps", json(ordered("depends_on", "1")), t.bob().bearer()), 422,
                "{\"detail\":\"Dependency would create a cycle\"}");
        client.post("/v1/tasks/2/deps", json(ordered("depends_on", "3")), t.bob().bearer());
        assertBody(client.post("/v1/tasks/3/deps", json(ordered("depends_on", "1")), t.bob().bearer()), 422,
                "{\"detail\":\"Dependency would create a cycle\"}");
        assertBody(client.post("/v1/tasks/1/deps", json(ordered("depends_on", "9")), t.bob().bearer()), 404, NOT_FOUND);
        assertBody(client.post("/v1/tasks/1/deps", json(ordered("depends_on", "2", "x", 1)), t.bob().bearer()), 422,
                json(ordered("detail", List.of(ordered("type", "extra_forbidden", "loc", List.of("body", "x"),
                        "msg", "Extra inputs are not permitted", "input", 1)))));

        JsonNode detailOfB = client.get("/v1/tasks/2", t.alice().bearer()).json();
        assertThat(json(detailOfB.get("blocked_by"))).isEqualTo(json(List.of(link(c, "open"))));
        assertThat(json(detailOfB.get("blocks"))).isEqualTo(json(List.of(link(a, "open"))));
        // a <- b <- c: only c is ready; a and b are blocked
        assertThat(client.get("/v1/tasks/ready", t.alice().bearer()).json().get("tasks").findValuesAsText("task_ref"))
                .containsExactly("tk-deps-003");
        assertThat(client.get("/v1/tasks/blocked", t.alice().bearer()).json().get("tasks").findValuesAsText("task_ref"))
                .containsExactly("tk-deps-001", "tk-deps-002");
        client.patch("/v1/tasks/3", json(ordered("status", "closed")), t.alice().bearer());
        assertThat(client.get("/v1/tasks/ready", t.alice().bearer()).json().get("tasks").findValuesAsText("task_ref"))
                .containsExactly("tk-deps-002");
        // a deleted blocker no longer blocks
        client.delete("/v1/tasks/2", t.alice().bearer());
        assertThat(client.get("/v1/tasks/ready", t.alice().bearer()).json().get("tasks").findValuesAsText("task_ref"))
                .containsExactly("tk-deps-001");
        assertThat(client.get("/v1/tasks/blocked", t.alice().bearer()).json().get("tasks").size()).isZero();

        client.post("/v1/tasks/1/deps", json(ordered("depends_on", "3")), t.bob().bearer());
        assertBody(client.delete("/v1/tasks/1/deps/tk-deps-003", t.bob().bearer()), 200,
                json(ordered("task_id", aId, "removed_depends_on_task_id", c.get("task_id").asText())));
        assertBody(client.delete("/v1/tasks/1/deps/9", t.bob().bearer()), 404, NOT_FOUND);
        assertThat(client.get("/v1/tasks/1", t.alice().bearer()).json().get("blocked_by").size()).isZero();
    }

    @Test
    void readyIsUnassignedOpenByPriorityThenNumber() {
        HubSeeds.Pair t = team("tk-ready");
        create(t.alice(), "p2");
        create(t.alice(), "p1", "priority", 1);
        create(t.alice(), "assigned", "priority", 0, "assignee_agent_id", t.bob().workspaceId());
        create(t.alice(), "p1 later", "priority", 1);
        create(t.alice(), "in progress", "priority", 0);
        client.patch("/v1/tasks/5", json(ordered("status", "in_progress")), t.alice().bearer());
        Response ready = client.get("/v1/tasks/ready", t.alice().bearer());
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("tasks").findValuesAsText("task_ref"))
                .containsExactly("tk-ready-002", "tk-ready-004", "tk-ready-001");
        assertThat(json(ready.json().get("tasks").get(0))).isEqualTo(json(listed(detail(t.alice(),
                ready.json().get("tasks").get(0).get("task_id").asText(), 2, "p1", "priority", 1))));
    }

    @Test
    void commentsOldestFirst() {
        HubSeeds.Pair t = team("tk-comments");
        String id = create(t.alice(), "talk").get("task_id").asText();
        Response first = client.post("/v1/tasks/1/comments", json(ordered("body", "first")), t.bob().bearer());
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        String firstId = first.json().get("comment_id").asText();
        Map<String, Object> firstView = ordered("comment_id", firstId, "task_id", id, "agent_id", t.bob().workspaceId(),
                "body", "first", "created_at", at(NOW));
        assertThat(json(first.json())).isEqualTo(json(firstView));
        clock.set(NOW.plusSeconds(1));
        String secondId = client.post("/v1/tasks/tk-comments-001/comments", json(ordered("body", "second")),
                t.alice().bearer()).json().get("comment_id").asText();
        assertBody(client.get("/v1/tasks/1/comments", t.alice().bearer()), 200, json(ordered("comments", List.of(firstView,
                ordered("comment_id", secondId, "task_id", id, "agent_id", t.alice().workspaceId(), "body", "second",
                        "created_at", at(NOW.plusSeconds(1)))))));
        assertBody(client.post("/v1/tasks/1/comments", json(ordered("body", "")), t.bob().bearer()), 422,
                json(ordered("detail", List.of(ordered("type", "string_too_short", "loc", List.of("body", "body"),
                        "msg", "String should have at least 1 character", "input", "", "ctx", ordered("min_length", 1))))));
        assertBody(client.post("/v1/tasks/9/comments", json(ordered("body", "x")), t.bob().bearer()), 404, NOT_FOUND);
        assertBody(client.get("/v1/tasks/9/comments", t.bob().bearer()), 404, NOT_FOUND);
    }

    @Test
    void listsNativeTasksThenBeadIssuesWithFilters() {
        HubSeeds.Pair t = team("tk-list");
        JsonNode one = create(t.alice(), "one", "labels", List.of("a", "b"));
        JsonNode two = create(t.alice(), "two", "task_type", "bug", "priority", 1, "assignee_agent_id", t.bob().workspaceId());
        String repo = t.alice().canonicalOrigin();
        Instant synced = NOW.minus(Duration.ofHours(1));
        seeds.issues(t.alice().project(),
                new BeadIssue(repo, "main", "bd-1", "Bead one", "desc", "open", null, null, null, null, List.of("a", "b"),
                        synced, synced, List.of(), new BeadRef(repo, "main", "bd-0"), synced),
                HubSeeds.issue(repo, "main", "bd-2", "Bead two", "closed", 1, "epic", synced.minusSeconds(5), synced, List.of()),
                // a bead id equal to a native ref: the native task wins
                HubSeeds.issue(repo, "main", "tk-list-001", "Shadowed", "open", 3, "task", synced, synced, List.of()));
        Map<String, Object> oneListed = listed(detail(t.alice(), one.get("task_id").asText(), 1, "one",
                "labels", List.of("a", "b")));
        Map<String, Object> twoListed = listed(detail(t.alice(), two.get("task_id").asText(), 2, "two", "priority", 1,
                "task_type", "bug", "assignee_agent_id", t.bob().workspaceId()));
        Map<String, Object> bead1 = ordered("task_id", "bd-1", "task_ref", "bd-1", "task_number", null, "title", "Bead one",
                "status", "open", "priority", 2, "task_type", "task", "labels", List.of("a", "b"),
                "assignee_agent_id", null, "created_by_agent_id", null, "created_at", at(synced), "updated_at", at(synced));
        Map<String, Object> bead2 = ordered("task_id", "bd-2", "task_ref", "bd-2", "task_number", null, "title", "Bead two",
                "status", "closed", "priority", 1, "task_type", "epic", "labels", List.of(),
                "assignee_agent_id", null, "created_by_agent_id", null, "created_at", null,
                "updated_at", at(synced.minusSeconds(5)));
        assertBody(client.get("/v1/tasks", t.bob().bearer()), 200,
                json(ordered("tasks", List.of(oneListed, twoListed, bead1, bead2))));
        assertBody(client.get("/v1/tasks?status=open", t.bob().bearer()), 200,
                json(ordered("tasks", List.of(oneListed, twoListed, bead1))));
        assertBody(client.get("/v1/tasks?status=closed,in_progress", t.bob().bearer()), 200,
                json(ordered("tasks", List.of(bead2))));
        assertBody(client.get("/v1/tasks?priority=1", t.bob().bearer()), 200,
                json(ordered("tasks", List.of(twoListed, bead2))));
        assertBody(client.get("/v1/tasks?labels=b,a", t.bob().bearer()), 200,
                json(ordered("tasks", List.of(oneListed, bead1))));
        assertBody(client.get("/v1/tasks?task_type=epic", t.bob().bearer()), 200, json(ordered("tasks", List.of(bead2))));
        assertBody(client.get("/v1/tasks?assignee_agent_id=" + t.bob().workspaceId(), t.bob().bearer()), 200,
                json(ordered("tasks", List.of(twoListed))));

        // GET /{ref} falls back to a bead issue by id
        assertBody(client.get("/v1/tasks/bd-1", t.bob().bearer()), 200, json(ordered("task_id", "bd-1",
                "task_ref", "bd-1", "task_number", null, "project_id", t.alice().projectId(), "title", "Bead one",
                "description", "desc", "notes", "", "status", "open", "priority", 2, "task_type", "task",
                "labels", List.of("a", "b"), "parent_task_id", "bd-0", "assignee_agent_id", null,
                "created_by_agent_id", null, "closed_by_agent_id", null, "created_at", at(synced),
                "updated_at", at(synced), "closed_at", null, "blocked_by", List.of(), "blocks", List.of())));
        assertThat(client.get("/v1/tasks/tk-list-001", t.bob().bearer()).json().get("title").asText()).isEqualTo("one");
        // the mutations are for native tasks only
        assertBody(client.patch("/v1/tasks/bd-1", json(ordered("title", "x")), t.bob().bearer()), 404, NOT_FOUND);
        List<String> refs = new ArrayList<>();
        client.get("/v1/tasks", t.alice().bearer()).json().get("tasks").forEach(n -> refs.add(n.get("task_ref").asText()));
        assertThat(refs).doesNotHaveDuplicates();
    }

    @Test
    void unboundKeysMayReadButNotCreate() {
        HubSeeds.Pair t = team("tk-unbound");
        String key = dev.agenthub.it.support.TestSql.insertUnboundKey(database.dataSource(), t.alice().projectId(), NOW);
        Map<String, String> unbound = Map.of("Authorization", "Bearer " + key);
        assertBody(client.post("/v1/tasks", json(ordered("title", "x")), unbound), 403,
                "{\"detail\":\"API key is not bound to an agent\"}");
        create(t.alice(), "x");
        assertThat(client.get("/v1/tasks", unbound).status()).isEqualTo(200);
        assertThat(client.delete("/v1/tasks/1", unbound).status()).isEqualTo(200);
        Identity dashboardless = client.init("tk-unbound", "carol");
        assertThat(client.post("/v1/tasks", json(ordered("title", "y")), dashboardless.bearer()).status()).isEqualTo(200);
    }
}
