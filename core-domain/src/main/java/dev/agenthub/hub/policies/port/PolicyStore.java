package dev.agenthub.hub.policies.port;

import dev.agenthub.hub.policies.PolicyVersion;
import dev.agenthub.protocol.kernel.id.ProjectId;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Port: the policy versions of every project and which one is active (wire spec §11.2). Joins the caller's
 * transaction when one is active.
 *
 * <p>Contract (verified by {@code PolicyStoreContract} in the test kit):
 * <ul>
 *   <li>{@link #lockProject} takes a lock on the project's record that lasts until the caller's transaction
 *       ends: a second caller of it for the same project waits until then, so reading the active id, allocating
 *       {@code maxVersion + 1} and inserting are one step for every caller that locks first, across server
 *       instances on the same database. Other projects are not blocked.</li>
 *   <li>{@link #insert} of a {@code (project, version)} that exists, or of an existing id, fails with an
 *       {@link IllegalStateException} and writes nothing.</li>
 *   <li>A version, once inserted, is never changed; versions go only with their project.</li>
 *   <li>The active id is whatever {@link #setActive} last set (none before), and is only ever one of the
 *       project's own versions.</li>
 * </ul>
 */
public interface PolicyStore {

    /**
     * Locks the record of the (live) project until the caller's transaction ends and answers its active
     * policy id, empty when it has none. Call it inside a transaction.
     *
     * @throws IllegalStateException when there is no such project
     */
    Optional<UUID> lockProject(ProjectId project);

    /** The project's active policy id without any lock, empty when it has none. */
    Optional<UUID> activeId(ProjectId project);

    /** The version with this id, in any project. */
    Optional<PolicyVersion> find(UUID policyId);

    /** The highest version number of the project, 0 when it has none. */
    int maxVersion(ProjectId project);

    /**
     * Stores a new version.
     *
     * @throws IllegalStateException when the id or the project's version number is taken
     */
    void insert(PolicyVersion version);

    /** Makes {@code policyId}, a version of {@code project}, the project's active one. */
    void setActive(ProjectId project, UUID policyId);

    /** Up to {@code limit} versions of the project, the highest version first. */
    List<PolicyVersion> newestFirst(ProjectId project, int limit);
}
