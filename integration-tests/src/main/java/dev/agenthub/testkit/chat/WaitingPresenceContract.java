package dev.agenthub.testkit.chat;

import dev.agenthub.protocol.chat.port.WaitingPresence;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.testkit.MutableClock;
import dev.agenthub.testkit.ConcurrentRuns;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static dev.agenthub.protocol.chat.port.WaitingPresence.LIVENESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The {@link WaitingPresence} contract. Extend it with the implementation under test and a second instance on
 * the same backend, as another hub instance would hold it ({@link #otherInstance()}); an implementation that
 * is not shared returns the same object.
 *
 * <p>Time is the {@link #clock} of each test, moved by hand and only forward; it starts far from the real
 * time, so only the callers' instants can decide visibility. Instants are checked to the millisecond: a member
 * marked at {@code t} must be reported at {@code t} and {@code t + LIVENESS - 1 ms}, and not at
 * {@code t + LIVENESS} (an implementation may keep whole-millisecond scores). A read may drop what expired at
 * its {@code now}, so each test reads at instants that never go back. {@link WaitingPresence#LIVENESS} is 90
 * seconds, so a backend that also drops sessions in real time (as Redis {@code PEXPIRE} does) keeps them for
 * the length of a test. Every test works on fresh sessions, agents and connections. Each check that something
 * is absent follows the same query finding it present, so no negative check passes vacuously.
 */
public abstract class WaitingPresenceContract {

    protected static final Instant T0 = Instant.parse("2031-07-15T08:30:00.123456789Z");
    protected static final Duration ONE_MILLI = Duration.ofMillis(1);

    /** The callers' clock; starts at {@link #T0}. */
    protected final MutableClock clock = new MutableClock(T0);

    /** The implementation under test. */
    protected abstract WaitingPresence presence();

    /**
     * A second instance on the backend of {@link #presence()}, as another hub instance would hold it; the same
     * object when the implementation is not shared between instances.
     */
    protected abstract WaitingPresence otherInstance();

    protected static UUID session() {
        return UUID.randomUUID();
    }

    protected static AgentId agent() {
        return new AgentId(UUID.randomUUID());
    }

    protected static UUID connection() {
        return UUID.randomUUID();
    }

    private void mark(WaitingPresence presence, UUID session, AgentId agent, UUID connection) {
        presence.markWaiting(session, agent, connection, clock.instant());
    }

    private void mark(UUID session, AgentId agent, UUID connection) {
        mark(presence(), session, agent, connection);
    }

    @Nested
    class Liveness {

        @Test
        void aMemberIsReportedFromItsMarkUntilJustBeforeLivenessAndNotFromThen() {
            UUID session = session();
            AgentId agent = agent();
            mark(session, agent, connection());
            Instant end = T0.plus(LIVENESS);
            for (Instant live : List.of(T0, T0.plusSeconds(30), T0.plusSeconds(89), end.minus(ONE_MILLI))) {
                assertThat(presence().waiting(session, live)).as("waiting at %s", live).containsExactly(agent);
            }
            for (Instant expired : List.of(end, end.plus(ONE_MILLI), end.plus(Duration.ofDays(1)))) {
                assertThat(presence().waiting(session, expired)).as("waiting at %s", expired).isEmpty();
            }
        }

        @Test
        void livenessCountsFromTheMarkersNowNotFromAnyOtherClock() {
            UUID session = session();
            AgentId agent = agent();
            Instant markedAt = T0.plus(Duration.ofDays(400)).plusNanos(987_654_321);
            presence().markWaiting(session, agent, connection(), markedAt);
            assertThat(presence().waiting(session, markedAt)).containsExactly(agent);
            assertThat(presence().waiting(session, markedAt.plus(LIVENESS).minus(ONE_MILLI))).containsExactly(agent);
            assertThat(presence().waiting(session, markedAt.plus(LIVENESS))).isEmpty();
        }

        @Test
        void aRefreshExtendsTheMembershipFromTheRefresh() {
            UUID session = session();
            AgentId agent = agent();
            UUID connection = connection();
            mark(session, agent, connection);
            clock.advance(WaitingPresence.REFRESH.multipliedBy(2));
            mark(session, agent, connection);
            Instant refreshed = clock.instant();

            assertThat(presence().waiting(session, T0.plus(LIVENESS))).containsExactly(agent);
            assertThat(presence().waiting(session, refreshed.plus(LIVENESS).minus(ONE_MILLI))).containsExactly(agent);
            assertThat(presence().waiting(session, refreshed.plus(LIVENESS))).isEmpty();
        }

        @Test
        void refreshesEveryRefreshIntervalKeepAMemberLive() {
            UUID session = session();
            AgentId agent = agent();
            UUID connection = connection();
            for (int i = 0; i < 10; i++) {
                mark(session, agent, connection);
                clock.advance(WaitingPresence.REFRESH);
                assertThat(presence().waiting(session, clock.instant())).as("after refresh %d", i).containsExactly(agent);
            }
            Instant lastMark = clock.instant().minus(WaitingPresence.REFRESH);
            assertThat(presence().waiting(session, lastMark.plus(LIVENESS))).isEmpty();
        }

        @Test
        void nobodyIsWaitingOnASessionNeverMarked() {
            UUID marked = session();
            AgentId agent = agent();
            mark(marked, agent, connection());
            assertThat(presence().waiting(marked, T0)).containsExactly(agent);

            assertThat(presence().waiting(session(), T0)).isEmpty();
        }
    }

    @Nested
    class Connections {

        @Test
        void anAgentWithSeveralLiveConnectionsIsReportedOnce() {
            UUID session = session();
            AgentId twice = agent();
            AgentId once = agent();
            mark(session, twice, connection());
            mark(session, twice, connection());
            mark(session, once, connection());

            assertThat(presence().waiting(session, T0)).containsExactlyInAnyOrder(twice, once);
            assertThat(presence().waitingAll(List.of(session), T0)).isEqualTo(Map.of(session, Set.of(twice, once)));
        }

        @Test
        void stoppingOneConnectionKeepsTheAgentAndStoppingAllRemovesIt() {
            UUID session = session();
            AgentId agent = agent();
            AgentId neighbour = agent();
            UUID first = connection();
            UUID second = connection();
            mark(session, agent, first);
            mark(session, agent, second);
            mark(session, neighbour, connection());

            presence().stopWaiting(session, agent, first);
            assertThat(presence().waiting(session, T0)).containsExactlyInAnyOrder(agent, neighbour);

            presence().stopWaiting(session, agent, second);
            assertThat(presence().waiting(session, T0)).containsExactly(neighbour);
        }

        @Test
        void eachConnectionExpiresOnItsOwn() {
            AgentId agent = agent();
            UUID kept = session();
            UUID stopped = session();
            UUID keptLater = connection();
            UUID stoppedLater = connection();
            mark(kept, agent, connection());
            mark(stopped, agent, connection());
            clock.advance(Duration.ofSeconds(60));
            mark(kept, agent, keptLater);
            mark(stopped, agent, stoppedLater);
            presence().stopWaiting(stopped, agent, stoppedLater);

            // the earlier connection alone keeps the agent waiting until its own end
            assertThat(presence().waiting(stopped, T0.plus(LIVENESS).minus(ONE_MILLI))).containsExactly(agent);
            assertThat(presence().waiting(stopped, T0.plus(LIVENESS))).isEmpty();
            // past the earlier connection's end, the later one alone keeps the agent waiting
            assertThat(presence().waiting(kept, T0.plus(LIVENESS))).containsExactly(agent);
            presence().stopWaiting(kept, agent, keptLater);
            assertThat(presence().waiting(kept, T0.plus(LIVENESS))).isEmpty();
        }

        @Test
        void stoppingTheLastConnectionEmptiesTheSession() {
            UUID session = session();
            AgentId agent = agent();
            UUID connection = connection();
            mark(session, agent, connection);
            assertThat(presence().waiting(session, T0)).containsExactly(agent);

            presence().stopWaiting(session, agent, connection);
            assertThat(presence().waiting(session, T0)).isEmpty();
            assertThat(presence().waitingAll(List.of(session), T0)).isEqualTo(Map.of(session, Set.of()));
        }

        @Test
        void stoppingWhatIsNotAMemberDoesNothing() {
            UUID session = session();
            AgentId agent = agent();
            UUID connection = connection();
            mark(session, agent, connection);

            assertThatCode(() -> presence().stopWaiting(session, agent, connection())).doesNotThrowAnyException();
            // the connection id is a member of the agent's only: another agent's stop of it changes nothing
            assertThatCode(() -> presence().stopWaiting(session, agent(), connection)).doesNotThrowAnyException();
            assertThatCode(() -> presence().stopWaiting(session(), agent, connection)).doesNotThrowAnyException();
            assertThat(presence().waiting(session, T0)).containsExactly(agent);

            presence().stopWaiting(session, agent, connection);
            assertThatCode(() -> presence().stopWaiting(session, agent, connection)).doesNotThrowAnyException();
            assertThat(presence().waiting(session, T0)).isEmpty();
        }

        @Test
        void aStoppedConnectionCanBeMarkedAgain() {
            UUID session = session();
            AgentId agent = agent();
            UUID connection = connection();
            mark(session, agent, connection);
            presence().stopWaiting(session, agent, connection);
            assertThat(presence().waiting(session, T0)).isEmpty();

            clock.advance(Duration.ofSeconds(1));
            mark(session, agent, connection);
            assertThat(presence().waiting(session, clock.instant())).containsExactly(agent);
        }
    }

    @Nested
    class Sessions {

        @Test
        void sessionsAreIndependent() {
            UUID first = session();
            UUID second = session();
            AgentId both = agent();
            AgentId firstOnly = agent();
            UUID connection = connection();
            mark(first, both, connection);
            mark(first, firstOnly, connection());
            // the same connection id on another session is another membership
            mark(second, both, connection);

            assertThat(presence().waiting(first, T0)).containsExactlyInAnyOrder(both, firstOnly);
            assertThat(presence().waiting(second, T0)).containsExactly(both);

            presence().stopWaiting(first, both, connection);
            assertThat(presence().waiting(first, T0)).containsExactly(firstOnly);
            assertThat(presence().waiting(second, T0)).containsExactly(both);

            clock.advance(Duration.ofSeconds(60));
            mark(first, firstOnly, connection());
            // the second session's only member expires; the first one's refresh does not extend it
            assertThat(presence().waiting(second, T0.plus(LIVENESS).minus(ONE_MILLI))).containsExactly(both);
            assertThat(presence().waiting(second, T0.plus(LIVENESS))).isEmpty();
            assertThat(presence().waiting(first, T0.plus(LIVENESS))).containsExactly(firstOnly);
        }

        @Test
        void waitingAllAnswersEverySessionAskedForIncludingEmptyOnes() {
            UUID crowded = session();
            UUID single = session();
            UUID expiring = session();
            UUID neverMarked = session();
            UUID stopped = session();
            AgentId first = agent();
            AgentId second = agent();
            AgentId third = agent();
            mark(expiring, third, connection());
            UUID stoppedConnection = connection();
            mark(stopped, first, stoppedConnection);
            List<UUID> asked = List.of(crowded, single, expiring, neverMarked, stopped, crowded);
            assertThat(presence().waitingAll(asked, T0)).isEqualTo(Map.of(
                    crowded, Set.of(), single, Set.of(), expiring, Set.of(third), neverMarked, Set.of(),
                    stopped, Set.of(first)));

            clock.advance(Duration.ofSeconds(30));
            mark(crowded, first, connection());
            mark(crowded, second, connection());
            mark(crowded, second, connection());
            mark(single, third, connection());
            presence().stopWaiting(stopped, first, stoppedConnection);

            assertThat(presence().waitingAll(asked, T0.plus(LIVENESS).minus(ONE_MILLI))).isEqualTo(Map.of(
                    crowded, Set.of(first, second), single, Set.of(third), expiring, Set.of(third),
                    neverMarked, Set.of(), stopped, Set.of()));
            assertThat(presence().waitingAll(asked, T0.plus(LIVENESS))).isEqualTo(Map.of(
                    crowded, Set.of(first, second), single, Set.of(third), expiring, Set.of(),
                    neverMarked, Set.of(), stopped, Set.of()));
        }

        @Test
        void waitingAllAgreesWithWaitingOnEachSession() {
            Map<UUID, Set<AgentId>> expected = new HashMap<>();
            for (int i = 0; i < 5; i++) {
                UUID session = session();
                Set<AgentId> agents = new HashSet<>();
                for (int j = 0; j < i; j++) {
                    AgentId agent = agent();
                    mark(session, agent, connection());
                    agents.add(agent);
                }
                expected.put(session, agents);
            }
            Map<UUID, Set<AgentId>> all = presence().waitingAll(expected.keySet(), T0);
            assertThat(all).isEqualTo(expected);
            for (UUID session : expected.keySet()) {
                assertThat(presence().waiting(session, T0)).isEqualTo(all.get(session));
            }
        }

        @Test
        void waitingAllOfNoSessionsIsEmpty() {
            UUID session = session();
            mark(session, agent(), connection());
            assertThat(presence().waitingAll(List.of(session), T0)).containsKey(session);

            assertThat(presence().waitingAll(List.of(), T0)).isEmpty();
            assertThat(presence().waitingAll(Set.of(), T0)).isEmpty();
        }

        @Test
        void waitingAllOfManySessionsAnswersEachOne() {
            Map<UUID, Set<AgentId>> expected = new HashMap<>();
            List<UUID> asked = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                UUID session = session();
                asked.add(session);
                if (i % 3 == 0) {
                    AgentId agent = agent();
                    mark(session, agent, connection());
                    expected.put(session, Set.of(agent));
                } else {
                    expected.put(session, Set.of());
                }
            }
            assertThat(presence().waitingAll(asked, T0)).isEqualTo(expected);
        }
    }

    @Nested
    class SharedBackend {

        @Test
        void anotherInstanceSeesTheMembersOneMarked() {
            UUID session = session();
            AgentId agent = agent();
            mark(session, agent, connection());

            assertThat(otherInstance().waiting(session, T0)).containsExactly(agent);
            assertThat(otherInstance().waitingAll(List.of(session), T0.plus(LIVENESS).minus(ONE_MILLI)))
                    .isEqualTo(Map.of(session, Set.of(agent)));
            assertThat(otherInstance().waiting(session, T0.plus(LIVENESS))).isEmpty();
        }

        @Test
        void refreshesAndStopsOnAnotherInstanceAreSeenHere() {
            UUID session = session();
            AgentId agent = agent();
            UUID connection = connection();
            mark(session, agent, connection);
            clock.advance(Duration.ofSeconds(60));
            mark(otherInstance(), session, agent, connection);

            assertThat(presence().waiting(session, T0.plus(LIVENESS))).containsExactly(agent);
            otherInstance().stopWaiting(session, agent, connection);
            assertThat(presence().waiting(session, T0.plus(LIVENESS))).isEmpty();
        }

        @Test
        void twoConnectionsOfAnAgentOnTwoInstancesAreReportedOnceByBoth() {
            UUID session = session();
            AgentId agent = agent();
            UUID here = connection();
            UUID there = connection();
            mark(presence(), session, agent, here);
            mark(otherInstance(), session, agent, there);

            assertThat(presence().waiting(session, T0)).containsExactly(agent);
            assertThat(otherInstance().waiting(session, T0)).containsExactly(agent);
            presence().stopWaiting(session, agent, here);
            assertThat(otherInstance().waiting(session, T0)).containsExactly(agent);
            otherInstance().stopWaiting(session, agent, there);
            assertThat(presence().waiting(session, T0)).isEmpty();
        }
    }

    @Nested
    class Concurrency {

        /** Concurrent marks of distinct connections on one session, from both instances: none is lost. */
        @Test
        void concurrentMarksOfDistinctConnectionsAreAllReported() throws Exception {
            UUID session = session();
            AgentId shared = agent();
            int threads = 16;
            int perThread = 10;
            Map<AgentId, Boolean> marked = new ConcurrentHashMap<>();
            ConcurrentRuns.run(threads, thread -> {
                WaitingPresence presence = thread % 2 == 0 ? presence() : otherInstance();
                for (int i = 0; i < perThread; i++) {
                    AgentId agent = agent();
                    presence.markWaiting(session, agent, connection(), T0);
                    presence.markWaiting(session, shared, connection(), T0);
                    marked.put(agent, true);
                }
            });

            assertThat(marked).hasSize(threads * perThread);
            Set<AgentId> expected = new HashSet<>(marked.keySet());
            expected.add(shared);
            assertThat(presence().waiting(session, T0)).isEqualTo(expected);
            assertThat(otherInstance().waitingAll(List.of(session), T0)).isEqualTo(Map.of(session, expected));
        }

        /** Concurrent marks and stops of one agent's connections: it stays waiting while one connection is left. */
        @Test
        void concurrentStopsOfAllButOneConnectionLeaveTheAgentWaiting() throws Exception {
            UUID session = session();
            AgentId agent = agent();
            UUID kept = connection();
            mark(session, agent, kept);
            int threads = 16;
            int rounds = 20;
            ConcurrentRuns.run(threads, thread -> {
                WaitingPresence presence = thread % 2 == 0 ? presence() : otherInstance();
                for (int round = 0; round < rounds; round++) {
                    UUID connection = connection();
                    presence.markWaiting(session, agent, connection, T0);
                    presence.stopWaiting(session, agent, connection);
                }
            });

            assertThat(presence().waiting(session, T0)).containsExactly(agent);
            presence().stopWaiting(session, agent, kept);
            assertThat(presence().waiting(session, T0)).isEmpty();
        }
    }
}
