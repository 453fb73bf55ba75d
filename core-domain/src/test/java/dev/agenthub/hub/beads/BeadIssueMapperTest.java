package dev.agenthub.hub.beads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.protocol.kernel.json.CompactJson;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

/** Wire spec §5.5: the fields kept from a record, and the dependency mapping. */
class BeadIssueMapperTest {

    private static final String REPO = "github.com/org/repo";
    private static final Instant NOW = Instant.parse("2026-02-07T11:14:49.123456Z");

    private static BeadIssue mapOne(String jsonl) {
        return mapAll(jsonl).getFirst();
    }

    private static List<BeadIssue> mapAll(String jsonl) {
        return BeadIssueMapper.mapAll(BeadRecords.filter(BeadsJsonl.parse(jsonl)), REPO, "main", NOW);
    }

    private static BeadRef local(String id) {
        return new BeadRef(REPO, "main", id);
    }

    @Test
    void keepsTheSpecFieldsAndDropsTheRest() {
        BeadIssue issue = mapOne("""
                {"id":"bd-1","title":"Fix it","description":"Long text","status":"in_progress","priority":1,\
                "issue_type":"bug","assignee":"carol","created_by":"  dave  ","labels":["a","b"],\
                "created_at":"2026-02-01T10:00:00.123456789-08:00","updated_at":"2026-02-02T10:00:00Z",\
                "notes":"ignored","estimated_minutes":30,"closed_at":"2026-02-03T00:00:00Z"}""");

        assertThat(issue).isEqualTo(new BeadIssue(REPO, "main", "bd-1", "Fix it", "Long text", "in_progress", 1,
                "bug", "carol", "dave", List.of("a", "b"), Instant.parse("2026-02-01T18:00:00.123456Z"),
                Instant.parse("2026-02-02T10:00:00Z"), List.of(), null, NOW));
    }

    @Test
    void missingFieldsAreNull() {
        BeadIssue issue = mapOne("{\"id\":\"bd-1\"}");

        assertThat(issue).isEqualTo(new BeadIssue(REPO, "main", "bd-1", null, null, null, null, null, null, null,
                null, null, null, List.of(), null, NOW));
    }

    @Test
    void createdByIsConvertedTrimmedEmptiedAndTruncated() {
        assertThat(BeadIssueMapper.createdBy(42L)).isEqualTo("42");
        assertThat(BeadIssueMapper.createdBy(true)).isEqualTo("True");
        assertThat(BeadIssueMapper.createdBy(new java.math.BigDecimal("1.5"))).isEqualTo("1.5");
        assertThat(BeadIssueMapper.createdBy(CompactJson.parse("{\"a\":1}"))).isEqualTo("{\"a\":1}");
        assertThat(BeadIssueMapper.createdBy("   ")).isNull();
        assertThat(BeadIssueMapper.createdBy("")).isNull();
        assertThat(BeadIssueMapper.createdBy(null)).isNull();
        assertThat(BeadIssueMapper.createdBy(" " + "x".repeat(300) + " ")).isEqualTo("x".repeat(255));
        String emoji = "\uD83D\uDE00";
        assertThat(BeadIssueMapper.createdBy(emoji.repeat(256))).isEqualTo(emoji.repeat(255));
    }

    @Test
    void emptyOrMissingLabelsAreNull() {
        assertThat(mapOne("{\"id\":\"bd-1\",\"labels\":[]}").labels()).isNull();
        assertThat(mapOne("{\"id\":\"bd-1\"}").labels()).isNull();
        assertThat(mapOne("{\"id\":\"bd-1\",\"labels\":null}").labels()).isNull();
    }

    @Test
    void unparseableTimestampsAreNull() {
        BeadIssue issue = mapOne("{\"id\":\"bd-1\",\"created_at\":\"yesterday\",\"updated_at\":12345}");

        assertThat(issue.createdAt()).isNull();
        assertThat(issue.updatedAt()).isNull();
    }

    @Test
    void aNonIntegerPriorityIsNull() {
        assertThat(mapOne("{\"id\":\"bd-1\",\"priority\":\"high\"}").priority()).isNull();
        assertThat(mapOne("{\"id\":\"bd-1\",\"priority\":1.5}").priority()).isNull();
        assertThat(mapOne("{\"id\":\"bd-1\",\"priority\":0}").priority()).isZero();
    }

    @Test
    void explicitBlockedByTakesStringsCrossRepoStringsAndObjectsAndDropsInvalidOnes() {
        BeadIssue issue = mapOne("""
                {"id":"bd-9","blocked_by":["bd-1","gitlab.com/other/lib:lib-2",\
                {"bead_id":"bd-3"},{"repo":"github.com/x/y","branch":"dev/feature","bead_id":"bd-4"},\
                {"repo":null,"bead_id":"bd-5"},\
                "-bad",":bd-6","not a repo:bd-7","github.com/x/y:bad id",\
                {"bead_id":"bad id"},{"repo":"https://github.com/x/y","bead_id":"bd-8"},\
                {"branch":"-dev","bead_id":"bd-8"},{"repo":"github.com/x/y"},42,null,["bd-1"]]}""");

        assertThat(issue.blockedBy()).containsExactly(local("bd-1"),
                new BeadRef("gitlab.com/other/lib", "main", "lib-2"), local("bd-3"),
                new BeadRef("github.com/x/y", "dev/feature", "bd-4"), local("bd-5"));
    }

