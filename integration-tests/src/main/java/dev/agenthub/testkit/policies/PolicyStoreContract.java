package dev.agenthub.testkit.policies;

import dev.agenthub.hub.policies.PolicyBundle;
import dev.agenthub.hub.policies.PolicyVersion;
import dev.agenthub.hub.policies.port.PolicyStore;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import dev.agenthub.testkit.ConcurrentRuns;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link PolicyStore} contract. Extend it with the store under test, the transaction runner its writes join,
 * and a way to create projects (versions belong to existing projects). The store may hold other tests' rows:
 * every check is scoped to fresh projects.
 */
public abstract class PolicyStoreContract {

    protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");

    /** The store under test. */
    protected abstract PolicyStore store();

    /** The transactions the store joins. */
    protected abstract TransactionRunner transactions();

    /** A live project, fresh for each call. */
    protected abstract ProjectId newProject();

    private static PolicyBundle bundle(String marker) {
        LinkedHashMap<String, PolicyBundle.Role> roles = new LinkedHashMap<>();
        // an order that is neither alphabetical nor by length: it must come back as given
        roles.put("zeta-" + marker, new PolicyBundle.Role("Zeta", "z\n- one"));
        roles.put("a", new PolicyBundle.Role("A", ""));
        roles.put("mid", new PolicyBundle.Role("Mid ünïcode ✓", "\"quoted\" \\ back"));
        LinkedHashMap<String, Object> nested = new LinkedHashMap<>();
        nested.put("on", true);
        nested.put("weight", new BigDecimal("1.5"));
        nested.put("count", 3L);
        nested.put("none", null);
        nested.put("list", Arrays.asList("x", 2L, null));
        LinkedHashMap<String, Object> adapters = new LinkedHashMap<>();
        adapters.put("beads", nested);
        return new PolicyBundle(List.of(new PolicyBundle.Invariant("i." + marker, "Title", "body\n"),
                new PolicyBundle.Invariant("", "", "")), roles, adapters);
    }

    private static PolicyVersion version(ProjectId project, int number, AgentId by, Instant at) {
        return new PolicyVersion(UUID.randomUUID(), project, number, bundle("v" + number), by, at, at.plusSeconds(1));
    }

    @Test
    void aVersionComesBackAsInsertedWithItsBundleInOrder() {
        ProjectId project = newProject();
        PolicyVersion version = version(project, 1, new AgentId(UUID.randomUUID()), T0);
        store().insert(version);
        Optional<PolicyVersion> found = store().find(version.id());
        assertThat(found).contains(version);
        assertThat(found.orElseThrow().bundle().roles().sequencedKeySet()).containsExactly("zeta-v1", "a", "mid");
        PolicyVersion anonymous = version(project, 2, null, T0);
        store().insert(anonymous);
        assertThat(store().find(anonymous.id())).contains(anonymous);
        assertThat(store().find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void versionsAreNumberedPerProjectAndListedHighestFirst() {
        ProjectId project = newProject();
        ProjectId other = newProject();
        assertThat(store().maxVersion(project)).isZero();
        assertThat(store().newestFirst(project, 10)).isEmpty();
        List<PolicyVersion> inserted = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            PolicyVersion version = version(project, n, null, T0.plusSeconds(n));
            store().insert(version);
            inserted.add(version);
        }
        store().insert(version(other, 1, null, T0));
        assertThat(store().maxVersion(project)).isEqualTo(3);
        assertThat(store().maxVersion(other)).isEqualTo(1);
        assertThat(store().newestFirst(project, 10)).containsExactly(inserted.get(2), inserted.get(1), inserted.get(0));
        assertThat(store().newestFirst(project, 2)).containsExactly(inserted.get(2), inserted.get(1));
    }

    @Test
    void aTakenVersionNumberOrIdFailsAloneAndWritesNothing() {
        ProjectId project = newProject();
        PolicyVersion first = version(project, 1, null, T0);
        store().insert(first);
        PolicyVersion sameNumber = version(project, 1, null, T0);
        PolicyVersion sameId = new PolicyVersion(first.id(), project, 2, bundle("x"), null, T0, T0);
        transactions().inTransaction(() -> {
            assertThatThrownBy(() -> store().insert(sameNumber)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> store().insert(sameId)).isInstanceOf(IllegalStateException.class);
            // the caller's transaction goes on
            store().insert(version(project, 2, null, T0));
        });
        assertThat(store().find(sameNumber.id())).isEmpty();
        assertThat(store().find(first.id())).contains(first);
        assertThat(store().maxVersion(project)).isEqualTo(2);
    }

    @Test
    void theActiveIdIsWhatWasLastSetAndTheLockAnswersIt() {
        ProjectId project = newProject();
        assertThat(store().activeId(project)).isEmpty();
        assertThat(transactions().inTransaction(() -> store().lockProject(project))).isEmpty();
        PolicyVersion first = version(project, 1, null, T0);
        PolicyVersion second = version(project, 2, null, T0);
        store().insert(first);
        store().insert(second);
        store().setActive(project, second.id());
        store().setActive(project, first.id());
        assertThat(store().activeId(project)).contains(first.id());
        assertThat(transactions().inTransaction(() -> store().lockProject(project))).contains(first.id());
        ProjectId unknown = new ProjectId(UUID.randomUUID());
        assertThatThrownBy(() -> transactions().inTransaction(() -> store().lockProject(unknown)))
                .isInstanceOf(IllegalStateException.class);
    }

    /** Without the lock, every thread would read the same maximum and all but one insert would fail. */
    @Test
    void theLockMakesReadMaxAndInsertOneStepAcrossConnections() throws Exception {
        ProjectId project = newProject();
        int threads = 4;
        int rounds = 3;
        ConcurrentRuns.run(threads, thread -> {
            for (int round = 0; round < rounds; round++) {
                transactions().inTransaction(() -> {
                    store().lockProject(project);
                    int next = store().maxVersion(project) + 1;
                    Thread.onSpinWait();
                    store().insert(version(project, next, null, T0));
                });
            }
        });
        assertThat(store().newestFirst(project, 100)).extracting(PolicyVersion::version)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, threads * rounds).boxed()
                        .sorted(java.util.Comparator.reverseOrder()).toList());
    }

    @Test
    void theLockHoldsUntilTheTransactionEndsAndBlocksOnlyItsProject() throws Exception {
        ProjectId project = newProject();
        ProjectId other = newProject();
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> transactions().inTransaction(() -> {
            store().lockProject(project);
            locked.countDown();
            try {
                assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
        // another project is not blocked
        CompletableFuture.runAsync(() -> transactions().inTransaction(() -> store().lockProject(other)))
                .get(10, TimeUnit.SECONDS);
        CompletableFuture<Optional<java.util.UUID>> waiter = CompletableFuture.supplyAsync(
                () -> transactions().inTransaction(() -> store().lockProject(project)));
        Thread.sleep(300);
        assertThat(waiter).as("the second lock of the project waits").isNotDone();
        release.countDown();
        holder.get(30, TimeUnit.SECONDS);
        assertThat(waiter.get(30, TimeUnit.SECONDS)).isEmpty();
    }
}
