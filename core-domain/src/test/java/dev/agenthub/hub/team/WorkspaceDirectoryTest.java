package dev.agenthub.hub.team;

import dev.agenthub.hub.claims.Claim;
import dev.agenthub.hub.repos.CanonicalOrigin;
import dev.agenthub.hub.repos.InMemoryRepoStore;
import dev.agenthub.hub.repos.Repo;
import dev.agenthub.hub.repos.RepoId;
import dev.agenthub.hub.workspaces.InMemoryWorkspaceStore;
import dev.agenthub.hub.workspaces.Workspace;
import dev.agenthub.hub.workspaces.port.WorkspaceStore;
import dev.agenthub.protocol.fakes.Fixtures;
import dev.agenthub.protocol.fakes.InMemoryPresenceIndex;
import dev.agenthub.protocol.fakes.InMemoryProjectStore;
import dev.agenthub.protocol.fakes.MutableClock;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.presence.PresenceKind;
import dev.agenthub.protocol.presence.PresenceRecord;
import dev.agenthub.protocol.projects.Project;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The team view's final sort, always-include and cut, the presence overrides and the public-reader redaction of
 * {@link WorkspaceDirectory}. The store's candidate query is SQL (covered by the contract kit and the wire
 * tests); here it answers the candidates a test names, in the order given, and records the limit asked for.
 */
class WorkspaceDirectoryTest {

    private static final Instant T = Instant.parse("2026-02-07T11:14:49.123456Z");
    private static final WorkspaceDirectory.Enrichment ALL = new WorkspaceDirectory.Enrichment(true, true);

