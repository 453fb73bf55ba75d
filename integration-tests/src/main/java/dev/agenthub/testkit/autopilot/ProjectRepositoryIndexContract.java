package dev.agenthub.testkit.autopilot;

import dev.agenthub.orchestration.projects.port.ProjectStore;
import dev.agenthub.orchestration.webhooks.port.ProjectRepositoryIndex;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link ProjectRepositoryIndex} contract (wire spec agenthub §9.4), with the {@link ProjectStore} whose inserts
 * it indexes. Repository names are unique per test, so other tests' projects never match.
 */
public abstract class ProjectRepositoryIndexContract {

    protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");

    protected abstract ProjectStore projects();

    protected abstract ProjectRepositoryIndex index();

    private long project(String repoUrl) {
        return projects().insert("idx-" + UUID.randomUUID(), repoUrl, "main", T0).orElseThrow().id();
    }

    private static String owner() {
        return "Own" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aProjectIsFoundByItsCanonicalIdentity() {
        String owner = owner();
        long id = project("https://github.com/" + owner + "/Repo.git");
        String identity = owner.toLowerCase(Locale.ROOT) + "/repo";
        assertThat(index().firstByIdentity(Set.of("nobody/nothing", identity))).contains(id);
        assertThat(index().firstByIdentity(Set.of(owner + "/Repo"))).isEmpty(); // candidates come canonical
    }

    @Test
    void theLowestIdWins() {
        String owner = owner();
        long first = project("git@github.com:" + owner + "/r.git");
        long second = project("https://github.com/" + owner + "/r");
        assertThat(second).isGreaterThan(first);
        assertThat(index().firstByIdentity(Set.of(owner.toLowerCase(Locale.ROOT) + "/r"))).contains(first);
        assertThat(index().firstByLocator(Set.of("https://github.com/" + owner.toLowerCase(Locale.ROOT) + "/r",
                "git@github.com:" + owner.toLowerCase(Locale.ROOT) + "/r"))).contains(first);
    }

    @Test
    void aProjectIsFoundByItsNormalisedLocator() {
        String host = UUID.randomUUID() + ".example";
        long id = project("ssh://" + host.toUpperCase(Locale.ROOT) + "/a/b.git/");
        assertThat(index().firstByIdentity(Set.of("a/b"))).isNotEqualTo(java.util.Optional.of(id));
        assertThat(index().firstByLocator(Set.of("ssh://" + host + "/a/b"))).contains(id);
        assertThat(index().firstByLocator(Set.of("ssh://" + host + "/a/b.git"))).isEmpty();
    }

    @Test
    void emptyCandidateSetsFindNothing() {
        assertThat(index().firstByIdentity(Set.of())).isEmpty();
        assertThat(index().firstByLocator(Set.of())).isEmpty();
    }

    @Test
    void backfillIsIdempotent() {
        index().backfill();
        assertThat(index().backfill()).isZero();
    }
}
