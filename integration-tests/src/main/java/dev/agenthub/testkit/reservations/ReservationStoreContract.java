package dev.agenthub.testkit.reservations;

import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.reservations.Reservation;
import dev.agenthub.protocol.reservations.port.ReservationStore;
import dev.agenthub.protocol.reservations.port.ReservationStore.AcquireOutcome;
import dev.agenthub.protocol.reservations.port.ReservationStore.ChangeOutcome;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link ReservationStore} contract. Extend it with the store under test and a way to create
 * projects (stores may require the project to exist). Time is passed explicitly, so no clock is needed.
 */
public abstract class ReservationStoreContract {

    protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");

    /** The store under test. */
    protected abstract ReservationStore store();

    /** A project that exists for the store, fresh for each call. */
    protected abstract ProjectId newProject();

    private static AgentId agent() {
        return new AgentId(UUID.randomUUID());
    }

    private static Reservation reservation(ProjectId project, String key, AgentId holder, Instant at, Duration ttl) {
        return new Reservation(project, key, holder, "alias-" + holder.value().toString().substring(0, 8), at, at.plus(ttl),
                "{\"reason\":\"auto-reserve\"}");
    }

    private Reservation acquired(AcquireOutcome outcome) {
        assertThat(outcome).isInstanceOf(AcquireOutcome.Acquired.class);
        return ((AcquireOutcome.Acquired) outcome).reservation();
    }

    @Nested
    class Acquire {

        @Test
        void aFreeKeyIsAcquiredAndStoredAsGiven() {
            ProjectId project = newProject();
            AgentId holder = agent();
            Reservation candidate = reservation(project, "src/main.go", holder, T0, Duration.ofSeconds(300));
            Reservation stored = acquired(store().tryAcquire(candidate, T0));
            assertThat(stored).isEqualTo(candidate);
            assertThat(store().listLive(project, Optional.empty(), T0)).containsExactly(candidate);
        }

        @Test
        void aLiveReservationBlocksEveryoneIncludingItsHolder() {
            ProjectId project = newProject();
            AgentId holder = agent();
            Reservation first = acquired(store().tryAcquire(reservation(project, "k", holder, T0, Duration.ofSeconds(60)), T0));
            Instant later = T0.plusSeconds(59);
            for (AgentId contender : List.of(agent(), holder)) {
                AcquireOutcome outcome = store().tryAcquire(reservation(project, "k", contender, later, Duration.ofSeconds(60)), later);
                assertThat(outcome).isEqualTo(new AcquireOutcome.Held(first));
            }
        }

        @Test
        void anExpiredReservationIsOverwritten() {
            ProjectId project = newProject();
            acquired(store().tryAcquire(reservation(project, "k", agent(), T0, Duration.ofSeconds(60)), T0));
            Instant expiry = T0.plusSeconds(60);
            Reservation next = reservation(project, "k", agent(), expiry, Duration.ofSeconds(120));
            assertThat(acquired(store().tryAcquire(next, expiry))).isEqualTo(next);
        }

        @Test
        void projectsAreIsolated() {
            ProjectId one = newProject();
            ProjectId two = newProject();
            acquired(store().tryAcquire(reservation(one, "shared/key", agent(), T0, Duration.ofSeconds(60)), T0));
            acquired(store().tryAcquire(reservation(two, "shared/key", agent(), T0, Duration.ofSeconds(60)), T0));
            assertThat(store().listLive(one, Optional.empty(), T0)).hasSize(1);
            assertThat(store().listLive(two, Optional.empty(), T0)).hasSize(1);
        }

        @Test
        void keysAndMetadataRoundTripExactly() {
            ProjectId project = newProject();
            String longKey = "d/".repeat(2047) + "xy";
            String unicodeKey = "docs/Grüße 世界 🚀.md";
            for (String key : List.of(longKey, unicodeKey, "100%_done\\really")) {
                Reservation candidate = new Reservation(project, key, agent(), "bob", T0, T0.plusSeconds(60),
                        "{\"reason\":\"manual\",\"nested\":{\"n\":[1,2,3]},\"text\":\"ünï\"}");
                Reservation stored = acquired(store().tryAcquire(candidate, T0));
                assertThat(stored.resourceKey()).isEqualTo(key);
                assertThat(stored.metadataJson()).isEqualToIgnoringWhitespace(candidate.metadataJson());
            }
            assertThat(longKey).hasSize(4096);
        }
    }

