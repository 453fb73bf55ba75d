package dev.agenthub.hub.repos.port;

import dev.agenthub.hub.repos.RepoId;

import java.util.Collection;
import java.util.Map;

/**
 * Port: how many live workspaces each repo has ({@code workspace_count} of {@code GET /v1/repos}), for the
 * capability that owns workspaces. Joins the caller's transaction when one is active.
 */
@FunctionalInterface
public interface WorkspaceCounts {

    /** The number of live workspaces of each of these repos; every given repo is a key, 0 when it has none. */
    Map<RepoId, Integer> liveCounts(Collection<RepoId> repos);
}
