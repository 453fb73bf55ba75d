package dev.agenthub.hub.notifications;

import dev.agenthub.hub.beads.StatusChange;
import dev.agenthub.hub.beads.port.StatusChangeNotifications;
import dev.agenthub.hub.repos.RepoId;
import dev.agenthub.hub.workspaces.InMemoryWorkspaceStore;
import dev.agenthub.hub.workspaces.Workspace;
import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.fakes.FakeTransactionRunner;
import dev.agenthub.protocol.fakes.InMemoryAgentStore;
import dev.agenthub.protocol.fakes.MutableClock;
import dev.agenthub.protocol.fakes.SequentialIds;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.mail.MailMessage;
import dev.agenthub.protocol.mail.port.MailEvents;
import dev.agenthub.protocol.mail.port.MailStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Subscriptions and the outbox over fakes: matching (§7.1, §14 F4), delivery and its format (§7.2), failures, attempts. */
class NotificationsTest {

    private static final Instant T = Instant.parse("2026-02-07T11:14:49.123456Z");
    private static final String REPO = "github.com/org/app";

    private final MutableClock clock = new MutableClock(T);
    private final FakeTransactionRunner transactions = new FakeTransactionRunner();
    private final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
    private final InMemoryNotificationStores.Subscriptions subscriptionStore =
            new InMemoryNotificationStores.Subscriptions(workspaces);
    private final InMemoryNotificationStores.Outbox outbox = new InMemoryNotificationStores.Outbox();
    private final InMemoryAgentStore agents = new InMemoryAgentStore();
    private final List<MailMessage> mails = new ArrayList<>();
    private boolean mailDown;
    private final MailStore mail = new MailStore() {
        @Override
        public boolean insert(MailMessage message) {
            if (mailDown) {
                throw new IllegalStateException("mail store down " + "x".repeat(600));
            }
            mails.add(message);
            return true;
        }

        @Override
        public Optional<MailMessage> find(UUID id) {
            return mails.stream().filter(m -> m.id().equals(id)).findFirst();
        }

        @Override
        public List<MailMessage> inbox(AgentId recipient, boolean unreadOnly, int limit) {
            return List.of();
        }

        @Override
        public int unreadCount(AgentId recipient) {
            return 0;
        }

        @Override
        public Optional<Instant> markRead(UUID id, Instant now) {
            return Optional.empty();
        }
    };
    private final SequentialIds ids = new SequentialIds();
    private final Notifications notifications = new Notifications(transactions, subscriptionStore, outbox, workspaces,
            agents, mail, MailEvents.NONE, clock, ids, row -> { });
    private final Subscriptions subscriptions = new Subscriptions(subscriptionStore, workspaces, clock, ids);
    private final ProjectId project = new ProjectId(UUID.randomUUID());
    private final AgentId alice = workspace("alice");
    private final AgentId bob = workspace("bob");

    private AgentId workspace(String alias) {
        AgentId id = new AgentId(UUID.randomUUID());
        workspaces.insert(Workspace.ofAgent(id, project, new RepoId(UUID.randomUUID()), alias, "", "developer", null,
                null, T));
        return id;
    }

    private Principal bearer(AgentId agent) {
        return new Principal(project, Principal.AuthMode.BEARER, Principal.Type.KEY, UUID.randomUUID(), null, agent, null);
    }

    private static StatusChange change(String bead, String from, String to) {
        return new StatusChange(bead, from, to, "Title of " + bead, false);
    }

