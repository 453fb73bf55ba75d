package dev.agenthub.hub.repos;

/**
 * What went with a deleted repo ({@code DELETE /v1/repos/{id}}): its live workspaces (and their agents), their
 * claims, and their presence records.
 */
public record RepoDeletion(int workspacesDeleted, int claimsDeleted, int presenceCleared) {

    /** Nothing else went: the repo had no live workspaces. */
    public static final RepoDeletion NOTHING = new RepoDeletion(0, 0, 0);

    public RepoDeletion {
        if (workspacesDeleted < 0 || claimsDeleted < 0 || presenceCleared < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }
}
