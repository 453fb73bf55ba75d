package dev.agenthub.orchestration.git.port;

/**
 * A git operation failed (after the retries of §6.4): clone, fetch, checkout, apply, commit, merge or push, a
 * refused path, or the workspace lock not obtained in time. The message is the error the cycle records
 * ({@code Git-backed execution failed: <message>}, {@code pr_merge_failed}); it names no credentials.
 */
public final class GitFailure extends RuntimeException {

    public GitFailure(String message) {
        super(message);
    }

    public GitFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
