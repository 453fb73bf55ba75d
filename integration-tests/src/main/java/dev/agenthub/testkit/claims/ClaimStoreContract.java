package dev.agenthub.testkit.claims;

import dev.agenthub.hub.claims.Claim;
import dev.agenthub.hub.claims.port.ClaimStore;
import dev.agenthub.hub.claims.port.ClaimStore.Claimed;
import dev.agenthub.hub.claims.port.ClaimStore.Outcome;
import dev.agenthub.hub.claims.port.ClaimStore.Rejected;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.paging.CursorKey;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import dev.agenthub.testkit.ConcurrentRuns;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link ClaimStore} contract. Extend it with the store under test, a second store on the same database
 * that shares nothing else with it (its own connection pool: a second server instance), the transaction
 * runner the first store joins, and ways to create projects and workspaces and to write a claim row
 * bypassing the claim check. Every check is scoped to fresh projects, so the store may hold other tests' rows.
 */
public abstract class ClaimStoreContract {

    protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");

    /** The store under test. */
    protected abstract ClaimStore store();

    /** A store on the same database with its own connection pool, as another server instance would have. */
    protected abstract ClaimStore secondInstance();

    /** The runner whose transactions {@link #store()} joins. */
    protected abstract TransactionRunner transactions();

    /** A live project, fresh for each call. */
    protected abstract ProjectId newProject();

    /** A live workspace of the project (with its agent) holding this alias; its id. */
    protected abstract AgentId newWorkspace(ProjectId project, String alias);

    /**
     * Writes this claim row as is, without the "held by another workspace?" check, as an older hub or an operator
     * might have: the only way to make several workspaces hold one bead.
     */
    protected abstract void insertDirectly(Claim claim);

    /** Newest first; workspace ids compare as PostgreSQL compares uuids (unsigned bytes, like their text). */
    private static final Comparator<Claim> NEWEST_FIRST = Comparator.comparing(Claim::claimedAt).reversed()
            .thenComparing(Claim::beadId).thenComparing(claim -> claim.workspace().value().toString());

    private static Claim claim(ProjectId project, String beadId, AgentId workspace, String alias, Instant at) {
        return new Claim(project, beadId, workspace, alias, "Ada", at, Claim.Apex.NONE);
    }

    @Nested
    class Claiming {

        @Test
        void aFreeBeadIsClaimedAndStoredAsGiven() {
            ProjectId project = newProject();
            AgentId ws = newWorkspace(project, "ada");
            Claim wanted = new Claim(project, "bd-01", ws, "ada", "Ada Lovelace", T0,
                    new Claim.Apex("bd-00", "github.com/org/alpha", "main"));
            assertThat(store().claim(wanted)).isEqualTo(new Claimed(wanted));
            assertThat(store().ofBeads(project, List.of("bd-01"))).containsExactly(wanted);
        }

        @Test
        void aNativeApexKeepsOnlyItsBeadId() {
            ProjectId project = newProject();
            AgentId ws = newWorkspace(project, "ada");
            Claim wanted = new Claim(project, "task-1", ws, "ada", "", T0, new Claim.Apex("task-0", null, null));
            store().claim(wanted);
            assertThat(store().ofWorkspaces(List.of(ws))).containsExactly(wanted);
        }

        @Test
        void theHolderReclaimingOverwritesItsClaim() {
            ProjectId project = newProject();
            AgentId ws = newWorkspace(project, "ada");
            store().claim(new Claim(project, "bd-01", ws, "ada", "Ada", T0, new Claim.Apex("bd-00", "r", "main")));
            Claim again = new Claim(project, "bd-01", ws, "ada-2", "Ada L", T0.plusSeconds(5), Claim.Apex.NONE);
            assertThat(store().claim(again)).isEqualTo(new Claimed(again));
            assertThat(store().ofBeads(project, List.of("bd-01"))).containsExactly(again);
        }

