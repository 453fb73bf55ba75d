package dev.agenthub.orchestration.forge;

import java.util.Objects;
import java.util.Optional;

/**
 * The body of a forge sync (wire spec agenthub §5): the optional issue to comment on ({@code issue_number} /
 * {@code issue_iid}) with its comment, and the commit status fields.
 */
public record SyncRequest(Optional<Long> issue, Optional<String> commentBody, String statusContext,
                          String statusDescription, Optional<String> targetUrl) {

    public static final String DEFAULT_CONTEXT = "agent-hub/autopilot";
    public static final String DEFAULT_DESCRIPTION = "Agent Hub autopilot sync";

    public SyncRequest {
        Objects.requireNonNull(issue, "issue");
        Objects.requireNonNull(commentBody, "commentBody");
        Objects.requireNonNull(statusContext, "statusContext");
        Objects.requireNonNull(statusDescription, "statusDescription");
        Objects.requireNonNull(targetUrl, "targetUrl");
    }

    /** No comment, the default status context and description, no target URL. */
    public static SyncRequest defaults() {
        return new SyncRequest(Optional.empty(), Optional.empty(), DEFAULT_CONTEXT, DEFAULT_DESCRIPTION,
                Optional.empty());
    }
}
