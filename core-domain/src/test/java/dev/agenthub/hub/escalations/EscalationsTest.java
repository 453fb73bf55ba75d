package dev.agenthub.hub.escalations;

import dev.agenthub.hub.audit.AuditEntry;
import dev.agenthub.hub.escalations.port.EscalationEvents;
import dev.agenthub.hub.escalations.port.EscalationStore;
import dev.agenthub.hub.repos.RepoId;
import dev.agenthub.hub.workspaces.InMemoryWorkspaceStore;
import dev.agenthub.hub.workspaces.Workspace;
import dev.agenthub.protocol.fakes.FakeTransactionRunner;
import dev.agenthub.protocol.fakes.MutableClock;
import dev.agenthub.protocol.fakes.SequentialIds;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.paging.PageRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The escalation use cases over fakes: binding and 403 texts, expiry at the injected clock, the sweep, audit, events. */
class EscalationsTest {

    private static final Instant T = Instant.parse("2026-02-07T11:14:49.123456Z");

    private final MutableClock clock = new MutableClock(T.plusNanos(789)); // truncated to microseconds
    private final FakeTransactionRunner transactions = new FakeTransactionRunner();
    private final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
    private final InMemoryEscalationStore store = new InMemoryEscalationStore(workspaces);
    private final SequentialIds ids = new SequentialIds();
    private final List<AuditEntry> audit = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final Escalations escalations = new Escalations(transactions, store, workspaces, new EscalationEvents() {
        @Override
        public void created(Escalation e) {
            events.add("created " + e.subject());
        }

        @Override
        public void responded(Escalation e) {
            events.add("responded " + e.response());
        }

        @Override
        public void expired(Escalation e) {
            events.add("expired " + e.subject());
        }
    }, audit::add, clock, ids);

    private final ProjectId project = new ProjectId(UUID.randomUUID());
    private final RepoId repo = new RepoId(UUID.randomUUID());
    private final AgentId alice = workspace(project, "alice");
    private final AgentId bob = workspace(project, "bob");

    private AgentId workspace(ProjectId of, String alias) {
        AgentId id = new AgentId(UUID.randomUUID());
        workspaces.insert(Workspace.ofAgent(id, of, repo, alias, "", "developer", null, null, T));
        return id;
    }

    private static Principal bearer(ProjectId project, AgentId agent) {
        return new Principal(project, Principal.AuthMode.BEARER, Principal.Type.KEY, UUID.randomUUID(), null, agent, null);
    }

    private static Escalations.Request ask(AgentId workspace, String alias, int hours) {
        return new Escalations.Request(workspace, alias, "Deploy?", "prod is red", List.of(), hours, null);
    }

    @Test
    void createStoresAPendingEscalationExpiringAfterTheHoursGiven() {
        Escalation e = escalations.create(bearer(project, alice), ask(alice, "alice", 2));
        assertThat(e.id()).isEqualTo(SequentialIds.nth(1));
        assertThat(e.status()).isEqualTo(Escalation.State.PENDING);
        assertThat(e.createdAt()).isEqualTo(T);
        assertThat(e.expiresAt()).isEqualTo(T.plus(Duration.ofHours(2)));
        assertThat(e.options()).as("empty options are none").isNull();
        assertThat(store.stored(e.id())).isEqualTo(e);
        assertThat(events).containsExactly("created Deploy?");
        assertThat(audit).singleElement().satisfies(entry -> {
            assertThat(entry.eventType()).isEqualTo("escalation_created");
            assertThat(entry.actor()).isEqualTo(alice);
            assertThat(entry.details()).containsEntry("escalation_id", e.id().toString()).containsEntry("subject", "Deploy?");
        });
    }

    @Test
    void createChecksTheBindingThenTheWorkspaceThenTheAlias() {
        ProjectId other = new ProjectId(UUID.randomUUID());
        AgentId stranger = workspace(other, "carol");
        Principal unbound = bearer(project, null);
        assertThatThrownBy(() -> escalations.create(bearer(project, bob), ask(alice, "alice", 4)))
                .isInstanceOf(DomainError.Forbidden.class).hasMessage("workspace_id does not match API key identity");
        assertThatThrownBy(() -> escalations.create(unbound, ask(new AgentId(UUID.randomUUID()), "x", 4)))
                .isInstanceOf(DomainError.Forbidden.class).hasMessage("Workspace not found or does not belong to your project");
        assertThatThrownBy(() -> escalations.create(unbound, ask(stranger, "carol", 4)))
                .isInstanceOf(DomainError.Forbidden.class).hasMessage("Workspace not found or does not belong to your project");
        assertThatThrownBy(() -> escalations.create(bearer(project, alice), ask(alice, "bob", 4)))
                .isInstanceOf(DomainError.Forbidden.class).hasMessage("Alias does not match workspace_id");
        workspaces.softDelete(bob, T);
        assertThatThrownBy(() -> escalations.create(bearer(project, bob), ask(bob, "bob", 4)))
                .isInstanceOf(DomainError.Forbidden.class).hasMessage("Workspace not found or does not belong to your project");
        Principal proxy = new Principal(project, Principal.AuthMode.PROXY, Principal.Type.USER, null, UUID.randomUUID(),
                bob, null);
        assertThat(escalations.create(proxy, ask(alice, "alice", 4)).workspace()).as("proxy mode skips the binding")
                .isEqualTo(alice);
        assertThat(events).containsExactly("created Deploy?");
    }

