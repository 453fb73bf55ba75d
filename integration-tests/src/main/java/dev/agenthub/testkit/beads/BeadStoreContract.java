package dev.agenthub.testkit.beads;

import dev.agenthub.hub.beads.BeadIssue;
import dev.agenthub.hub.beads.BeadRef;
import dev.agenthub.hub.beads.port.BeadStore;
import dev.agenthub.hub.beads.port.BeadStore.IssueFilter;
import dev.agenthub.protocol.kernel.tx.TransactionConflict;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.paging.CursorKey;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link BeadStore} contract. Extend it with the store under test, the transaction runner its methods join,
 * and a way to create projects. Every check is scoped to fresh projects, so the store may hold other tests' rows.
 * Repo, branch and bead names are chosen so that their order is the same under every collation.
 */
public abstract class BeadStoreContract {

    protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");
    protected static final String ALPHA = "github.com/org/alpha";
    protected static final String BETA = "github.com/org/beta";
    protected static final String MAIN = "main";

    /** The store under test. */
    protected abstract BeadStore store();

    /** The runner whose transactions the store joins. */
    protected abstract TransactionRunner transactions();

    /** A live project, fresh for each call. */
    protected abstract ProjectId newProject();

    /** A minimal issue: every optional field null, no blockers. */
    protected static BeadIssue bare(String repo, String branch, String beadId) {
        return new BeadIssue(repo, branch, beadId, null, null, null, null, null, null, null, null, null, null,
                List.of(), null, T0);
    }

    /** An issue with a title, a status and a priority. */
    protected static BeadIssue issue(String repo, String beadId, String title, String status, Integer priority,
                                     BeadRef... blockedBy) {
        return new BeadIssue(repo, MAIN, beadId, title, null, status, priority, "task", null, null, null, null,
                null, List.of(blockedBy), null, T0);
    }

    private static BeadIssue full(String repo, String branch, String beadId) {
        return new BeadIssue(repo, branch, beadId, "Fix \"quoted\" bug", "multi\nline\tdescription", "in_progress",
                2, "bug", "ada", "bea", List.of("b-label", "a,label", "quote\"d", "back\\slash", "{braced}", ""),
                T0.minusSeconds(60), T0.minusSeconds(30),
                List.of(new BeadRef(repo, branch, "bd-09"), new BeadRef(BETA, MAIN, "bd-01")),
                new BeadRef(ALPHA, "dev", "bd-00"), T0);
    }

    private static IssueFilter query(String q) {
        return new IssueFilter(Optional.empty(), Optional.empty(), Set.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(q));
    }

    private static List<String> ids(List<BeadIssue> issues) {
        return issues.stream().map(BeadIssue::beadId).toList();
    }

    @Nested
    class Writes {

        @Test
        void anInsertedIssueIsReadBackExactlyWithItsListsInOrder() {
            ProjectId project = newProject();
            BeadIssue full = full(ALPHA, MAIN, "bd-01");
            BeadIssue bare = bare(ALPHA, MAIN, "bd-02");
            store().insert(project, List.of(full, bare));
            assertThat(store().find(project, ALPHA, MAIN, "bd-01")).contains(full);
            assertThat(store().find(project, ALPHA, MAIN, "bd-02")).contains(bare);
            assertThat(store().find(project, ALPHA, "dev", "bd-01")).isEmpty();
            assertThat(store().find(newProject(), ALPHA, MAIN, "bd-01")).isEmpty();
        }

        @Test
        void timestampsKeepMicroseconds() {
            ProjectId project = newProject();
            Instant nanos = Instant.parse("2026-03-01T12:00:00.123456789Z");
            BeadIssue issue = new BeadIssue(ALPHA, MAIN, "bd-01", null, null, null, null, null, null, null, null,
                    nanos, nanos, List.of(), null, nanos);
            store().insert(project, List.of(issue));
            BeadIssue stored = store().find(project, ALPHA, MAIN, "bd-01").orElseThrow();
            Instant micros = Instant.parse("2026-03-01T12:00:00.123456Z");
            assertThat(List.of(stored.createdAt(), stored.updatedAt(), stored.syncedAt()))
                    .containsOnly(micros);
        }

