package dev.agenthub.hub.repos;

import dev.agenthub.hub.repos.port.RepoDeletionCascade;
import dev.agenthub.hub.repos.port.RepoStore;
import dev.agenthub.hub.repos.port.WorkspaceCounts;
import dev.agenthub.protocol.agents.ClassicNames;
import dev.agenthub.protocol.agents.port.AgentStore;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.IdGenerator;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.id.Uuids;
import dev.agenthub.protocol.kernel.paging.CursorKey;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import dev.agenthub.protocol.projects.Project;
import dev.agenthub.protocol.projects.port.ProjectStore;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The repo use cases of §4.17 with §14 F1 (lookup and listing stay public; ensure and delete need project
 * scope and act only in the caller's project), and {@code POST /v1/workspaces/suggest-name-prefix} of §4.1.
 */
public final class Repos {

    static final String PROJECT_MISMATCH = "project_id does not match authenticated project";
    static final String PROJECT_NOT_FOUND = "Project not found";
    static final String REPO_NOT_FOUND = "Repo not found";
    static final String NAME_PREFIXES_EXHAUSTED =
            "All name prefixes are taken (tried 26 names × 100 variants). Use --alias to specify a custom alias.";

    private final TransactionRunner transactions;
    private final ProjectStore projects;
    private final AgentStore agents;
    private final RepoStore repos;
    private final RepoDeletionCascade cascade;
    private final WorkspaceCounts workspaceCounts;
    private final Clock clock;
    private final IdGenerator ids;

    public Repos(TransactionRunner transactions, ProjectStore projects, AgentStore agents, RepoStore repos,
                 RepoDeletionCascade cascade, WorkspaceCounts workspaceCounts, Clock clock, IdGenerator ids) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.projects = Objects.requireNonNull(projects, "projects");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.repos = Objects.requireNonNull(repos, "repos");
        this.cascade = Objects.requireNonNull(cascade, "cascade");
        this.workspaceCounts = Objects.requireNonNull(workspaceCounts, "workspaceCounts");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /**
     * Canonicalises an origin URL from the field {@code field} of a request.
     *
     * @throws DomainError.Invalid 422 {@code Invalid <field>: <reason>}
     */
    public static CanonicalOrigin canonical(String field, String originUrl) {
        return switch (CanonicalOrigin.canonicalize(originUrl)) {
            case CanonicalOrigin.Outcome.Canonical canonical -> canonical.origin();
            case CanonicalOrigin.Outcome.Rejected rejected ->
                    throw new DomainError.Invalid("Invalid " + field + ": " + rejected.reason());
        };
    }

    /**
     * {@code POST /v1/repos/lookup} (no authentication): the one live repo with this origin.
     *
     * @throws DomainError.Invalid  422 {@code Invalid origin_url: …}
     * @throws DomainError.NotFound 404 {@code Repo not found: <canonical>}
     * @throws DomainError.Conflict 409 with the object detail of §1.4 when several projects have it
     */
    public RepoStore.Located lookup(String originUrl) {
        CanonicalOrigin origin = canonical("origin_url", originUrl);
        List<RepoStore.Located> found = bySlug(repos.findByCanonicalOrigin(origin));
        if (found.isEmpty()) {
            throw new DomainError.NotFound("Repo not found: " + origin);
        }
        if (found.size() > 1) {
            String slugs = slugs(found);
            String message = "Repo " + origin + " exists in multiple projects: " + slugs
                    + ". Choose a project slug and run 'bdh :init --project <slug>' (or authenticate with the correct project API key).";
            SequencedMap<String, Object> detail = new LinkedHashMap<>();
            detail.put("message", message);
            detail.put("canonical_origin", origin.value());
            detail.put("candidates", found.stream().map(Repos::candidate).toList());
            throw DomainError.Conflict.withStructuredDetail(message, detail);
        }
        return found.getFirst();
    }

    private static Map<String, Object> candidate(RepoStore.Located located) {
        Map<String, Object> candidate = new LinkedHashMap<>();
        candidate.put("repo_id", located.repo().id().toString());
        candidate.put("project_id", located.repo().project().toString());
        candidate.put("project_slug", located.projectSlug());
        return candidate;
    }

    private static List<RepoStore.Located> bySlug(List<RepoStore.Located> located) {
        return located.stream()
                .sorted(Comparator.comparing(RepoStore.Located::projectSlug)
                        .thenComparing(l -> l.repo().project().value()))
                .toList();
    }

    private static String slugs(List<RepoStore.Located> located) {
        return located.stream().map(RepoStore.Located::projectSlug).collect(Collectors.joining(", "));
    }

    /**
     * {@code POST /v1/repos/ensure} (auth B, §14 F1): registers the origin in the caller's project, or brings
     * back and updates the existing row. Checks in the order of §1.4: the project binding (403, for any
     * {@code project_id} but the caller's, known or not, so other projects' ids cannot be probed), the
     * caller's project (404 when it went away after authentication), then the origin (422).
     *
     * @throws DomainError.Forbidden 403 {@code project_id does not match authenticated project}
     * @throws DomainError.NotFound  404 {@code Project not found}
     * @throws DomainError.Invalid   422 {@code Invalid origin_url: …}
     */
    public RepoStore.Ensured ensure(Principal principal, UUID projectId, String originUrl) {
        if (!principal.project().value().equals(projectId)) {
            throw new DomainError.Forbidden(PROJECT_MISMATCH);
        }
        return transactions.inTransaction(() -> {
            Project project = projects.find(principal.project())
                    .orElseThrow(() -> new DomainError.NotFound(PROJECT_NOT_FOUND));
            CanonicalOrigin origin = canonical("origin_url", originUrl);
            Instant now = WireTime.truncate(clock.instant());
            return repos.ensure(new Repo(new RepoId(ids.newId()), project.id(), originUrl, origin, now, null));
        });
    }

    /** A listed repo with the number of its live workspaces. */
    public record Listed(Repo repo, int workspaceCount) {
    }

    /** Builds the page request of {@code GET /v1/repos}: §1.6 defaults (50, 1..200) and its cursor. */
    public static PageRequest listRequest(Integer limit, String cursor) {
        return PageRequest.of(limit, cursor);
    }

    /**
     * {@code GET /v1/repos} (no authentication): live repos of live projects, of one project or all, in
     * {@code (created_at, id)} order, cursor {@code {"created_at": ts, "id": uuid}}.
     * {@code workspace_count} is the number of the repo's live workspaces.
     *
     * @throws DomainError.Invalid 422 {@code Invalid cursor: …} / {@code Invalid cursor timestamp: …}
     */
    public Page<Listed> list(Optional<ProjectId> project, PageRequest page) {
        Instant afterCreated = null;
        RepoId afterId = null;
        if (page.after().isPresent()) {
            CursorKey cursor = page.after().get();
            afterCreated = cursor.requireTimestamp("created_at");
            afterId = RepoId.parse(cursor.requireString("id"))
                    .orElseThrow(() -> new DomainError.Invalid("Invalid cursor: bad id"));
        }
        List<Repo> rows = repos.list(project.orElse(null), afterCreated, afterId, page.fetchSize());
        Page<Repo> found = Page.fromOverfetch(rows, page, Repos::sortKey);
        Map<RepoId, Integer> counts = workspaceCounts.liveCounts(found.items().stream().map(Repo::id).toList());
        return found.map(repo -> new Listed(repo, counts.getOrDefault(repo.id(), 0)));
    }

    private static CursorKey sortKey(Repo repo) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("created_at", CursorKey.timestamp(repo.createdAt()));
        key.put("id", Uuids.format(repo.id().value()));
        return CursorKey.of(key);
    }

    /** The outcome of {@link #delete}. */
    public record Deleted(RepoId id, RepoDeletion cascade) {
    }

    /**
     * {@code DELETE /v1/repos/{id}} (auth B, §14 F1): soft-deletes a repo of the caller's project and what goes
     * with it ({@link RepoDeletionCascade}), in one transaction.
     *
     * @throws DomainError.NotFound 404 {@code Repo not found} for an unknown, deleted or foreign repo
     */
    public Deleted delete(Principal principal, RepoId id) {
        return transactions.inTransaction(() -> {
            Repo repo = repos.find(principal.project(), id)
                    .orElseThrow(() -> new DomainError.NotFound(REPO_NOT_FOUND));
            Instant now = WireTime.truncate(clock.instant());
            if (!repos.softDelete(principal.project(), id, now)) {
                throw new DomainError.NotFound(REPO_NOT_FOUND); // a concurrent delete won
            }
            return new Deleted(id, cascade.repoDeleted(repo, now));
        });
    }

    /** The answer of {@code POST /v1/workspaces/suggest-name-prefix}; {@code repoId} is empty when none matched. */
    public record NamePrefix(String namePrefix, Project project, Optional<RepoId> repoId, CanonicalOrigin canonicalOrigin) {
    }

    /**
     * {@code POST /v1/workspaces/suggest-name-prefix} of §4.1. Without a principal the project is the one
     * project that has this origin; with one it is the caller's, and the repo is the caller's repo with this
     * origin if any. The prefix is the next classic prefix over all live agents of the project.
     *
     * @param principal present when the request carried credentials (auth B)
     * @throws DomainError.Invalid  422 {@code Invalid origin_url: …}
     * @throws DomainError.NotFound 404 {@code Repo not registered: …} (public) or {@code Project not found}
     * @throws DomainError.Conflict 409 {@code Repo exists in multiple projects: …} (public) or on exhaustion
     */
    public NamePrefix suggestNamePrefix(Optional<Principal> principal, String originUrl) {
        return transactions.inTransaction(() -> {
            Project project;
            Optional<RepoId> repoId;
            CanonicalOrigin origin;
            if (principal.isPresent()) {
                project = projects.find(principal.get().project())
                        .orElseThrow(() -> new DomainError.NotFound(PROJECT_NOT_FOUND));
                origin = canonical("origin_url", originUrl);
                repoId = repos.findByCanonicalOrigin(project.id(), origin).map(Repo::id);
            } else {
                origin = canonical("origin_url", originUrl);
                List<RepoStore.Located> found = bySlug(repos.findByCanonicalOrigin(origin));
                if (found.isEmpty()) {
                    throw new DomainError.NotFound("Repo not registered: " + origin + ". Run 'bdh :init' to register.");
                }
                if (found.size() > 1) {
                    throw new DomainError.Conflict("Repo exists in multiple projects: " + slugs(found)
                            + ". Specify project with BEADHUB_PROJECT or --project.");
                }
                RepoStore.Located only = found.getFirst();
                project = projects.find(only.repo().project())
                        .orElseThrow(() -> new DomainError.NotFound(PROJECT_NOT_FOUND));
                repoId = Optional.of(only.repo().id());
            }
            String prefix = ClassicNames.nextPrefix(agents.liveAliases(project.id(), true))
                    .orElseThrow(() -> new DomainError.Conflict(NAME_PREFIXES_EXHAUSTED));
            return new NamePrefix(prefix, project, repoId, origin);
        });
    }
}
