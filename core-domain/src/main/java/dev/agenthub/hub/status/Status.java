package dev.agenthub.hub.status;

import dev.agenthub.hub.beads.BeadTitles;
import dev.agenthub.hub.beads.port.BeadStore;
import dev.agenthub.hub.beads.port.NativeTaskIndex;
import dev.agenthub.hub.claims.Claim;
import dev.agenthub.hub.claims.port.ClaimStore;
import dev.agenthub.hub.repos.RepoId;
import dev.agenthub.hub.status.port.PendingEscalations;
import dev.agenthub.hub.workspaces.Workspace;
import dev.agenthub.hub.workspaces.port.WorkspaceStore;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.paging.PageRequest;
import dev.agenthub.protocol.kernel.text.EventTypeList;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.live.LiveChannels;
import dev.agenthub.protocol.live.LiveStream;
import dev.agenthub.protocol.live.LiveStreams;
import dev.agenthub.protocol.presence.PresenceKind;
import dev.agenthub.protocol.presence.PresenceRecord;
import dev.agenthub.protocol.presence.port.PresenceIndex;
import dev.agenthub.protocol.projects.Project;
import dev.agenthub.protocol.projects.port.ProjectStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code GET /v1/status} (wire spec §4.13) and the workspace selection of {@code GET /v1/status/stream}
 * (§13.1). Claims are always scoped to the caller's project (§14.2).
 */
public final class Status {

    /** The most workspaces one status view covers. */
    public static final int MAX_WORKSPACES = 200;
    /** The status stream's {@code limit}: default and maximum. */
    public static final int DEFAULT_STREAM_WORKSPACES = 200;
    public static final int MAX_STREAM_WORKSPACES = 1000;
    /** A stream without workspaces and without a filter sends only keepalives, and ends after this. */
    public static final Duration EMPTY_STREAM_LENGTH = Duration.ofMinutes(5);

    static final String WORKSPACE_NOT_FOUND = "Workspace not found";
    static final String NO_WORKSPACES = "No workspaces found for the provided filter";

    private final ProjectStore projects;
    private final WorkspaceStore workspaces;
    private final ClaimStore claims;
    private final BeadTitles titles;
    private final PresenceIndex presence;
    private final PendingEscalations escalations;
    private final LiveStreams live;
    private final Clock clock;

