package dev.agenthub.hub.init;

import dev.agenthub.protocol.agents.Agent;

import java.util.Objects;
import java.util.UUID;

/**
 * A validated {@code POST /v1/init} body (the HTTP adapter has applied the field rules, trimming and
 * defaults of §4.1) plus the request facts the use case needs.
 *
 * @param projectSlug   valid slug, or {@code ""}
 * @param projectName   name for a project this call creates; {@code ""} means the slug
 * @param alias         valid beadhub alias, or null to have one allocated
 * @param humanName     {@code ""} or a valid human name
 * @param custody       null, {@code self} or {@code custodial}
 * @param projectId     hosted mode: the project to join, or null
 * @param repoOrigin    the worktree's origin URL, or null
 * @param role          normalised role ({@code agent} by default)
 * @param roleGiven     whether the body carried a non-blank role: only then does it replace a workspace's stored
 *                      role (§14 F3)
 * @param hostname      trimmed; {@code ""} when not given
 * @param workspacePath trimmed; {@code ""} when not given
 * @param clientIp      the transport peer address, the rate-limit bucket
 * @param authorization the request's {@code Authorization} header, or null; proves ownership of an alias
 */
public record InitRequest(String projectSlug, String projectName, String alias, String humanName, String agentType,
                          Agent.Lifetime lifetime, String custody, UUID projectId, String repoOrigin, String role,
                          boolean roleGiven, String hostname, String workspacePath, String clientIp, String authorization) {

    public InitRequest {
        Objects.requireNonNull(projectSlug, "projectSlug");
        Objects.requireNonNull(projectName, "projectName");
        Objects.requireNonNull(humanName, "humanName");
        Objects.requireNonNull(agentType, "agentType");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(workspacePath, "workspacePath");
        Objects.requireNonNull(clientIp, "clientIp");
    }

    /** Never the presented key. */
    @Override
    public String toString() {
        return "InitRequest[projectSlug=" + projectSlug + ", alias=" + alias + ", projectId=" + projectId + ", repoOrigin="
                + repoOrigin + ", clientIp=" + clientIp + ", authorization=" + (authorization == null ? "absent" : "hidden") + "]";
    }
}
