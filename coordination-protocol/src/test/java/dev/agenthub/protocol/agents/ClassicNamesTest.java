package dev.agenthub.protocol.agents;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ClassicNamesTest {

    /** The name list of §2.4, verbatim. */
    private static final List<String> SPEC_NAMES = Arrays.asList(("alice bob charlie dave eve frank grace henry ivy "
            + "jack kate leo mia noah olivia peter quinn rose sam tara uma victor wendy xavier yara zoe").split(" "));

    @Test
    void theNamesAreTheTwentySixOfTheSpecInOrder() {
        assertThat(ClassicNames.NAMES).hasSize(26).containsExactlyElementsOf(SPEC_NAMES);
    }

    @Test
    void candidatesAreTheBareNamesThenEachTwoDigitVariantForAllNames() {
        List<String> candidates = ClassicNames.candidates();

        assertThat(candidates).hasSize(2_600).doesNotHaveDuplicates();
        assertThat(candidates.subList(0, 26)).containsExactlyElementsOf(SPEC_NAMES);
        assertThat(candidates.subList(26, 30)).containsExactly("alice-01", "bob-01", "charlie-01", "dave-01");
        assertThat(candidates.get(51)).isEqualTo("zoe-01");
        assertThat(candidates.get(52)).isEqualTo("alice-02");
        assertThat(candidates.get(26 + 26 * 9)).isEqualTo("alice-10");
        assertThat(candidates.get(2_599)).isEqualTo("zoe-99");
        assertThat(candidates).doesNotContain("alice-00", "alice-100", "alice-1");
    }

    @ParameterizedTest
    @CsvSource({
            "alice-01-dev, alice-01",
            "bob-reviewer, bob",
            "carol, carol",
            "Alice-01-Dev, alice-01",
            "BOB-Reviewer, bob",
            "CAROL, carol",
            "dave-007, dave-007",
            "eve-12, eve-12",
            "zoe-99-x-y, zoe-99",
            "frank-1x-dev, frank",
            "grace-, grace",
            "henry--01, henry",
            "ivy_01, ivy_01",
            "7-11, 7-11",
    })
    void prefixOfAnAliasFollowsTheSplitRule(String alias, String prefix) {
        assertThat(ClassicNames.prefixOf(alias)).isEqualTo(prefix);
    }

    @Test
    void nextPrefixOfAnEmptyProjectIsAlice() {
        assertThat(ClassicNames.nextPrefix(List.of())).contains("alice");
    }

    @Test
    void anAliasOccupiesItsPrefixWhateverItsSuffixOrCase() {
        assertThat(ClassicNames.nextPrefix(List.of("alice-developer"))).contains("bob");
        assertThat(ClassicNames.nextPrefix(List.of("ALICE"))).contains("bob");
        assertThat(ClassicNames.nextPrefix(List.of("alice", "Bob-Reviewer", "charlie"))).contains("dave");
    }

    @Test
    void theFirstFreeCandidateWinsEvenBeforeUsedOnes() {
        assertThat(ClassicNames.nextPrefix(List.of("bob", "charlie"))).contains("alice");
        assertThat(ClassicNames.nextPrefix(List.of("alice", "bob", "dave"))).contains("charlie");
    }

    @Test
    void aNumberedAliasOccupiesOnlyItsNumberedPrefix() {
        assertThat(ClassicNames.nextPrefix(List.of("alice-01-dev"))).contains("alice");
    }

    @Test
    void aliasesOutsideTheListOccupyNothing() {
        assertThat(ClassicNames.nextPrefix(List.of("carol", "alice-100", "zed-01", "system"))).contains("alice");
    }

    @Test
    void afterTheBareNamesComeTheZeroOneVariants() {
        List<String> used = new ArrayList<>(SPEC_NAMES.stream().map(name -> name + "-developer").toList());
        assertThat(ClassicNames.nextPrefix(used)).contains("alice-01");

        used.add("alice-01-developer");
        assertThat(ClassicNames.nextPrefix(used)).contains("bob-01");

        SPEC_NAMES.forEach(name -> used.add(name + "-01"));
        assertThat(ClassicNames.nextPrefix(used)).contains("alice-02");
    }

    @Test
    void aHoleAmongTheVariantsIsFilledFirst() {
        List<String> used = new ArrayList<>(ClassicNames.candidates().subList(0, 200));
        used.remove("eve-03");
        assertThat(ClassicNames.nextPrefix(used)).contains("eve-03");
    }

    @Test
    void allTwoThousandSixHundredTakenIsExhausted() {
        List<String> all = allSpecCandidates();
        assertThat(ClassicNames.nextPrefix(all)).isEmpty();
        assertThat(ClassicNames.nextPrefix(all.subList(0, 2_599))).contains("zoe-99");
        assertThat(ClassicNames.nextPrefix(all.subList(1, 2_600))).contains("alice");
    }

    /** The candidates as §2.4 describes them, built independently of the production list. */
    private static List<String> allSpecCandidates() {
        List<String> all = new ArrayList<>(SPEC_NAMES);
        IntStream.rangeClosed(1, 99).forEach(n -> SPEC_NAMES.forEach(name -> all.add(name + (n < 10 ? "-0" : "-") + n)));
        return all;
    }

    @Test
    void productionCandidatesMatchTheSpecDescription() {
        assertThat(ClassicNames.candidates()).containsExactlyElementsOf(allSpecCandidates());
    }
}
