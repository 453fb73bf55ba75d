package dev.agenthub.orchestration.workitems;

import java.util.Objects;

/**
 * {@code POST /projects/{id}/objectives} (wire spec agenthub §5): the objective (at least 10 characters), how many
 * items triage may create (1..12, default 4) and who asks (at most 80 characters, default {@code system}). The HTTP
 * layer reports bad values as 422s; here they are programming errors.
 */
public record IngestObjective(String objective, int maxWorkItems, String createdBy) {

    public static final int MIN_OBJECTIVE = 10;
    public static final int MIN_WORK_ITEMS = 1;
    public static final int MAX_WORK_ITEMS = 12;
    public static final int DEFAULT_WORK_ITEMS = 4;
    public static final int MAX_CREATED_BY = 80;
    public static final String DEFAULT_CREATED_BY = "system";

    public IngestObjective {
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(createdBy, "createdBy");
        if (objective.codePointCount(0, objective.length()) < MIN_OBJECTIVE) {
            throw new IllegalArgumentException("objective must have at least " + MIN_OBJECTIVE + " characters");
        }
        if (maxWorkItems < MIN_WORK_ITEMS || maxWorkItems > MAX_WORK_ITEMS) {
            throw new IllegalArgumentException("maxWorkItems must be 1..12: " + maxWorkItems);
        }
        if (createdBy.codePointCount(0, createdBy.length()) > MAX_CREATED_BY) {
            throw new IllegalArgumentException("createdBy must have at most " + MAX_CREATED_BY + " characters");
        }
    }
}