    /** @param tasks the native tasks, consulted first for claim titles (§4.4) */
    public Status(ProjectStore projects, WorkspaceStore workspaces, ClaimStore claims, BeadStore beads,
                  NativeTaskIndex tasks, PresenceIndex presence, PendingEscalations escalations, LiveStreams live, Clock clock) {
        this.projects = Objects.requireNonNull(projects, "projects");
        this.workspaces = Objects.requireNonNull(workspaces, "workspaces");
        this.claims = Objects.requireNonNull(claims, "claims");
        this.titles = new BeadTitles(Objects.requireNonNull(beads, "beads"), tasks);
        this.presence = Objects.requireNonNull(presence, "presence");
        this.escalations = Objects.requireNonNull(escalations, "escalations");
        this.live = Objects.requireNonNull(live, "live");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Which workspaces a status view covers, as its {@code workspace} block describes them. */
    public sealed interface Scope {
    }

    /** No selector: up to {@value #MAX_WORKSPACES} live workspaces of the project. */
    public record ProjectScope(int workspaceCount) implements Scope {
    }

    /** {@code workspace_id}: that workspace. */
    public record WorkspaceScope(AgentId workspace) implements Scope {
    }

    /** {@code repo_id}: up to {@value #MAX_WORKSPACES} live workspaces of the repo. */
    public record RepoScope(RepoId repo, int workspaceCount) implements Scope {
    }

    /**
     * One workspace with live presence. Every text field but {@code alias} and {@code status} is null when the
     * presence record has none or an empty one.
     *
     * @param member       the presence {@code member_email}; null for a public reader
     * @param currentIssue the bead id of the workspace's newest claim, or null
     */
    public record AgentStatus(AgentId workspace, String alias, String member, String humanName, String program,
                              String role, String status, String currentBranch, String canonicalOrigin,
                              String timezone, String currentIssue, Instant lastSeen) {
    }

    /** A claim of the view with the number of claimants of its bead in the project and the bead's title (or null). */
    public record ClaimStatus(Claim claim, int claimantCount, String title) {
    }

    /** A bead with more than one claimant, with every claimant of it in the project, newest first. */
    public record Conflict(String beadId, List<Claim> claimants) {
    }

    /** The status view. */
    public record Snapshot(ProjectId project, String projectSlug, Scope scope, List<AgentStatus> agents,
                           List<ClaimStatus> claims, List<Conflict> conflicts, int escalationsPending,
                           Instant timestamp) {
    }

    /**
     * {@code GET /v1/status}: {@code workspace} wins over {@code repo} when both are given.
     *
     * @throws DomainError.NotFound {@code Workspace not found} for an unknown, deleted or foreign workspace
     */
    public Snapshot snapshot(Principal principal, Optional<AgentId> workspace, Optional<RepoId> repo) {
        ProjectId project = principal.project();
        Instant now = clock.instant();
        List<Workspace> set;
        Scope scope;
        if (workspace.isPresent()) {
            Workspace found = liveOfProject(project, workspace.get());
            set = List.of(found);
            scope = new WorkspaceScope(found.id());
        } else if (repo.isPresent()) {
            set = workspaces.live(project, repo, MAX_WORKSPACES);
            scope = new RepoScope(repo.get(), set.size());
        } else {
            set = workspaces.live(project, Optional.empty(), MAX_WORKSPACES);
            scope = new ProjectScope(set.size());
        }
        List<AgentId> ids = set.stream().map(Workspace::id).toList();
        List<Claim> setClaims = ids.isEmpty() ? List.of()
                : claims.ofWorkspaces(ids).stream().filter(c -> c.project().equals(project)).toList();
        Map<AgentId, String> currentIssue = new LinkedHashMap<>();
        setClaims.forEach(claim -> currentIssue.putIfAbsent(claim.workspace(), claim.beadId())); // newest first

        List<AgentStatus> agents = new ArrayList<>();
        Map<UUID, PresenceRecord> records = ids.isEmpty() ? Map.of()
                : presence.findAll(PresenceKind.WORKSPACE, ids.stream().map(AgentId::value).toList(), now);
        for (Workspace w : set) {
            PresenceRecord record = records.get(w.id().value());
            if (record == null || !record.project().equals(project)) {
                continue;
            }
            agents.add(new AgentStatus(w.id(), record.alias(),
                    principal.publicReader() ? null : attribute(record, "member_email"),
                    attribute(record, "human_name"), attribute(record, "program"), attribute(record, "role"),
                    record.status().isEmpty() ? "unknown" : record.status(), attribute(record, "current_branch"),
                    attribute(record, "canonical_origin"), attribute(record, "timezone"), currentIssue.get(w.id()),
                    record.lastSeen()));
        }

        List<String> beadIds = setClaims.stream().map(Claim::beadId).distinct().toList();
        Map<String, Integer> counts = beadIds.isEmpty() ? Map.of() : claims.claimantCounts(project, beadIds);
        Map<String, BeadTitles.Titled> known = beadIds.isEmpty() ? Map.of() : titles.ofBeads(project, beadIds);
        List<ClaimStatus> claimViews = setClaims.stream().map(claim -> new ClaimStatus(claim,
                        Math.max(1, counts.getOrDefault(claim.beadId(), 1)),
                        known.getOrDefault(claim.beadId(), BeadTitles.Titled.UNKNOWN).title()))
                .toList();

        List<String> contested = beadIds.stream().filter(id -> counts.getOrDefault(id, 0) > 1).toList();
        List<Conflict> conflicts = new ArrayList<>();
        if (!contested.isEmpty()) {
            Map<String, List<Claim>> byBead = new LinkedHashMap<>();
            contested.forEach(id -> byBead.put(id, new ArrayList<>()));
            for (Claim claim : claims.ofBeads(project, contested)) {
                List<Claim> claimants = byBead.get(claim.beadId());
                if (claimants != null && claim.project().equals(project)) {
                    claimants.add(claim);
                }
            }
            byBead.forEach((id, claimants) -> conflicts.add(new Conflict(id, List.copyOf(claimants))));
        }

        int pending = principal.publicReader() ? 0 : escalations.count(project, now);
        return new Snapshot(project, slug(project), scope, List.copyOf(agents), claimViews, List.copyOf(conflicts),
                pending, WireTime.truncate(now));
    }

    /**
     * The workspace filters of the status stream (§13.1); every present one must hold, and {@code workspace}
     * alone decides when given.
     *
     * @param limit 1..{@value #MAX_STREAM_WORKSPACES}: the most recently updated workspaces subscribed to
     */
    public record StreamFilter(Optional<AgentId> workspace, Optional<String> repo, Optional<String> humanName,
                               int limit) {

        public StreamFilter {
            Objects.requireNonNull(workspace, "workspace");
            Objects.requireNonNull(repo, "repo");
            Objects.requireNonNull(humanName, "humanName");
            if (limit < 1 || limit > MAX_STREAM_WORKSPACES) {
                throw new IllegalArgumentException("limit must be 1.." + MAX_STREAM_WORKSPACES);
            }
        }

        boolean filtered() {
            return workspace.isPresent() || repo.isPresent() || humanName.isPresent();
        }
    }

    /**
     * An open status stream and how long it may stay open: {@link #EMPTY_STREAM_LENGTH} when it covers no
     * workspace (and had no filter), otherwise until the client goes away.
     */
    public record OpenStream(LiveStream stream, List<AgentId> workspaces, Optional<Duration> maxLength) {
    }

    /**
     * Chooses the stream's workspaces and subscribes to their channels (no replay).
     *
     * @param categories the event categories wanted, from {@link #eventTypes}
     * @throws DomainError.NotFound {@code Workspace not found} for an unknown, deleted or foreign
     *                              {@code workspace}; {@code No workspaces found for the provided filter} when a
     *                              {@code repo} or {@code human_name} filter matches nothing
     */
    public OpenStream openStream(Principal principal, StreamFilter filter, Set<String> categories) {
        ProjectId project = principal.project();
        List<AgentId> ids;
        if (filter.workspace().isPresent()) {
            ids = List.of(liveOfProject(project, filter.workspace().get()).id());
        } else {
            WorkspaceStore.Filter query = new WorkspaceStore.Filter(filter.humanName(), filter.repo(),
                    Optional.empty(), Optional.empty(), false);
            ids = workspaces.page(project, query, new PageRequest(filter.limit(), Optional.empty())).items().stream()
                    .map(Workspace::id).toList();
            if (ids.isEmpty() && filter.filtered()) {
                throw new DomainError.NotFound(NO_WORKSPACES);
            }
        }
        LiveStream stream = live.openStatus(ids.stream().map(LiveChannels::workspace).toList(), categories);
        return new OpenStream(stream, ids, ids.isEmpty() ? Optional.of(EMPTY_STREAM_LENGTH) : Optional.empty());
    }

    /**
     * Parses {@code event_types} (§13.1): a CSV of categories, trimmed and lowercased; empty entries are
     * skipped, and absent or empty text means every category.
     *
     * @throws DomainError.Invalid 422 {@code Invalid event types: {'x'}. Valid types: ['bead', 'chat',
     *                             'escalation', 'message', 'reservation']}
     */
    public static Set<String> eventTypes(String csv) {
        Set<String> asked = EventTypeList.parse(csv, LiveStreams.STATUS_CATEGORIES);
        return asked.isEmpty() ? Set.copyOf(LiveStreams.STATUS_CATEGORIES) : asked;
    }

    private Workspace liveOfProject(ProjectId project, AgentId id) {
        return workspaces.find(id).filter(Workspace::live).filter(w -> w.project().equals(project))
                .orElseThrow(() -> new DomainError.NotFound(WORKSPACE_NOT_FOUND));
    }

    private String slug(ProjectId project) {
        return projects.find(project).map(Project::slug).orElse("");
    }

    private static String attribute(PresenceRecord record, String name) {
        String value = record.attribute(name);
        return value == null || value.isEmpty() ? null : value;
    }
}