    @Nested
    class RenewAndRelease {

        @Test
        void theHolderRenews() {
            ProjectId project = newProject();
            AgentId holder = agent();
            acquired(store().tryAcquire(reservation(project, "k", holder, T0, Duration.ofSeconds(60)), T0));
            Instant later = T0.plusSeconds(30);
            ChangeOutcome outcome = store().renew(project, "k", holder, later, later.plusSeconds(600));
            assertThat(outcome).isInstanceOfSatisfying(ChangeOutcome.Done.class,
                    done -> assertThat(done.reservation().expiresAt()).isEqualTo(later.plusSeconds(600)));
            assertThat(store().listLive(project, Optional.empty(), T0.plusSeconds(500))).hasSize(1);
        }

        @Test
        void renewingAMissingOrExpiredReservationFindsNothing() {
            ProjectId project = newProject();
            AgentId holder = agent();
            assertThat(store().renew(project, "k", holder, T0, T0.plusSeconds(60))).isEqualTo(new ChangeOutcome.Absent());
            acquired(store().tryAcquire(reservation(project, "k", holder, T0, Duration.ofSeconds(60)), T0));
            Instant expired = T0.plusSeconds(60);
            assertThat(store().renew(project, "k", holder, expired, expired.plusSeconds(60))).isEqualTo(new ChangeOutcome.Absent());
        }

        @Test
        void anotherAgentCannotRenewOrRelease() {
            ProjectId project = newProject();
            Reservation held = acquired(store().tryAcquire(reservation(project, "k", agent(), T0, Duration.ofSeconds(60)), T0));
            AgentId intruder = agent();
            assertThat(store().renew(project, "k", intruder, T0, T0.plusSeconds(600))).isEqualTo(new ChangeOutcome.HeldByOther(held));
            assertThat(store().release(project, "k", intruder, T0)).isEqualTo(new ChangeOutcome.HeldByOther(held));
            assertThat(store().listLive(project, Optional.empty(), T0)).containsExactly(held);
        }

        @Test
        void theHolderReleasesAndTheKeyIsFreeAgain() {
            ProjectId project = newProject();
            AgentId holder = agent();
            Reservation held = acquired(store().tryAcquire(reservation(project, "k", holder, T0, Duration.ofSeconds(60)), T0));
            assertThat(store().release(project, "k", holder, T0)).isEqualTo(new ChangeOutcome.Done(held));
            assertThat(store().release(project, "k", holder, T0)).isEqualTo(new ChangeOutcome.Absent());
            acquired(store().tryAcquire(reservation(project, "k", agent(), T0, Duration.ofSeconds(60)), T0));
        }

        @Test
        void releasingAnExpiredReservationOfAnotherAgentIsAbsentNotAConflict() {
            ProjectId project = newProject();
            acquired(store().tryAcquire(reservation(project, "k", agent(), T0, Duration.ofSeconds(60)), T0));
            assertThat(store().release(project, "k", agent(), T0.plusSeconds(61))).isEqualTo(new ChangeOutcome.Absent());
        }
    }

    @Nested
    class BulkAndListing {

        @Test
        void releaseAllOfTakesOnlyTheHoldersKeysUnderALiteralPrefix() {
            ProjectId project = newProject();
            AgentId me = agent();
            AgentId other = agent();
            for (String key : List.of("a/1", "a/2", "a_/3", "b/1")) {
                acquired(store().tryAcquire(reservation(project, key, me, T0, Duration.ofSeconds(60)), T0));
            }
            acquired(store().tryAcquire(reservation(project, "a/other", other, T0, Duration.ofSeconds(60)), T0));
            assertThat(store().releaseAllOf(project, me, Optional.of("a_"), T0)).isEqualTo(1); // '_' is literal
            assertThat(store().releaseAllOf(project, me, Optional.of("a/"), T0)).isEqualTo(2);
            assertThat(store().listLive(project, Optional.empty(), T0)).extracting(Reservation::resourceKey)
                    .containsExactly("a/other", "b/1");
            assertThat(store().releaseAllOf(project, me, Optional.empty(), T0)).isEqualTo(1);
        }

