package dev.agenthub.orchestration.forge;

import dev.agenthub.orchestration.pulls.PullRequestStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The commit SHA and status state rules of wire spec agenthub §10.1 step 3 and §10.2. */
class CommitShasTest {

    @Test
    void mergedShaWinsOverCommitWhereverItIs() {
        assertThat(CommitShas.of("Delivery.\n- commit: abc123\n- branch: x\n  - MERGED_SHA:  def456  \n"))
                .contains("def456");
    }

    @Test
    void commitIsTheFallbackAndTheFirstLineCounts() {
        assertThat(CommitShas.of("- Commit: abc\n- commit: zzz")).contains("abc");
    }

    @Test
    void noLineOrABlankValueIsNoSha() {
        assertThat(CommitShas.of("Delivery.\n- branch: x")).isEmpty();
        assertThat(CommitShas.of("- commit:   ")).isEmpty();
        assertThat(CommitShas.of("text - commit: abc")).isEmpty();
    }

    @Test
    void statesPerForge() {
        assertThat(ForgeSync.statusState(Forge.GITHUB, PullRequestStatus.MERGED)).isEqualTo("success");
        assertThat(ForgeSync.statusState(Forge.GITHUB, PullRequestStatus.CLOSED)).isEqualTo("failure");
        assertThat(ForgeSync.statusState(Forge.GITHUB, PullRequestStatus.OPEN)).isEqualTo("pending");
        assertThat(ForgeSync.statusState(Forge.GITLAB, PullRequestStatus.MERGED)).isEqualTo("success");
        assertThat(ForgeSync.statusState(Forge.GITLAB, PullRequestStatus.CLOSED)).isEqualTo("failed");
        assertThat(ForgeSync.statusState(Forge.GITLAB, PullRequestStatus.OPEN)).isEqualTo("pending");
    }

    @Test
    void bodyHashIsLowercaseHexSha256() {
        assertThat(ForgeSync.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