        @Test
        void insertingAStoredKeyFails() {
            ProjectId project = newProject();
            store().insert(project, List.of(bare(ALPHA, MAIN, "bd-01")));
            assertThatThrownBy(() -> store().insert(project, List.of(bare(ALPHA, MAIN, "bd-02"),
                    bare(ALPHA, MAIN, "bd-01")))).isInstanceOf(TransactionConflict.class);
            assertThat(store().count(project, ALPHA, MAIN)).isEqualTo(1);
        }

        @Test
        void theSameIdInAnotherRepoOrBranchIsAnotherRow() {
            ProjectId project = newProject();
            store().insert(project, List.of(bare(ALPHA, MAIN, "bd-01"), bare(ALPHA, "dev", "bd-01"),
                    bare(BETA, MAIN, "bd-01")));
            assertThat(store().count(project, ALPHA, MAIN)).isEqualTo(1);
            assertThat(store().count(project, ALPHA, "dev")).isEqualTo(1);
            assertThat(store().count(project, BETA, MAIN)).isEqualTo(1);
            assertThat(store().count(project, BETA, "dev")).isZero();
        }

        @Test
        void anUpdateOverwritesEveryColumnNullsAndCreatedByIncluded() {
            ProjectId project = newProject();
            store().insert(project, List.of(full(ALPHA, MAIN, "bd-01"), full(ALPHA, MAIN, "bd-02")));
            BeadIssue cleared = new BeadIssue(ALPHA, MAIN, "bd-01", null, null, null, null, null, null, null, null,
                    null, null, List.of(), null, T0.plusSeconds(5));
            store().update(project, List.of(cleared));
            assertThat(store().find(project, ALPHA, MAIN, "bd-01")).contains(cleared);
            assertThat(store().find(project, ALPHA, MAIN, "bd-02")).contains(full(ALPHA, MAIN, "bd-02"));
        }

        @Test
        void anUpdateKeepsTheCreatedByItIsGiven() {
            ProjectId project = newProject();
            BeadIssue stored = full(ALPHA, MAIN, "bd-01");
            store().insert(project, List.of(stored));
            BeadIssue incoming = bare(ALPHA, MAIN, "bd-01").withCreatedBy(stored.createdBy());
            store().update(project, List.of(incoming));
            assertThat(store().find(project, ALPHA, MAIN, "bd-01").orElseThrow().createdBy()).isEqualTo("bea");
        }

        @Test
        void anUpdateOfAMissingRowIsSkipped() {
            ProjectId project = newProject();
            store().insert(project, List.of(bare(ALPHA, MAIN, "bd-01")));
            BeadIssue titled = issue(ALPHA, "bd-01", "new", "open", 1);
            store().update(project, List.of(titled, issue(ALPHA, "bd-02", "ghost", "open", 1)));
            assertThat(store().find(project, ALPHA, MAIN, "bd-01")).contains(titled);
            assertThat(store().find(project, ALPHA, MAIN, "bd-02")).isEmpty();
            assertThat(store().count(project, ALPHA, MAIN)).isEqualTo(1);
        }

