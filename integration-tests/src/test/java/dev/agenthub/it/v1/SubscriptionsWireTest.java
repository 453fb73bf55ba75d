package dev.agenthub.it.v1;

import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.TestSql;
import dev.agenthub.it.support.V1HubTest;
import dev.agenthub.it.support.Worktrees;
import dev.agenthub.it.support.Worktrees.Worktree;
import dev.agenthub.protocol.kernel.time.WireTime;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.agenthub.it.support.V1Client.assertBody;
import static dev.agenthub.it.support.V1Client.json;
import static dev.agenthub.it.support.V1Client.ordered;
import static dev.agenthub.it.support.Worktrees.issue;
import static dev.agenthub.it.support.Worktrees.jsonl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subscriptions (wire spec §4.15, §12) and the notifications they produce (§7, §14 F4): whole bodies for every
 * route and error, the upsert that keeps the id, and the mail a status change sends (sender, subject, body and
 * thread id exactly), for a subscription without a repo and not for one of another repo.
 */
class SubscriptionsWireTest extends V1HubTest {

    /** uuid5(NAMESPACE_URL, "bead:bd-1"), computed independently (Python's uuid module). */
    private static final String THREAD_BD_1 = "1d6c2d3a-3b1b-5036-b73a-51fcfd1fd387";

    private Worktrees bdh() {
        return new Worktrees(client);
    }

    private Response subscribe(Worktree w, String body) {
        return client.post("/v1/subscriptions", body, w.bearer());
    }

    private static Map<String, Object> view(String id, Worktree w, String bead, String repo, List<String> types) {
        return ordered("subscription_id", id, "workspace_id", w.workspaceId(), "alias", w.alias(), "bead_id", bead,
                "repo", repo, "event_types", types, "created_at", WireTime.offset(NOW));
    }

    @Test
    void subscribeIsAnUpsertListIsNewestFirstAndDeleteAnswersWhatTheSpecSays() {
        clock.set(NOW);
        Worktree alice = bdh().init("subs-routes", "alice", "Alice", "git@github.com:subs/app.git", "developer");
        Worktree mallory = bdh().init("subs-other", "mallory", "Mallory", "git@github.com:other/app.git", "developer");
        Response first = subscribe(alice, "{\"workspace_id\":\"" + alice.workspaceId() + "\",\"bead_id\":\"bd-1\",\"x\":1}");
        String id = first.json().get("subscription_id").asText();
        assertBody(first, 200, json(view(id, alice, "bd-1", null, List.of("status_change"))));
        Response again = subscribe(alice, "{\"workspace_id\":\"" + alice.workspaceId()
                + "\",\"bead_id\":\"bd-1\",\"repo\":null,\"event_types\":[\"all\",\"priority_change\"]}");
        assertBody(again, 200, json(view(id, alice, "bd-1", null, List.of("all", "priority_change"))));
        Response withRepo = subscribe(alice, "{\"workspace_id\":\"" + alice.workspaceId()
                + "\",\"bead_id\":\"web:bd-1\",\"repo\":\"github.com/subs/app\"}");
        String second = withRepo.json().get("subscription_id").asText();
        assertThat(second).isNotEqualTo(id);
        assertBody(withRepo, 200, json(view(second, alice, "web:bd-1", "github.com/subs/app", List.of("status_change"))));

        assertBody(client.get("/v1/subscriptions?workspace_id=" + alice.workspaceId(), alice.bearer()), 200,
                json(ordered("subscriptions", List.of(
                        view(second, alice, "web:bd-1", "github.com/subs/app", List.of("status_change")),
                        view(id, alice, "bd-1", null, List.of("all", "priority_change"))), "count", 2)));

        // errors
        assertBody(subscribe(alice, "{\"workspace_id\":\"" + alice.workspaceId() + "\",\"bead_id\":\"bd.1\"}"), 400,
                "{\"detail\":\"Invalid bead_id format: bd.1\"}");
        assertBody(subscribe(alice, "{\"workspace_id\":\"" + alice.workspaceId()
                        + "\",\"bead_id\":\"bd-1\",\"event_types\":[\"status_change\",\"nope\"]}"), 400,
                "{\"detail\":\"Invalid event_type: nope. Valid: {'all', 'assignee_change', 'priority_change', 'status_change'}\"}");
        assertBody(subscribe(alice, "{\"workspace_id\":\"" + UUID.randomUUID() + "\",\"bead_id\":\"bd-1\"}"), 403,
                "{\"detail\":\"workspace_id does not match API key identity\"}");
        assertBody(client.get("/v1/subscriptions?workspace_id=" + alice.workspaceId(), mallory.bearer()), 403,
                "{\"detail\":\"workspace_id does not match API key identity\"}");
        assertThat(client.get("/v1/subscriptions", alice.bearer()).status()).isEqualTo(422);
        assertBody(client.delete("/v1/subscriptions/nope?workspace_id=" + alice.workspaceId(), alice.bearer()), 400,
                "{\"detail\":\"Invalid subscription_id format\"}");

        assertBody(client.delete("/v1/subscriptions/" + id + "?workspace_id=" + alice.workspaceId(), alice.bearer()), 200,
                json(ordered("subscription_id", id, "deleted", true)));
        assertBody(client.delete("/v1/subscriptions/" + id + "?workspace_id=" + alice.workspaceId(), alice.bearer()), 404,
                "{\"detail\":\"Subscription not found\"}");
        assertBody(client.get("/v1/subscriptions?workspace_id=" + alice.workspaceId(), alice.bearer()), 200,
                json(ordered("subscriptions", List.of(
                        view(second, alice, "web:bd-1", "github.com/subs/app", List.of("status_change"))), "count", 1)));
    }

