package dev.agenthub.protocol.agents;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class AgentRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "Z", "7", "alice", "alice-01", "bob_dev", "Bob-Reviewer-2", "0-_-0"})
    void validAliases(String alias) {
        assertThat(AgentRules.validAlias(alias)).isTrue();
    }

    @Test
    void anAliasMayHaveSixtyFourCharactersButNotSixtyFive() {
        assertThat(AgentRules.validAlias("a".repeat(64))).isTrue();
        assertThat(AgentRules.validAlias("a".repeat(65))).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"-alice", "_alice", "org/alice", "alice bob", "alice.01", "alice\n", " alice", "älice",
            "alice!", "alice@host"})
    void invalidAliases(String alias) {
        assertThat(AgentRules.validAlias(alias)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"A", "Alice", "Mary Jane", "O'Brien", "Jean-Luc Picard", "R2D2", "x'-' y"})
    void validHumanNames(String humanName) {
        assertThat(AgentRules.validHumanName(humanName)).isTrue();
    }

    @Test
    void aHumanNameMayHaveSixtyFourCharactersButNotSixtyFive() {
        assertThat(AgentRules.validHumanName("A" + "b".repeat(63))).isTrue();
        assertThat(AgentRules.validHumanName("A" + "b".repeat(64))).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"1Alice", " Alice", "-Alice", "'Alice", "Al_ice", "Alice!", "Alice\tSmith", "Zoë"})
    void invalidHumanNames(String humanName) {
        assertThat(AgentRules.validHumanName(humanName)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "developer|developer",
            "Developer|developer",
            "  Senior   Dev  |senior dev",
            "CODE REVIEWER|code reviewer",
            "qa_lead|qa_lead",
            "front-end dev|front-end dev",
            "2nd reviewer|2nd reviewer",
    })
    void aValidRoleIsTrimmedCollapsedAndLowercased(String role, String normalised) {
        assertThat(AgentRules.normaliseRole(role)).contains(normalised);
    }

    @Test
    void everyAsciiWhitespaceRunCollapsesToOneSpace() {
        assertThat(AgentRules.normaliseRole("code\treviewer")).contains("code reviewer");
        assertThat(AgentRules.normaliseRole("\n code \r\n\t reviewer \t")).contains("code reviewer");
        assertThat(AgentRules.normaliseRole("code\u000Breviewer\f")).contains("code reviewer");
        assertThat(AgentRules.normaliseRole("code\u2003reviewer\u00A0")).as("Unicode whitespace, as str.split() has it").contains("code reviewer");
    }

    @Test
    void fiftyCharactersAreAllowedAfterNormalisationAndFiftyOneAreNot() {
        assertThat(AgentRules.normaliseRole("a".repeat(50))).contains("a".repeat(50));
        assertThat(AgentRules.normaliseRole("a".repeat(51))).isEmpty();
        // two words: the single space counts
        assertThat(AgentRules.normaliseRole("a".repeat(24) + " " + "b".repeat(25))).isPresent();
        assertThat(AgentRules.normaliseRole("a".repeat(25) + " " + "b".repeat(25))).isEmpty();
        // padding and inner runs do not count: it is the normalised text that is limited
        assertThat(AgentRules.normaliseRole("   " + "a".repeat(24) + "      " + "b".repeat(25) + "   "))
                .contains("a".repeat(24) + " " + "b".repeat(25));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t\n", "one two three", "senior code reviewer", "-dev", "_dev", "dev ops!",
            "dev/ops", "dev.ops", "développeur", "dev -ops"})
    void invalidRolesHaveNoNormalisedForm(String role) {
        assertThat(AgentRules.normaliseRole(role)).isEmpty();
    }

    @Test
    void theInvalidRoleTextIsTheSpecText() {
        assertThat(AgentRules.INVALID_ROLE).isEqualTo(
                "Invalid role: use 1-2 words (letters/numbers) with hyphens/underscores allowed; max 50 chars");
    }

    @Test
    void theLimitsAreThoseOfTheFieldFormats() {
        assertThat(AgentRules.MAX_ALIAS_LENGTH).isEqualTo(64);
        assertThat(AgentRules.MAX_HUMAN_NAME_LENGTH).isEqualTo(64);
        assertThat(AgentRules.MAX_ROLE_LENGTH).isEqualTo(50);
    }
}
