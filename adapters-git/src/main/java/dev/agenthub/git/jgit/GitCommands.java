package dev.agenthub.git.jgit;

import dev.agenthub.orchestration.git.port.GitFailure;
import org.eclipse.jgit.errors.LockFailedException;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Runs one git step with the retries of §6.4 and turns its failure into a {@link GitFailure} whose message names no
 * credential; picks the credentials of a remote.
 */
final class GitCommands {

    /** A step of JGit work; any exception is a failure of the step. */
    @FunctionalInterface
    interface Step<T> {
        T run() throws Exception;
    }

    /** The outputs §6.4 retries on, lower case. */
    private static final List<String> TRANSIENT_MARKERS = List.of("index.lock", "another git process seems to be running",
            "unable to access", "failed to connect", "connection reset", "operation timed out", "timed out",
            "cannot lock", "connection refused");
    private static final Pattern URL_USER_INFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)[^/@\\s]+@");

    private final JGitSettings settings;
    private final Sleeper sleeper;

    /** Waits between attempts; a seam so tests of the retry loop need not wait. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    GitCommands(JGitSettings settings, Sleeper sleeper) {
        this.settings = settings;
        this.sleeper = sleeper;
    }

    int timeoutSeconds() {
        return (int) settings.commandTimeout().toSeconds();
    }

    /**
     * Runs {@code step}, retrying transient failures up to the configured count with a backoff of
     * 0.2 s × 2^(attempt−1), and never starting a retry whose pause would end after the command timeout (counted
     * from the first attempt): the timeout bounds a step's retries, the transport timeout each network attempt.
     *
     * @throws GitFailure {@code "<what>: <cause>"} when the last attempt fails; a {@code GitFailure} the step throws
     *                    itself is never retried and passes unchanged
     */
    <T> T run(String what, Step<T> step) {
        long deadline = System.nanoTime() + settings.commandTimeout().toNanos();
        for (int attempt = 0; ; attempt++) {
            try {
                return step.run();
            } catch (GitFailure refused) {
                throw refused;
            } catch (Exception e) {
                long pauseNanos = (200L << attempt) * 1_000_000L;
                if (attempt < settings.retries() && isTransient(e) && System.nanoTime() + pauseNanos < deadline) {
                    backoff(attempt + 1);
                    continue;
                }
                throw new GitFailure(what + ": " + describe(e));
            }
        }
    }

    /** Runs {@code step} as {@link #run} does, but only reports a final failure (fetch and pull are best effort). */
    boolean tryRun(String what, Step<?> step) {
        try {
            run(what, step);
            return true;
        } catch (GitFailure ignored) {
            return false;
        }
    }

    private void backoff(int attempt) {
        try {
            sleeper.sleep(200L << (attempt - 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitFailure("interrupted while waiting to retry a git command");
        }
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof SocketTimeoutException
                    || t instanceof InterruptedIOException || t instanceof LockFailedException) {
                return true;
            }
            String message = t.getMessage();
            if (message != null) {
                String lower = message.toLowerCase(Locale.ROOT);
                if (TRANSIENT_MARKERS.stream().anyMatch(lower::contains)) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The failure's message chain, with URL user info and every configured secret redacted. */
    String describe(Throwable failure) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = failure; t != null && parts.size() < 4; t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (parts.stream().noneMatch(message::contains)) {
                parts.add(message);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return redact(String.join(": ", parts));
    }

    String redact(String text) {
        String redacted = URL_USER_INFO.matcher(text).replaceAll("$1***@");
        for (Optional<String> secret : List.of(settings.password(), settings.githubToken(), settings.gitlabToken(),
                settings.username())) {
            if (secret.isPresent()) {
                redacted = redacted.replace(secret.get(), "***");
            }
        }
        return redacted;
    }

    /**
     * The credentials for {@code remoteUrl}: none unless it is http(s); then the configured username and password,
     * else {@code GITHUB_TOKEN} for github.com, else {@code GITLAB_TOKEN} for a host containing {@code gitlab}.
     */
    Optional<CredentialsProvider> credentialsFor(String remoteUrl) {
        URIish uri;
        try {
            uri = new URIish(remoteUrl);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.empty();
        }
        if (settings.username().isPresent() && settings.password().isPresent()) {
            return Optional.of(new UsernamePasswordCredentialsProvider(settings.username().get(), settings.password().get()));
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if ((host.equals("github.com") || host.endsWith(".github.com")) && settings.githubToken().isPresent()) {
            return Optional.of(new UsernamePasswordCredentialsProvider("x-access-token", settings.githubToken().get()));
        }
        if (host.contains("gitlab") && settings.gitlabToken().isPresent()) {
            return Optional.of(new UsernamePasswordCredentialsProvider("oauth2", settings.gitlabToken().get()));
        }
        return Optional.empty();
    }
}
