package dev.agenthub.hub.init;

import dev.agenthub.hub.repos.CanonicalOrigin;
import dev.agenthub.hub.repos.Repo;
import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.projects.Project;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@code POST /v1/init} answers.
 *
 * @param apiKey          the new key's plaintext, shown this once
 * @param canonicalOrigin the canonical repo origin when one was given, else null
 * @param created         whether the agent was created (false: an owned alias was re-initialised)
 * @param repo            the worktree's repo when a repo origin was given (its workspace's id is the agent's), else
 *                        null
 * @param workspaceCreated whether this call created the workspace (false without a repo, or when it existed)
 */
public record InitResult(Instant createdAt, String apiKey, Project project, Agent agent, CanonicalOrigin canonicalOrigin,
                         boolean created, Repo repo, boolean workspaceCreated) {

    public InitResult {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(agent, "agent");
        if ((repo == null) != (canonicalOrigin == null) || repo == null && workspaceCreated) {
            throw new IllegalArgumentException("a workspace goes with a repo and its canonical origin");
        }
    }

    /** Never the key's plaintext. */
    @Override
    public String toString() {
        return "InitResult[project=" + project.slug() + ", agent=" + agent.alias() + ", created=" + created + ", repo="
                + (repo == null ? null : repo.canonicalOrigin()) + ", workspaceCreated=" + workspaceCreated + ", apiKey=hidden]";
    }
}