        @Test
        void tenThousandIssuesAreInsertedAndUpdatedInOneTransaction() {
            ProjectId project = newProject();
            List<String> ids = IntStream.range(0, 10_000).mapToObj(i -> "bd-%05d".formatted(i)).toList();
            List<BeadIssue> issues = ids.stream().map(id -> issue(ALPHA, id, "t " + id, "open", 2)).toList();
            transactions().inTransaction(() -> {
                assertThat(store().lockForUpdate(project, ALPHA, MAIN, ids)).isEmpty();
                store().insert(project, issues);
            });
            List<BeadIssue> closed = ids.stream().map(id -> issue(ALPHA, id, "done " + id, "closed", 1)).toList();
            transactions().inTransaction(() -> {
                assertThat(store().lockForUpdate(project, ALPHA, MAIN, ids)).hasSize(10_000);
                store().update(project, closed);
            });
            assertThat(store().count(project, ALPHA, MAIN)).isEqualTo(10_000);
            assertThat(store().find(project, ALPHA, MAIN, "bd-09999")).contains(closed.get(9_999));
            assertThat(store().find(project, ALPHA, MAIN, "bd-00000")).contains(closed.getFirst());
        }

        @Test
        void writesJoinTheCallersTransaction() {
            ProjectId project = newProject();
            assertThatThrownBy(() -> transactions().inTransaction(() -> {
                store().insert(project, List.of(bare(ALPHA, MAIN, "bd-01")));
                assertThat(store().find(project, ALPHA, MAIN, "bd-01")).isPresent();
                throw new IllegalStateException("roll back");
            })).hasMessage("roll back");
            assertThat(store().find(project, ALPHA, MAIN, "bd-01")).isEmpty();
        }

        @Test
        void deleteRemovesTheNamedRowsOfOneBranchAndCountsThem() {
            ProjectId project = newProject();
            store().insert(project, List.of(bare(ALPHA, MAIN, "bd-01"), bare(ALPHA, MAIN, "bd-02"),
                    bare(ALPHA, MAIN, "bd-03"), bare(ALPHA, "dev", "bd-01")));
            assertThat(store().delete(project, ALPHA, MAIN, List.of("bd-01", "bd-02", "bd-99"))).isEqualTo(2);
            assertThat(store().delete(project, ALPHA, MAIN, List.of("bd-01"))).isZero();
            assertThat(store().delete(project, ALPHA, MAIN, List.of())).isZero();
            assertThat(store().count(project, ALPHA, MAIN)).isEqualTo(1);
            assertThat(store().find(project, ALPHA, "dev", "bd-01")).isPresent();
        }
    }

    @Nested
    class Reads {

        @Test
        void lockForUpdateAndFindAllAnswerTheStoredRowsOfOneBranch() {
            ProjectId project = newProject();
            BeadIssue one = issue(ALPHA, "bd-01", "one", "open", 1);
            BeadIssue two = issue(ALPHA, "bd-02", "two", "open", 1);
            store().insert(project, List.of(one, two, bare(ALPHA, "dev", "bd-03"), bare(BETA, MAIN, "bd-01")));
            List<String> asked = List.of("bd-01", "bd-02", "bd-03", "bd-04");
            Map<String, BeadIssue> expected = Map.of("bd-01", one, "bd-02", two);
            assertThat(transactions().inTransaction(() -> store().lockForUpdate(project, ALPHA, MAIN, asked)))
                    .isEqualTo(expected);
            assertThat(store().findAll(project, ALPHA, MAIN, asked)).isEqualTo(expected);
            assertThat(store().findAll(project, ALPHA, MAIN, List.of())).isEmpty();
        }

        @Test
        void newestByIdTakesTheLatestSyncAndBreaksTiesByRepoThenBranch() {
            ProjectId project = newProject();
            BeadIssue old = withSyncedAt(issue(ALPHA, "bd-01", "old", "open", 1), T0);
            BeadIssue newest = withSyncedAt(issue(BETA, "bd-01", "new", "open", 1), T0.plusSeconds(1));
            BeadIssue tieBeta = withSyncedAt(issue(BETA, "bd-02", "beta", "open", 1), T0);
            BeadIssue tieAlphaMain = withSyncedAt(issue(ALPHA, "bd-02", "alpha main", "open", 1), T0);
            BeadIssue tieAlphaDev = withSyncedAt(bare(ALPHA, "dev", "bd-02"), T0);
            store().insert(project, List.of(old, newest, tieBeta, tieAlphaMain, tieAlphaDev));
            assertThat(store().newestById(project, List.of("bd-01", "bd-02", "bd-03")))
                    .isEqualTo(Map.of("bd-01", newest, "bd-02", tieAlphaDev));
            assertThat(store().newestById(newProject(), List.of("bd-01"))).isEmpty();
        }

