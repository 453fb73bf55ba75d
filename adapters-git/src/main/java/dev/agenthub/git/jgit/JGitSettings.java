package dev.agenthub.git.jgit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of the JGit engine (wire spec agenthub §6.3 step 4, §6.4, §12), parsed by app-server's
 * {@code HubConfig}.
 *
 * @param workspacesRoot  {@code AGENT_HUB_WORKSPACES}: where {@code project-<id>} clones live (default
 *                        {@code .agent_workspaces})
 * @param commandTimeout  {@code AGENT_HUB_GIT_COMMAND_TIMEOUT_SEC} (5..600 s, default 60): the transport timeout of
 *                        clone, fetch and push, and how long {@code withWorkspace} waits for the project lock
 * @param retries         {@code AGENT_HUB_GIT_COMMAND_RETRIES} (0..10, default 1): extra attempts after a transient
 *                        failure, with a backoff of 0.2 s × 2^(attempt−1)
 * @param username        {@code AGENT_HUB_GIT_USERNAME}, used for http(s) remotes together with {@code password}
 * @param password        {@code AGENT_HUB_GIT_PASSWORD}
 * @param githubToken     {@code GITHUB_TOKEN}: for github.com hosts (user {@code x-access-token}) when no
 *                        username/password is set
 * @param gitlabToken     {@code GITLAB_TOKEN}: for hosts containing {@code gitlab} (user {@code oauth2}) likewise
 */
public record JGitSettings(
        Path workspacesRoot,
        Duration commandTimeout,
        int retries,
        Optional<String> username,
        Optional<String> password,
        Optional<String> githubToken,
        Optional<String> gitlabToken) {

    public static final Path DEFAULT_WORKSPACES = Path.of(".agent_workspaces");
    public static final int DEFAULT_TIMEOUT_SECONDS = 60;
    public static final int MIN_TIMEOUT_SECONDS = 5;
    public static final int MAX_TIMEOUT_SECONDS = 600;
    public static final int DEFAULT_RETRIES = 1;
    public static final int MAX_RETRIES = 10;

    public JGitSettings {
        Objects.requireNonNull(workspacesRoot, "workspacesRoot");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        long seconds = commandTimeout.toSeconds();
        if (seconds < MIN_TIMEOUT_SECONDS || seconds > MAX_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException("git command timeout must be 5..600 s, got " + commandTimeout);
        }
        if (retries < 0 || retries > MAX_RETRIES) {
            throw new IllegalArgumentException("git command retries must be 0..10, got " + retries);
        }
        username = blankToEmpty(username);
        password = blankToEmpty(password);
        githubToken = blankToEmpty(githubToken);
        gitlabToken = blankToEmpty(gitlabToken);
    }

    /** The defaults with {@code workspacesRoot}, and no credentials. */
    public static JGitSettings defaults(Path workspacesRoot) {
        return new JGitSettings(workspacesRoot, Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS), DEFAULT_RETRIES,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A copy with other timeout and retries (tests). */
    public JGitSettings withTiming(Duration timeout, int newRetries) {
        return new JGitSettings(workspacesRoot, timeout, newRetries, username, password, githubToken, gitlabToken);
    }

    /** Never prints a credential. */
    @Override
    public String toString() {
        return "JGitSettings[workspacesRoot=" + workspacesRoot + ", commandTimeout=" + commandTimeout
                + ", retries=" + retries + ", username=" + username.isPresent() + ", password=" + password.isPresent()
                + ", githubToken=" + githubToken.isPresent() + ", gitlabToken=" + gitlabToken.isPresent() + "]";
    }

    private static Optional<String> blankToEmpty(Optional<String> value) {
        Objects.requireNonNull(value, "credential option");
        return value.filter(text -> !text.isBlank());
    }
}