    @Test
    void uuidV5MatchesTheStandardVectors() {
        // Python: uuid.uuid5(uuid.NAMESPACE_URL, "bead:bd-1") and "http://python.org/" (RFC 4122 appendix style)
        assertThat(Notifications.threadId("bd-1")).hasToString("1d6c2d3a-3b1b-5036-b73a-51fcfd1fd387");
        assertThat(Notifications.uuidV5(UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8"), "http://python.org/"))
                .hasToString("4c565f0d-3f5a-5890-b41b-20cf47701c5e");
    }

    @Test
    void recordsOneRowPerMatchingSubscriberAndSkipsNewIssues() {
        subscriptions.subscribe(bearer(alice), alice, "bd-1", null, null); // any repo (§14 F4)
        subscriptions.subscribe(bearer(bob), bob, "bd-1", "github.com/other/lib", null); // another repo
        subscriptions.subscribe(bearer(bob), bob, "bd-2", REPO, List.of("all"));
        subscriptions.subscribe(bearer(alice), alice, "bd-2", REPO, List.of("priority_change")); // never fires
        int written = notifications.record(project, REPO, "main", List.of(change("bd-1", "open", "closed"),
                change("bd-2", "", "open"), new StatusChange("bd-1", "", "open", null, true)), T);
        assertThat(written).isEqualTo(2);
        assertThat(outbox.rows.values()).extracting(e -> e.recipientAlias() + " " + e.beadId() + " " + e.state())
                .containsExactly("alice bd-1 PENDING", "bob bd-2 PENDING");
    }

    @Test
    void deliversMailFromTheSystemSenderWithTheSpecsFormatOnce() {
        subscriptions.subscribe(bearer(alice), alice, "bd-1", null, null);
        notifications.record(project, REPO, "main", List.of(change("bd-1", "open", "closed")), T);
        assertThat(notifications.processProject(project)).isEqualTo(new StatusChangeNotifications.Processed(1, 0));
        assertThat(notifications.processDue()).isEqualTo(StatusChangeNotifications.Processed.NONE); // nothing left
        MailMessage sent = mails.getFirst();
        Agent system = agents.find(project, Notifications.systemSender(project)).orElseThrow();
        assertThat(system.agentType()).isEqualTo("system");
        assertThat(system.alias()).isEqualTo("system");
        assertThat(system.humanName()).isEqualTo("BeadHub Notifications");
        assertThat(sent.from()).isEqualTo(system.id());
        assertThat(sent.to()).isEqualTo(alice);
        assertThat(sent.subject()).isEqualTo("Bead status changed: bd-1");
        assertThat(sent.body()).isEqualTo(
                "**bd-1** status changed from `open` to `closed`\n\nTitle: Title of bd-1\nRepo: " + REPO + "\nBranch: main\n");
        assertThat(sent.threadId()).isEqualTo(Notifications.threadId("bd-1"));
        assertThat(sent.priority()).isEqualTo(MailMessage.Priority.NORMAL);
        OutboxEntry row = outbox.rows.values().iterator().next();
        assertThat(row.state()).isEqualTo(OutboxEntry.State.COMPLETED);
        assertThat(row.messageId()).isEqualTo(sent.id());
        assertThat(row.attempts()).isEqualTo(1);
    }

    @Test
    void missingFieldsPrintAsUnknownAndEmptyLinesAreLeftOut() {
        OutboxEntry row = OutboxEntry.pending(UUID.randomUUID(), project, alice, "alice", "bd-9", null, "", "", "open",
                null, T);
        assertThat(Notifications.body(row)).isEqualTo("**bd-9** status changed from `unknown` to `open`\n\n");
    }

    @Test
    void aFailedDeliveryIsMarkedFailedWithACutErrorAndRetriedThreeTimesAtMost() {
        subscriptions.subscribe(bearer(alice), alice, "bd-1", null, null);
        notifications.record(project, REPO, "main", List.of(change("bd-1", "open", "closed")), T);
        mailDown = true;
        assertThat(notifications.processProject(project)).isEqualTo(new StatusChangeNotifications.Processed(0, 1));
        OutboxEntry failed = outbox.rows.values().iterator().next();
        assertThat(failed.state()).isEqualTo(OutboxEntry.State.FAILED);
        assertThat(failed.lastError()).startsWith("IllegalStateException: mail store down").hasSize(500);
        assertThat(notifications.processDue()).isEqualTo(new StatusChangeNotifications.Processed(0, 1));
        assertThat(notifications.processDue()).isEqualTo(new StatusChangeNotifications.Processed(0, 1));
        assertThat(notifications.processDue()).isEqualTo(StatusChangeNotifications.Processed.NONE); // three attempts: done
        assertThat(outbox.rows.values().iterator().next().attempts()).isEqualTo(3);
        assertThat(mails).isEmpty();
    }

    @Test
    void aRecipientThatIsGoneFailsTheRow() {
        subscriptions.subscribe(bearer(bob), bob, "bd-1", null, null);
        notifications.record(project, REPO, "main", List.of(change("bd-1", "open", "closed")), T);
        workspaces.softDelete(bob, T);
        assertThat(notifications.processProject(project)).isEqualTo(new StatusChangeNotifications.Processed(0, 1));
        assertThat(outbox.rows.values().iterator().next().lastError()).contains("missing or deleted");
    }

    @Test
    void anAliasSystemHeldByAnotherAgentStopsDeliveryButNotTheCaller() {
        agents.add(new Agent(new AgentId(UUID.randomUUID()), project, "system", "", "agent", Agent.AccessMode.OPEN, null,
                null, null, Agent.Lifetime.PERSISTENT, Agent.Status.ACTIVE, null, null, null, null, T, null));
        subscriptions.subscribe(bearer(alice), alice, "bd-1", null, null);
        notifications.record(project, REPO, "main", List.of(change("bd-1", "open", "closed")), T);
        assertThat(notifications.processProject(project)).isEqualTo(StatusChangeNotifications.Processed.NONE);
        assertThat(outbox.rows.values().iterator().next().state()).isEqualTo(OutboxEntry.State.PENDING);
    }

    @Test
    void subscribeIsAnUpsertAndRejectsWhatTheSpecRejects() {
        Subscription first = subscriptions.subscribe(bearer(alice), alice, "web:bd-1", null, null);
        Subscription again = subscriptions.subscribe(bearer(alice), alice, "web:bd-1", null, List.of("all", "all"));
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.eventTypes()).containsExactly("all");
        assertThatThrownBy(() -> subscriptions.subscribe(bearer(alice), alice, "bd.1", null, null))
                .isInstanceOf(DomainError.Invalid.class).hasMessage("Invalid bead_id format: bd.1");
        assertThatThrownBy(() -> subscriptions.subscribe(bearer(alice), alice, "bd-1", null, List.of("x")))
                .hasMessage("Invalid event_type: x. Valid: {'all', 'assignee_change', 'priority_change', 'status_change'}");
        assertThatThrownBy(() -> subscriptions.subscribe(bearer(alice), bob, "bd-1", null, null))
                .isInstanceOf(DomainError.Forbidden.class).hasMessage("workspace_id does not match API key identity");
        assertThatThrownBy(() -> subscriptions.unsubscribe(bearer(alice), alice, UUID.randomUUID()))
                .isInstanceOf(DomainError.NotFound.class).hasMessage("Subscription not found");
    }
}
