package dev.agenthub.testkit.notifications;

import dev.agenthub.hub.notifications.Subscription;
import dev.agenthub.hub.notifications.port.SubscriptionStore;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import dev.agenthub.testkit.ConcurrentRuns;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link SubscriptionStore} contract. Extend it with the store under test and its transaction runner, a second
 * store on the same database that shares nothing else with it (its own connection pool, as another server instance
 * has), and ways to create projects and live workspaces and to soft-delete a workspace. Every check is scoped to
 * fresh projects.
 */
public abstract class SubscriptionStoreContract {

    protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");

    /** The store under test. */
    protected abstract SubscriptionStore store();

    /** The runner whose transactions {@link #store()} joins. */
    protected abstract TransactionRunner transactions();

    /** A store on the same database with its own connection pool. */
    protected abstract SubscriptionStore secondInstance();

    /** A live project, fresh for each call. */
    protected abstract ProjectId newProject();

    /** A live workspace of the project with this alias. */
    protected abstract AgentId newWorkspace(ProjectId project, String alias);

    /** Soft-deletes the workspace, as {@code DELETE /v1/workspaces/{id}} does. */
    protected abstract void softDelete(AgentId workspace);

    private static Subscription subscription(ProjectId project, AgentId workspace, String bead, String repo,
                                             Instant createdAt, String... eventTypes) {
        return new Subscription(UUID.randomUUID(), project, workspace, "alice", bead, repo, List.of(eventTypes),
                createdAt);
    }

    @Test
    void anUpsertStoresTheSubscriptionAsGiven() {
        ProjectId project = newProject();
        AgentId workspace = newWorkspace(project, "alice");
        Subscription given = subscription(project, workspace, "bd-1", "github.com/org/app", T0,
                "status_change", "priority_change");
        assertThat(store().upsert(given)).isEqualTo(given);
        assertThat(store().ofWorkspace(project, workspace)).containsExactly(given);
    }

    @Test
    void aRepeatOfTheKeyReplacesTheEventTypesAndKeepsIdAliasAndCreation() {
        ProjectId project = newProject();
        AgentId workspace = newWorkspace(project, "alice");
        Subscription first = subscription(project, workspace, "bd-1", null, T0, "status_change");
        store().upsert(first);
        Subscription repeat = new Subscription(UUID.randomUUID(), project, workspace, "renamed", "bd-1", null,
                List.of("all"), T0.plusSeconds(60));
        Subscription stored = store().upsert(repeat);
        Subscription expected = new Subscription(first.id(), project, workspace, "alice", "bd-1", null,
                List.of("all"), T0);
        assertThat(stored).isEqualTo(expected);
        assertThat(store().ofWorkspace(project, workspace)).containsExactly(expected);
    }

    @Test
    void anyRepoAndOneRepoAreDifferentKeysAndSoAreTwoRepos() {
        ProjectId project = newProject();
        AgentId workspace = newWorkspace(project, "alice");
        Subscription anyRepo = store().upsert(subscription(project, workspace, "bd-1", null, T0, "all"));
        Subscription app = store().upsert(subscription(project, workspace, "bd-1", "github.com/org/app",
                T0.plusSeconds(1), "all"));
        Subscription lib = store().upsert(subscription(project, workspace, "bd-1", "github.com/org/lib",
                T0.plusSeconds(2), "all"));
        assertThat(store().ofWorkspace(project, workspace)).containsExactly(lib, app, anyRepo);
    }

    @Test
    void aWorkspacesSubscriptionsAreNewestFirstWithTiesByIdDescendingAndScoped() {
        ProjectId project = newProject();
        AgentId workspace = newWorkspace(project, "alice");
        AgentId neighbour = newWorkspace(project, "bob");
        Subscription oldest = store().upsert(subscription(project, workspace, "bd-1", null, T0, "all"));
        Subscription tieA = store().upsert(subscription(project, workspace, "bd-2", null, T0.plusSeconds(5), "all"));
        Subscription tieB = store().upsert(subscription(project, workspace, "bd-3", null, T0.plusSeconds(5), "all"));
        store().upsert(subscription(project, neighbour, "bd-1", null, T0.plusSeconds(9), "all"));
        // uuids order as unsigned bytes, as their lower-case text does (UUID.compareTo is signed)
        List<Subscription> ties = tieA.id().toString().compareTo(tieB.id().toString()) > 0
                ? List.of(tieA, tieB) : List.of(tieB, tieA);
        assertThat(store().ofWorkspace(project, workspace)).containsExactly(ties.get(0), ties.get(1), oldest);
        assertThat(store().ofWorkspace(newProject(), workspace)).isEmpty();
    }

