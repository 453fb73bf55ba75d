package dev.agenthub.hub.beads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agenthub.protocol.kernel.error.DomainError;
import org.junit.jupiter.api.Test;

import java.util.List;

/** Wire spec §4.5 ({@code sync_mode}) and §5.1 step 3: what a full and an incremental sync change. */
class SyncPayloadTest {

    private static void assertInvalid(Runnable call, int status, String detail) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainError.Invalid.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.detail()).isEqualTo(detail);
        });
    }

    @Test
    void syncModeDefaultsToFullAndIsTrimmedAndLowercased() {
        assertThat(SyncMode.resolve(null)).isEqualTo(SyncMode.FULL);
        assertThat(SyncMode.resolve("full")).isEqualTo(SyncMode.FULL);
        assertThat(SyncMode.resolve("  FULL ")).isEqualTo(SyncMode.FULL);
        assertThat(SyncMode.resolve("Incremental\t")).isEqualTo(SyncMode.INCREMENTAL);
    }

    @Test
    void anyOtherSyncModeIs422() {
        for (String bad : List.of("", "  ", "partial", "ful", "full incremental")) {
            assertInvalid(() -> SyncMode.resolve(bad), 422, "sync_mode must be 'full' or 'incremental'");
        }
    }

    @Test
    void aFullSyncNeedsNonBlankIssues() {
        assertInvalid(() -> SyncPayload.resolve(SyncMode.FULL, null, "{\"id\":\"bd-1\"}", List.of()), 422,
                "issues_jsonl is required for full sync");
        assertInvalid(() -> SyncPayload.resolve(SyncMode.FULL, " \n\t ", null, List.of("bd-1")), 422,
                "issues_jsonl is required for full sync");
    }

    @Test
    void aFullSyncUpsertsTheFilteredRecordsAndDeletesNothingButReleasesDeletedIdsClaims() {
        SyncPayload payload = SyncPayload.resolve(SyncMode.FULL,
                "{\"id\":\"bd-1\"}\n{\"id\":\"bad id\"}\n{\"title\":\"no id\"}\n{\"id\":\"bd-2\"}\n{\"id\":\"bd-1\"}",
                "{\"id\":\"bd-ignored\"}", List.of("bd-9", "bd-9", "bad id"));

        assertThat(payload.mode()).isEqualTo(SyncMode.FULL);
        assertThat(payload.records().keySet()).containsExactly("bd-1", "bd-2");
        assertThat(payload.received()).isEqualTo(2);
        assertThat(payload.deletions()).isEmpty();
        assertThat(payload.claimReleases()).containsExactly("bd-9", "bad id");
    }

    @Test
    void fullSyncLineNumbersCountLeadingBlankLines() {
        assertInvalid(() -> SyncPayload.resolve(SyncMode.FULL, "\n\n{bad", null, List.of()), 400,
                "Invalid JSON on line 3: expected a key at offset 1");
    }

    @Test
    void anIncrementalSyncNeedsChangesOrDeletions() {
        assertInvalid(() -> SyncPayload.resolve(SyncMode.INCREMENTAL, "{\"id\":\"bd-1\"}", null, List.of()), 422,
                "incremental sync requires changes or deletions");
        assertInvalid(() -> SyncPayload.resolve(SyncMode.INCREMENTAL, null, "   ", List.of()), 422,
                "incremental sync requires changes or deletions");
    }

    @Test
    void anIncrementalSyncUpsertsTheChangesAndDeletesTheValidDeletedIds() {
        SyncPayload payload = SyncPayload.resolve(SyncMode.INCREMENTAL, "{\"id\":\"bd-ignored\"}",
                "{\"id\":\"bd-3\",\"status\":\"closed\"}", List.of("bd-1", "bad id", "bd-1", "bd-2"));

        assertThat(payload.records().keySet()).containsExactly("bd-3");
        assertThat(payload.received()).isOne();
        assertThat(payload.deletions()).containsExactly("bd-1", "bd-2");
        assertThat(payload.claimReleases()).containsExactly("bd-1", "bad id", "bd-2");
    }

    @Test
    void anIncrementalSyncMayOnlyDelete() {
        SyncPayload payload = SyncPayload.resolve(SyncMode.INCREMENTAL, null, "", List.of("bad id"));

        assertThat(payload.records()).isEmpty();
        assertThat(payload.received()).isZero();
        assertThat(payload.deletions()).isEmpty();
        assertThat(payload.claimReleases()).containsExactly("bad id");
    }

    @Test
    void parseErrorsOfTheChangesAre400() {
        assertInvalid(() -> SyncPayload.resolve(SyncMode.INCREMENTAL, null, "[]", List.of()), 400,
                "JSON on line 1 must be an object");
    }
}
