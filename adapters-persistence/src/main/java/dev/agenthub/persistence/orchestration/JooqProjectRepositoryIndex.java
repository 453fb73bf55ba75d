package dev.agenthub.persistence.orchestration;

import dev.agenthub.orchestration.webhooks.GitHubRepositories;
import dev.agenthub.orchestration.webhooks.port.ProjectRepositoryIndex;
import dev.agenthub.persistence.sql.JooqSession;
import org.jooq.Record2;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static dev.agenthub.persistence.jooq.orchestration.Tables.PROJECTS;

/**
 * {@link ProjectRepositoryIndex} on the indexed {@code projects.github_identity} and {@code projects.repo_locator}
 * columns (migration V031), which {@link JooqProjectStore#insert} writes with each project. Rows without keys
 * ({@code repo_locator IS NULL}, found by a partial index) are filled in before each lookup.
 */
public final class JooqProjectRepositoryIndex implements ProjectRepositoryIndex {

    private static final int BACKFILL_BATCH = 500;

    private final JooqSession session;

    public JooqProjectRepositoryIndex(JooqSession session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    @Override
    public Optional<Long> firstByIdentity(Set<String> identities) {
        if (identities.isEmpty()) {
            return Optional.empty();
        }
        backfill();
        return session.dsl().select(PROJECTS.ID).from(PROJECTS)
                .where(PROJECTS.GITHUB_IDENTITY.in(identities))
                .orderBy(PROJECTS.ID).limit(1)
                .fetchOptional(PROJECTS.ID);
    }

    @Override
    public Optional<Long> firstByLocator(Set<String> locators) {
        if (locators.isEmpty()) {
            return Optional.empty();
        }
        backfill();
        return session.dsl().select(PROJECTS.ID).from(PROJECTS)
                .where(PROJECTS.REPO_LOCATOR.in(locators))
                .orderBy(PROJECTS.ID).limit(1)
                .fetchOptional(PROJECTS.ID);
    }

    @Override
    public int backfill() {
        int filled = 0;
        while (true) {
            var rows = session.dsl().select(PROJECTS.ID, PROJECTS.REPO_URL).from(PROJECTS)
                    .where(PROJECTS.REPO_LOCATOR.isNull())
                    .orderBy(PROJECTS.ID).limit(BACKFILL_BATCH)
                    .fetch();
            if (rows.isEmpty()) {
                return filled;
            }
            for (Record2<Long, String> row : rows) {
                // a concurrent backfill writes the same values; the IS NULL guard keeps the count honest
                filled += session.dsl().update(PROJECTS)
                        .set(PROJECTS.GITHUB_IDENTITY, GitHubRepositories.identityOfLocator(row.value2()).orElse(null))
                        .set(PROJECTS.REPO_LOCATOR, GitHubRepositories.normaliseLocator(row.value2()))
                        .where(PROJECTS.ID.eq(row.value1()).and(PROJECTS.REPO_LOCATOR.isNull()))
                        .execute();
            }
        }
    }
}
