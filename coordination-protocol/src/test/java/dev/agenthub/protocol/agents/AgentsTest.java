package dev.agenthub.protocol.agents;

import dev.agenthub.protocol.agents.port.DeregistrationCascade;
import dev.agenthub.protocol.fakes.FakeTransactionRunner;
import dev.agenthub.protocol.fakes.Fixtures;
import dev.agenthub.protocol.fakes.InMemoryAgentStore;
import dev.agenthub.protocol.fakes.InMemoryPresenceIndex;
import dev.agenthub.protocol.fakes.InMemoryProjectStore;
import dev.agenthub.protocol.fakes.MutableClock;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.presence.PresenceKind;
import dev.agenthub.protocol.presence.PresenceRecord;
import dev.agenthub.protocol.projects.Project;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import static dev.agenthub.protocol.fakes.Fixtures.T0;
import static dev.agenthub.protocol.fakes.Fixtures.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentsTest {

    private static final Duration TTL = Agents.AGENT_PRESENCE_TTL;

    private final Project demo = Fixtures.project("demo");
    private final Project other = Fixtures.project("other");
    private final FakeTransactionRunner transactions = new FakeTransactionRunner();
    private final InMemoryProjectStore projects = new InMemoryProjectStore();
    private final InMemoryAgentStore store = new InMemoryAgentStore();
    private final InMemoryPresenceIndex presence = new InMemoryPresenceIndex();
    private final MutableClock clock = new MutableClock(T0);
    private final List<String> cascadeLog = new ArrayList<>();
    private final List<DeregistrationCascade> cascades = new ArrayList<>();

    AgentsTest() {
        projects.add(demo);
        projects.add(other);
    }

    private Agents agents() {
        return new Agents(transactions, projects, store, presence, cascades, clock);
    }

    private void putWorkspacePresence(Agent agent, Project project) {
        presence.put(PresenceKind.WORKSPACE, new PresenceRecord(agent.id().value(), project.id(), agent.alias(), "active",
                clock.instant(), new LinkedHashMap<>()), Duration.ofSeconds(60), clock.instant());
    }

    private void putAgentPresence(Agent agent) {
        presence.put(PresenceKind.AGENT, new PresenceRecord(agent.id().value(), agent.project(), agent.alias(), "active",
                clock.instant(), new LinkedHashMap<>()), Duration.ofSeconds(60), clock.instant());
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    @Nested
    class Listing {

        @Test
        void listsTheProjectsLiveAgentsByAliasWithoutSystemAgents() {
            store.add(agent(demo, "charlie").build());
            store.add(agent(demo, "alice").build());
            store.add(agent(demo, "system").system().persistent().build());
            store.add(agent(demo, "bob").deletedAt(T0).status(Agent.Status.DEREGISTERED).build());
            store.add(agent(demo, "bob-reviewer").build());
            store.add(agent(other, "aaron").build());

            List<Agents.Listed> listed = agents().list(demo.id());

            assertThat(listed).extracting(l -> l.agent().alias()).containsExactly("alice", "bob-reviewer", "charlie");
        }

        @Test
        void anEmptyProjectListsNothing() {
            store.add(agent(other, "alice").build());

            assertThat(agents().list(demo.id())).isEmpty();
        }

        @Test
        void carriesTheLiveWorkspacePresenceOfTheSameProjectOnly() {
            Agent online = store.add(agent(demo, "alice").build());
            Agent foreignPresence = store.add(agent(demo, "bob").build());
            Agent heartbeatOnly = store.add(agent(demo, "charlie").build());
            Agent offline = store.add(agent(demo, "dave").build());
            putWorkspacePresence(online, demo);
            putWorkspacePresence(foreignPresence, other);
            putAgentPresence(heartbeatOnly);

            List<Agents.Listed> listed = agents().list(demo.id());

            assertThat(listed).hasSize(4);
            assertThat(listed.get(0).presence()).get().extracting(PresenceRecord::id).isEqualTo(online.id().value());
            assertThat(listed.get(1).presence()).as("presence of another project").isEmpty();
            assertThat(listed.get(2).presence()).as("agent presence is not workspace presence").isEmpty();
            assertThat(listed.get(3).presence()).isEmpty();
            assertThat(offline.live()).isTrue();
        }

        @Test
        void expiredPresenceIsOffline() {
            Agent alice = store.add(agent(demo, "alice").build());
            putWorkspacePresence(alice, demo);

            clock.advance(Duration.ofSeconds(59));
            assertThat(agents().list(demo.id()).get(0).presence()).isPresent();
            clock.advance(Duration.ofSeconds(1));
            assertThat(agents().list(demo.id()).get(0).presence()).isEmpty();
        }
    }

    @Nested
    class AliasPrefixSuggestion {

        @Test
        void anUnknownProjectGetsAliceAndNoProject() {
            Agents.AliasPrefix suggestion = agents().suggestAliasPrefix("nowhere");

            assertThat(suggestion.projectSlug()).isEqualTo("nowhere");
            assertThat(suggestion.project()).isNull();
            assertThat(suggestion.namePrefix()).isEqualTo("alice");
        }

        @Test
        void aDeletedProjectCountsAsUnknown() {
            store.add(agent(other, "alice").build());
            projects.delete(other.id());

            Agents.AliasPrefix suggestion = agents().suggestAliasPrefix("other");

            assertThat(suggestion.project()).isNull();
            assertThat(suggestion.namePrefix()).isEqualTo("alice");
        }

        @Test
        void aKnownProjectGetsTheNextFreePrefixOverItsLiveAgents() {
            store.add(agent(demo, "alice-developer").build());
            store.add(agent(demo, "Bob").build());
            store.add(agent(demo, "charlie").deletedAt(T0).build());
            store.add(agent(other, "charlie").build());

            Agents.AliasPrefix suggestion = agents().suggestAliasPrefix("demo");

            assertThat(suggestion.project()).isEqualTo(demo);
            assertThat(suggestion.projectSlug()).isEqualTo("demo");
            assertThat(suggestion.namePrefix()).isEqualTo("charlie");
        }

        @Test
        void systemAgentsDoNotOccupyAPrefix() {
            store.add(agent(demo, "alice").system().persistent().build());

            assertThat(agents().suggestAliasPrefix("demo").namePrefix()).isEqualTo("alice");
        }

        @Test
        void allPrefixesTakenIsA409AliasExhausted() {
            ClassicNames.candidates().forEach(prefix -> store.add(agent(demo, prefix + "-dev").build()));

            assertThatThrownBy(() -> agents().suggestAliasPrefix("demo"))
                    .isInstanceOfSatisfying(DomainError.Conflict.class,
                            e -> assertThat(e.detail()).isEqualTo("alias_exhausted"));
        }

        @Test
        void aSystemAgentOnTheLastFreePrefixDoesNotExhaust() {
            ClassicNames.candidates().subList(0, 2_599).forEach(prefix -> store.add(agent(demo, prefix).build()));
            store.add(agent(demo, "zoe-99").system().build());

            assertThat(agents().suggestAliasPrefix("demo").namePrefix()).isEqualTo("zoe-99");
        }
    }

    @Nested
    class Heartbeat {

        @Test
        void writesTheAgentPresenceForTheTtlAndReportsIt() {
            Agent alice = store.add(agent(demo, "alice").build());

            Agents.Heartbeat beat = agents().heartbeat(alice);

            assertThat(beat.agent()).isEqualTo(alice.id());
            assertThat(beat.lastSeen()).isEqualTo(micros(T0));
            assertThat(beat.ttl()).isEqualTo(TTL);
            assertThat(presence.puts()).singleElement().satisfies(put -> {
                assertThat(put.kind()).isEqualTo(PresenceKind.AGENT);
                assertThat(put.ttl()).isEqualTo(TTL);
                assertThat(put.record().id()).isEqualTo(alice.id().value());
                assertThat(put.record().project()).isEqualTo(demo.id());
                assertThat(put.record().alias()).isEqualTo("alice");
                assertThat(put.record().status()).isEqualTo("active");
                assertThat(put.record().lastSeen()).isEqualTo(micros(T0));
            });
            assertThat(presence.find(PresenceKind.WORKSPACE, alice.id().value(), clock.instant())).isEmpty();
        }

        @Test
        void aLaterHeartbeatMovesLastSeen() {
            Agent alice = store.add(agent(demo, "alice").build());
            agents().heartbeat(alice);
            clock.advance(Duration.ofSeconds(90));

            Agents.Heartbeat beat = agents().heartbeat(alice);

            assertThat(beat.lastSeen()).isEqualTo(micros(T0.plusSeconds(90)));
            assertThat(presence.find(PresenceKind.AGENT, alice.id().value(), clock.instant()))
                    .get().extracting(PresenceRecord::lastSeen).isEqualTo(micros(T0.plusSeconds(90)));
        }
    }

    @Nested
    class SettingsUpdate {

        @Test
        void appliesGivenSettingsAndKeepsTheOthers() {
            Agent alice = store.add(agent(demo, "alice").role("developer").build());

            Agent updated = agents().updateMe(alice,
                    new Agents.SettingsChange(Agent.AccessMode.CONTACTS_ONLY, null, "claude", "{\"k\":1}"));

            assertThat(updated.accessMode()).isEqualTo(Agent.AccessMode.CONTACTS_ONLY);
            assertThat(updated.role()).isEqualTo("developer");
            assertThat(updated.program()).isEqualTo("claude");
            assertThat(updated.contextJson()).isEqualTo("{\"k\":1}");
        }

        @Test
        void anAgentGoneMeanwhileIsNotFound() {
            Agent alice = store.add(agent(demo, "alice").build());
            store.deregister(demo.id(), alice.id(), T0);

            assertThatThrownBy(() -> agents().updateMe(alice, new Agents.SettingsChange(null, "qa", null, null)))
                    .isInstanceOfSatisfying(DomainError.NotFound.class,
                            e -> assertThat(e.detail()).isEqualTo("Agent not found"));
        }
    }

    @Nested
    class Deregistration {

        private Agent alice;

        private void recordingCascade(String name) {
            cascades.add(deregistered -> cascadeLog.add(name + ":" + deregistered.alias() + ":" + deregistered.status().wire()
                    + ":tx=" + transactions.isActive()
                    + ":presence=" + presence.find(PresenceKind.WORKSPACE, deregistered.id().value(), clock.instant()).isPresent()));
        }

        private void aliceOnline() {
            alice = store.add(agent(demo, "alice").build());
            putWorkspacePresence(alice, demo);
            putAgentPresence(alice);
        }

        private boolean online(Agent agent, PresenceKind kind) {
            return presence.find(kind, agent.id().value(), clock.instant()).isPresent();
        }

        @Test
        void deregisterMeMarksTheAgentAndFreesItsAlias() {
            aliceOnline();
            clock.advance(Duration.ofNanos(1_500));

            Agent deregistered = agents().deregisterMe(alice);

            assertThat(deregistered.id()).isEqualTo(alice.id());
            assertThat(deregistered.status()).isEqualTo(Agent.Status.DEREGISTERED);
            assertThat(deregistered.deletedAt()).isEqualTo(micros(T0.plusNanos(1_500)));
            assertThat(store.find(demo.id(), alice.id())).isEmpty();
            assertThat(store.findByAlias(demo.id(), "alice")).isEmpty();
            assertThat(transactions.commits()).isEqualTo(1);
        }

        @Test
        void cascadesRunInOrderInsideTheTransactionAndPresenceIsClearedOnlyAfterCommit() {
            aliceOnline();
            recordingCascade("keys");
            recordingCascade("workspace");

            agents().deregisterMe(alice);

            assertThat(cascadeLog).containsExactly(
                    "keys:alice:deregistered:tx=true:presence=true",
                    "workspace:alice:deregistered:tx=true:presence=true");
            assertThat(online(alice, PresenceKind.WORKSPACE)).isFalse();
            assertThat(online(alice, PresenceKind.AGENT)).isFalse();
        }

        @Test
        void insideAnEnclosingTransactionPresenceStaysUntilTheOutermostCommit() {
            aliceOnline();

            transactions.inTransaction(() -> {
                agents().deregisterMe(alice);
                assertThat(online(alice, PresenceKind.WORKSPACE)).as("before the commit").isTrue();
                assertThat(online(alice, PresenceKind.AGENT)).as("before the commit").isTrue();
                assertThat(presence.clears()).isEmpty();
            });

            assertThat(online(alice, PresenceKind.WORKSPACE)).isFalse();
            assertThat(online(alice, PresenceKind.AGENT)).isFalse();
        }

        @Test
        void whenTheEnclosingTransactionRollsBackPresenceIsNeverCleared() {
            aliceOnline();
            RuntimeException later = new RuntimeException("a later step of the same transaction failed");

            assertThatThrownBy(() -> transactions.inTransaction(() -> {
                agents().deregisterMe(alice);
                throw later;
            })).isSameAs(later);

            assertThat(presence.clears()).isEmpty();
            assertThat(online(alice, PresenceKind.WORKSPACE)).isTrue();
        }

        @Test
        void aFailingCascadeRollsBackAndLeavesPresenceAlone() {
            aliceOnline();
            IllegalStateException failure = new IllegalStateException("workspace store down");
            cascades.add(deregistered -> {
                throw failure;
            });

            assertThatThrownBy(() -> agents().deregisterMe(alice)).isSameAs(failure);

            assertThat(transactions.rollbacks()).isEqualTo(1);
            assertThat(transactions.commits()).isZero();
            assertThat(presence.clears()).isEmpty();
            assertThat(online(alice, PresenceKind.WORKSPACE)).isTrue();
            assertThat(online(alice, PresenceKind.AGENT)).isTrue();
        }

        @Test
        void aPersistentAgentCannotDeregisterWith400() {
            alice = store.add(agent(demo, "alice").persistent().build());
            recordingCascade("keys");

            assertThatThrownBy(() -> agents().deregisterMe(alice))
                    .isInstanceOfSatisfying(DomainError.Invalid.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.detail())
                                .isEqualTo("Cannot deregister a persistent agent. Use the retire endpoint instead.");
                    });

            assertThat(store.find(demo.id(), alice.id())).isPresent();
            assertThat(cascadeLog).isEmpty();
            assertThat(presence.clears()).isEmpty();
        }

        @Test
        void deregisterMeOfAnAgentGoneMeanwhileIsNotFoundAndCascadesNothing() {
            aliceOnline();
            recordingCascade("keys");
            store.deregister(demo.id(), alice.id(), T0);

            assertThatThrownBy(() -> agents().deregisterMe(alice))
                    .isInstanceOfSatisfying(DomainError.NotFound.class,
                            e -> assertThat(e.detail()).isEqualTo("Agent not found"));
            assertThat(cascadeLog).isEmpty();
            assertThat(presence.clears()).isEmpty();
        }

        @Test
        void aPeerInTheSameProjectIsDeregisteredByNamespaceAndAlias() {
            aliceOnline();
            Agent bob = store.add(agent(demo, "bob").build());
            recordingCascade("keys");

            Agent deregistered = agents().deregisterPeer(demo.id(), "demo", "alice");

            assertThat(deregistered.id()).isEqualTo(alice.id());
            assertThat(deregistered.status()).isEqualTo(Agent.Status.DEREGISTERED);
            assertThat(cascadeLog).containsExactly("keys:alice:deregistered:tx=true:presence=true");
            assertThat(online(alice, PresenceKind.WORKSPACE)).isFalse();
            assertThat(online(alice, PresenceKind.AGENT)).isFalse();
            assertThat(store.find(demo.id(), bob.id())).isPresent();
        }

        @Test
        void anotherLiveProjectsNamespaceIsForbiddenEvenForItsRealAlias() {
            Agent foreign = store.add(agent(other, "alice").build());
            recordingCascade("keys");

            assertThatThrownBy(() -> agents().deregisterPeer(demo.id(), "other", "alice"))
                    .isInstanceOf(DomainError.Forbidden.class);

            assertThat(store.find(other.id(), foreign.id())).isPresent();
            assertThat(cascadeLog).isEmpty();
        }

        @Test
        void anUnknownOrDeletedNamespaceIsNotFound() {
            store.add(agent(other, "alice").build());
            projects.delete(other.id());

            assertThatThrownBy(() -> agents().deregisterPeer(demo.id(), "other", "alice"))
                    .isInstanceOfSatisfying(DomainError.NotFound.class,
                            e -> assertThat(e.detail()).isEqualTo("Agent not found"));
            assertThatThrownBy(() -> agents().deregisterPeer(demo.id(), "nowhere", "alice"))
                    .isInstanceOfSatisfying(DomainError.NotFound.class,
                            e -> assertThat(e.detail()).isEqualTo("Agent not found"));
        }

        @Test
        void anUnknownOrAlreadyDeregisteredAliasIsNotFound() {
            store.add(agent(demo, "carol").deletedAt(T0).status(Agent.Status.DEREGISTERED).build());

            assertThatThrownBy(() -> agents().deregisterPeer(demo.id(), "demo", "zed"))
                    .isInstanceOfSatisfying(DomainError.NotFound.class,
                            e -> assertThat(e.detail()).isEqualTo("Agent not found"));
            assertThatThrownBy(() -> agents().deregisterPeer(demo.id(), "demo", "carol"))
                    .isInstanceOf(DomainError.NotFound.class);
        }

        @Test
        void aPersistentPeerCannotBeDeregistered() {
            Agent persistent = store.add(agent(demo, "keeper").persistent().build());

            assertThatThrownBy(() -> agents().deregisterPeer(demo.id(), "demo", "keeper"))
                    .isInstanceOfSatisfying(DomainError.Invalid.class, e -> assertThat(e.status()).isEqualTo(400));
            assertThat(store.find(demo.id(), persistent.id())).isPresent();
        }

        @Test
        void aCallerWhoseProjectIsGoneFindsNoPeer() {
            store.add(agent(demo, "alice").build());
            projects.delete(demo.id());

            assertThatThrownBy(() -> agents().deregisterPeer(demo.id(), "demo", "alice"))
                    .isInstanceOf(DomainError.NotFound.class);
        }

        @Test
        void theAgentIdOfTheCascadeIsTheDeregisteredOne() {
            aliceOnline();
            List<AgentId> seen = new ArrayList<>();
            cascades.add(deregistered -> seen.add(deregistered.id()));

            agents().deregisterMe(alice);

            assertThat(seen).containsExactly(alice.id());
            assertThat(presence.clears()).extracting(c -> c.id()).containsOnly(alice.id().value());
        }
    }
}