        @Test
        void firstOrdersByRepoThenBranchAndHonoursTheRestrictions() {
            ProjectId project = newProject();
            BeadIssue betaMain = bare(BETA, MAIN, "bd-01");
            BeadIssue alphaMain = bare(ALPHA, MAIN, "bd-01");
            BeadIssue alphaDev = bare(ALPHA, "dev", "bd-01");
            store().insert(project, List.of(betaMain, alphaMain, alphaDev));
            assertThat(store().first(project, "bd-01", Optional.empty(), Optional.empty())).contains(alphaDev);
            assertThat(store().first(project, "bd-01", Optional.of(BETA), Optional.empty())).contains(betaMain);
            assertThat(store().first(project, "bd-01", Optional.empty(), Optional.of(MAIN))).contains(alphaMain);
            assertThat(store().first(project, "bd-01", Optional.of(BETA), Optional.of("dev"))).isEmpty();
            assertThat(store().first(project, "bd-02", Optional.empty(), Optional.empty())).isEmpty();
        }

        private static BeadIssue withSyncedAt(BeadIssue issue, Instant syncedAt) {
            return new BeadIssue(issue.repo(), issue.branch(), issue.beadId(), issue.title(), issue.description(),
                    issue.status(), issue.priority(), issue.issueType(), issue.assignee(), issue.createdBy(),
                    issue.labels(), issue.createdAt(), issue.updatedAt(), issue.blockedBy(), issue.parentId(),
                    syncedAt);
        }
    }

    @Nested
    class Paging {

        /**
         * Rows with different sort times (updated_at, else synced_at), equal sort times with different
         * priorities (null last), and equal (sort time, priority, bead id) keys in several repos and branches:
         * walking the cursor at every page size gives each row once, in the §1.6 order.
         */
        @Test
        void pagesWalkTheSpecOrderWithCursors() {
            ProjectId project = newProject();
            List<BeadIssue> rows = List.of(
                    sorted(ALPHA, MAIN, "bd-06", 0, T0.minusSeconds(10)),   // updated_at before synced_at wins
                    sorted(BETA, MAIN, "bd-08", null, null),
                    sorted(ALPHA, MAIN, "bd-07", 2, null),
                    sorted(ALPHA, "dev", "bd-04", 1, T0),
                    sorted(BETA, MAIN, "bd-09", null, T0.plusSeconds(5)),
                    sorted(ALPHA, MAIN, "bd-01", 1, null),
                    sorted(BETA, MAIN, "bd-07", 2, T0),
                    sorted(ALPHA, MAIN, "bd-00", null, null),
                    sorted(ALPHA, MAIN, "bd-03", 0, null),
                    sorted(BETA, "dev", "bd-02", 1, null),
                    sorted(ALPHA, "dev", "bd-07", 2, null),
                    sorted(ALPHA, MAIN, "bd-05", 3, T0.plusSeconds(10)));
            store().insert(project, rows);
            store().insert(newProject(), List.of(sorted(ALPHA, MAIN, "bd-99", 0, T0.plusSeconds(60))));
            List<String> expected = List.of(
                    ALPHA + " main bd-05",  // T0+10s
                    BETA + " main bd-09",   // T0+5s
                    ALPHA + " main bd-03",  // T0, priority 0
                    ALPHA + " main bd-01",  // T0, priority 1, by bead id
                    BETA + " dev bd-02",
                    ALPHA + " dev bd-04",
                    ALPHA + " dev bd-07",   // T0, priority 2, bd-07: by repo, then branch
                    ALPHA + " main bd-07",
                    BETA + " main bd-07",
                    ALPHA + " main bd-00",  // T0, priority null
                    BETA + " main bd-08",
                    ALPHA + " main bd-06"); // T0-10s
            for (int size : List.of(1, 2, 3, 4, 5, 11, 12, 13)) {
                List<String> walked = new ArrayList<>();
                Optional<CursorKey> after = Optional.empty();
                while (true) {
                    Page<BeadIssue> page = store().page(project, IssueFilter.NONE, new PageRequest(size, after));
                    page.items().forEach(i -> walked.add(i.repo() + " " + i.branch() + " " + i.beadId()));
                    assertThat(page.items()).hasSizeLessThanOrEqualTo(size);
                    if (!page.hasMore()) {
                        break;
                    }
                    assertThat(page.items()).hasSize(size);
                    after = Optional.of(CursorKey.decode(page.nextCursor().orElseThrow()));
                }
                assertThat(walked).as("page size %d", size).isEqualTo(expected);
            }
        }

