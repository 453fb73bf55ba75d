package dev.agenthub.it.contracts;

import dev.agenthub.git.jgit.JGitSettings;
import dev.agenthub.git.jgit.JGitWorkspaces;
import dev.agenthub.orchestration.git.port.GitWorkspaces;
import dev.agenthub.persistence.inprocess.InProcessProjectLocks;
import dev.agenthub.testkit.git.GitWorkspacesContract;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The JGit engine against bare repositories on disk (created and inspected with JGit) as its remotes. */
class JGitWorkspacesContractTest extends GitWorkspacesContract {

    private final Path scratch;
    private final JGitWorkspaces engine;

    JGitWorkspacesContractTest() throws IOException {
        scratch = Files.createTempDirectory("agenthub-git-contract");
        JGitSettings settings = JGitSettings.defaults(scratch.resolve("workspaces")).withTiming(Duration.ofSeconds(10), 1);
        engine = new JGitWorkspaces(settings, new InProcessProjectLocks());
    }

    @Override
    protected GitWorkspaces workspaces() {
        return engine;
    }

    @Override
    protected Path workspaceDirectory(long projectId) {
        return engine.workspaceDirectory(projectId);
    }

    @Override
    protected Remote newRemote(String defaultBranch, Map<String, String> seedFiles) {
        Path dir = scratch.resolve("remotes").resolve(UUID.randomUUID() + ".git");
        try (Git ignored = Git.init().setBare(true).setInitialBranch(defaultBranch).setDirectory(dir.toFile()).call()) {
            BareRemote remote = new BareRemote(dir);
            if (!seedFiles.isEmpty()) {
                remote.commit(defaultBranch, seedFiles, "Seed");
            }
            return remote;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bare repository written and read through JGit's object layer. */
    private record BareRemote(Path dir) implements Remote {

        @Override
        public String url() {
            return dir.toString();
        }

        private Repository open() {
            try {
                return Git.open(dir.toFile()).getRepository();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Optional<String> head(String branch) {
            try (Repository repo = open()) {
                return Optional.ofNullable(repo.exactRef(Constants.R_HEADS + branch)).map(ref -> ref.getObjectId().name());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Optional<String> file(String branch, String path) {
            try (Repository repo = open(); RevWalk walk = new RevWalk(repo)) {
                ObjectId tip = repo.resolve(Constants.R_HEADS + branch);
                if (tip == null) {
                    return Optional.empty();
                }
                try (TreeWalk tree = TreeWalk.forPath(repo, path, walk.parseCommit(tip).getTree())) {
                    if (tree == null) {
                        return Optional.empty();
                    }
                    return Optional.of(new String(repo.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String commit(String branch, Map<String, String> files, String message) {
            try (Repository repo = open(); ObjectInserter inserter = repo.newObjectInserter(); RevWalk walk = new RevWalk(repo)) {
                ObjectId parent = repo.resolve(Constants.R_HEADS + branch);
                DirCache index = parent == null ? DirCache.newInCore()
                        : DirCache.read(repo.newObjectReader(), walk.parseCommit(parent).getTree());
                DirCacheEditor editor = index.editor();
                for (Map.Entry<String, String> file : files.entrySet()) {
                    ObjectId blob = inserter.insert(Constants.OBJ_BLOB, file.getValue().getBytes(StandardCharsets.UTF_8));
                    editor.add(new DirCacheEditor.PathEdit(file.getKey()) {
                        @Override
                        public void apply(DirCacheEntry entry) {
                            entry.setFileMode(FileMode.REGULAR_FILE);
                            entry.setObjectId(blob);
                        }
                    });
                }
                editor.finish();
                CommitBuilder commit = new CommitBuilder();
                commit.setTreeId(index.writeTree(inserter));
                if (parent != null) {
                    commit.setParentId(parent);
                }
                PersonIdent someone = new PersonIdent("Someone Else", "someone@example.com");
                commit.setAuthor(someone);
                commit.setCommitter(someone);
                commit.setMessage(message);
                ObjectId id = inserter.insert(commit);
                inserter.flush();
                RefUpdate update = repo.updateRef(Constants.R_HEADS + branch);
                update.setNewObjectId(id);
                update.setExpectedOldObjectId(parent == null ? ObjectId.zeroId() : parent);
                RefUpdate.Result result = update.update();
                if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FAST_FORWARD) {
                    throw new IllegalStateException("remote update of " + branch + ": " + result);
                }
                return id.name();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public int parentCount(String sha) {
            return parse(sha).getParentCount();
        }

        @Override
        public String author(String sha) {
            PersonIdent author = parse(sha).getAuthorIdent();
            return author.getName() + " <" + author.getEmailAddress() + ">";
        }

        private RevCommit parse(String sha) {
            try (Repository repo = open(); RevWalk walk = new RevWalk(repo)) {
                return walk.parseCommit(ObjectId.fromString(sha));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
