package dev.agenthub.orchestration.projects;

import dev.agenthub.protocol.kernel.error.DomainError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The repo_url rules of wire spec agenthub §5.1 on real directories. */
class RepoUrlsTest {

    @TempDir
    Path temp;
    private Path root;
    private Path workTree;
    private Path bare;
    private Path plain;
    private RepoUrls open;

    @BeforeEach
    void layout() throws IOException {
        root = temp.toRealPath();
        workTree = Files.createDirectories(root.resolve("work"));
        Files.createDirectory(workTree.resolve(".git"));
        bare = Files.createDirectories(root.resolve("bare.git"));
        Files.writeString(bare.resolve("HEAD"), "ref: refs/heads/main\n");
        Files.createDirectory(bare.resolve("objects"));
        plain = Files.createDirectories(root.resolve("plain"));
        open = new RepoUrls(true, Optional.empty(), root);
    }

    private static void rejects(RepoUrls rules, String value, String detail) {
        assertThatThrownBy(() -> rules.normalize(value))
                .isInstanceOfSatisfying(DomainError.Invalid.class, e -> assertThat(e.detail()).isEqualTo(detail));
    }

    @Test
    void blankIsEmpty() {
        rejects(open, "   ", "repo_url cannot be empty");
        rejects(open, "\t\n", "repo_url cannot be empty");
    }

    @Test
    void remoteFormsAreKeptTrimmed() {
        assertThat(open.normalize("  git@github.com:acme/x.git ")).isEqualTo("git@github.com:acme/x.git");
        assertThat(open.normalize("https://github.com/acme/x")).isEqualTo("https://github.com/acme/x");
        assertThat(open.normalize("HTTP://h/x")).isEqualTo("HTTP://h/x");
        assertThat(open.normalize("ssh://git@h/x")).isEqualTo("ssh://git@h/x");
        assertThat(open.normalize("git://h/x")).isEqualTo("git://h/x");
        assertThat(open.normalize("https:no-slashes")).isEqualTo("https:no-slashes");
    }

    @Test
    void remoteFormsPassEvenWhenLocalPathsAreDisabled() {
        RepoUrls closed = new RepoUrls(false, Optional.empty(), root);
        assertThat(closed.normalize("git@h:x.git")).isEqualTo("git@h:x.git");
        assertThat(closed.normalize("https://h/x")).isEqualTo("https://h/x");
    }

    @Test
    void otherSchemesAreLocalPaths() {
        RepoUrls closed = new RepoUrls(false, Optional.empty(), root);
        rejects(closed, "ftp://h/x", "Local repository paths are disabled");
        rejects(closed, "file:///srv/repo", "Local repository paths are disabled");
        rejects(closed, workTree.toString(), "Local repository paths are disabled");
    }

    @Test
    void aWorkTreeOrABareRepositoryIsStoredAsItsRealPath() throws IOException {
        assertThat(open.normalize(workTree.toString())).isEqualTo(workTree.toString());
        assertThat(open.normalize(" " + root + "/work/../bare.git/ ")).isEqualTo(bare.toString());
        Path linkedWorktree = Files.createDirectories(root.resolve("linked"));
        Files.writeString(linkedWorktree.resolve(".git"), "gitdir: /elsewhere\n"); // a linked worktree's .git file
        assertThat(open.normalize(linkedWorktree.toString())).isEqualTo(linkedWorktree.toString());
    }

    @Test
    void aMissingPathIsReportedResolved() {
        rejects(open, root + "/nope/../missing", "Local repository path does not exist: " + root.resolve("missing"));
    }

    @Test
    void aDirectoryWithoutGitIsNotARepository() throws IOException {
        rejects(open, plain.toString(), "Path is not a git repository: " + plain);
        Path headOnly = Files.createDirectories(root.resolve("head-only"));
        Files.writeString(headOnly.resolve("HEAD"), "x");
        rejects(open, headOnly.toString(), "Path is not a git repository: " + headOnly);
        Path objectsFile = Files.createDirectories(root.resolve("objects-file"));
        Files.writeString(objectsFile.resolve("HEAD"), "x");
        Files.writeString(objectsFile.resolve("objects"), "not a directory");
        rejects(open, objectsFile.toString(), "Path is not a git repository: " + objectsFile);
        Path file = Files.writeString(root.resolve("file.txt"), "x");
        rejects(open, file.toString(), "Path is not a git repository: " + file);
    }