        @Test
        void aPageExactlyFullHasNoMore() {
            ProjectId project = newProject();
            store().insert(project, List.of(bare(ALPHA, MAIN, "bd-01"), bare(ALPHA, MAIN, "bd-02")));
            Page<BeadIssue> page = store().page(project, IssueFilter.NONE, new PageRequest(2, Optional.empty()));
            assertThat(ids(page.items())).containsExactly("bd-01", "bd-02");
            assertThat(page.hasMore()).isFalse();
            assertThat(page.nextCursor()).isEmpty();
        }

        @Test
        void aCursorWithoutTheSortKeyOrWithABadTimestampIsInvalid() {
            ProjectId project = newProject();
            String incomplete = "Invalid cursor: incomplete sort key (missing sort_time, priority, or bead_id)";
            Map<String, Object> noPriority = new LinkedHashMap<>();
            noPriority.put("sort_time", CursorKey.timestamp(T0));
            noPriority.put("bead_id", "bd-01");
            Map<String, Object> badTime = new LinkedHashMap<>();
            badTime.put("sort_time", "yesterday");
            badTime.put("priority", null);
            badTime.put("bead_id", "bd-01");
            assertThatThrownBy(() -> page(project, Map.of("repo", ALPHA, "branch", MAIN)))
                    .isInstanceOf(DomainError.Invalid.class).hasMessage(incomplete);
            assertThatThrownBy(() -> page(project, noPriority))
                    .isInstanceOf(DomainError.Invalid.class).hasMessage(incomplete);
            assertThatThrownBy(() -> page(project, badTime))
                    .isInstanceOf(DomainError.Invalid.class).hasMessage("Invalid cursor: bad timestamp (yesterday)");
        }

        private Page<BeadIssue> page(ProjectId project, Map<String, ?> cursor) {
            return store().page(project, IssueFilter.NONE, new PageRequest(5, Optional.of(CursorKey.of(cursor))));
        }

        /** A bare issue with this priority and updated_at, synced at {@link #T0}. */
        private static BeadIssue sorted(String repo, String branch, String beadId, Integer priority,
                                        Instant updatedAt) {
            return new BeadIssue(repo, branch, beadId, null, null, null, priority, null, null, null, null, null,
                    updatedAt, List.of(), null, T0);
        }

