package dev.agenthub.hub.repos.port;

import dev.agenthub.hub.repos.Repo;
import dev.agenthub.hub.repos.RepoDeletion;

import java.time.Instant;

/**
 * Port: what else goes when a repo is soft-deleted (wire spec §4.17), for the capability that owns those
 * records: the workspace code is to soft-delete the repo's live workspaces and their agents, delete their
 * claims and clear their presence ({@code hub.team.WorkspaceCascades}). Called inside the
 * deletion transaction, after the repo row is marked; an exception rolls the whole deletion back.
 */
@FunctionalInterface
public interface RepoDeletionCascade {

    /** Deletes nothing else (for tests and hubs without workspaces). */
    RepoDeletionCascade NONE = (repo, now) -> RepoDeletion.NOTHING;

    /** @return what was removed with the repo */
    RepoDeletion repoDeleted(Repo repo, Instant now);
}