    @Test
    void deleteRemovesOnlyTheWorkspacesOwnSubscriptionInItsProject() {
        ProjectId project = newProject();
        AgentId workspace = newWorkspace(project, "alice");
        AgentId neighbour = newWorkspace(project, "bob");
        Subscription mine = store().upsert(subscription(project, workspace, "bd-1", null, T0, "all"));
        assertThat(store().delete(project, neighbour, mine.id())).isFalse();
        assertThat(store().delete(newProject(), workspace, mine.id())).isFalse();
        assertThat(store().delete(project, workspace, UUID.randomUUID())).isFalse();
        assertThat(store().ofWorkspace(project, workspace)).containsExactly(mine);
        assertThat(store().delete(project, workspace, mine.id())).isTrue();
        assertThat(store().delete(project, workspace, mine.id())).isFalse();
        assertThat(store().ofWorkspace(project, workspace)).isEmpty();
    }

    @Test
    void aStatusChangeMatchesItsBeadWithStatusOrAllInTheRepoOrAnyRepoOldestFirst() {
        ProjectId project = newProject();
        AgentId alice = newWorkspace(project, "alice");
        AgentId bob = newWorkspace(project, "bob");
        AgentId carol = newWorkspace(project, "carol");
        Subscription anyRepo = store().upsert(subscription(project, alice, "bd-1", null, T0.plusSeconds(3),
                "status_change"));
        Subscription sameRepo = store().upsert(subscription(project, bob, "bd-1", "github.com/org/app",
                T0.plusSeconds(1), "all"));
        store().upsert(subscription(project, carol, "bd-1", "github.com/org/lib", T0, "status_change"));
        store().upsert(subscription(project, carol, "bd-1", null, T0, "priority_change", "assignee_change"));
        store().upsert(subscription(project, carol, "bd-2", null, T0, "all"));
        ProjectId other = newProject();
        store().upsert(subscription(other, newWorkspace(other, "dave"), "bd-1", null, T0, "all"));

        assertThat(store().matchingStatusChange(project, "bd-1", "github.com/org/app"))
                .containsExactly(sameRepo, anyRepo);
        assertThat(store().matchingStatusChange(project, "bd-1", null)).containsExactly(anyRepo);
        assertThat(store().matchingStatusChange(project, "bd-9", "github.com/org/app")).isEmpty();
    }

    @Test
    void aSoftDeletedWorkspaceNoLongerMatches() {
        ProjectId project = newProject();
        AgentId alice = newWorkspace(project, "alice");
        AgentId bob = newWorkspace(project, "bob");
        store().upsert(subscription(project, alice, "bd-1", null, T0, "all"));
        Subscription bobs = store().upsert(subscription(project, bob, "bd-1", null, T0.plusSeconds(1), "all"));
        softDelete(alice);
        assertThat(store().matchingStatusChange(project, "bd-1", "github.com/org/app")).containsExactly(bobs);
    }

    @Test
    void anUpsertJoinsTheCallersTransaction() {
        ProjectId project = newProject();
        AgentId workspace = newWorkspace(project, "alice");
        assertThatThrownBy(() -> transactions().inTransaction(() -> {
            store().upsert(subscription(project, workspace, "bd-1", null, T0, "all"));
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");
        assertThat(store().ofWorkspace(project, workspace)).isEmpty();
    }

    @Test
    void racingUpsertsOfOneKeyThroughTwoInstancesKeepOneRowAndItsFirstId() throws Exception {
        ProjectId project = newProject();
        AgentId workspace = newWorkspace(project, "alice");
        Set<UUID> answeredIds = ConcurrentHashMap.newKeySet();
        ConcurrentRuns.run(8, thread -> {
            SubscriptionStore instance = thread % 2 == 0 ? store() : secondInstance();
            answeredIds.add(instance.upsert(subscription(project, workspace, "bd-1", "github.com/org/app",
                    T0.plusSeconds(thread), "all")).id());
        });
        List<Subscription> stored = store().ofWorkspace(project, workspace);
        assertThat(stored).hasSize(1);
        assertThat(answeredIds).containsExactly(stored.getFirst().id());
    }
}