        @Test
        void anotherWorkspaceIsRejectedWithTheNewestHolderAndNothingIsWritten() {
            ProjectId project = newProject();
            AgentId older = newWorkspace(project, "older");
            AgentId newer = newWorkspace(project, "newer");
            AgentId latecomer = newWorkspace(project, "late");
            Claim olderClaim = claim(project, "bd-01", older, "older", T0);
            Claim newerClaim = claim(project, "bd-01", newer, "newer", T0.plusSeconds(1));
            insertDirectly(olderClaim);
            insertDirectly(newerClaim);
            Outcome outcome = store().claim(claim(project, "bd-01", latecomer, "late", T0.plusSeconds(2)));
            assertThat(outcome).isEqualTo(new Rejected(newerClaim));
            assertThat(store().ofBeads(project, List.of("bd-01"))).containsExactly(newerClaim, olderClaim);
        }

        @Test
        void aHolderThatAlsoHasCompanyIsStillRejected() {
            ProjectId project = newProject();
            AgentId a = newWorkspace(project, "a");
            AgentId b = newWorkspace(project, "b");
            insertDirectly(claim(project, "bd-01", a, "a", T0));
            Claim bClaim = claim(project, "bd-01", b, "b", T0.plusSeconds(1));
            insertDirectly(bClaim);
            assertThat(store().claim(claim(project, "bd-01", a, "a", T0.plusSeconds(2))))
                    .isEqualTo(new Rejected(bClaim));
        }

        @Test
        void theSameBeadInAnotherProjectIsFree() {
            ProjectId one = newProject();
            ProjectId two = newProject();
            store().claim(claim(one, "bd-01", newWorkspace(one, "a"), "a", T0));
            Claim other = claim(two, "bd-01", newWorkspace(two, "b"), "b", T0);
            assertThat(store().claim(other)).isEqualTo(new Claimed(other));
        }

        @Test
        void aClaimJoinsTheCallersTransaction() {
            ProjectId project = newProject();
            AgentId ws = newWorkspace(project, "ada");
            assertThatThrownBy(() -> transactions().inTransaction(() -> {
                assertThat(store().claim(claim(project, "bd-01", ws, "ada", T0))).isInstanceOf(Claimed.class);
                assertThat(store().ofBeads(project, List.of("bd-01"))).hasSize(1);
                throw new IllegalStateException("roll back");
            })).hasMessage("roll back");
            assertThat(store().ofBeads(project, List.of("bd-01"))).isEmpty();
        }

        @Test
        void aRejectionLeavesTheCallersTransactionUsable() {
            ProjectId project = newProject();
            AgentId holder = newWorkspace(project, "holder");
            AgentId other = newWorkspace(project, "other");
            store().claim(claim(project, "bd-01", holder, "holder", T0));
            transactions().inTransaction(() -> {
                assertThat(store().claim(claim(project, "bd-01", other, "other", T0))).isInstanceOf(Rejected.class);
                assertThat(store().claim(claim(project, "bd-02", other, "other", T0))).isInstanceOf(Claimed.class);
            });
            assertThat(store().ofWorkspaces(List.of(other))).extracting(Claim::beadId).containsExactly("bd-02");
        }

