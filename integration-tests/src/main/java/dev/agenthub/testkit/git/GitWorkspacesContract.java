package dev.agenthub.testkit.git;

import dev.agenthub.orchestration.git.port.ChangeSet;
import dev.agenthub.orchestration.git.port.FileChange;
import dev.agenthub.orchestration.git.port.GitFailure;
import dev.agenthub.orchestration.git.port.GitWorkspaces;
import dev.agenthub.orchestration.git.port.RepoTarget;
import dev.agenthub.orchestration.git.port.Workspace;
import dev.agenthub.orchestration.git.port.WorkspaceOverview;
import dev.agenthub.testkit.ConcurrentRuns;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link GitWorkspaces} contract (wire spec agenthub §6.3 steps 4, 6, 12): real repositories on disk. Extend it
 * with the engine under test, where it keeps a project's workspace, and a way to create and inspect "remote"
 * repositories (the kit itself uses no git library, so the test supplies one).
 */
public abstract class GitWorkspacesContract {

    protected static final String MAIN = "main";
    protected static final String BOT = "Agent Hub Bot <agent-hub@example.local>";
    protected static final String README = "line one\nline two\nline three\n";

    /** A repository the engine clones from, standing for the project's origin. */
    public interface Remote {
        /** What the project stores as {@code repo_url}: a URL or a local path. */
        String url();

        /** The tip of {@code branch}, when it exists. */
        Optional<String> head(String branch);

        /** The content of {@code path} at the tip of {@code branch}, when both exist. */
        Optional<String> file(String branch, String path);

        /** Commits {@code files} (path → content) on {@code branch} as another client would, returning the SHA. */
        String commit(String branch, Map<String, String> files, String message);

        /** The number of parents of commit {@code sha}. */
        int parentCount(String sha);

        /** The author of commit {@code sha} as {@code Name <email>}. */
        String author(String sha);
    }

    /** The engine under test; all calls of one test class may share it. */
    protected abstract GitWorkspaces workspaces();

    /** Where the engine keeps the workspace of {@code projectId}. */
    protected abstract Path workspaceDirectory(long projectId);

    /**
     * A new remote whose default branch {@code defaultBranch} holds {@code seedFiles} in one commit, or a remote
     * without any commit when {@code seedFiles} is empty.
     */
    protected abstract Remote newRemote(String defaultBranch, Map<String, String> seedFiles);

    /** A project id not used before. */
    protected long newProjectId() {
        return ThreadLocalRandom.current().nextLong(1, Integer.MAX_VALUE);
    }

