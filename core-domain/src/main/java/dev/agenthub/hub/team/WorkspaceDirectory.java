package dev.agenthub.hub.team;

import dev.agenthub.hub.beads.BeadTitles;
import dev.agenthub.hub.beads.port.BeadStore;
import dev.agenthub.hub.beads.port.NativeTaskIndex;
import dev.agenthub.hub.claims.Claim;
import dev.agenthub.hub.claims.port.ClaimStore;
import dev.agenthub.hub.repos.Repo;
import dev.agenthub.hub.repos.RepoId;
import dev.agenthub.hub.repos.port.RepoStore;
import dev.agenthub.hub.workspaces.Workspace;
import dev.agenthub.hub.workspaces.port.WorkspaceStore;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;
import dev.agenthub.protocol.presence.PresenceKind;
import dev.agenthub.protocol.presence.PresenceRecord;
import dev.agenthub.protocol.presence.port.PresenceIndex;
import dev.agenthub.protocol.projects.Project;
import dev.agenthub.protocol.projects.port.ProjectStore;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The workspace listings of wire spec §4.4: {@code GET /v1/workspaces} (a keyset page), {@code GET /team} (the
 * bounded, prioritised team view) and {@code GET /online} (from presence alone), each as
 * {@link WorkspaceInfo}. Read-only; every listing is scoped to the caller's project.
 */
public final class WorkspaceDirectory {

    /** §4.4 {@code /team}: with presence, up to {@code limit ×} this many candidates are read… */
    public static final int TEAM_CANDIDATE_MULTIPLIER = 5;
    /** … but never more than this. */
    public static final int TEAM_CANDIDATE_MAX = 500;
    /** The default {@code limit} of {@code /team}. */
    public static final int TEAM_DEFAULT_LIMIT = 15;

    private final ProjectStore projects;
    private final RepoStore repos;
    private final WorkspaceStore workspaces;
    private final ClaimStore claims;
    private final BeadTitles titles;
    private final PresenceIndex presence;
    private final Clock clock;

    /** A directory whose titles resolve through the bead issues only (a host without native tasks). */
    public WorkspaceDirectory(ProjectStore projects, RepoStore repos, WorkspaceStore workspaces, ClaimStore claims,
                              BeadStore beads, PresenceIndex presence, Clock clock) {
        this(projects, repos, workspaces, claims, beads, NativeTaskIndex.NONE, presence, clock);
    }

    /** @param tasks the native tasks, consulted first for titles and types (§4.4) */
    public WorkspaceDirectory(ProjectStore projects, RepoStore repos, WorkspaceStore workspaces, ClaimStore claims,
                              BeadStore beads, NativeTaskIndex tasks, PresenceIndex presence, Clock clock) {
        this.projects = Objects.requireNonNull(projects, "projects");
        this.repos = Objects.requireNonNull(repos, "repos");
        this.workspaces = Objects.requireNonNull(workspaces, "workspaces");
        this.claims = Objects.requireNonNull(claims, "claims");
        this.titles = new BeadTitles(Objects.requireNonNull(beads, "beads"), tasks);
        this.presence = Objects.requireNonNull(presence, "presence");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What a listing shows besides the workspace rows. */
    public record Enrichment(boolean includeClaims, boolean includePresence) {
    }

    /**
     * {@code GET /v1/workspaces}: the project's workspaces matching {@code filter}, newest {@code updated_at}
     * first, one page.
     *
     * @throws dev.agenthub.protocol.kernel.error.DomainError.Invalid 422 for a malformed cursor (the store's)
     */
    public Page<WorkspaceInfo> list(Principal principal, WorkspaceStore.Filter filter, Enrichment enrichment,
                                    PageRequest request) {
        Page<Workspace> page = workspaces.page(principal.project(), filter, request);
        List<WorkspaceInfo> infos = describe(principal, page.items(), enrichment).stream().map(Described::info).toList();
        return new Page<>(infos, page.hasMore(), page.nextCursor());
    }

    /**
     * The query of {@code GET /team}.
     *
     * @param filter        human name and repo (alias, hostname and include-deleted are not used)
     * @param alwaysInclude a workspace added when it is live, of the project, and matches the filter
     * @param limit         1..200
     */
    public record TeamQuery(WorkspaceStore.Filter filter, Enrichment enrichment, boolean onlyWithClaims,
                            Optional<AgentId> alwaysInclude, int limit) {

        public TeamQuery {
            Objects.requireNonNull(filter, "filter");
            Objects.requireNonNull(enrichment, "enrichment");
            Objects.requireNonNull(alwaysInclude, "alwaysInclude");
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be positive");
            }
        }
    }

