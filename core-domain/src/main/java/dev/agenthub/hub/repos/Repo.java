package dev.agenthub.hub.repos;

import dev.agenthub.protocol.kernel.id.ProjectId;

import java.time.Instant;
import java.util.Objects;

/**
 * A git repository registered in a project (wire spec §2.1), identified inside it by its canonical origin.
 *
 * @param originUrl the origin URL as last given by a client
 * @param createdAt when the row was first inserted; re-registering a deleted repo keeps it
 * @param deletedAt null while live
 */
public record Repo(RepoId id, ProjectId project, String originUrl, CanonicalOrigin canonicalOrigin, Instant createdAt,
                   Instant deletedAt) {

    /** Longest origin URL accepted from clients. */
    public static final int MAX_ORIGIN_URL_LENGTH = 2048;

    public Repo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(originUrl, "originUrl");
        Objects.requireNonNull(canonicalOrigin, "canonicalOrigin");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The last path segment of the canonical origin. */
    public String name() {
        return canonicalOrigin.name();
    }

    public boolean live() {
        return deletedAt == null;
    }
}