        @Test
        void othersHoldUnderSeesOnlyOtherAgentsLiveKeys() {
            ProjectId project = newProject();
            AgentId me = agent();
            AgentId other = agent();
            acquired(store().tryAcquire(reservation(project, "x/1", other, T0, Duration.ofSeconds(60)), T0));
            acquired(store().tryAcquire(reservation(project, "y/1", me, T0, Duration.ofSeconds(60)), T0));
            assertThat(store().othersHoldUnder(project, me, Optional.of("x/"), T0)).isTrue();
            assertThat(store().othersHoldUnder(project, me, Optional.of("y/"), T0)).isFalse();
            assertThat(store().othersHoldUnder(project, me, Optional.of("x%"), T0)).isFalse(); // '%' is literal
            assertThat(store().othersHoldUnder(project, me, Optional.empty(), T0)).isTrue();
            assertThat(store().othersHoldUnder(project, me, Optional.of("x/"), T0.plusSeconds(60))).isFalse();
        }

        @Test
        void listingShowsLiveReservationsOrderedByKeyUnderALiteralPrefix() {
            ProjectId project = newProject();
            for (String key : List.of("src/b.go", "src/a.go", "src%/c.go", "docs/x.md")) {
                acquired(store().tryAcquire(reservation(project, key, agent(), T0, Duration.ofSeconds(60)), T0));
            }
            acquired(store().tryAcquire(reservation(project, "src/expired.go", agent(), T0.minusSeconds(120), Duration.ofSeconds(60)),
                    T0.minusSeconds(120)));
            assertThat(store().listLive(project, Optional.empty(), T0)).extracting(Reservation::resourceKey)
                    .containsExactly("docs/x.md", "src%/c.go", "src/a.go", "src/b.go");
            assertThat(store().listLive(project, Optional.of("src/"), T0)).extracting(Reservation::resourceKey)
                    .containsExactly("src/a.go", "src/b.go");
            assertThat(store().listLive(project, Optional.of("src%"), T0)).extracting(Reservation::resourceKey)
                    .containsExactly("src%/c.go");
            assertThat(store().listLive(project, Optional.of(""), T0)).hasSize(4);
        }
    }

    @Nested
    class Concurrency {

        /**
         * Many threads race to acquire and release a few keys. Each thread that is told it acquired a key
         * records itself as the holder; a second recorded holder of one key would mean two live holders.
         */
        @Test
        void atMostOneHolderPerKeyUnderContention() throws Exception {
            ProjectId project = newProject();
            List<String> keys = List.of("k0", "k1", "k2");
            Map<String, AgentId> believedHolders = new ConcurrentHashMap<>();
            AtomicInteger acquisitions = new AtomicInteger();
            AtomicInteger conflicts = new AtomicInteger();
            List<String> violations = new ArrayList<>();
            int threads = 16;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    futures.add(pool.submit(() -> {
                        AgentId me = agent();
                        for (int i = 0; i < 60; i++) {
                            String key = keys.get(ThreadLocalRandom.current().nextInt(keys.size()));
                            AcquireOutcome outcome = store().tryAcquire(reservation(project, key, me, T0, Duration.ofSeconds(600)), T0);
                            if (outcome instanceof AcquireOutcome.Acquired) {
                                acquisitions.incrementAndGet();
                                AgentId previous = believedHolders.putIfAbsent(key, me);
                                if (previous != null) {
                                    synchronized (violations) {
                                        violations.add(key + " acquired by " + me + " while held by " + previous);
                                    }
                                }
                                believedHolders.remove(key, me);
                                ChangeOutcome released = store().release(project, key, me, T0);
                                if (!(released instanceof ChangeOutcome.Done)) {
                                    synchronized (violations) {
                                        violations.add(key + " release by its holder gave " + released);
                                    }
                                }
                            } else {
                                conflicts.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> future : futures) {
                    future.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(violations).isEmpty();
            assertThat(acquisitions.get()).isPositive();
            assertThat(acquisitions.get() + conflicts.get()).isEqualTo(threads * 60);
            assertThat(store().listLive(project, Optional.empty(), T0)).isEmpty();
        }
    }
}