        /**
         * 100 trials: eight workspaces claim one fresh bead at the same moment, half of them through each of two
         * server instances; exactly one wins each time and the table holds its claim only.
         */
        @Test
        void racingClaimersThroughTwoInstancesGetExactlyOneWinner() throws Exception {
            ProjectId project = newProject();
            int threads = 8;
            List<AgentId> workspaces = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workspaces.add(newWorkspace(project, "racer-" + t));
            }
            List<ClaimStore> instances = List.of(store(), secondInstance());
            for (int trial = 0; trial < 100; trial++) {
                String beadId = "bd-race-" + trial;
                ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
                ConcurrentRuns.run(threads, thread -> outcomes.add(instances.get(thread % 2).claim(
                        claim(project, beadId, workspaces.get(thread), "racer-" + thread, T0.plusSeconds(thread)))));
                List<Claim> won = outcomes.stream().filter(o -> o instanceof Claimed)
                        .map(o -> ((Claimed) o).claim()).toList();
                assertThat(won).as("winners of trial %d", trial).hasSize(1);
                assertThat(outcomes).filteredOn(o -> o instanceof Rejected)
                        .as("losers of trial %d", trial)
                        .hasSize(threads - 1)
                        .allSatisfy(o -> assertThat(((Rejected) o).holder()).isEqualTo(won.getFirst()));
                assertThat(store().ofBeads(project, List.of(beadId))).containsExactly(won.getFirst());
                assertThat(secondInstance().claimantCounts(project, List.of(beadId))).isEqualTo(Map.of(beadId, 1));
            }
        }
    }

    @Nested
    class Removal {

        @Test
        void releaseAllRemovesEveryWorkspacesClaimOnTheBeadAndAnswersThem() {
            ProjectId project = newProject();
            AgentId a = newWorkspace(project, "a");
            AgentId b = newWorkspace(project, "b");
            Claim aClaim = claim(project, "bd-01", a, "a", T0);
            Claim bClaim = claim(project, "bd-01", b, "b", T0.plusSeconds(1));
            Claim kept = claim(project, "bd-02", a, "a", T0);
            List.of(aClaim, bClaim, kept).forEach(ClaimStoreContract.this::insertDirectly);
            ProjectId elsewhere = newProject();
            Claim foreign = claim(elsewhere, "bd-01", newWorkspace(elsewhere, "c"), "c", T0);
            insertDirectly(foreign);
            assertThat(store().releaseAll(project, "bd-01")).containsExactlyInAnyOrder(aClaim, bClaim);
            assertThat(store().releaseAll(project, "bd-01")).isEmpty();
            assertThat(store().newestOfProject(project, 10)).containsExactly(kept);
            assertThat(store().newestOfProject(elsewhere, 10)).containsExactly(foreign);
        }

        @Test
        void deleteOfWorkspacesRemovesTheirClaimsAndAnswersThem() {
            ProjectId project = newProject();
            AgentId a = newWorkspace(project, "a");
            AgentId b = newWorkspace(project, "b");
            AgentId c = newWorkspace(project, "c");
            Claim a1 = claim(project, "bd-01", a, "a", T0);
            Claim a2 = claim(project, "bd-02", a, "a", T0.plusSeconds(1));
            Claim b1 = claim(project, "bd-03", b, "b", T0);
            Claim c1 = claim(project, "bd-04", c, "c", T0);
            List.of(a1, a2, b1, c1).forEach(ClaimStoreContract.this::insertDirectly);
            assertThat(store().deleteOfWorkspaces(List.of(a, b))).containsExactlyInAnyOrder(a1, a2, b1);
            assertThat(store().deleteOfWorkspaces(List.of(a))).isEmpty();
            assertThat(store().deleteOfWorkspaces(List.of())).isEmpty();
            assertThat(store().newestOfProject(project, 10)).containsExactly(c1);
        }
    }

    @Nested
    class Listing {

        /** Six claims with ties on time broken by bead id, then workspace id. */
        private List<Claim> sixClaims(ProjectId project, AgentId... workspaces) {
            List<Claim> claims = new ArrayList<>();
            claims.add(claim(project, "bd-02", workspaces[0], "w0", T0.plusSeconds(10)));
            claims.add(claim(project, "bd-01", workspaces[0], "w0", T0.plusSeconds(10)));
            claims.add(claim(project, "bd-01", workspaces[1], "w1", T0.plusSeconds(10)));
            claims.add(claim(project, "bd-03", workspaces[1], "w1", T0.plusSeconds(20)));
            claims.add(claim(project, "bd-04", workspaces[0], "w0", T0));
            claims.add(claim(project, "bd-05", workspaces[1], "w1", T0.plusSeconds(5)));
            claims.forEach(ClaimStoreContract.this::insertDirectly);
            return claims.stream().sorted(NEWEST_FIRST).toList();
        }

        @Test
        void newestOfProjectOrdersByTimeThenBeadThenWorkspace() {
            ProjectId project = newProject();
            List<Claim> expected = sixClaims(project, newWorkspace(project, "w0"), newWorkspace(project, "w1"));
            assertThat(expected).extracting(Claim::beadId)
                    .containsExactly("bd-03", "bd-01", "bd-01", "bd-02", "bd-05", "bd-04");
            assertThat(store().newestOfProject(project, 10)).isEqualTo(expected);
            assertThat(store().newestOfProject(project, 2)).isEqualTo(expected.subList(0, 2));
            assertThat(store().newestOfProject(newProject(), 10)).isEmpty();
        }

        @Test
        void ofWorkspacesAndOfBeadsAreNewestFirst() {
            ProjectId project = newProject();
            AgentId w0 = newWorkspace(project, "w0");
            AgentId w1 = newWorkspace(project, "w1");
            AgentId idle = newWorkspace(project, "idle");
            List<Claim> all = sixClaims(project, w0, w1);
            assertThat(store().ofWorkspaces(List.of(w1, idle)))
                    .isEqualTo(all.stream().filter(c -> c.workspace().equals(w1)).toList());
            assertThat(store().ofWorkspaces(List.of())).isEmpty();
            assertThat(store().ofBeads(project, List.of("bd-01", "bd-04", "bd-99")))
                    .isEqualTo(all.stream().filter(c -> List.of("bd-01", "bd-04").contains(c.beadId())).toList());
            assertThat(store().ofBeads(newProject(), List.of("bd-01"))).isEmpty();
        }

        @Test
        void pagesWalkTheNewestFirstOrderAcrossTies() {
            ProjectId project = newProject();
            AgentId w0 = newWorkspace(project, "w0");
            AgentId w1 = newWorkspace(project, "w1");
            List<Claim> expected = sixClaims(project, w0, w1);
            assertThat(walk(project, Optional.empty(), 2)).isEqualTo(expected);
            assertThat(walk(project, Optional.empty(), 4)).isEqualTo(expected);
            assertThat(walk(project, Optional.of(w0), 1))
                    .isEqualTo(expected.stream().filter(c -> c.workspace().equals(w0)).toList());
        }

        @Test
        void aCursorWithABadWorkspaceIdIsInvalid() {
            CursorKey bad = CursorKey.of(Map.of("claimed_at", CursorKey.timestamp(T0), "bead_id", "bd-01",
                    "workspace_id", "not-a-uuid"));
            assertThatThrownBy(() -> store().page(newProject(), Optional.empty(), new PageRequest(5, Optional.of(bad))))
                    .isInstanceOf(DomainError.Invalid.class).hasMessage("Invalid cursor: bad workspace_id");
        }

        @Test
        void aFullLastPageHasNoCursor() {
            ProjectId project = newProject();
            AgentId w = newWorkspace(project, "w");
            insertDirectly(claim(project, "bd-01", w, "w", T0));
            Page<Claim> page = store().page(project, Optional.empty(), new PageRequest(1, Optional.empty()));
            assertThat(page.items()).hasSize(1);
            assertThat(page.hasMore()).isFalse();
            assertThat(page.nextCursor()).isEmpty();
        }

        private List<Claim> walk(ProjectId project, Optional<AgentId> workspace, int limit) {
            List<Claim> walked = new ArrayList<>();
            Optional<CursorKey> after = Optional.empty();
            while (true) {
                Page<Claim> page = store().page(project, workspace, new PageRequest(limit, after));
                assertThat(page.items().size()).isLessThanOrEqualTo(limit);
                walked.addAll(page.items());
                if (!page.hasMore()) {
                    return walked;
                }
                assertThat(page.items()).hasSize(limit);
                after = Optional.of(CursorKey.decode(page.nextCursor().orElseThrow()));
            }
        }

        @Test
        void claimantCountsMapBeadsWithoutClaimsToZero() {
            ProjectId project = newProject();
            AgentId a = newWorkspace(project, "a");
            AgentId b = newWorkspace(project, "b");
            insertDirectly(claim(project, "bd-01", a, "a", T0));
            insertDirectly(claim(project, "bd-01", b, "b", T0));
            insertDirectly(claim(project, "bd-02", b, "b", T0));
            ProjectId elsewhere = newProject();
            insertDirectly(claim(elsewhere, "bd-03", newWorkspace(elsewhere, "c"), "c", T0));
            assertThat(store().claimantCounts(project, List.of("bd-01", "bd-02", "bd-03", "bd-04")))
                    .isEqualTo(Map.of("bd-01", 2, "bd-02", 1, "bd-03", 0, "bd-04", 0));
            assertThat(store().claimantCounts(project, List.of())).isEmpty();
        }
    }
}
