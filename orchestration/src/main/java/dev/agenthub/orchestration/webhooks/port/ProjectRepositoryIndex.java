package dev.agenthub.orchestration.webhooks.port;

import java.util.Optional;
import java.util.Set;

/**
 * Port: finds the project a webhook's repository belongs to (wire spec agenthub §9.4) by each project's stored
 * repository keys: its GitHub identity and its normalised locator, both computed from {@code repo_url} by
 * {@link dev.agenthub.orchestration.webhooks.GitHubRepositories} when the project is stored. The lookups are indexed,
 * never a read of every project. Methods join the caller's transaction when one is active and are thread-safe.
 */
public interface ProjectRepositoryIndex {

    /**
     * The lowest project id whose identity ({@code owner/repo}, canonical) is one of {@code identities}, or empty
     * (also for an empty set). Keys not computed yet (rows stored before the keys existed) are computed first.
     */
    Optional<Long> firstByIdentity(Set<String> identities);

    /** The lowest project id whose normalised locator is one of {@code locators}, or empty; as above. */
    Optional<Long> firstByLocator(Set<String> locators);

    /**
     * Computes the keys of every project that has none yet (rows stored before the keys existed, or by a writer that
     * does not know them). Idempotent and safe to run concurrently.
     *
     * @return how many projects got their keys
     */
    int backfill();
}
