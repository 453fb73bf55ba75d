package dev.agenthub.git.jgit;

import dev.agenthub.orchestration.git.port.GitFailure;
import org.eclipse.jgit.errors.LockFailedException;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GitCommandsTest {

    private final List<Long> pauses = new ArrayList<>();

    private GitCommands commands(int retries, Optional<String> user, Optional<String> password,
                                 Optional<String> github, Optional<String> gitlab) {
        JGitSettings settings = new JGitSettings(Path.of("ws"), Duration.ofSeconds(5), retries, user, password, github, gitlab);
        return new GitCommands(settings, pauses::add);
    }

    private GitCommands commands(int retries) {
        return commands(retries, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void transientFailuresAreRetriedWithADoublingBackoff() {
        AtomicInteger attempts = new AtomicInteger();
        String result = commands(3).run("fetch", () -> {
            if (attempts.incrementAndGet() < 4) {
                throw new java.io.IOException("unable to access 'https://x/': connection reset");
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(attempts).hasValue(4);
        assertThat(pauses).containsExactly(200L, 400L, 800L);
    }

    @Test
    void retriesStopAtTheConfiguredCount() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> commands(1).run("commit", () -> {
            attempts.incrementAndGet();
            throw new LockFailedException(new File("/w/.git/index"), "Cannot lock index.lock");
        })).isInstanceOf(GitFailure.class).hasMessageStartingWith("commit: ");
        assertThat(attempts).hasValue(2);
        assertThat(pauses).containsExactly(200L);
    }

    @Test
    void otherFailuresAndRefusalsAreNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> commands(5).run("apply", () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("patch does not apply");
        })).isInstanceOf(GitFailure.class).hasMessage("apply: patch does not apply");
        GitFailure refused = new GitFailure("refused path");
        assertThatThrownBy(() -> commands(5).run("write", () -> {
            attempts.incrementAndGet();
            throw refused;
        })).isSameAs(refused);
        assertThat(attempts).hasValue(2);
        assertThat(pauses).isEmpty();
    }

    @Test
    void classifiesTheTransientOutputsOfTheSpec() {
        for (String message : List.of("fatal: Unable to create '/r/.git/index.lock': File exists",
                "Another git process seems to be running", "Failed to connect to github.com", "Operation timed out")) {
            assertThat(GitCommands.isTransient(new RuntimeException(message))).as(message).isTrue();
        }
        assertThat(GitCommands.isTransient(new RuntimeException("x", new ConnectException("refused")))).isTrue();
        assertThat(GitCommands.isTransient(new RuntimeException("merge conflict in README.md"))).isFalse();
    }

    @Test
    void messagesNeverNameCredentials() {
        GitCommands commands = commands(0, Optional.of("bob"), Optional.of("s3cret-pass"), Optional.of("ghp_token123"),
                Optional.empty());
        assertThatThrownBy(() -> commands.run("push", () -> {
            throw new java.io.IOException("https://bob:s3cret-pass@example.com/r.git: not authorized (ghp_token123)");
        })).isInstanceOf(GitFailure.class).satisfies(failure -> assertThat(failure.getMessage())
                .doesNotContain("s3cret-pass").doesNotContain("ghp_token123").contains("https://***@example.com"));
    }

    @Test
    void choosesCredentialsByRemote() throws Exception {
        GitCommands tokens = commands(0, Optional.empty(), Optional.empty(), Optional.of("gh-tok"), Optional.of("gl-tok"));
        assertThat(user(tokens, "https://github.com/o/r.git")).isEqualTo("x-access-token:gh-tok");
        assertThat(user(tokens, "https://gitlab.example.org/o/r.git")).isEqualTo("oauth2:gl-tok");
        assertThat(tokens.credentialsFor("https://bitbucket.org/o/r.git")).isEmpty();
        assertThat(tokens.credentialsFor("git@github.com:o/r.git")).as("ssh").isEmpty();
        assertThat(tokens.credentialsFor("/srv/repos/r.git")).as("local path").isEmpty();

        GitCommands explicit = commands(0, Optional.of("bob"), Optional.of("pw"), Optional.of("gh-tok"), Optional.empty());
        assertThat(user(explicit, "https://github.com/o/r.git")).isEqualTo("bob:pw");
    }

    private static String user(GitCommands commands, String url) throws Exception {
        CredentialsProvider provider = commands.credentialsFor(url).orElseThrow();
        CredentialItem.Username user = new CredentialItem.Username();
        CredentialItem.Password password = new CredentialItem.Password();
        assertThat(provider.get(new URIish(url), user, password)).isTrue();
        return user.getValue() + ":" + new String(password.getValue());
    }
}
