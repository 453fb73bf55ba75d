package dev.agenthub.orchestration.policy;

import java.util.Objects;

/** A project's automation policy (one per project). */
public record AutomationPolicy(long id, long projectId, PolicySettings settings) {

    public AutomationPolicy {
        Objects.requireNonNull(settings, "settings");
    }
}