    @Test
    void blocksDependenciesAppendAfterTheExplicitList() {
        BeadIssue issue = mapOne("""
                {"id":"bd-9","blocked_by":["bd-1"],"dependencies":[\
                {"issue_id":"bd-9","depends_on_id":"bd-2","type":"blocks","created_at":"2026-02-01T00:00:00Z",\
                "created_by":"carol"},\
                {"issue_id":"bd-9","depends_on_id":"bd-3","type":"related"},\
                {"issue_id":"bd-9","depends_on_id":"bd-4","type":"discovered-from"},\
                {"issue_id":"bd-9","type":"blocks"},\
                {"issue_id":"bd-9","depends_on_id":"bad id","type":"blocks"},\
                "bd-5",\
                {"issue_id":"bd-9","depends_on_id":"bd-6","type":"blocks"}]}""");

        assertThat(issue.blockedBy()).containsExactly(local("bd-1"), local("bd-2"), local("bd-6"));
        assertThat(issue.parentId()).isNull();
    }

    @Test
    void aBlocksDependencyOnAnIssueClosedInThePayloadIsDropped() {
        List<BeadIssue> issues = mapAll("""
                {"id":"bd-1","status":"closed"}
                {"id":"bd-2","status":"open"}
                {"id":"bd-3","status":"tombstone"}
                {"id":"bd-9","dependencies":[{"depends_on_id":"bd-1","type":"blocks"},\
                {"depends_on_id":"bd-2","type":"blocks"},{"depends_on_id":"bd-3","type":"blocks"},\
                {"depends_on_id":"bd-absent","type":"blocks"}]}""");

        assertThat(issues.get(3).blockedBy()).containsExactly(local("bd-2"), local("bd-3"), local("bd-absent"));
    }

    @Test
    void theClosedCheckUsesTheWinningRecordOfARepeatedId() {
        List<BeadIssue> issues = mapAll("""
                {"id":"bd-1","status":"closed"}
                {"id":"bd-9","dependencies":[{"depends_on_id":"bd-1","type":"blocks"}]}
                {"id":"bd-1","status":"open"}""");

        assertThat(issues.get(1).blockedBy()).containsExactly(local("bd-1"));
    }

    @Test
    void aCrossRepoBlockIsKeptEvenWhenAnIssueOfTheSameBeadIdIsClosedInThePayload() {
        List<BeadIssue> issues = mapAll("""
                {"id":"bd-1","status":"closed"}
                {"id":"bd-9","dependencies":[{"depends_on_id":"github.com/other/repo:bd-1","type":"blocks"}]}""");

        assertThat(issues.get(1).blockedBy()).containsExactly(new BeadRef("github.com/other/repo", "main", "bd-1"));
    }

    @Test
    void anExplicitBlockedByOnAClosedIssueIsKept() {
        List<BeadIssue> issues = mapAll("""
                {"id":"bd-1","status":"closed"}
                {"id":"bd-9","blocked_by":["bd-1"]}""");

        assertThat(issues.get(1).blockedBy()).containsExactly(local("bd-1"));
    }

    @Test
    void theFirstParentChildDependencyIsTheParentAndNotABlocker() {
        BeadIssue issue = mapOne("""
                {"id":"bd-9.1","dependencies":[{"depends_on_id":"bad id","type":"parent-child"},\
                {"issue_id":"bd-9.1","depends_on_id":"bd-9","type":"parent-child"},\
                {"issue_id":"bd-9.1","depends_on_id":"bd-8","type":"parent-child"}]}""");

        assertThat(issue.parentId()).isEqualTo(local("bd-9"));
        assertThat(issue.blockedBy()).isEmpty();
    }

    @Test
    void aCrossRepoParentTakesTheDefaultBranch() {
        BeadIssue issue = mapOne("""
                {"id":"bd-2","dependencies":[{"depends_on_id":"github.com/org/epics:ep-1","type":"parent-child"}]}""");

        assertThat(issue.parentId()).isEqualTo(new BeadRef("github.com/org/epics", "main", "ep-1"));
    }

    @Test
    void aParentChildChainMapsEachLinkToItsParent() {
        List<BeadIssue> issues = mapAll("""
                {"id":"bd-1","issue_type":"epic"}
                {"id":"bd-1.1","dependencies":[{"issue_id":"bd-1.1","depends_on_id":"bd-1","type":"parent-child"}]}
                {"id":"bd-1.1.1","dependencies":[{"issue_id":"bd-1.1.1","depends_on_id":"bd-1.1","type":"parent-child"},\
                {"issue_id":"bd-1.1.1","depends_on_id":"bd-1","type":"blocks"}]}""");

        assertThat(issues).extracting(BeadIssue::parentId)
                .containsExactly(null, local("bd-1"), local("bd-1.1"));
        assertThat(issues.get(2).blockedBy()).containsExactly(local("bd-1"));
    }

    @Test
    void aWholePayloadMapsInFilteredOrderOnTheGivenRepoAndBranch() {
        var records = BeadRecords.filter(BeadsJsonl.parse("{\"id\":\"bd-2\"}\n{\"id\":\"bd-1\"}\n{\"id\":\"bd-2\",\"title\":\"t\"}"));

        List<BeadIssue> issues = BeadIssueMapper.mapAll(records, "github.com/x/y", "dev", NOW);

        assertThat(issues).extracting(BeadIssue::beadId).containsExactly("bd-2", "bd-1");
        assertThat(issues).extracting(BeadIssue::title).containsExactly("t", null);
        assertThat(issues).allSatisfy(i -> {
            assertThat(i.repo()).isEqualTo("github.com/x/y");
            assertThat(i.branch()).isEqualTo("dev");
        });
    }

    @Test
    void nonArrayDependencyFieldsAreIgnored() {
        BeadIssue issue = mapOne("{\"id\":\"bd-1\",\"blocked_by\":\"bd-2\",\"dependencies\":{\"depends_on_id\":\"bd-3\"}}");

        assertThat(issue.blockedBy()).isEmpty();
        assertThat(issue.parentId()).isNull();
    }
}
