package dev.agenthub.hub.beads;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Wire spec §5.5 (per-issue write) and §5.6 (deletion) as a plan over the stored rows. */
class BeadUpsertPlannerTest {

    private static final String REPO = "github.com/org/repo";
    private static final Instant EARLIER = Instant.parse("2026-02-01T00:00:00Z");
    private static final Instant STORED_AT = Instant.parse("2026-02-02T00:00:00Z");
    private static final Instant LATER = Instant.parse("2026-02-03T00:00:00Z");
    private static final Instant SYNCED_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-02-07T11:14:49.123456Z");

    private static BeadIssue issue(String id, String status, Instant updatedAt, String createdBy, Instant syncedAt) {
        return new BeadIssue(REPO, "main", id, "Title " + id, null, status, 2, "task", null, createdBy, null,
                EARLIER, updatedAt, List.of(), null, syncedAt);
    }

    private static BeadIssue incoming(String id, String status, Instant updatedAt) {
        return issue(id, status, updatedAt, null, NOW);
    }

    private static Map<String, BeadIssue> stored(BeadIssue... rows) {
        return java.util.Arrays.stream(rows).collect(Collectors.toMap(BeadIssue::beadId, Function.identity()));
    }

    @Test
    void aNewIssueIsInsertedWithAStatusChangeFromNone() {
        UpsertPlan plan = BeadUpsertPlanner.planUpsert(Map.of(), List.of(incoming("bd-1", "open", LATER)));

        assertThat(plan.inserts()).containsExactly(incoming("bd-1", "open", LATER));
        assertThat(plan.inserted()).isOne();
        assertThat(plan.updated()).isZero();
        assertThat(plan.conflicts()).isEmpty();
        assertThat(plan.statusChanges())
                .containsExactly(new StatusChange("bd-1", "", "open", "Title bd-1", true));
    }

    @Test
    void aNewIssueWithoutAStatusHasNoStatusChange() {
        UpsertPlan plan = BeadUpsertPlanner.planUpsert(Map.of(),
                List.of(incoming("bd-1", null, null), incoming("bd-2", "", null)));

        assertThat(plan.inserted()).isEqualTo(2);
        assertThat(plan.statusChanges()).isEmpty();
    }

    @Test
    void anUpdateOverwritesEveryColumnIncludingNullsAndRecordsTheStatusChange() {
        BeadIssue row = new BeadIssue(REPO, "main", "bd-1", "Old title", "Old text", "open", 1, "bug", "carol",
                "dave", List.of("x"), EARLIER, STORED_AT, List.of(new BeadRef(REPO, "main", "bd-0")),
                new BeadRef(REPO, "main", "bd-p"), SYNCED_BEFORE);
        BeadIssue update = new BeadIssue(REPO, "main", "bd-1", null, null, "closed", null, null, null, "erin", null,
                null, LATER, List.of(), null, NOW);

        UpsertPlan plan = BeadUpsertPlanner.planUpsert(stored(row), List.of(update));

        assertThat(plan.updates()).containsExactly(update);
        assertThat(plan.updated()).isOne();
        assertThat(plan.inserted()).isZero();
        assertThat(plan.statusChanges()).containsExactly(new StatusChange("bd-1", "open", "closed", null, false));
    }

    @Test
    void aNullIncomingCreatedByKeepsTheStoredOne() {
        UpsertPlan plan = BeadUpsertPlanner.planUpsert(stored(issue("bd-1", "open", STORED_AT, "dave", SYNCED_BEFORE)),
                List.of(incoming("bd-1", "open", LATER)));

        assertThat(plan.updates()).containsExactly(issue("bd-1", "open", LATER, "dave", NOW));
        assertThat(plan.statusChanges()).isEmpty();
    }

    @Test
    void anOlderUpdatedAtIsAStaleUpdateSkippedAsAConflict() {
        UpsertPlan plan = BeadUpsertPlanner.planUpsert(stored(issue("bd-1", "open", STORED_AT, null, SYNCED_BEFORE)),
                List.of(incoming("bd-1", "closed", EARLIER)));

        assertThat(plan.inserts()).isEmpty();
        assertThat(plan.updates()).isEmpty();
        assertThat(plan.conflicts()).containsExactly("bd-1");
        assertThat(plan.statusChanges()).isEmpty();
    }

    @Test
    void anEqualOrUnknownUpdatedAtIsNotStale() {
        Map<String, BeadIssue> rows = stored(issue("bd-1", "open", STORED_AT, null, SYNCED_BEFORE),
                issue("bd-2", "open", null, null, SYNCED_BEFORE),
                issue("bd-3", "open", STORED_AT, null, SYNCED_BEFORE));

        UpsertPlan plan = BeadUpsertPlanner.planUpsert(rows, List.of(incoming("bd-1", "open", STORED_AT),
                incoming("bd-2", "in_progress", EARLIER), incoming("bd-3", "blocked", null)));

        assertThat(plan.conflicts()).isEmpty();
        assertThat(plan.updates()).extracting(BeadIssue::beadId).containsExactly("bd-1", "bd-2", "bd-3");
        assertThat(plan.statusChanges()).containsExactly(
                new StatusChange("bd-2", "open", "in_progress", "Title bd-2", false),
                new StatusChange("bd-3", "open", "blocked", "Title bd-3", false));
    }

