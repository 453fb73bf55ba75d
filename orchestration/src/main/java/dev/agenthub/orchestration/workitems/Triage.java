package dev.agenthub.orchestration.workitems;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Triage of an objective into work items (wire spec agenthub §6.2): no LLM, no planner agent, pure text rules.
 *
 * <ol>
 *   <li>Cut the objective at every run of newline, {@code .} or {@code ;}, trim the pieces and drop empty ones; when
 *       none remains, or when the policy's {@code auto_triage} is off, the one piece is the trimmed whole.</li>
 *   <li>Keep at most {@code maxWorkItems} pieces.</li>
 *   <li>Piece <i>i</i> (1-based) becomes a backlog item titled {@code Scope: } (i = 1) or {@code Implement: }
 *       (otherwise) plus its first 72 characters, described by two lines, with priority {@code min(i, 5)}.</li>
 * </ol>
 */
public final class Triage {

    /** The second line of every triaged item's description. */
    public static final String DELIVERY_LINE =
            "Deliver code changes, tests, and docs through autonomous agent workflow.";

    /** How many characters of a piece its title keeps. */
    public static final int TITLE_PIECE_LENGTH = 72;

    /** The lowest priority a triaged item gets (later pieces all share it). */
    public static final int LOWEST_PRIORITY = 5;

    private static final Pattern SEPARATORS = Pattern.compile("[\\n.;]+");

    private Triage() {
    }

    /**
     * The items the objective becomes, in order.
     *
     * @param objective    the objective as sent (stored whole as each item's {@code source_objective})
     * @param maxWorkItems at least 1
     * @param autoTriage   the project policy's {@code auto_triage}
     * @param createdBy    stored as each item's {@code created_by}
     */
    public static List<NewWorkItem> plan(String objective, int maxWorkItems, boolean autoTriage, String createdBy) {
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(createdBy, "createdBy");
        if (maxWorkItems < 1) {
            throw new IllegalArgumentException("maxWorkItems must be at least 1: " + maxWorkItems);
        }
        List<String> pieces = autoTriage ? split(objective) : List.of();
        if (pieces.isEmpty()) {
            pieces = List.of(objective.strip());
        }
        List<NewWorkItem> items = new ArrayList<>();
        for (int i = 1; i <= Math.min(maxWorkItems, pieces.size()); i++) {
            String piece = pieces.get(i - 1);
            String title = (i == 1 ? "Scope: " : "Implement: ") + firstCodePoints(piece, TITLE_PIECE_LENGTH);
            String description = "Objective fragment: " + piece + "\n" + DELIVERY_LINE;
            items.add(new NewWorkItem(title, description, Math.min(i, LOWEST_PRIORITY), createdBy, objective));
        }
        return List.copyOf(items);
    }

    /** The trimmed, non-empty pieces between runs of separators. */
    static List<String> split(String objective) {
        List<String> pieces = new ArrayList<>();
        for (String piece : SEPARATORS.split(objective, -1)) {
            String trimmed = piece.strip();
            if (!trimmed.isEmpty()) {
                pieces.add(trimmed);
            }
        }
        return pieces;
    }

    /** The first {@code count} characters as Python counts them (code points, so no surrogate pair is cut). */
    private static String firstCodePoints(String text, int count) {
        if (text.codePointCount(0, text.length()) <= count) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, count));
    }
}
