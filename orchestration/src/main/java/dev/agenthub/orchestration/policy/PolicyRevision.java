package dev.agenthub.orchestration.policy;

import java.time.Instant;
import java.util.Objects;

/** A recorded state of a project's policy (wire spec agenthub §4 AutomationPolicyRevisionRead). */
public record PolicyRevision(long id, long projectId, PolicySettings settings, String changedBy, String changeReason,
                             Instant createdAt) {

    public PolicyRevision {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(changedBy, "changedBy");
        Objects.requireNonNull(changeReason, "changeReason");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
