package dev.agenthub.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings of the autopilot cycle (wire spec agenthub §6.3, §6.4, §14 D1).
 *
 * @param staleTimeout   {@code AGENT_HUB_JOB_STALE_TIMEOUT_SEC} (default 900, 1..86400): a claim's lease, and the
 *                       stale-job timeout of §8
 * @param workspacesRoot {@code AGENT_HUB_WORKSPACES} (default {@code .agent_workspaces}): where project clones live
 * @param autoPush       {@code AGENT_HUB_AUTO_PUSH}: push the branch and the default branch after a merge
 * @param gitTimeout     {@code AGENT_HUB_GIT_COMMAND_TIMEOUT_SEC} (default 60, 5..600)
 * @param gitRetries     {@code AGENT_HUB_GIT_COMMAND_RETRIES} (default 1, 0..10)
 */
public record CycleSettings(Duration staleTimeout, Path workspacesRoot, boolean autoPush, Duration gitTimeout,
                            int gitRetries) {

    public static final int DEFAULT_STALE_TIMEOUT_SECONDS = 900;

    public CycleSettings {
        Objects.requireNonNull(staleTimeout, "staleTimeout");
        Objects.requireNonNull(workspacesRoot, "workspacesRoot");
        Objects.requireNonNull(gitTimeout, "gitTimeout");
    }
}