    private Remote seeded() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("README.md", README);
        files.put("src/app.txt", "app\n");
        files.put("src/lib/util.txt", "util\n");
        return newRemote(MAIN, files);
    }

    private <T> T with(long project, Remote remote, Function<Workspace, T> work) {
        return workspaces().withWorkspace(new RepoTarget(project, remote.url(), MAIN), work);
    }

    private static ChangeSet files(FileChange... changes) {
        return new ChangeSet.FileChanges(List.of(changes));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The workspace is on the default branch with no merge or cherry-pick in progress. */
    private static void assertOnDefaultBranch(Path root) {
        assertThat(read(root.resolve(".git/HEAD")).strip()).isEqualTo("ref: refs/heads/" + MAIN);
        assertThat(root.resolve(".git/MERGE_HEAD")).doesNotExist();
    }

    @Test
    void clonesTheRemoteAndDescribesTheDefaultBranch() {
        Remote remote = seeded();
        long project = newProjectId();
        WorkspaceOverview overview = with(project, remote, workspace -> {
            assertThat(workspace.root()).isEqualTo(workspaceDirectory(project).toAbsolutePath().normalize());
            assertThat(workspace.root().resolve("src/app.txt")).hasContent("app");
            assertOnDefaultBranch(workspace.root());
            return workspace.overview();
        });
        assertThat(overview.trackedFiles()).isEqualTo(3);
        assertThat(overview.firstPaths()).containsExactly("README.md", "src/app.txt", "src/lib/util.txt");
        assertThat(overview.readmeHead()).isEqualTo(README);
    }

    @Test
    void commitsFileChangesOnAFreshBranchAndFastForwardsTheDefaultBranch() {
        Remote remote = seeded();
        long project = newProjectId();
        String before = remote.head(MAIN).orElseThrow();
        with(project, remote, workspace -> {
            Workspace.Committed committed = workspace.commitOnFreshBranch("agent/1-docs",
                    files(FileChange.upsert("docs/new.md", "hello"), FileChange.delete("src/app.txt")), "Add docs");
            assertThat(committed.sha()).hasSize(40).isNotEqualTo(before);
            assertThat(committed.diff()).contains("docs/new.md").contains("+hello").contains("src/app.txt").contains("-app");
            assertThat(workspace.root().resolve("docs/new.md")).hasContent("hello");
            assertThat(read(workspace.root().resolve("docs/new.md"))).isEqualTo("hello\n");
            assertThat(workspace.root().resolve("src/app.txt")).doesNotExist();

            Workspace.Merged merged = workspace.merge("agent/1-docs", false);
            assertThat(merged.fastForward()).isTrue();
            assertThat(merged.sha()).isEqualTo(committed.sha());
            assertOnDefaultBranch(workspace.root());
            return null;
        });
        assertThat(remote.head(MAIN)).contains(before);
        assertThat(remote.head("agent/1-docs")).isEmpty();
    }

    @Test
    void appliesAUnifiedPatchAfterCheckingItFixingTrailingWhitespaceOfAddedLines() {
        Remote remote = seeded();
        String patch = """
                diff --git a/README.md b/README.md
                --- a/README.md
                +++ b/README.md
                @@ -1,3 +1,3 @@
                 line one
                -line two
                +line 2
                 line three
                diff --git a/notes.txt b/notes.txt
                new file mode 100644
                --- /dev/null
                +++ b/notes.txt
                @@ -0,0 +1 @@
                +a note\t\s\s
                """;
        with(newProjectId(), remote, workspace -> {
            Workspace.Committed committed = workspace.commitOnFreshBranch("agent/2-patch", new ChangeSet.UnifiedPatch(patch), "Patch");
            assertThat(read(workspace.root().resolve("README.md"))).isEqualTo("line one\nline 2\nline three\n");
            assertThat(read(workspace.root().resolve("notes.txt"))).isEqualTo("a note\n");
            assertThat(committed.diff()).contains("-line two").contains("+line 2").contains("+a note");
            return null;
        });
    }

    @Test
    void aPatchThatDoesNotApplyFailsAndLeavesTheDefaultBranchClean() {
        Remote remote = seeded();
        String patch = """
                diff --git a/README.md b/README.md
                --- a/README.md
                +++ b/README.md
                @@ -1,2 +1,2 @@
                 no such line
                -nor this one
                +replacement
                """;
        with(newProjectId(), remote, workspace -> {
            assertThatThrownBy(() -> workspace.commitOnFreshBranch("agent/3-bad", new ChangeSet.UnifiedPatch(patch), "Bad"))
                    .isInstanceOf(GitFailure.class);
            assertOnDefaultBranch(workspace.root());
            assertThat(read(workspace.root().resolve("README.md"))).isEqualTo(README);
            return null;
        });
    }

    @Test
    void mergesWithAMergeCommitWhenTheDefaultBranchMovedAndPushesBoth() {
        Remote remote = seeded();
        long project = newProjectId();
        String branch = "agent/4-feature";
        String committed = with(project, remote, workspace -> workspace.commitOnFreshBranch(branch,
                files(FileChange.upsert("feature.txt", "feature")), "Feature").sha());
        String moved = remote.commit(MAIN, Map.of("other.txt", "other\n"), "Someone else");

        Workspace.Merged merged = with(project, remote, workspace -> {
            assertThat(workspace.root().resolve("other.txt")).as("prepare fast-forwards from origin").exists();
            return workspace.merge(branch, true);
        });
        assertThat(merged.fastForward()).isFalse();
        assertThat(merged.sha()).isNotIn(committed, moved);
        assertThat(remote.head(MAIN)).contains(merged.sha());
        assertThat(remote.head(branch)).contains(committed);
        assertThat(remote.parentCount(merged.sha())).isEqualTo(2);
        assertThat(remote.file(MAIN, "feature.txt")).contains("feature\n");
        assertThat(remote.file(MAIN, "other.txt")).contains("other\n");
        assertThat(remote.author(committed)).isEqualTo(BOT);
        assertThat(remote.author(merged.sha())).isEqualTo(BOT);
    }

    @Test
    void aFastForwardMergeWithPushMovesTheRemoteDefaultBranch() {
        Remote remote = seeded();
        Workspace.Merged merged = with(newProjectId(), remote, workspace -> {
            String sha = workspace.commitOnFreshBranch("agent/5-ff", files(FileChange.upsert("a.txt", "a")), "A").sha();
            Workspace.Merged result = workspace.merge("agent/5-ff", true);
            assertThat(result.sha()).isEqualTo(sha);
            return result;
        });
        assertThat(merged.fastForward()).isTrue();
        assertThat(remote.head(MAIN)).contains(merged.sha());
        assertThat(remote.head("agent/5-ff")).contains(merged.sha());
    }

    @Test
    void aPushTheRemoteRejectsIsAGitFailure() {
        Remote remote = seeded();
        String branch = "agent/12-rejected";
        with(newProjectId(), remote, workspace -> {
            workspace.commitOnFreshBranch(branch, files(FileChange.upsert("mine.txt", "mine")), "Mine");
            remote.commit(MAIN, Map.of("theirs.txt", "theirs\n"), "Moved after the fetch");
            assertThatThrownBy(() -> workspace.merge(branch, true))
                    .isInstanceOf(GitFailure.class)
                    .hasMessageContaining("rejected");
            return null;
        });
        assertThat(remote.file(MAIN, "mine.txt")).isEmpty();
        assertThat(remote.file(MAIN, "theirs.txt")).contains("theirs\n");
    }

    @Test
    void aConflictingMergeFailsAndLeavesTheDefaultBranchClean() {
        Remote remote = seeded();
        long project = newProjectId();
        String branch = "agent/6-conflict";
        with(project, remote, workspace -> workspace.commitOnFreshBranch(branch,
                files(FileChange.upsert("README.md", "line one\nours\nline three")), "Ours"));
        String theirs = "line one\ntheirs\nline three\n";
        String moved = remote.commit(MAIN, Map.of("README.md", theirs), "Theirs");

        with(project, remote, workspace -> {
            assertThatThrownBy(() -> workspace.merge(branch, true)).isInstanceOf(GitFailure.class);
            assertOnDefaultBranch(workspace.root());
            assertThat(read(workspace.root().resolve("README.md"))).isEqualTo(theirs);
            try (Stream<Path> files = Files.list(workspace.root())) {
                assertThat(files.map(path -> path.getFileName().toString()))
                        .containsExactlyInAnyOrder(".git", "README.md", "src");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
        assertThat(remote.head(MAIN)).contains(moved);
    }

    @Test
    void mergingAnUnknownBranchFails() {
        Remote remote = seeded();
        with(newProjectId(), remote, workspace -> {
            assertThatThrownBy(() -> workspace.merge("agent/none", false)).isInstanceOf(GitFailure.class);
            return null;
        });
    }

    @Test
    void nothingToCommitIsToleratedAndAnswersTheDefaultBranchHead() {
        Remote remote = seeded();
        String head = remote.head(MAIN).orElseThrow();
        Workspace.Committed committed = with(newProjectId(), remote, workspace -> workspace.commitOnFreshBranch(
                "agent/7-same", files(FileChange.upsert("README.md", README.stripTrailing())), "Same"));
        assertThat(committed.sha()).isEqualTo(head);
        assertThat(committed.diff()).isEmpty();
    }

    @Test
    void aRecreatedBranchStartsAgainFromTheDefaultBranch() {
        Remote remote = seeded();
        long project = newProjectId();
        with(project, remote, workspace -> workspace.commitOnFreshBranch("agent/8-again",
                files(FileChange.upsert("first.txt", "first")), "First"));
        with(project, remote, workspace -> {
            Workspace.Committed second = workspace.commitOnFreshBranch("agent/8-again",
                    files(FileChange.upsert("second.txt", "second")), "Second");
            assertThat(second.diff()).contains("second.txt").doesNotContain("first.txt");
            assertThat(workspace.root().resolve("first.txt")).doesNotExist();
            return null;
        });
    }

    @Test
    void pathsOutsideTheWorkspaceAreRefusedAndNothingIsWritten() throws IOException {
        Remote remote = seeded();
        Path outside = Files.createTempDirectory("agenthub-outside");
        with(newProjectId(), remote, workspace -> {
            Path root = workspace.root();
            String config = read(root.resolve(".git/config"));
            List<String> refused = List.of("../x.txt", outside.resolve("abs.txt").toString(), "escape/pwned.txt",
                    ".git/config", "src/../../y.txt");
            for (String path : refused) {
                try { // an untracked link to a directory outside (a failed commit cleans it away, so made anew)
                    if (!Files.isSymbolicLink(root.resolve("escape"))) {
                        Files.createSymbolicLink(root.resolve("escape"), outside);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                assertThatThrownBy(() -> workspace.commitOnFreshBranch("agent/9-escape",
                        files(FileChange.upsert("ok.txt", "fine"), FileChange.upsert(path, "pwned")), "Escape"))
                        .as(path).isInstanceOf(GitFailure.class);
                assertOnDefaultBranch(root);
                assertThat(root.resolve("ok.txt")).as("nothing written for " + path).doesNotExist();
            }
            String escapingPatch = """
                    diff --git a/../z.txt b/../z.txt
                    new file mode 100644
                    --- /dev/null
                    +++ b/../z.txt
                    @@ -0,0 +1 @@
                    +pwned
                    """;
            assertThatThrownBy(() -> workspace.commitOnFreshBranch("agent/9-escape",
                    new ChangeSet.UnifiedPatch(escapingPatch), "Escape")).isInstanceOf(GitFailure.class);
            assertOnDefaultBranch(root);
            assertThat(read(root.resolve(".git/config"))).isEqualTo(config);
            assertThat(read(root.resolve("README.md"))).isEqualTo(README);
            return null;
        });
        try (Stream<Path> left = Files.list(outside)) {
            assertThat(left).as("files written outside the workspace").isEmpty();
        }
        assertThat(outside.getParent().resolve("x.txt")).doesNotExist();
        assertThat(outside.getParent().resolve("z.txt")).doesNotExist();
    }

    @Test
    void anExistingDirectoryThatIsNotARepositoryIsAFailure() throws IOException {
        Remote remote = seeded();
        long project = newProjectId();
        Path dir = workspaceDirectory(project);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("stray.txt"), "stray");
        AtomicBoolean ran = new AtomicBoolean();
        assertThatThrownBy(() -> with(project, remote, workspace -> ran.getAndSet(true))).isInstanceOf(GitFailure.class);
        assertThat(ran).isFalse();
        assertThat(dir.resolve("stray.txt")).hasContent("stray");
    }

    @Test
    void aCloneThatFailsIsAGitFailureAndLeavesNoDirectory() {
        long project = newProjectId();
        Path missing = workspaceDirectory(project).resolveSibling("no-such-remote-" + project);
        assertThatThrownBy(() -> workspaces().withWorkspace(new RepoTarget(project, missing.toString(), MAIN), w -> null))
                .isInstanceOf(GitFailure.class);
        assertThat(workspaceDirectory(project)).doesNotExist();
    }

    @Test
    void anEmptyRemoteGetsItsDefaultBranchOnTheFirstMerge() {
        Remote remote = newRemote(MAIN, Map.of());
        Workspace.Merged merged = with(newProjectId(), remote, workspace -> {
            assertThat(workspace.overview().trackedFiles()).isZero();
            assertThat(workspace.overview().readmeHead()).isEmpty();
            Workspace.Committed committed = workspace.commitOnFreshBranch("agent/10-first",
                    files(FileChange.upsert("README.md", "# first")), "First");
            assertThat(committed.diff()).contains("+# first");
            Workspace.Merged result = workspace.merge("agent/10-first", true);
            assertThat(result.sha()).isEqualTo(committed.sha());
            return result;
        });
        assertThat(remote.head(MAIN)).contains(merged.sha());
        assertThat(remote.file(MAIN, "README.md")).contains("# first\n");
    }

    @Test
    void workOnOneProjectNeverOverlaps() throws Exception {
        Remote remote = seeded();
        long project = newProjectId();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        AtomicInteger commits = new AtomicInteger();
        ConcurrentRuns.run(2, thread -> {
            for (int round = 0; round < 3; round++) {
                String branch = "agent/11-t" + thread + "-r" + round;
                with(project, remote, workspace -> {
                    maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    try {
                        workspace.commitOnFreshBranch(branch, files(FileChange.upsert("t" + thread + ".txt",
                                "round " + branch)), "Round");
                        workspace.merge(branch, false);
                        commits.incrementAndGet();
                    } finally {
                        inside.decrementAndGet();
                    }
                    return null;
                });
            }
        });
        assertThat(maxInside.get()).isEqualTo(1);
        assertThat(commits.get()).isEqualTo(6);
    }
}
