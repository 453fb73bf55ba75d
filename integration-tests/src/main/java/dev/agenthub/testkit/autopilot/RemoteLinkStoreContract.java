package dev.agenthub.testkit.autopilot;

import dev.agenthub.orchestration.forge.Forge;
import dev.agenthub.orchestration.forge.RemoteLink;
import dev.agenthub.orchestration.forge.port.RemoteLinkStore;
import dev.agenthub.orchestration.pulls.NewPullRequest;
import dev.agenthub.orchestration.pulls.port.PullRequestStore;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link RemoteLinkStore} contract (wire spec agenthub §14 D6): one link per (PR, forge), saved again replaces
 * it, comments recorded once. Extend it with the store under test, a PR store on the same database to open the PRs
 * the links belong to, the runner both join, and the seeds.
 */
public abstract class RemoteLinkStoreContract {

    protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");
    protected static final Instant T1 = Instant.parse("2026-03-01T12:05:00.654321Z");
    private static final String HASH = "a".repeat(64);

    /** The link store, a PR store on the same database, and the runner both join. */
    public record Instance(RemoteLinkStore store, PullRequestStore pulls, TransactionRunner transactions) {
    }

    protected abstract Instance instance();

    protected abstract AutopilotSeeds seeds();

    private RemoteLinkStore store() {
        return instance().store();
    }

    private long newPullRequest() {
        long project = seeds().newProject();
        long agent = seeds().newAgent(project, 2);
        long item = seeds().newWorkItem(project);
        return instance().pulls().open(project, new NewPullRequest(item, "[agent] x", "- commit: abc",
                "agent/" + item + "-x", "main", true, true, agent), T0).orElseThrow().id();
    }

    @Test
    void aSavedLinkIsFoundPerForge() {
        long pr = newPullRequest();
        assertThat(store().find(pr, Forge.GITHUB)).isEmpty();
        RemoteLink github = new RemoteLink(pr, Forge.GITHUB, 7, Optional.of("https://github.com/a/b/pull/7"), "a/b", T0);
        store().save(github);
        assertThat(store().find(pr, Forge.GITHUB)).contains(github);
        assertThat(store().find(pr, Forge.GITLAB)).isEmpty();
        RemoteLink gitlab = new RemoteLink(pr, Forge.GITLAB, 3, Optional.empty(), "g/sub/p", T1);
        store().save(gitlab);
        assertThat(store().forPullRequest(pr)).containsExactly(github, gitlab);
        assertThat(store().forPullRequest(newPullRequest())).isEmpty();
    }

    @Test
    void savingAgainReplacesTheLinkOfThatForge() {
        long pr = newPullRequest();
        store().save(new RemoteLink(pr, Forge.GITHUB, 7, Optional.of("u1"), "a/b", T0));
        RemoteLink replaced = new RemoteLink(pr, Forge.GITHUB, 8, Optional.of("u2"), "a/c", T1);
        store().save(replaced);
        assertThat(store().forPullRequest(pr)).containsExactly(replaced);
    }

    @Test
    void aLinkNeedsAnExistingPullRequest() {
        assertThatThrownBy(() -> store().save(new RemoteLink(Long.MAX_VALUE, Forge.GITHUB, 1, Optional.empty(),
                "a/b", T0))).isInstanceOf(RuntimeException.class);
    }

    @Test
    void aCommentIsRecordedOncePerIssueAndBody() {
        long pr = newPullRequest();
        assertThat(store().commentPosted(pr, Forge.GITHUB, 5, HASH)).isFalse();
        assertThat(store().recordComment(pr, Forge.GITHUB, 5, HASH, T0)).isTrue();
        assertThat(store().recordComment(pr, Forge.GITHUB, 5, HASH, T1)).isFalse();
        assertThat(store().commentPosted(pr, Forge.GITHUB, 5, HASH)).isTrue();
        assertThat(store().commentPosted(pr, Forge.GITLAB, 5, HASH)).isFalse();
        assertThat(store().commentPosted(pr, Forge.GITHUB, 6, HASH)).isFalse();
        assertThat(store().commentPosted(pr, Forge.GITHUB, 5, "b".repeat(64))).isFalse();
    }

    @Test
    void recordingJoinsTheCallersTransaction() {
        long pr = newPullRequest();
        assertThatThrownBy(() -> instance().transactions().inTransaction(() -> {
            store().save(new RemoteLink(pr, Forge.GITLAB, 2, Optional.empty(), "g/p", T0));
            store().recordComment(pr, Forge.GITLAB, 1, HASH, T0);
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");
        assertThat(store().find(pr, Forge.GITLAB)).isEmpty();
        assertThat(store().commentPosted(pr, Forge.GITLAB, 1, HASH)).isFalse();
    }
}