    /**
     * {@code GET /team} (§4.4): up to {@code limit×5} candidates (capped at 500) when presence is included, else
     * {@code limit}, in the store's candidate order; then the always-include workspace; then the final sort
     * (has-claims desc, online desc, last seen desc, last claimed desc, alias asc) and the cut to {@code limit}.
     * The always-include workspace survives the cut: when it would fall off, it takes the last place.
     */
    public List<WorkspaceInfo> team(Principal principal, TeamQuery query) {
        WorkspaceStore.Filter filter = new WorkspaceStore.Filter(query.filter().humanName(),
                query.filter().canonicalOrigin(), Optional.empty(), Optional.empty(), false);
        int candidates = query.enrichment().includePresence()
                ? Math.min(query.limit() * TEAM_CANDIDATE_MULTIPLIER, TEAM_CANDIDATE_MAX) : query.limit();
        List<Workspace> rows = new ArrayList<>(workspaces.teamCandidates(principal.project(), filter,
                query.onlyWithClaims(), candidates));
        Optional<AgentId> always = query.alwaysInclude();
        if (always.isPresent() && rows.stream().noneMatch(w -> w.id().equals(always.get()))) {
            workspaces.find(always.get())
                    .filter(w -> w.live() && w.project().equals(principal.project()))
                    .filter(w -> filter.humanName().map(w.humanName()::equals).orElse(true))
                    .filter(w -> filter.canonicalOrigin().map(origin -> liveOrigin(w).map(origin::equals).orElse(false))
                            .orElse(true))
                    .ifPresent(rows::add);
        }
        List<Described> described = new ArrayList<>(describe(principal, rows, query.enrichment()));
        described.sort(Comparator.comparing((Described d) -> !d.hasClaims())
                .thenComparing(d -> !d.online())
                .thenComparing(Described::lastSeen, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Described::lastClaimed, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(d -> d.info().alias()));
        List<Described> kept = new ArrayList<>(described.subList(0, Math.min(query.limit(), described.size())));
        if (always.isPresent() && kept.stream().noneMatch(d -> d.info().id().equals(always.get()))) {
            described.stream().filter(d -> d.info().id().equals(always.get())).findFirst().ifPresent(self -> {
                kept.set(kept.size() - 1, self);
            });
        }
        return kept.stream().map(Described::info).toList();
    }

    /**
     * {@code GET /online} (§4.4): the project's live workspace presence records, filtered by human name, newest
     * {@code last_seen} first. {@code project_id}, {@code repo}, hostname and path are null; a public reader
     * gets null {@code member_email} and {@code role}.
     */
    public List<WorkspaceInfo> online(Principal principal, Optional<String> humanName) {
        List<PresenceRecord> records = presence.listProject(PresenceKind.WORKSPACE, principal.project(), clock.instant());
        boolean redact = principal.publicReader();
        return records.stream()
                .filter(r -> humanName.map(name -> name.equals(r.attribute("human_name"))).orElse(true))
                .sorted(Comparator.comparing(PresenceRecord::lastSeen).reversed()
                        .thenComparing(r -> r.id().toString()))
                .map(r -> new WorkspaceInfo(new AgentId(r.id()), r.alias(), r.attribute("human_name"), null,
                        r.attribute("project_slug"), r.attribute("program"), r.attribute("model"), null,
                        r.attribute("current_branch"), redact ? null : r.attribute("member_email"),
                        redact ? null : emptyToNull(r.attribute("role")), null, null, null, null, null, null, null,
                        null, null, null, null, r.status().isEmpty() ? "unknown" : r.status(), r.lastSeen(), null,
                        List.of()))
                .toList();
    }

    /** A described workspace with the keys of the team sort. */
    private record Described(WorkspaceInfo info, boolean hasClaims, boolean online, Instant lastSeen,
                             Instant lastClaimed) {
    }

    private List<Described> describe(Principal principal, List<Workspace> rows, Enrichment enrichment) {
        if (rows.isEmpty()) {
            return List.of();
        }
        ProjectId project = principal.project();
        String slug = projects.find(project).map(Project::slug).orElse(null);
        List<AgentId> ids = rows.stream().map(Workspace::id).toList();
        Map<UUID, PresenceRecord> present = enrichment.includePresence() ? presenceOf(ids) : Map.of();
        Map<AgentId, List<Claim>> claimsOf = new HashMap<>();
        for (Claim claim : claims.ofWorkspaces(ids)) { // newest first
            claimsOf.computeIfAbsent(claim.workspace(), w -> new ArrayList<>()).add(claim);
        }
        Map<String, BeadTitles.Titled> beadTitles = enrichment.includeClaims()
                ? titles.ofBeads(project, claimsOf.values().stream().flatMap(List::stream).map(Claim::beadId)
                        .distinct().toList())
                : Map.of();
        Map<List<String>, Optional<BeadTitles.Titled>> apexTitles = new HashMap<>();
        Map<RepoId, Optional<String>> origins = new HashMap<>();
        boolean redact = principal.publicReader();
        List<Described> described = new ArrayList<>();
        for (Workspace w : rows) {
            List<Claim> held = claimsOf.getOrDefault(w.id(), List.of());
            List<WorkspaceInfo.ClaimInfo> shown = new ArrayList<>();
            if (enrichment.includeClaims()) {
                for (Claim claim : held) {
                    Claim.Apex apex = claim.apex();
                    Optional<BeadTitles.Titled> apexTitle = apexTitles.computeIfAbsent(
                            java.util.Arrays.asList(apex.beadId(), apex.repo(), apex.branch()),
                            key -> titles.ofApex(project, apex.beadId(), apex.repo(), apex.branch()));
                    shown.add(new WorkspaceInfo.ClaimInfo(claim.beadId(),
                            beadTitles.getOrDefault(claim.beadId(), BeadTitles.Titled.UNKNOWN).title(),
                            claim.claimedAt(), apex.beadId(), apexTitle.map(BeadTitles.Titled::title).orElse(null),
                            apexTitle.map(BeadTitles.Titled::type).orElse(null)));
                }
            }
            WorkspaceInfo.ClaimInfo newest = shown.isEmpty() ? null : shown.getFirst();
            Workspace.Focus focus = w.focus();
            Optional<BeadTitles.Titled> focusTitle = titles.ofApex(project, focus.apexBeadId(), focus.apexRepoName(),
                    focus.apexBranch());
            PresenceRecord record = present.get(w.id().value());
            String status = record == null ? "offline" : record.status().isEmpty() ? "active" : record.status();
            Instant lastSeen = record == null ? w.lastSeenAt() : record.lastSeen();
            String branch = w.currentBranch();
            String role = w.role();
            String program = null;
            String model = null;
            String memberEmail = null;
            if (record != null) {
                branch = firstNonEmpty(record.attribute("current_branch"), branch);
                role = firstNonEmpty(record.attribute("role"), role);
                program = record.attribute("program");
                model = record.attribute("model");
                memberEmail = record.attribute("member_email");
            }
            String repo = w.repo() == null ? null
                    : origins.computeIfAbsent(w.repo(), id -> repos.findAnyState(id).filter(Repo::live)
                            .map(r -> r.canonicalOrigin().value())).orElse(null);
            WorkspaceInfo info = new WorkspaceInfo(w.id(), w.alias(), w.humanName(), w.project(), slug, program, model,
                    repo, branch, redact ? null : memberEmail, redact ? null : role, redact ? null : w.hostname(),
                    redact ? null : w.workspacePath(),
                    newest == null ? null : newest.apexId(), newest == null ? null : newest.apexTitle(),
                    newest == null ? null : newest.apexType(),
                    focus.apexBeadId(), focusTitle.map(BeadTitles.Titled::title).orElse(null),
                    focusTitle.map(BeadTitles.Titled::type).orElse(null), focus.apexRepoName(), focus.apexBranch(),
                    focus.updatedAt(), status, lastSeen, w.deletedAt(), shown);
            described.add(new Described(info, !held.isEmpty(), record != null, lastSeen,
                    held.isEmpty() ? null : held.getFirst().claimedAt()));
        }
        return described;
    }

    private Optional<String> liveOrigin(Workspace workspace) {
        return workspace.repo() == null ? Optional.empty()
                : repos.findAnyState(workspace.repo()).filter(Repo::live).map(r -> r.canonicalOrigin().value());
    }

    /** Presence is a cache (§10): when it cannot be asked, everyone is shown offline instead of failing. */
    private Map<UUID, PresenceRecord> presenceOf(Collection<AgentId> ids) {
        try {
            return presence.findAll(PresenceKind.WORKSPACE, ids.stream().map(AgentId::value).toList(), clock.instant());
        } catch (RuntimeException presenceDown) {
            return Map.of();
        }
    }

    private static String firstNonEmpty(String preferred, String fallback) {
        return preferred == null || preferred.isEmpty() ? fallback : preferred;
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

}
