package dev.agenthub.protocol.projects.port;

import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.projects.Project;

import java.util.Optional;

/**
 * Port: the authoritative store of projects. Only live (not soft-deleted) projects are ever returned. Joins
 * the caller's transaction when one is active.
 */
public interface ProjectStore {

    /** The live project with this id, or empty (unknown or soft-deleted). */
    Optional<Project> find(ProjectId id);

    /** The live standalone project (tenant null) with this slug, or empty. */
    Optional<Project> findBySlug(String slug);

    /**
     * The live standalone project with {@code candidate.slug()}, inserting {@code candidate} when there is
     * none. Safe under concurrency: of several callers racing on one slug exactly one inserts, and all
     * return the same project.
     */
    Project ensure(Project candidate);

    /**
     * Soft-deletes a live project: it is no longer found, its slug is free for a new project, and its API keys
     * stop authenticating. Its rows stay.
     *
     * @return true when a live project was deleted, false when there was none with this id
     */
    boolean softDelete(ProjectId id, java.time.Instant now);
}
