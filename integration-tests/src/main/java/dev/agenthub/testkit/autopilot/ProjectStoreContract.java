package dev.agenthub.testkit.autopilot;

import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.projects.Project;
import dev.agenthub.orchestration.projects.port.ProjectStore;
import dev.agenthub.testkit.ConcurrentRuns;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link ProjectStore} contract of the Agent Hub autopilot. Extend it with the store under test. The store may
 * hold other tests' rows: names are unique per test, and list checks use creation times far in the future that no
 * other test of the kit uses.
 */
public abstract class ProjectStoreContract {

    protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");

    /** The store under test. */
    protected abstract ProjectStore store();

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void insertReturnsTheStoredProjectAndFindReadsItBack() {
        String name = unique("proj");
        Project inserted = store().insert(name, "https://example.test/r.git", "trunk", T0).orElseThrow();
        assertThat(inserted.id()).isPositive();
        assertThat(inserted).isEqualTo(new Project(inserted.id(), name, "https://example.test/r.git", "trunk", T0));
        assertThat(store().find(inserted.id())).contains(inserted);
    }

    @Test
    void idsAreDistinctIntegers() {
        long a = store().insert(unique("a"), "git@x:y.git", "main", T0).orElseThrow().id();
        long b = store().insert(unique("b"), "git@x:y.git", "main", T0).orElseThrow().id();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void anUnknownIdIsEmpty() {
        assertThat(store().find(Long.MAX_VALUE)).isEmpty();
        assertThat(store().find(-1)).isEmpty();
    }

    @Test
    void aDuplicateNameIsEmptyAndLeavesTheFirstUnchanged() {
        String name = unique("dup");
        Project first = store().insert(name, "https://one.test/r.git", "main", T0).orElseThrow();
        assertThat(store().insert(name, "https://two.test/r.git", "dev", T0.plusSeconds(1))).isEmpty();
        assertThat(store().find(first.id())).contains(first);
    }

    @Test
    void namesAreComparedExactly() {
        String name = unique("Case");
        assertThat(store().insert(name, "git@x:y.git", "main", T0)).isPresent();
        assertThat(store().insert(name.toLowerCase(java.util.Locale.ROOT), "git@x:y.git", "main", T0)).isPresent();
    }

    @Test
    void concurrentInsertsOfOneNameStoreOneProject() throws Exception {
        String name = unique("race");
        ConcurrentLinkedQueue<Optional<Project>> results = new ConcurrentLinkedQueue<>();
        ConcurrentRuns.run(8, thread -> results.add(store().insert(name, "git@x:y.git", "main", T0)));
        assertThat(results).hasSize(8);
        assertThat(results.stream().filter(Optional::isPresent).count()).isEqualTo(1);
    }

    @Test
    void listIsNewestFirstThenHighestIdAndPages() {
        // far in the future, so these are the first rows of the list whatever else the store holds
        Instant base = Instant.parse("2999-01-01T00:00:00Z").plus(UUID.randomUUID().getLeastSignificantBits() & 0xffff, ChronoUnit.DAYS);
        Project older = store().insert(unique("older"), "git@x:y.git", "main", base).orElseThrow();
        Project tieLow = store().insert(unique("tie1"), "git@x:y.git", "main", base.plusSeconds(5)).orElseThrow();
        Project tieHigh = store().insert(unique("tie2"), "git@x:y.git", "main", base.plusSeconds(5)).orElseThrow();
        Project newest = store().insert(unique("newest"), "git@x:y.git", "main", base.plusSeconds(9)).orElseThrow();
        List<Project> top = store().list(new PageSlice(4, 0)).stream()
                .filter(p -> p.createdAt().isAfter(base.minusNanos(1)) && p.createdAt().isBefore(base.plusSeconds(10)))
                .toList();
        assertThat(top).containsExactly(newest, tieHigh, tieLow, older);
        List<Project> all = store().list(new PageSlice(5000, 0));
        int at = all.indexOf(newest);
        assertThat(store().list(new PageSlice(2, at + 1))).containsExactly(tieHigh, tieLow);
    }
}
