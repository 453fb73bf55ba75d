package dev.agenthub.git.jgit;

import dev.agenthub.orchestration.git.port.GitFailure;
import dev.agenthub.orchestration.git.port.GitWorkspaces;
import dev.agenthub.orchestration.git.port.ProjectLocks;
import dev.agenthub.orchestration.git.port.RepoTarget;
import dev.agenthub.orchestration.git.port.Workspace;
import org.eclipse.jgit.api.Git;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@link GitWorkspaces} on JGit: one clone per project in {@code <workspacesRoot>/project-<id>}, used under the
 * project's {@link ProjectLocks} lock (waiting at most the git command timeout). No {@code git} process is started.
 *
 * <p>Git configuration: the engine pins in each workspace's own config (which wins over the user's and the
 * system's) everything it relies on: the hub identity, no hooks ({@code core.hooksPath} to an empty directory inside
 * {@code .git}), no signing, no line-ending conversion; and it passes every choice (fast-forward mode, signing,
 * no-verify) explicitly to the commands. It never calls {@code SystemReader.setInstance}.
 */
public final class JGitWorkspaces implements GitWorkspaces {

    private static final Logger LOG = LoggerFactory.getLogger(JGitWorkspaces.class);

    private final JGitSettings settings;
    private final ProjectLocks locks;
    private final GitCommands commands;

    public JGitWorkspaces(JGitSettings settings, ProjectLocks locks) {
        this(settings, locks, Thread::sleep);
    }

    JGitWorkspaces(JGitSettings settings, ProjectLocks locks, GitCommands.Sleeper sleeper) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.locks = Objects.requireNonNull(locks, "locks");
        this.commands = new GitCommands(settings, sleeper);
    }

    /** Where the workspace of {@code projectId} lives. */
    public Path workspaceDirectory(long projectId) {
        return settings.workspacesRoot().resolve("project-" + projectId).toAbsolutePath().normalize();
    }

    @Override
    public <T> T withWorkspace(RepoTarget target, Function<Workspace, T> work) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(work, "work");
        try {
            return locks.exclusively(target.projectId(), settings.commandTimeout(), () -> {
                try (Git git = prepare(target)) {
                    JGitWorkspace workspace = new JGitWorkspace(git, target, commands);
                    try {
                        return work.apply(workspace);
                    } finally {
                        workspace.invalidate();
                    }
                }
            });
        } catch (ProjectLocks.LockTimeout timeout) {
            throw new GitFailure("workspace of project " + target.projectId() + " is busy: lock not obtained within "
                    + settings.commandTimeout().toSeconds() + " s");
        }
    }

    private Git prepare(RepoTarget target) {
        Path dir = workspaceDirectory(target.projectId());
        Git git;
        if (!Files.exists(dir)) {
            git = cloneInto(target, dir);
        } else if (!Files.isDirectory(dir.resolve(".git"))) {
            throw new GitFailure("workspace " + dir + " exists but is not a git repository");
        } else {
            git = commands.run("open workspace", () -> Git.open(dir.toFile()));
        }
        try {
            JGitWorkspace.prepare(git, target, commands);
            return git;
        } catch (RuntimeException e) {
            git.close();
            throw e;
        }
    }

    private Git cloneInto(RepoTarget target, Path dir) {
        try {
            Files.createDirectories(dir.getParent());
        } catch (IOException e) {
            throw new GitFailure("cannot create the workspaces root: " + e.getMessage());
        }
        try {
            return commands.run("clone " + commands.redact(target.repoUrl()), () -> {
                deleteRecursively(dir);
                var clone = Git.cloneRepository()
                        .setURI(target.repoUrl())
                        .setDirectory(dir.toFile())
                        .setRemote("origin")
                        .setTimeout(commands.timeoutSeconds());
                commands.credentialsFor(target.repoUrl()).ifPresent(clone::setCredentialsProvider);
                return clone.call();
            });
        } catch (GitFailure failure) {
            try {
                deleteRecursively(dir);
            } catch (IOException e) {
                LOG.warn("could not remove the partial clone {}: {}", dir, e.toString());
            }
            throw failure;
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException exc) throws IOException {
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
