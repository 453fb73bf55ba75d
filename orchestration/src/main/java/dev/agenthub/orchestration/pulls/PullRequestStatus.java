package dev.agenthub.orchestration.pulls;

/** A pull request's status (wire names {@code open}, {@code merged}, {@code closed}). */
public enum PullRequestStatus {
    OPEN, MERGED, CLOSED
}