    private final MutableClock clock = new MutableClock(T.plusSeconds(100));
    private final InMemoryProjectStore projects = new InMemoryProjectStore();
    private final InMemoryRepoStore repos = new InMemoryRepoStore(projects);
    private final InMemoryWorkspaceStore rows = new InMemoryWorkspaceStore();
    private final InMemoryClaimStore claims = new InMemoryClaimStore();
    private final InMemoryPresenceIndex presence = new InMemoryPresenceIndex();
    private final List<Workspace> candidates = new ArrayList<>();
    private final List<Integer> candidateLimits = new ArrayList<>();
    private final WorkspaceStore store = (WorkspaceStore) Proxy.newProxyInstance(WorkspaceStore.class.getClassLoader(),
            new Class<?>[] {WorkspaceStore.class}, (proxy, method, args) -> {
                if (method.getName().equals("teamCandidates")) {
                    candidateLimits.add((Integer) args[3]);
                    return List.copyOf(candidates);
                }
                try {
                    return method.invoke(rows, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    private final WorkspaceDirectory directory = new WorkspaceDirectory(projects, repos, store, claims,
            new InMemoryBeadStore(), presence, clock);

    private final Project project = projects.add(Fixtures.project("team"));
    private final Repo app = repos.ensure(new Repo(new RepoId(UUID.randomUUID()), project.id(), "git@github.com:org/app.git",
            new CanonicalOrigin("github.com/org/app"), T, null)).repo();
    private final Principal member = new Principal(project.id(), Principal.AuthMode.BEARER, Principal.Type.KEY,
            UUID.randomUUID(), null, null, null);

    private Workspace workspace(String alias, Instant lastSeen) {
        Workspace w = new Workspace(new AgentId(UUID.randomUUID()), project.id(), app.id(), alias, "Human", "dev", "main",
                null, "host", "/w/" + alias, Workspace.Focus.NONE, Workspace.Type.AGENT, T, T, lastSeen, null);
        assertThat(rows.insert(w)).isTrue();
        return w;
    }

    private void claim(Workspace w, String bead, Instant at) {
        claims.claim(new Claim(project.id(), bead, w.id(), w.alias(), "", at, Claim.Apex.NONE));
    }

    private void online(Workspace w, Instant at, Map<String, String> attributes) {
        presence.put(PresenceKind.WORKSPACE, new PresenceRecord(w.id().value(), project.id(), w.alias(), "active", at,
                new LinkedHashMap<>(attributes)), Duration.ofHours(1), at);
    }

    private WorkspaceDirectory.TeamQuery query(Optional<AgentId> always, int limit) {
        return new WorkspaceDirectory.TeamQuery(WorkspaceStore.Filter.LIVE, ALL, false, always, limit);
    }

    private static List<String> aliases(List<WorkspaceInfo> infos) {
        return infos.stream().map(WorkspaceInfo::alias).toList();
    }

    @Test
    void theFinalSortIsClaimsThenPresenceThenLastSeenThenLastClaimedThenAlias() {
        Workspace quiet = workspace("quiet", T.plusSeconds(90));
        Workspace idle = workspace("idle", T.plusSeconds(10));
        Workspace chatty = workspace("chatty", null);
        Workspace busy = workspace("busy", T.plusSeconds(1));
        Workspace busier = workspace("busier", T.plusSeconds(1));
        Workspace tied = workspace("tied", T.plusSeconds(1));
        claim(busy, "bd-1", T.plusSeconds(5));
        claim(busier, "bd-2", T.plusSeconds(6));
        claim(tied, "bd-3", T.plusSeconds(5));
        online(chatty, T.plusSeconds(2), Map.of());
        candidates.addAll(List.of(quiet, idle, chatty, busy, tied, busier));

        List<WorkspaceInfo> team = directory.team(member, query(Optional.empty(), 15));

        // claims first (by last seen, then last claimed, then alias), then the online one, then by last seen
        assertThat(aliases(team)).containsExactly("busier", "busy", "tied", "chatty", "quiet", "idle");
        assertThat(candidateLimits).containsExactly(75);
    }

    @Test
    void theAlwaysIncludedWorkspaceIsAddedWhenItMatchesAndSurvivesTheCut() {
        Workspace a = workspace("a", T.plusSeconds(3));
        Workspace b = workspace("b", T.plusSeconds(2));
        Workspace self = workspace("self", T);
        Workspace gone = workspace("gone", T.plusSeconds(50));
        rows.softDelete(gone.id(), T);
        candidates.addAll(List.of(a, b));

        assertThat(aliases(directory.team(member, query(Optional.of(self.id()), 2)))).containsExactly("a", "self");
        assertThat(aliases(directory.team(member, query(Optional.of(self.id()), 3)))).containsExactly("a", "b", "self");
        assertThat(aliases(directory.team(member, query(Optional.of(gone.id()), 3)))).as("not live").containsExactly("a", "b");
        assertThat(aliases(directory.team(member, new WorkspaceDirectory.TeamQuery(new WorkspaceStore.Filter(
                Optional.of("Someone else"), Optional.empty(), Optional.empty(), Optional.empty(), false), ALL, false,
                Optional.of(self.id()), 3)))).as("another human name").containsExactly("a", "b");
        assertThat(aliases(directory.team(member, new WorkspaceDirectory.TeamQuery(new WorkspaceStore.Filter(
                Optional.empty(), Optional.of("github.com/org/lib"), Optional.empty(), Optional.empty(), false), ALL, false,
                Optional.of(self.id()), 3)))).as("another repo").containsExactly("a", "b");
        Principal stranger = new Principal(new ProjectId(UUID.randomUUID()), Principal.AuthMode.BEARER, Principal.Type.KEY,
                UUID.randomUUID(), null, null, null);
        assertThat(directory.team(stranger, query(Optional.of(self.id()), 3))).as("another project's")
                .extracting(WorkspaceInfo::alias).doesNotContain("self");
        directory.team(member, new WorkspaceDirectory.TeamQuery(WorkspaceStore.Filter.LIVE,
                new WorkspaceDirectory.Enrichment(true, false), false, Optional.empty(), 150));
        assertThat(candidateLimits.getLast()).as("without presence: limit candidates").isEqualTo(150);
        directory.team(member, query(Optional.empty(), 150));
        assertThat(candidateLimits.getLast()).as("with presence: limit×5, at most 500").isEqualTo(500);
    }

    @Test
    void presenceOverridesTheStoredFieldsAndAPublicReaderSeesNoPersonalFields() {
        Workspace w = workspace("w", T);
        online(w, T.plusSeconds(60), Map.of("current_branch", "feature", "role", "reviewer", "program", "cc",
                "model", "opus", "member_email", "w@example.com"));
        candidates.add(w);

        WorkspaceInfo seen = directory.team(member, query(Optional.empty(), 5)).getFirst();
        assertThat(List.of(seen.status(), seen.lastSeen(), seen.branch(), seen.role(), seen.program(), seen.model(),
                seen.memberEmail(), seen.hostname(), seen.workspacePath(), seen.repo())).containsExactly("active",
                T.plusSeconds(60), "feature", "reviewer", "cc", "opus", "w@example.com", "host", "/w/w", "github.com/org/app");

        WorkspaceInfo stored = directory.team(member, new WorkspaceDirectory.TeamQuery(WorkspaceStore.Filter.LIVE,
                new WorkspaceDirectory.Enrichment(true, false), false, Optional.empty(), 5)).getFirst();
        assertThat(java.util.Arrays.asList(stored.status(), stored.lastSeen(), stored.branch(), stored.role(),
                stored.program(), stored.memberEmail())).containsExactly("offline", T, "main", "dev", null, null);

        Principal reader = new Principal(project.id(), Principal.AuthMode.PROXY, Principal.Type.PUBLIC_READER, null, null,
                null, null);
        WorkspaceInfo redacted = directory.team(reader, query(Optional.empty(), 5)).getFirst();
        assertThat(java.util.Arrays.asList(redacted.memberEmail(), redacted.role(), redacted.hostname(),
                redacted.workspacePath())).containsOnlyNulls();
        assertThat(redacted.branch()).isEqualTo("feature");

        WorkspaceInfo listed = directory.online(reader, Optional.empty()).getFirst();
        assertThat(java.util.Arrays.asList(listed.memberEmail(), listed.role(), listed.project(), listed.repo()))
                .containsOnlyNulls();
        assertThat(directory.online(member, Optional.empty()).getFirst().memberEmail()).isEqualTo("w@example.com");
    }
}