        @Test
        void everyFilterMustHold() {
            ProjectId project = newProject();
            BeadIssue match = new BeadIssue(ALPHA, MAIN, "bd-01", "t", null, "open", 1, "bug", "ada", "bea",
                    List.of("x", "y"), null, null, List.of(), null, T0);
            store().insert(project, List.of(match,
                    new BeadIssue(BETA, MAIN, "bd-02", "t", null, "open", 1, "bug", "ada", "bea",
                            List.of("x", "y"), null, null, List.of(), null, T0),
                    new BeadIssue(ALPHA, "dev", "bd-03", "t", null, "open", 1, "bug", "ada", "bea",
                            List.of("x", "y"), null, null, List.of(), null, T0),
                    new BeadIssue(ALPHA, MAIN, "bd-04", "t", null, "closed", 1, "bug", "ada", "bea",
                            List.of("x", "y"), null, null, List.of(), null, T0),
                    new BeadIssue(ALPHA, MAIN, "bd-05", "t", null, "open", 1, "bug", "bob", "bea",
                            List.of("x", "y"), null, null, List.of(), null, T0),
                    new BeadIssue(ALPHA, MAIN, "bd-06", "t", null, "open", 1, "bug", "ada", "cid",
                            List.of("x", "y"), null, null, List.of(), null, T0),
                    new BeadIssue(ALPHA, MAIN, "bd-07", "t", null, "open", 1, "bug", "ada", "bea",
                            List.of("xy"), null, null, List.of(), null, T0),
                    new BeadIssue(ALPHA, MAIN, "bd-08", "t", null, "open", 1, "task", "ada", "bea",
                            List.of("x", "y"), null, null, List.of(), null, T0),
                    new BeadIssue(ALPHA, MAIN, "bd-09", "t", null, "open", 1, "bug", "ada", "bea", null, null, null,
                            List.of(), null, T0)));
            IssueFilter all = new IssueFilter(Optional.of(ALPHA), Optional.of(MAIN), Set.of("open", "in_progress"),
                    Optional.of("ada"), Optional.of("bea"), Optional.of("y"), Optional.of("bug"), Optional.empty());
            assertThat(ids(store().page(project, all, new PageRequest(50, Optional.empty())).items()))
                    .containsExactly("bd-01");
            IssueFilter statuses = new IssueFilter(Optional.empty(), Optional.empty(), Set.of("closed"),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
            assertThat(ids(store().page(project, statuses, new PageRequest(50, Optional.empty())).items()))
                    .containsExactly("bd-04");
            IssueFilter label = new IssueFilter(Optional.empty(), Optional.empty(), Set.of(), Optional.empty(),
                    Optional.empty(), Optional.of("xy"), Optional.empty(), Optional.empty());
            assertThat(ids(store().page(project, label, new PageRequest(50, Optional.empty())).items()))
                    .containsExactly("bd-07");
        }

        @Test
        void qMatchesABeadIdPrefixOrATitleSubstringIgnoringCase() {
            ProjectId project = newProject();
            store().insert(project, List.of(issue(ALPHA, "bd-01", "Refactor the Parser", "open", 1),
                    issue(ALPHA, "BD-02", "unrelated", "open", 1),
                    issue(ALPHA, "xbd-03", "nothing", "open", 1),
                    issue(ALPHA, "zz-04", null, "open", 1)));
            assertThat(ids(page(project, "bd-"))).containsExactlyInAnyOrder("BD-02", "bd-01");
            assertThat(ids(page(project, "D-0"))).isEmpty();
            assertThat(ids(page(project, "parser"))).containsExactly("bd-01");
            assertThat(ids(page(project, "THE P"))).containsExactly("bd-01");
            assertThat(ids(page(project, "xbd"))).containsExactly("xbd-03");
        }

        @Test
        void qMatchesLikeMetacharactersLiterally() {
            ProjectId project = newProject();
            store().insert(project, List.of(issue(ALPHA, "bd-01", "100% done", "open", 1),
                    issue(ALPHA, "bd-02", "snake_case", "open", 1),
                    issue(ALPHA, "bd-03", "back\\slash", "open", 1),
                    issue(ALPHA, "bd-04", "plain words", "open", 1),
                    issue(ALPHA, "bd-05", "snakeXcase", "open", 1)));
            assertThat(ids(page(project, "%"))).containsExactly("bd-01");
            assertThat(ids(page(project, "_"))).containsExactly("bd-02");
            assertThat(ids(page(project, "e_c"))).containsExactly("bd-02");
            assertThat(ids(page(project, "\\"))).containsExactly("bd-03");
            assertThat(ids(page(project, "0%"))).containsExactly("bd-01");
            assertThat(ids(page(project, "bd_"))).isEmpty();
        }

        private List<BeadIssue> page(ProjectId project, String q) {
            return store().page(project, query(q), new PageRequest(50, Optional.empty())).items();
        }
    }

