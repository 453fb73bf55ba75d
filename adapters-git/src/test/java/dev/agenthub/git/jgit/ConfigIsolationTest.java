package dev.agenthub.git.jgit;

import dev.agenthub.orchestration.git.port.ChangeSet;
import dev.agenthub.orchestration.git.port.FileChange;
import dev.agenthub.orchestration.git.port.RepoTarget;
import dev.agenthub.orchestration.git.port.Workspace;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hostile user git config (the surefire JVM's {@code user.home} is a scratch directory, see the pom) must not
 * change what the engine does: the identity, hooks and signing are pinned in the workspace's own config.
 */
class ConfigIsolationTest {

    @Test
    void aHostileUserConfigChangesNeitherIdentityNorHooksNorSigning(@TempDir Path scratch) throws Exception {
        Path home = Path.of(System.getProperty("user.home"));
        assertThat(home.toString()).as("surefire must point user.home at a scratch directory").contains("target");
        Files.createDirectories(home);
        Path hooks = scratch.resolve("hooks");
        Files.createDirectories(hooks);
        Path marker = scratch.resolve("hook-ran");
        for (String hook : List.of("pre-commit", "commit-msg", "post-commit")) {
            Path script = hooks.resolve(hook);
            Files.writeString(script, "#!/bin/sh\ntouch " + marker + "\nexit 1\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path gitconfig = home.resolve(".gitconfig");
        try {
            Path remote = scratch.resolve("remote");
            try (Git seed = Git.init().setInitialBranch("main").setDirectory(remote.toFile()).call()) {
                Files.writeString(remote.resolve("README.md"), "hi\n");
                seed.add().addFilepattern("README.md").call();
                seed.commit().setMessage("seed").setAuthor("Seed", "seed@example.com")
                        .setCommitter("Seed", "seed@example.com").setSign(false).setNoVerify(true).call();
            }
            Files.writeString(gitconfig, "[user]\n\tname = Hostile\n\temail = hostile@example.com\n"
                    + "[core]\n\thooksPath = " + hooks + "\n[commit]\n\tgpgSign = true\n");
            JGitWorkspaces engine = new JGitWorkspaces(JGitSettings.defaults(scratch.resolve("ws")), new SerialLocks());
            Workspace.Committed committed = engine.withWorkspace(new RepoTarget(1, remote.toString(), "main"),
                    workspace -> workspace.commitOnFreshBranch("agent/1-x",
                            new ChangeSet.FileChanges(List.of(FileChange.upsert("x.txt", "x"))), "X"));
            try (Git workspace = Git.open(engine.workspaceDirectory(1).toFile())) {
                RevCommit commit = workspace.log().setMaxCount(1).call().iterator().next();
                assertThat(commit.name()).isEqualTo(committed.sha());
                assertThat(commit.getAuthorIdent().getName()).isEqualTo("Agent Hub Bot");
                assertThat(commit.getCommitterIdent().getEmailAddress()).isEqualTo("agent-hub@example.local");
                assertThat(commit.getRawGpgSignature()).isNull();
            }
            assertThat(marker).as("a hook from the user config ran").doesNotExist();
        } finally {
            Files.deleteIfExists(gitconfig);
        }
    }
}