    @Test
    void readsReportExpiryAtOnceAndTheSweepPersistsItOnce() {
        Escalation e = escalations.create(bearer(project, alice), ask(alice, "alice", 1));
        Principal reader = bearer(project, bob);
        clock.set(e.expiresAt().minusNanos(1000));
        assertThat(escalations.get(reader, e.id(), Optional.empty()).status()).isEqualTo(Escalation.State.PENDING);
        assertThat(escalations.pending(project, clock.instant())).isEqualTo(1);

        clock.set(e.expiresAt());
        assertThat(escalations.get(reader, e.id(), Optional.empty()).status()).isEqualTo(Escalation.State.EXPIRED);
        assertThat(store.stored(e.id()).status()).as("not yet persisted").isEqualTo(Escalation.State.PENDING);
        assertThat(escalations.list(reader, EscalationStore.Filter.NONE, new PageRequest(10, Optional.empty())).items())
                .extracting(Escalation::status).containsExactly(Escalation.State.EXPIRED);
        assertThat(escalations.pending(project, clock.instant())).isZero();
        assertThatThrownBy(() -> escalations.respond(reader, e.id(), "yes", null))
                .isInstanceOf(DomainError.Conflict.class).hasMessage("Escalation has expired");

        assertThat(escalations.sweep()).isEqualTo(1);
        assertThat(escalations.sweep()).isZero();
        assertThat(store.stored(e.id()).status()).isEqualTo(Escalation.State.EXPIRED);
        assertThat(events).containsExactly("created Deploy?", "expired Deploy?");
        assertThat(audit).extracting(AuditEntry::eventType).containsExactly("escalation_created", "escalation_expired");
        assertThat(audit.getLast().actor()).isNull();
    }

    @Test
    void theSweepRunsRoundsUntilNothingIsDue() {
        for (int i = 0; i < Escalations.SWEEP_BATCH + 3; i++) {
            escalations.create(bearer(project, alice), ask(alice, "alice", 1));
        }
        clock.advance(Duration.ofHours(1));
        assertThat(escalations.sweep()).isEqualTo(Escalations.SWEEP_BATCH + 3);
        assertThat(events).filteredOn(text -> text.startsWith("expired")).hasSize(Escalations.SWEEP_BATCH + 3);
    }

    @Test
    void anyCallerInTheProjectResponds() {
        Escalation e = escalations.create(bearer(project, alice), ask(alice, "alice", 4));
        clock.advance(Duration.ofMinutes(5));
        Escalation answered = escalations.respond(bearer(project, bob), e.id(), "yes", "after CI");
        assertThat(answered.status()).isEqualTo(Escalation.State.RESPONDED);
        assertThat(answered.respondedAt()).isEqualTo(T.plus(Duration.ofMinutes(5)));
        assertThat(answered.responseNote()).isEqualTo("after CI");
        assertThat(events).containsExactly("created Deploy?", "responded yes");
        assertThat(audit.getLast().eventType()).isEqualTo("escalation_responded");
        assertThat(audit.getLast().actor()).isEqualTo(bob);
        clock.advance(Duration.ofHours(5));
        assertThat(escalations.get(bearer(project, bob), e.id(), Optional.empty()).status())
                .as("a responded escalation never expires").isEqualTo(Escalation.State.RESPONDED);
        assertThatThrownBy(() -> escalations.respond(bearer(new ProjectId(UUID.randomUUID()), null), e.id(), "no", null))
                .isInstanceOf(DomainError.NotFound.class).hasMessage("Escalation not found");
    }

    @Test
    void getHidesOtherWorkspacesAndDeletedCreators() {
        Escalation e = escalations.create(bearer(project, alice), ask(alice, "alice", 4));
        Principal reader = bearer(project, bob);
        assertThat(escalations.get(reader, e.id(), Optional.of(alice))).isEqualTo(e);
        assertThatThrownBy(() -> escalations.get(reader, e.id(), Optional.of(bob)))
                .isInstanceOf(DomainError.NotFound.class).hasMessage("Escalation not found");
        workspaces.softDelete(alice, T);
        assertThatThrownBy(() -> escalations.get(reader, e.id(), Optional.empty()))
                .isInstanceOf(DomainError.NotFound.class).hasMessage("Escalation not found");
    }

    @Test
    void listRefusesAWorkspaceFilterOutsideTheProject() {
        AgentId stranger = workspace(new ProjectId(UUID.randomUUID()), "carol");
        EscalationStore.Filter filter = new EscalationStore.Filter(Optional.of(stranger), Optional.empty(),
                Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> escalations.list(bearer(project, bob), filter, new PageRequest(10, Optional.empty())))
                .isInstanceOf(DomainError.Forbidden.class).hasMessage("Workspace not found or does not belong to your project");
    }
}
