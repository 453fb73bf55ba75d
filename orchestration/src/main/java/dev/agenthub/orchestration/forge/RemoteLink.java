package dev.agenthub.orchestration.forge;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A local pull request's link to its remote PR or MR on one forge (wire spec agenthub §14 D6).
 *
 * @param number   the GitHub PR {@code number} or GitLab MR {@code iid} (0 when the forge answered none)
 * @param url      its {@code html_url} / {@code web_url}
 * @param repoPath {@code owner/repo} or the GitLab project path the link was made in
 */
public record RemoteLink(long pullRequestId, Forge forge, long number, Optional<String> url, String repoPath,
                         Instant lastSyncedAt) {

    public RemoteLink {
        Objects.requireNonNull(forge, "forge");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(repoPath, "repoPath");
        Objects.requireNonNull(lastSyncedAt, "lastSyncedAt");
    }
}
