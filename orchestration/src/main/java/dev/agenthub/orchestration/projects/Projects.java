package dev.agenthub.orchestration.projects;

import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.projects.port.ProjectStore;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/** The Agent Hub projects (wire spec agenthub §5): create, list, and the lookup every project route starts with. */
public final class Projects {

    public static final String NOT_FOUND = "Project not found";
    public static final String DUPLICATE_NAME = "Project name already exists";

    private final TransactionRunner tx;
    private final ProjectStore store;
    private final RepoUrls repoUrls;
    private final ProjectSetup setup;
    private final Clock clock;

    public Projects(TransactionRunner tx, ProjectStore store, RepoUrls repoUrls, ProjectSetup setup, Clock clock) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.store = Objects.requireNonNull(store, "store");
        this.repoUrls = Objects.requireNonNull(repoUrls, "repoUrls");
        this.setup = Objects.requireNonNull(setup, "setup");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates a project with its setup (the default policy, no revision) in one transaction. The repo URL is
     * normalised by the §5.1 rules first.
     *
     * @throws DomainError.Invalid  422 string detail for a repo URL that breaks §5.1
     * @throws DomainError.Conflict 409 {@code Project name already exists}, also when a concurrent create wins
     */
    public Project create(NewProject command) {
        String repoUrl = repoUrls.normalize(command.repoUrl());
        return tx.inTransaction(() -> {
            Project project = store.insert(command.name(), repoUrl, command.defaultBranch(),
                            WireTime.truncate(clock.instant()))
                    .orElseThrow(() -> new DomainError.Conflict(DUPLICATE_NAME));
            setup.prepare(project);
            return project;
        });
    }

    /** A page of all projects, newest first. */
    public List<Project> list(PageSlice page) {
        return store.list(page);
    }

    /**
     * The project with this id.
     *
     * @throws DomainError.NotFound 404 {@code Project not found}
     */
    public Project require(long id) {
        return store.find(id).orElseThrow(() -> new DomainError.NotFound(NOT_FOUND));
    }
}
