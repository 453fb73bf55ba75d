package dev.agenthub.it.autopilot;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A real repository on disk, created and read with JGit: a bare remote seeded with a README on {@code main}. */
final class GitRemote {

    private final Path dir;

    private GitRemote(Path dir) {
        this.dir = dir;
    }

    /** A bare repository at {@code scratch/remote.git} whose {@code main} holds one commit with {@code README.md}. */
    static GitRemote seeded(Path scratch) {
        Path seed = scratch.resolve("seed");
        Path bare = scratch.resolve("remote.git");
        try (Git git = Git.init().setInitialBranch("main").setDirectory(seed.toFile()).call()) {
            Files.writeString(seed.resolve("README.md"), "# Demo\n");
            git.add().addFilepattern("README.md").call();
            PersonIdent someone = new PersonIdent("Someone", "someone@example.com");
            git.commit().setMessage("Seed").setAuthor(someone).setCommitter(someone).setSign(false).call();
            Git.cloneRepository().setBare(true).setURI(seed.toUri().toString()).setDirectory(bare.toFile()).call()
                    .close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new GitRemote(bare);
    }

    /** A repository already on disk (e.g. the hub's workspace clone). */
    static GitRemote at(Path dir) {
        return new GitRemote(dir);
    }

    String path() {
        return dir.toString();
    }

    private Repository open() throws IOException {
        return Git.open(dir.toFile()).getRepository();
    }

    /** The commit messages reachable from {@code branch}, newest first. */
    List<String> log(String branch) {
        try (Repository repo = open(); RevWalk walk = new RevWalk(repo)) {
            ObjectId tip = repo.resolve(Constants.R_HEADS + branch);
            List<String> messages = new ArrayList<>();
            if (tip == null) {
                return messages;
            }
            walk.markStart(walk.parseCommit(tip));
            for (RevCommit commit : walk) {
                messages.add(commit.getShortMessage());
            }
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<String> head(String branch) {
        try (Repository repo = open()) {
            return Optional.ofNullable(repo.exactRef(Constants.R_HEADS + branch)).map(ref -> ref.getObjectId().name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The content of {@code path} at the tip of {@code branch}. */
    Optional<String> file(String branch, String path) {
        try (Repository repo = open(); RevWalk walk = new RevWalk(repo)) {
            ObjectId tip = repo.resolve(Constants.R_HEADS + branch);
            if (tip == null) {
                return Optional.empty();
            }
            try (TreeWalk tree = TreeWalk.forPath(repo, path, walk.parseCommit(tip).getTree())) {
                return tree == null ? Optional.empty()
                        : Optional.of(new String(repo.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