    @Test
    void aFileUrlContributesItsPath() {
        assertThat(open.normalize("file://" + workTree)).isEqualTo(workTree.toString());
        assertThat(open.normalize("file://localhost" + bare)).isEqualTo(bare.toString());
        assertThat(open.normalize("FILE:" + workTree)).isEqualTo(workTree.toString());
        rejects(open, "file://" + plain, "Path is not a git repository: " + plain);
    }

    @Test
    void aTildeIsTheHomeDirectoryForPlainPathsOnly() {
        assertThat(open.normalize("~/work")).isEqualTo(workTree.toString());
        rejects(new RepoUrls(true, Optional.empty(), plain), "~", "Path is not a git repository: " + plain);
        assertThat(new RepoUrls(true, Optional.empty(), workTree).normalize("~")).isEqualTo(workTree.toString());
        rejects(open, "file:~/work", "Local repository path does not exist: " + Path.of("~/work").toAbsolutePath());
        rejects(open, "~/absent", "Local repository path does not exist: " + root.resolve("absent"));
    }

    @Test
    void symbolicLinksResolveToTheRealPath() throws IOException {
        Path link = Files.createSymbolicLink(root.resolve("link"), workTree);
        assertThat(open.normalize(link.toString())).isEqualTo(workTree.toString());
        Path dangling = Files.createSymbolicLink(root.resolve("dangling"), root.resolve("gone"));
        rejects(open, dangling.toString(), "Local repository path does not exist: " + dangling);
    }

    @Test
    void anAllowedRootConfinesLocalPaths() throws IOException {
        Path inside = Files.createDirectories(root.resolve("allowed"));
        Path repo = Files.createDirectories(inside.resolve("repo"));
        Files.createDirectory(repo.resolve(".git"));
        RepoUrls confined = new RepoUrls(true, Optional.of(inside.toString()), root);
        assertThat(confined.normalize(repo.toString())).isEqualTo(repo.toString());
        rejects(confined, workTree.toString(),
                "Local repository path `" + workTree + "` is outside allowed root `" + inside + "`");
        // a sibling that shares the root's name as a prefix is outside
        Path sibling = Files.createDirectories(root.resolve("allowed-not"));
        Files.createDirectory(sibling.resolve(".git"));
        rejects(confined, sibling.toString(),
                "Local repository path `" + sibling + "` is outside allowed root `" + inside + "`");
        // a link inside the root that points outside is judged by its target
        Path escape = Files.createSymbolicLink(inside.resolve("escape"), workTree);
        rejects(confined, escape.toString(),
                "Local repository path `" + workTree + "` is outside allowed root `" + inside + "`");
        // the root itself may be given with ~ and may be a link
        Path rootLink = Files.createSymbolicLink(root.resolve("root-link"), inside);
        assertThat(new RepoUrls(true, Optional.of("~/root-link"), root).normalize(repo.toString())).isEqualTo(repo.toString());
        assertThat(rootLink).isNotNull();
        // the root is checked after existence and repository shape
        rejects(confined, root + "/missing", "Local repository path does not exist: " + root.resolve("missing"));
    }

    @Test
    void schemeDetectionFollowsUrlsplit() {
        assertThat(RepoUrls.scheme("HTTPS://x")).contains("https");
        assertThat(RepoUrls.scheme("git+ssh://x")).contains("git+ssh");
        assertThat(RepoUrls.scheme("/abs/path")).isEmpty();
        assertThat(RepoUrls.scheme("1http://x")).isEmpty();
        assertThat(RepoUrls.scheme("ht tp://x")).isEmpty();
        assertThat(RepoUrls.scheme(":x")).isEmpty();
    }
}
