package dev.agenthub.orchestration.projects.port;

import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.projects.Project;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: the Agent Hub projects (wire spec agenthub §13). Every method joins the caller's transaction when one is
 * active. Implementations are checked by the contract kit's {@code ProjectStoreContract}.
 */
public interface ProjectStore {

    /**
     * Inserts a project with a new id. Names are globally unique, compared exactly.
     *
     * @return the stored project, or empty when another project already has {@code name} (the caller answers 409);
     *         a lost race on the name is reported the same way, never as an exception
     */
    Optional<Project> insert(String name, String repoUrl, String defaultBranch, Instant createdAt);

    /** The project with this id, or empty. */
    Optional<Project> find(long id);

    /** A page of all projects, newest first ({@code created_at} desc, then id desc). */
    List<Project> list(PageSlice page);
}