    @Nested
    class Ready {

        @Test
        void openIssuesWhoseBlockersAreAllClosedOrderedByPriorityNullsLastThenId() {
            ProjectId project = newProject();
            BeadRef closedHere = new BeadRef(ALPHA, MAIN, "bd-c1");
            BeadRef closedCrossRepo = new BeadRef(BETA, MAIN, "bd-c2");
            BeadRef openHere = new BeadRef(ALPHA, MAIN, "bd-o1");
            BeadRef missing = new BeadRef(ALPHA, MAIN, "bd-zz");
            BeadRef otherBranch = new BeadRef(ALPHA, "dev", "bd-c1");
            store().insert(project, List.of(
                    issue(ALPHA, "bd-c1", "closed blocker", "closed", 0),
                    issue(BETA, "bd-c2", "closed in beta", "closed", 0),
                    issue(ALPHA, "bd-o1", "open blocker", "in_progress", 0),
                    issue(ALPHA, "bd-r3", "free, no priority", "open", null),
                    issue(ALPHA, "bd-r2", "freed by closed", "open", 2, closedHere),
                    issue(ALPHA, "bd-r1", "freed across repos", "open", 2, closedHere, closedCrossRepo),
                    issue(ALPHA, "bd-r0", "urgent", "open", 0),
                    issue(ALPHA, "bd-b1", "blocked by open", "open", 0, closedHere, openHere),
                    issue(ALPHA, "bd-b2", "blocked by missing", "open", 0, missing),
                    issue(ALPHA, "bd-b3", "blocker on another branch is missing", "open", 0, otherBranch),
                    issue(ALPHA, "bd-b4", "not open", "in_progress", 0)));
            assertThat(ids(store().ready(project, Optional.empty(), Optional.empty(), 50)))
                    .containsExactly("bd-r0", "bd-r1", "bd-r2", "bd-r3");
            assertThat(ids(store().ready(project, Optional.empty(), Optional.empty(), 2)))
                    .containsExactly("bd-r0", "bd-r1");
        }

        @Test
        void aClosedBlockerOfAnotherProjectStillBlocks() {
            ProjectId project = newProject();
            ProjectId other = newProject();
            store().insert(other, List.of(issue(BETA, "bd-01", "closed elsewhere", "closed", 0)));
            store().insert(project, List.of(issue(ALPHA, "bd-02", "blocked", "open", 0,
                    new BeadRef(BETA, MAIN, "bd-01"))));
            assertThat(store().ready(project, Optional.empty(), Optional.empty(), 10)).isEmpty();
            store().insert(project, List.of(issue(BETA, "bd-01", "closed here", "closed", 0)));
            assertThat(ids(store().ready(project, Optional.empty(), Optional.empty(), 10))).containsExactly("bd-02");
        }

        @Test
        void restrictedToARepoAndBranch() {
            ProjectId project = newProject();
            store().insert(project, List.of(issue(ALPHA, "bd-01", "a", "open", 1), issue(BETA, "bd-02", "b", "open", 1),
                    new BeadIssue(ALPHA, "dev", "bd-03", "c", null, "open", 1, null, null, null, null, null, null,
                            List.of(), null, T0)));
            assertThat(ids(store().ready(project, Optional.of(ALPHA), Optional.empty(), 10)))
                    .containsExactly("bd-01", "bd-03");
            assertThat(ids(store().ready(project, Optional.of(ALPHA), Optional.of(MAIN), 10)))
                    .containsExactly("bd-01");
            assertThat(ids(store().ready(project, Optional.empty(), Optional.of(MAIN), 10)))
                    .containsExactly("bd-01", "bd-02");
        }
    }
}
