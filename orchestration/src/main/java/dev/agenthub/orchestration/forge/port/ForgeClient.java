package dev.agenthub.orchestration.forge.port;

import dev.agenthub.orchestration.forge.ForgeRepo;

import java.util.Objects;
import java.util.Optional;

/**
 * Port: the REST API of one forge (GitHub or GitLab, wire spec agenthub §10, §14 D6). Paths are relative to the
 * configured base URL and start with {@link ForgeRepo#apiPath()}. Implementations are safe for concurrent use,
 * authenticate with the configured token, never log or echo it, and time out every call (15 s).
 *
 * <p>Every call either succeeds or throws {@link ForgeFailure} (a non-2xx answer, or a network failure with no
 * status); nothing else escapes for a forge-side problem.
 */
public interface ForgeClient {

    /** A remote PR or MR: its {@code number} / {@code iid} (0 when absent) and its web URL. */
    record RemoteObject(long number, Optional<String> url) {
        public RemoteObject {
            Objects.requireNonNull(url, "url");
        }
    }

    /** Whether a token is configured; when not, the sync answers 422 before calling anything. */
    boolean configured();

    /**
     * Creates the PR/MR for the branch pair. @throws ForgeFailure with {@link ForgeFailure#alreadyExists()} set when
     * one already exists
     */
    RemoteObject create(ForgeRepo repo, String sourceBranch, String targetBranch, String title, String body);

    /** The open PR/MR of the branch pair, or empty. */
    Optional<RemoteObject> findOpen(ForgeRepo repo, String sourceBranch, String targetBranch);

    /** Updates title and body of the PR/MR {@code number}, and closes it when {@code close}. */
    RemoteObject update(ForgeRepo repo, long number, String title, String body, boolean close);

    /** Posts a comment (GitHub issue comment, GitLab issue note) on issue {@code issue}. */
    void comment(ForgeRepo repo, long issue, String body);

    /**
     * Posts a commit status for {@code sha}; {@code targetUrl} is sent only when present.
     *
     * @return the state the forge answered (GitHub {@code state}; GitLab {@code status}, else {@code state}), or empty
     */
    Optional<String> status(ForgeRepo repo, String sha, String state, String context, String description,
                            Optional<String> targetUrl);
}
