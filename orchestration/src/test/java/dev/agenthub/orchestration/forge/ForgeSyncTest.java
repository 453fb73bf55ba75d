package dev.agenthub.orchestration.forge;

import dev.agenthub.orchestration.forge.port.ForgeClient;
import dev.agenthub.orchestration.forge.port.ForgeFailure;
import dev.agenthub.orchestration.forge.port.RemoteLinkStore;
import dev.agenthub.orchestration.forge.port.SyncLocks;
import dev.agenthub.orchestration.projects.Projects;
import dev.agenthub.orchestration.projects.RepoUrls;
import dev.agenthub.orchestration.pulls.NewPullRequest;
import dev.agenthub.orchestration.testing.InMemoryAutopilot;
import dev.agenthub.protocol.fakes.FakeTransactionRunner;
import dev.agenthub.protocol.kernel.error.DomainError;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ForgeSync} with in-process fakes: call order, transactions around forge calls, error mapping. */
class ForgeSyncTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.123456Z");

    private final InMemoryAutopilot db = new InMemoryAutopilot();
    private final FakeTransactionRunner tx = new FakeTransactionRunner();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final Projects projects = new Projects(tx, db.projects, new RepoUrls(false, Optional.empty(),
            Path.of("/nonexistent")), project -> { }, clock);
    private final Links links = new Links();
    private final List<String> calls = new ArrayList<>();
    private final Recording github = new Recording("github");
    private final Recording gitlab = new Recording("gitlab");
    private boolean busy;
    private final SyncLocks locks = new SyncLocks() {
        @Override
        public <T> T exclusively(long pullRequestId, Duration wait, Supplier<T> work) {
            if (busy) {
                throw new Busy("busy");
            }
            calls.add("lock " + pullRequestId);
            try {
                return work.get();
            } finally {
                calls.add("unlock");
            }
        }
    };
    private final ForgeSync sync = new ForgeSync(tx, clock, projects, db.pulls, links, locks, github, gitlab);

    private long project(String repoUrl) {
        return db.projects.insert("p" + nextItem, repoUrl, "main", NOW).orElseThrow().id();
    }

    private long nextItem = 1;

    private long pr(long project) {
        return db.pulls.open(project, new NewPullRequest(nextItem++, "[agent] x", "Body\n- commit: abc123",
                "agent/1-x", "main", true, true, 1), NOW).orElseThrow().id();
    }

    @Test
    void theLinkIsSavedBeforeTheFailingStatusAndNoTransactionSpansAForgeCall() {
        long project = project("https://github.com/acme/widgets");
        long pr = pr(project);
        github.failStatus = new ForgeFailure(OptionalInt.of(500), "POST", "http://gh/statuses/abc123", "boom", false);

        assertThatThrownBy(() -> sync.sync(Forge.GITHUB, project, pr, new SyncRequest(Optional.of(7L),
                Optional.of("hi"), "ctx", "desc", Optional.empty())))
                .isInstanceOf(DomainError.BadGateway.class)
                .hasMessage("GitHub API request failed [500] POST http://gh/statuses/abc123: boom");

        assertThat(calls).containsExactly("lock " + pr, "github create agent/1-x->main tx=false", "save github 42",
                "github comment 7 tx=false", "record 7", "github status abc123 pending tx=false", "unlock");
        assertThat(links.find(pr, Forge.GITHUB)).map(RemoteLink::number).contains(42L);
    }

    @Test
    void aLaterSyncUpdatesAndDoesNotRepeatTheComment() {
        long project = project("https://gitlab.com/g/sub/p");
        long pr = pr(project);
        SyncRequest request = new SyncRequest(Optional.of(3L), Optional.of("note"), "ctx", "d", Optional.of("u"));
        assertThat(sync.sync(Forge.GITLAB, project, pr, request).created()).isTrue();
        calls.clear();
        db.pulls.close(pr);

        SyncResult again = sync.sync(Forge.GITLAB, project, pr, request);

        assertThat(again.created()).isFalse();
        assertThat(again.repo().apiPath()).isEqualTo("projects/g%2Fsub%2Fp");
        assertThat(calls).containsExactly("lock " + pr, "gitlab update 42 close=true tx=false", "save gitlab 42",
                "gitlab status abc123 failed tx=false", "unlock");
    }

    @Test
    void adoptingWhenTheForgeSaysItExistsAndClosingAPullRequestClosedBeforeItsFirstSync() {
        long project = project("https://github.com/acme/widgets");
        long pr = pr(project);
        db.pulls.close(pr);
        github.createFails = new ForgeFailure(OptionalInt.of(422), "POST", "u", "exists", true);

        SyncResult result = sync.sync(Forge.GITHUB, project, pr, SyncRequest.defaults());

        assertThat(result.created()).isFalse();
        assertThat(result.number()).isEqualTo(5);
        assertThat(calls).containsSubsequence("github create agent/1-x->main tx=false", "github findOpen tx=false",
                "save github 5", "github update 5 close=true tx=false", "save github 5",
                "github status abc123 failure tx=false");
    }

    @Test
    void noAnswerBusyAndMissingTokens() {
        long project = project("https://github.com/acme/widgets");
        long pr = pr(project);
        github.createFails = new ForgeFailure(OptionalInt.empty(), "POST", "http://gh/pulls", "connection failed (x)",
                false);
        assertThatThrownBy(() -> sync.sync(Forge.GITHUB, project, pr, SyncRequest.defaults()))
                .hasMessage("GitHub API request failed [no response] POST http://gh/pulls: connection failed (x)");
        assertThat(links.find(pr, Forge.GITHUB)).isEmpty();

        busy = true;
        assertThatThrownBy(() -> sync.sync(Forge.GITHUB, project, pr, SyncRequest.defaults()))
                .isInstanceOf(DomainError.Conflict.class).hasMessage("Another sync of this pull request is in progress");
        busy = false;

        gitlab.configured = false;
        long glProject = project("https://gitlab.com/g/p");
        calls.clear();
        assertThatThrownBy(() -> sync.sync(Forge.GITLAB, glProject, pr(glProject), SyncRequest.defaults()))
                .isInstanceOf(DomainError.Invalid.class).hasMessage("GITLAB_TOKEN is not configured");
        assertThatThrownBy(() -> sync.sync(Forge.GITLAB, project, pr(glProject), SyncRequest.defaults()))
                .isInstanceOf(DomainError.NotFound.class).hasMessage("Pull request not found");
        assertThat(calls).isEmpty();
    }

    /** A forge that records each call and whether a transaction was open during it. */
    private final class Recording implements ForgeClient {
        private final String name;
        boolean configured = true;
        ForgeFailure createFails;
        ForgeFailure failStatus;

        Recording(String name) {
            this.name = name;
        }

        private void call(String what) {
            calls.add(name + " " + what + " tx=" + tx.isActive());
        }

        @Override
        public boolean configured() {
            return configured;
        }

        @Override
        public RemoteObject create(ForgeRepo repo, String sourceBranch, String targetBranch, String title, String body) {
            call("create " + sourceBranch + "->" + targetBranch);
            if (createFails != null) {
                throw createFails;
            }
            return new RemoteObject(42, Optional.of("u42"));
        }

        @Override
        public Optional<RemoteObject> findOpen(ForgeRepo repo, String sourceBranch, String targetBranch) {
            call("findOpen");
            return Optional.of(new RemoteObject(5, Optional.of("u5")));
        }

        @Override
        public RemoteObject update(ForgeRepo repo, long number, String title, String body, boolean close) {
            call("update " + number + " close=" + close);
            return new RemoteObject(number, Optional.of("u" + number));
        }

        @Override
        public void comment(ForgeRepo repo, long issue, String body) {
            call("comment " + issue);
        }

        @Override
        public Optional<String> status(ForgeRepo repo, String sha, String state, String context, String description,
                                       Optional<String> targetUrl) {
            call("status " + sha + " " + state);
            if (failStatus != null) {
                throw failStatus;
            }
            return Optional.of(state);
        }
    }

    private final class Links implements RemoteLinkStore {
        private final Map<String, RemoteLink> rows = new HashMap<>();
        private final Set<String> comments = new HashSet<>();

        @Override
        public Optional<RemoteLink> find(long pullRequestId, Forge forge) {
            return Optional.ofNullable(rows.get(pullRequestId + forge.wireName()));
        }

        @Override
        public List<RemoteLink> forPullRequest(long pullRequestId) {
            return rows.values().stream().filter(l -> l.pullRequestId() == pullRequestId).toList();
        }

        @Override
        public void save(RemoteLink link) {
            calls.add("save " + link.forge().wireName() + " " + link.number());
            rows.put(link.pullRequestId() + link.forge().wireName(), link);
        }

        @Override
        public boolean commentPosted(long pullRequestId, Forge forge, long issueNumber, String bodySha256) {
            return comments.contains(pullRequestId + forge.wireName() + issueNumber + bodySha256);
        }

        @Override
        public boolean recordComment(long pullRequestId, Forge forge, long issueNumber, String bodySha256, Instant at) {
            calls.add("record " + issueNumber);
            return comments.add(pullRequestId + forge.wireName() + issueNumber + bodySha256);
        }
    }
}
