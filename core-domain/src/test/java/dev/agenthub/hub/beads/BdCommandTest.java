package dev.agenthub.hub.beads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.hub.beads.BdCommand.ClaimEffect;
import org.junit.jupiter.api.Test;

import java.util.Optional;

/** Wire spec §6.1 (parsing {@code command_line}) and §6.2 (which commands claim or release). */
class BdCommandTest {

    private static BdCommand parse(String line) {
        return BdCommand.parse(line);
    }

    @Test
    void updateToInProgressClaims() {
        BdCommand command = parse("update bd-7 --status in_progress");

        assertThat(command).isEqualTo(new BdCommand("update", Optional.of("bd-7"), Optional.of("in_progress")));
        assertThat(command.claimEffect()).isEqualTo(ClaimEffect.CLAIM);
        assertThat(command.claimsBead()).isTrue();
        assertThat(parse("update bd-7 --status=in_progress").claimEffect()).isEqualTo(ClaimEffect.CLAIM);
        assertThat(parse("  update\tbd-7   --title x --status  in_progress ").claimEffect())
                .isEqualTo(ClaimEffect.CLAIM);
    }

    @Test
    void updateToAnotherStatusReleasesAll() {
        assertThat(parse("update bd-7 --status open").claimEffect()).isEqualTo(ClaimEffect.RELEASE_ALL);
        assertThat(parse("update bd-7 --status=closed").claimEffect()).isEqualTo(ClaimEffect.RELEASE_ALL);
        assertThat(parse("update bd-7 --status IN_PROGRESS").claimEffect()).isEqualTo(ClaimEffect.RELEASE_ALL);
        assertThat(parse("update bd-7 --status=").claimEffect()).isEqualTo(ClaimEffect.RELEASE_ALL);
    }

    @Test
    void onlyTheFirstStatusFlagCounts() {
        assertThat(parse("update bd-7 --status open --status in_progress").status()).contains("open");
        assertThat(parse("update bd-7 --status=in_progress --status open").status()).contains("in_progress");
        assertThat(parse("update bd-7 --status in_progress --status=open").claimEffect()).isEqualTo(ClaimEffect.CLAIM);
    }

    @Test
    void updateWithoutAStatusChangesNoClaim() {
        assertThat(parse("update bd-7 --title x").claimEffect()).isEqualTo(ClaimEffect.NONE);
        assertThat(parse("update bd-7 --status").status()).isEmpty();
        assertThat(parse("update bd-7 --status").claimEffect()).isEqualTo(ClaimEffect.NONE);
        assertThat(parse("update bd-7 -s in_progress").claimEffect()).isEqualTo(ClaimEffect.NONE);
    }

    @Test
    void closeAndDeleteReleaseAll() {
        assertThat(parse("close bd-7")).isEqualTo(new BdCommand("close", Optional.of("bd-7"), Optional.empty()));
        assertThat(parse("close bd-7 --reason done").claimEffect()).isEqualTo(ClaimEffect.RELEASE_ALL);
        assertThat(parse("delete bd-7 --force").claimEffect()).isEqualTo(ClaimEffect.RELEASE_ALL);
        assertThat(parse("close bd-7 --status in_progress").status()).isEmpty();
    }

    @Test
    void reopenHasAnIdButNoClaimChange() {
        BdCommand command = parse("reopen bd-7");

        assertThat(command.beadId()).contains("bd-7");
        assertThat(command.claimEffect()).isEqualTo(ClaimEffect.NONE);
    }

    @Test
    void flagsBeforeTheIdMeanNoId() {
        BdCommand command = parse("update --status in_progress bd-7");

        assertThat(command.beadId()).isEmpty();
        assertThat(command.status()).contains("in_progress");
        assertThat(command.claimEffect()).isEqualTo(ClaimEffect.NONE);
        assertThat(parse("close --reason x bd-7").claimEffect()).isEqualTo(ClaimEffect.NONE);
        assertThat(parse("close").beadId()).isEmpty();
    }

    @Test
    void aSingleDashTokenIsAnId() {
        assertThat(parse("close -x").beadId()).contains("-x");
    }

    @Test
    void otherCommandsParseNoId() {
        assertThat(parse("show bd-7").beadId()).isEmpty();
        assertThat(parse("create --title x").beadId()).isEmpty();
        assertThat(parse("dep add bd-1 bd-2").beadId()).isEmpty();
        assertThat(parse("Update bd-7 --status in_progress").claimEffect()).isEqualTo(ClaimEffect.NONE);
        assertThat(parse("sync").claimEffect()).isEqualTo(ClaimEffect.NONE);
    }

    @Test
    void theIdIsNotValidated() {
        assertThat(parse("close not/a:bead").beadId()).contains("not/a:bead");
    }

    @Test
    void aBlankOrMissingLineHasNoCommand() {
        assertThat(parse(null)).isEqualTo(new BdCommand("", Optional.empty(), Optional.empty()));
        assertThat(parse("  \t ").claimEffect()).isEqualTo(ClaimEffect.NONE);
    }

    @Test
    void unicodeSpacesSeparateTokens() {
        assertThat(parse("close\u00A0bd-7").beadId()).contains("bd-7");
        assertThat(parse("close\u2003bd-7").beadId()).contains("bd-7");
    }
}
