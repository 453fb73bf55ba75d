package dev.agenthub.persistence.orchestration;

import dev.agenthub.orchestration.forge.Forge;
import dev.agenthub.orchestration.forge.RemoteLink;
import dev.agenthub.orchestration.forge.port.RemoteLinkStore;
import dev.agenthub.persistence.jooq.orchestration.tables.records.PullRequestRemoteLinksRecord;
import dev.agenthub.persistence.sql.JooqSession;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.agenthub.persistence.jooq.orchestration.Tables.PULL_REQUEST_REMOTE_COMMENTS;
import static dev.agenthub.persistence.jooq.orchestration.Tables.PULL_REQUEST_REMOTE_LINKS;
import static dev.agenthub.persistence.orchestration.OrchestrationRows.micros;
import static dev.agenthub.persistence.protocol.SqlTime.instant;

/**
 * {@link RemoteLinkStore} on PostgreSQL ({@code orchestration.pull_request_remote_links} and
 * {@code …_remote_comments}); saves and comment records are single {@code INSERT … ON CONFLICT} statements.
 */
public final class JooqRemoteLinkStore implements RemoteLinkStore {

    private final JooqSession session;

    public JooqRemoteLinkStore(JooqSession session) {
        this.session = session;
    }

    @Override
    public Optional<RemoteLink> find(long pullRequestId, Forge forge) {
        return session.dsl().selectFrom(PULL_REQUEST_REMOTE_LINKS)
                .where(PULL_REQUEST_REMOTE_LINKS.PULL_REQUEST_ID.eq(pullRequestId))
                .and(PULL_REQUEST_REMOTE_LINKS.FORGE.eq(forge.wireName()))
                .fetchOptional(JooqRemoteLinkStore::toLink);
    }

    @Override
    public List<RemoteLink> forPullRequest(long pullRequestId) {
        return session.dsl().selectFrom(PULL_REQUEST_REMOTE_LINKS)
                .where(PULL_REQUEST_REMOTE_LINKS.PULL_REQUEST_ID.eq(pullRequestId))
                .orderBy(PULL_REQUEST_REMOTE_LINKS.FORGE.asc())
                .fetch(JooqRemoteLinkStore::toLink);
    }

    @Override
    public void save(RemoteLink link) {
        session.dsl().insertInto(PULL_REQUEST_REMOTE_LINKS)
                .set(PULL_REQUEST_REMOTE_LINKS.PULL_REQUEST_ID, link.pullRequestId())
                .set(PULL_REQUEST_REMOTE_LINKS.FORGE, link.forge().wireName())
                .set(PULL_REQUEST_REMOTE_LINKS.REMOTE_NUMBER, link.number())
                .set(PULL_REQUEST_REMOTE_LINKS.REMOTE_URL, link.url().orElse(null))
                .set(PULL_REQUEST_REMOTE_LINKS.REPO_PATH, link.repoPath())
                .set(PULL_REQUEST_REMOTE_LINKS.LAST_SYNCED_AT, micros(link.lastSyncedAt()))
                .onConflict(PULL_REQUEST_REMOTE_LINKS.PULL_REQUEST_ID, PULL_REQUEST_REMOTE_LINKS.FORGE)
                .doUpdate()
                .set(PULL_REQUEST_REMOTE_LINKS.REMOTE_NUMBER, link.number())
                .set(PULL_REQUEST_REMOTE_LINKS.REMOTE_URL, link.url().orElse(null))
                .set(PULL_REQUEST_REMOTE_LINKS.REPO_PATH, link.repoPath())
                .set(PULL_REQUEST_REMOTE_LINKS.LAST_SYNCED_AT, micros(link.lastSyncedAt()))
                .execute();
    }

    @Override
    public boolean commentPosted(long pullRequestId, Forge forge, long issueNumber, String bodySha256) {
        return session.dsl().fetchExists(PULL_REQUEST_REMOTE_COMMENTS,
                PULL_REQUEST_REMOTE_COMMENTS.PULL_REQUEST_ID.eq(pullRequestId)
                        .and(PULL_REQUEST_REMOTE_COMMENTS.FORGE.eq(forge.wireName()))
                        .and(PULL_REQUEST_REMOTE_COMMENTS.ISSUE_NUMBER.eq(issueNumber))
                        .and(PULL_REQUEST_REMOTE_COMMENTS.BODY_SHA256.eq(bodySha256)));
    }

    @Override
    public boolean recordComment(long pullRequestId, Forge forge, long issueNumber, String bodySha256, Instant at) {
        return session.dsl().insertInto(PULL_REQUEST_REMOTE_COMMENTS)
                .set(PULL_REQUEST_REMOTE_COMMENTS.PULL_REQUEST_ID, pullRequestId)
                .set(PULL_REQUEST_REMOTE_COMMENTS.FORGE, forge.wireName())
                .set(PULL_REQUEST_REMOTE_COMMENTS.ISSUE_NUMBER, issueNumber)
                .set(PULL_REQUEST_REMOTE_COMMENTS.BODY_SHA256, bodySha256)
                .set(PULL_REQUEST_REMOTE_COMMENTS.POSTED_AT, micros(at))
                .onConflictDoNothing()
                .execute() == 1;
    }

    private static RemoteLink toLink(PullRequestRemoteLinksRecord row) {
        return new RemoteLink(row.getPullRequestId(), Forge.ofWireName(row.getForge()), row.getRemoteNumber(),
                Optional.ofNullable(row.getRemoteUrl()), row.getRepoPath(), instant(row.getLastSyncedAt()));
    }
}
