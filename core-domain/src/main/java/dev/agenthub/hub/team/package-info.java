/**
 * The team view of workspaces (wire spec §4.4, §6.4): the workspace listings with their claims and presence
 * ({@link dev.agenthub.hub.team.WorkspaceDirectory}), the workspace lifecycle of heartbeat, delete and restore
 * ({@link dev.agenthub.hub.team.WorkspaceLifecycle}), and what goes with a deregistered agent or a deleted
 * repo ({@link dev.agenthub.hub.team.WorkspaceCascades}). It sits above {@code hub.workspaces} and
 * {@code hub.claims}: those two never import it, so the hub packages stay free of cycles.
 */
package dev.agenthub.hub.team;