    @Test
    void aStatusChangeMailsEachMatchingSubscriberFromTheSystemSender() {
        clock.set(NOW);
        String origin = "git@github.com:notify/app.git";
        Worktree alice = bdh().init("subs-notify", "alice", "Alice", origin, "developer");
        Worktree bob = bdh().init("subs-notify", "bob", "Bob", origin, "developer");
        assertThat(subscribe(alice, "{\"workspace_id\":\"" + alice.workspaceId() + "\",\"bead_id\":\"bd-1\"}").status())
                .isEqualTo(200); // no repo: any repo (§14 F4)
        assertThat(subscribe(alice, "{\"workspace_id\":\"" + alice.workspaceId()
                + "\",\"bead_id\":\"bd-1\",\"repo\":\"github.com/elsewhere/lib\"}").status()).isEqualTo(200);
        assertThat(subscribe(alice, "{\"workspace_id\":\"" + alice.workspaceId()
                + "\",\"bead_id\":\"bd-2\",\"event_types\":[\"priority_change\"]}").status()).isEqualTo(200);

        assertThat(bdh().fullSync(bob, jsonl(issue("id", "bd-1", "title", "Fix login", "status", "open"),
                issue("id", "bd-2", "title", "Other", "status", "open")), null).status()).isEqualTo(200);
        assertThat(mails(alice)).isEmpty(); // new issues notify nobody
        assertThat(bdh().fullSync(bob, jsonl(issue("id", "bd-1", "title", "Fix login", "status", "closed"),
                issue("id", "bd-2", "title", "Other", "status", "closed")), null).status()).isEqualTo(200);

        String sender = TestSql.rows(database.dataSource(),
                "SELECT agent_id::text, alias, human_name, agent_type, custody, lifetime, status FROM protocol.agents "
                        + "WHERE project_id = ? AND agent_type = 'system'", UUID.fromString(alice.projectId()))
                .getFirst().getFirst();
        assertThat(sender).isEqualTo(uuid5System(alice));
        assertThat(mails(alice)).containsExactly(List.of(sender, "system", alice.workspaceId(), "alice",
                "Bead status changed: bd-1",
                "**bd-1** status changed from `open` to `closed`\n\nTitle: Fix login\nRepo: github.com/notify/app\nBranch: main\n",
                "normal", THREAD_BD_1));
        assertThat(TestSql.rows(database.dataSource(), """
                SELECT details->>'notifications_sent', details->>'notifications_failed' FROM hub.audit_log
                WHERE project_id = ? AND event_type = 'bdh_sync' ORDER BY created_at, (details->>'notifications_sent')""",
                UUID.fromString(alice.projectId()))).contains(List.of("1", "0"));
        // the system sender never appears in listings
        assertThat(client.get("/v1/agents", alice.bearer()).body()).doesNotContain("\"system\"");

        // an upload reports what it sent
        Response upload = client.post("/v1/beads/upload", json(ordered("repo", "github.com/notify/app", "branch", "dev",
                "issues", List.of(ordered("id", "bd-1", "title", "Fix login", "status", "open")))), bob.bearer());
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        // bd-1 on branch dev is a new issue there: nothing to notify
        assertThat(upload.json().get("notifications_sent").asInt()).isZero();
        Response reopen = client.post("/v1/beads/upload", json(ordered("repo", "github.com/notify/app", "branch", "dev",
                "issues", List.of(ordered("id", "bd-1", "title", "Fix login", "status", "in_progress")))), bob.bearer());
        assertThat(reopen.json().get("notifications_sent").asInt()).as(reopen.body()).isEqualTo(1);
        assertThat(reopen.json().get("notifications_failed").asInt()).isZero();
        assertThat(mails(alice)).hasSize(2);
        assertThat(mails(alice).get(1).get(5)).isEqualTo(
                "**bd-1** status changed from `open` to `in_progress`\n\nTitle: Fix login\nRepo: github.com/notify/app\nBranch: dev\n");
    }

    private String uuid5System(Worktree w) {
        return dev.agenthub.hub.notifications.Notifications.systemSender(
                new dev.agenthub.protocol.kernel.id.ProjectId(UUID.fromString(w.projectId()))).toString();
    }

    private List<List<String>> mails(Worktree to) {
        return TestSql.rows(database.dataSource(), """
                SELECT from_agent_id::text, from_alias, to_agent_id::text, to_alias, subject, body, priority, thread_id::text
                FROM protocol.messages WHERE to_agent_id = ? ORDER BY created_at, body""", UUID.fromString(to.workspaceId()));
    }
}
