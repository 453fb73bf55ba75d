package dev.agenthub.hub.repos.port;

import dev.agenthub.hub.repos.CanonicalOrigin;
import dev.agenthub.hub.repos.Repo;
import dev.agenthub.hub.repos.RepoId;
import dev.agenthub.protocol.kernel.id.ProjectId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: the repos of every project. One row per {@code (project, canonical origin)}, live or soft-deleted;
 * "live" means the repo is not soft-deleted <em>and</em> its project is live. Joins the caller's transaction
 * when one is active. Implementations are checked by the contract kit's {@code RepoStoreContract}.
 */
public interface RepoStore {

    /** The outcome of {@link #ensure}: the live repo, and whether a new row was inserted. */
    record Ensured(Repo repo, boolean created) {
    }

    /** A live repo with the slug of its (live) project. */
    record Located(Repo repo, String projectSlug) {
    }

    /**
     * Registers {@code candidate.canonicalOrigin()} in {@code candidate.project()}: inserts {@code candidate}
     * when the pair has no row; otherwise keeps the existing row (its id and {@code created_at}), sets its
     * {@code origin_url} to {@code candidate.originUrl()} and clears {@code deleted_at}. Safe under
     * concurrency: of several callers racing on one pair exactly one inserts ({@code created} true for it
     * alone), and all return the same repo id. The project must exist.
     */
    Ensured ensure(Repo candidate);

    /** Every live repo with this canonical origin across live projects, in no particular order. */
    List<Located> findByCanonicalOrigin(CanonicalOrigin origin);

    /** The live repo of this project with this canonical origin, or empty. */
    Optional<Repo> findByCanonicalOrigin(ProjectId project, CanonicalOrigin origin);

    /** The live repo with this id in this project, or empty (unknown, deleted, or another project's). */
    Optional<Repo> find(ProjectId project, RepoId id);

    /** The repo with this id in any state (deleted, or of a deleted project) and any project, or empty. */
    Optional<Repo> findAnyState(RepoId id);

    /**
     * Live repos in {@code (created_at, repo_id)} ascending order, strictly after the given key when one is
     * given, at most {@code fetchSize} of them.
     *
     * @param project      only this project's repos, or every live project's when null
     * @param afterCreated with {@code afterId}, the key of the last row of the previous page, or both null
     */
    List<Repo> list(ProjectId project, Instant afterCreated, RepoId afterId, int fetchSize);

    /**
     * Soft-deletes a live repo of this project: it is no longer found or listed; {@link #ensure} brings the
     * same row back.
     *
     * @return true when a live repo was deleted, false when there was none
     */
    boolean softDelete(ProjectId project, RepoId id, Instant now);
}
