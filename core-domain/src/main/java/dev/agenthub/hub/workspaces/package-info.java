/**
 * Workspaces (wire spec §2.1, §4.1 step 7, §4.3, §10): the beadhub side of an agent working in one worktree
 * of a repo. A workspace's id is its agent's id; its project, alias, type and repo never change.
 */
package dev.agenthub.hub.workspaces;