    @Test
    void staleDetectionWorksAtMicrosecondResolution() {
        Instant stored = Instant.parse("2026-02-02T00:00:00.000002Z");
        UpsertPlan plan = BeadUpsertPlanner.planUpsert(stored(issue("bd-1", "open", stored, null, SYNCED_BEFORE)),
                List.of(incoming("bd-1", "closed", Instant.parse("2026-02-02T00:00:00.000001Z"))));

        assertThat(plan.conflicts()).containsExactly("bd-1");
    }

    @Test
    void anEmptiedStatusIsWrittenButIsNoStatusChange() {
        UpsertPlan plan = BeadUpsertPlanner.planUpsert(stored(issue("bd-1", "open", STORED_AT, null, SYNCED_BEFORE)),
                List.of(incoming("bd-1", null, LATER), incoming("bd-1", "", LATER)));

        assertThat(plan.updates()).extracting(BeadIssue::status).containsExactly("");
        assertThat(plan.statusChanges()).isEmpty();
    }

    @Test
    void aStoredNullStatusChangesFromTheEmptyString() {
        UpsertPlan plan = BeadUpsertPlanner.planUpsert(stored(issue("bd-1", null, STORED_AT, null, SYNCED_BEFORE)),
                List.of(incoming("bd-1", "open", LATER)));

        assertThat(plan.statusChanges()).containsExactly(new StatusChange("bd-1", "", "open", "Title bd-1", false));
    }

    @Test
    void aTombstoneIsAnOrdinaryStatusAndDeletesNothing() {
        UpsertPlan plan = BeadUpsertPlanner.planUpsert(stored(issue("bd-1", "closed", STORED_AT, null, SYNCED_BEFORE)),
                List.of(incoming("bd-1", "tombstone", LATER), incoming("bd-2", "tombstone", LATER)));

        assertThat(plan.updates()).extracting(BeadIssue::status).containsExactly("tombstone");
        assertThat(plan.inserts()).extracting(BeadIssue::status).containsExactly("tombstone");
        assertThat(plan.statusChanges()).containsExactly(
                new StatusChange("bd-1", "closed", "tombstone", "Title bd-1", false),
                new StatusChange("bd-2", "", "tombstone", "Title bd-2", true));
    }

    @Test
    void storedRowsMissingFromThePayloadAreLeftAlone() {
        UpsertPlan plan = BeadUpsertPlanner.planUpsert(
                stored(issue("bd-1", "open", STORED_AT, null, SYNCED_BEFORE),
                        issue("bd-2", "open", STORED_AT, null, SYNCED_BEFORE)),
                List.of(incoming("bd-3", "open", LATER)));

        assertThat(plan.inserts()).extracting(BeadIssue::beadId).containsExactly("bd-3");
        assertThat(plan.updates()).isEmpty();
        assertThat(plan.conflicts()).isEmpty();
    }

    @Test
    void aMixedPayloadIsPlannedInOrder() {
        UpsertPlan plan = BeadUpsertPlanner.planUpsert(
                stored(issue("bd-1", "open", STORED_AT, null, SYNCED_BEFORE),
                        issue("bd-2", "open", STORED_AT, null, SYNCED_BEFORE)),
                List.of(incoming("bd-2", "in_progress", LATER), incoming("bd-new", "open", null),
                        incoming("bd-1", "closed", EARLIER)));

        assertThat(plan.inserted()).isOne();
        assertThat(plan.updated()).isOne();
        assertThat(plan.conflicts()).containsExactly("bd-1");
        assertThat(plan.statusChanges()).extracting(StatusChange::beadId).containsExactly("bd-2", "bd-new");
    }

    @Test
    void deletionRemovesOnlyValidIdsThatHaveARow() {
        Map<String, BeadIssue> rows = stored(issue("bd-1", "open", STORED_AT, null, SYNCED_BEFORE),
                issue("bd-2", "open", STORED_AT, null, SYNCED_BEFORE));

        List<BeadIssue> removed = BeadUpsertPlanner.planDeletion(rows,
                List.of("bd-2", "bd-absent", "bad id", "bd-2", "-x", "bd-1"));

        assertThat(removed).extracting(BeadIssue::beadId).containsExactly("bd-2", "bd-1");
        assertThat(removed).extracting(BeadIssue::title).containsExactly("Title bd-2", "Title bd-1");
    }
}
