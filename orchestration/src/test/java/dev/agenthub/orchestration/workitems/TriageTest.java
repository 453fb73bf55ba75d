package dev.agenthub.orchestration.workitems;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TriageTest {

    private static final String DELIVER = "Deliver code changes, tests, and docs through autonomous agent workflow.";

    @Test
    void splitsOnRunsOfNewlinesDotsAndSemicolonsIntoScopeThenImplementItems() {
        String objective = "Add login. Add logout;;\n\nWrite docs...";
        List<NewWorkItem> items = Triage.plan(objective, 4, true, "alice");
        assertThat(items).containsExactly(
                new NewWorkItem("Scope: Add login", "Objective fragment: Add login\n" + DELIVER, 1, "alice", objective),
                new NewWorkItem("Implement: Add logout", "Objective fragment: Add logout\n" + DELIVER, 2, "alice",
                        objective),
                new NewWorkItem("Implement: Write docs", "Objective fragment: Write docs\n" + DELIVER, 3, "alice",
                        objective));
    }

    @Test
    void piecesAreTrimmedAndEmptyOnesDropped() {
        assertThat(Triage.split("  one  .   . \t two\t;\n ; three  ")).containsExactly("one", "two", "three");
        assertThat(Triage.split("a\r\nb")).containsExactly("a", "b");
    }

    @Test
    void commasAndOtherPunctuationDoNotSplit() {
        assertThat(Triage.split("first, second! third? fourth: fifth")).containsExactly(
                "first, second! third? fourth: fifth");
    }

    @Test
    void anObjectiveOfSeparatorsOnlyFallsBackToTheTrimmedWhole() {
        List<NewWorkItem> items = Triage.plan("  ...;;\n..  ", 4, true, "system");
        assertThat(items).extracting(NewWorkItem::title).containsExactly("Scope: ...;;\n..");
        assertThat(items.getFirst().sourceObjective()).isEqualTo("  ...;;\n..  ");
    }

    @Test
    void withoutAutoTriageTheTrimmedWholeIsTheOnlyItem() {
        String objective = "  Add login. Add logout. Write docs  ";
        List<NewWorkItem> items = Triage.plan(objective, 4, false, "system");
        assertThat(items).containsExactly(new NewWorkItem("Scope: Add login. Add logout. Write docs",
                "Objective fragment: Add login. Add logout. Write docs\n" + DELIVER, 1, "system", objective));
    }

    @Test
    void keepsAtMostMaxWorkItemsPieces() {
        assertThat(Triage.plan("a1. b2. c3. d4. e5", 2, true, "system")).extracting(NewWorkItem::title)
                .containsExactly("Scope: a1", "Implement: b2");
        assertThat(Triage.plan("a1. b2", 1, true, "system")).extracting(NewWorkItem::title)
                .containsExactly("Scope: a1");
    }

    @Test
    void priorityIsTheIndexCappedAtFive() {
        assertThat(Triage.plan("1. 2. 3. 4. 5. 6. 7. 8", 12, true, "system")).extracting(NewWorkItem::priority)
                .containsExactly(1, 2, 3, 4, 5, 5, 5, 5);
    }

    @Test
    void titlesKeepTheFirst72CharactersAndTheDescriptionTheWholePiece() {
        String longPiece = "x".repeat(71) + "yz";
        List<NewWorkItem> items = Triage.plan("short first\n" + longPiece, 4, true, "system");
        assertThat(items.get(1).title()).isEqualTo("Implement: " + "x".repeat(71) + "y");
        assertThat(items.get(1).description()).isEqualTo("Objective fragment: " + longPiece + "\n" + DELIVER);
        String exactly72 = "a".repeat(72);
        assertThat(Triage.plan(exactly72, 1, true, "system").getFirst().title()).isEqualTo("Scope: " + exactly72);
    }

    @Test
    void titlesCountCodePointsNotUtf16Units() {
        String emoji = "\uD83D\uDE80"; // one code point, two chars
        String piece = emoji.repeat(80);
        assertThat(Triage.plan(piece, 1, true, "system").getFirst().title()).isEqualTo("Scope: " + emoji.repeat(72));
    }

    @Test
    void maxWorkItemsBelowOneIsAProgrammingError() {
        assertThatThrownBy(() -> Triage.plan("objective text", 0, true, "system"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
