package dev.agenthub.orchestration.workitems;

import java.util.Objects;

/** A work item to insert, in {@code backlog} and unassigned (the fields triage of §6.2 decides). */
public record NewWorkItem(String title, String description, int priority, String createdBy, String sourceObjective) {

    public NewWorkItem {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(sourceObjective, "sourceObjective");
    }
}
