package dev.agenthub.persistence.hub;

import dev.agenthub.persistence.sql.JooqSession;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import static dev.agenthub.persistence.jooq.hub.Tables.WORKSPACES;
import static dev.agenthub.persistence.protocol.SqlTime.utc;

/**
 * The active-agent count of {@code /metrics} (ours): live agent workspaces (not deleted, not dashboards) whose
 * {@code last_seen_at} lies within the presence TTL before {@code now}. One indexed-or-scanned count per call; the
 * caller reads it per scrape.
 */
public final class JooqActiveAgents {

    private final JooqSession session;

    public JooqActiveAgents(JooqSession session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    public long count(Instant now, Duration presenceTtl) {
        return session.dsl().selectCount().from(WORKSPACES)
                .where(WORKSPACES.DELETED_AT.isNull())
                .and(WORKSPACES.WORKSPACE_TYPE.eq("agent"))
                .and(WORKSPACES.LAST_SEEN_AT.gt(utc(now.minus(presenceTtl))))
                .fetchOne(0, Long.class);
    }
}
