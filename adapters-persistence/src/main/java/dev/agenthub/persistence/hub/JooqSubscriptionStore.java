package dev.agenthub.persistence.hub;

import dev.agenthub.hub.notifications.Subscription;
import dev.agenthub.hub.notifications.port.SubscriptionStore;
import dev.agenthub.persistence.sql.JooqSession;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static dev.agenthub.persistence.protocol.SqlTime.instant;
import static dev.agenthub.persistence.protocol.SqlTime.utc;

/**
 * {@link SubscriptionStore} on PostgreSQL ({@code hub.subscriptions}). The upsert is one
 * {@code INSERT … ON CONFLICT} on the unique key (project, workspace, bead_id, coalesce(repo, '')), so concurrent
 * subscribes of one key keep one row and its first id.
 */
public final class JooqSubscriptionStore implements SubscriptionStore {

    private final JooqSession session;

    public JooqSubscriptionStore(JooqSession session) {
        this.session = session;
    }

    @Override
    public Subscription upsert(Subscription s) {
        return toSubscription(session.dsl().resultQuery("""
                        INSERT INTO hub.subscriptions (subscription_id, project_id, workspace_id, alias, bead_id, repo,
                                                       event_types, created_at)
                        VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7})
                        ON CONFLICT (project_id, workspace_id, bead_id, coalesce(repo, ''))
                        DO UPDATE SET event_types = excluded.event_types
                        RETURNING *""",
                DSL.val(s.id()), DSL.val(s.project().value()), DSL.val(s.workspace().value()), DSL.val(s.alias()),
                DSL.val(s.beadId()), DSL.val(s.repo(), String.class), DSL.val(s.eventTypes().toArray(String[]::new)),
                DSL.val(utc(s.createdAt()))).fetchOne());
    }

    @Override
    public List<Subscription> ofWorkspace(ProjectId project, AgentId workspace) {
        return session.dsl().resultQuery("""
                        SELECT * FROM hub.subscriptions WHERE project_id = {0} AND workspace_id = {1}
                        ORDER BY created_at DESC, subscription_id DESC""",
                DSL.val(project.value()), DSL.val(workspace.value()))
                .fetch().map(JooqSubscriptionStore::toSubscription);
    }

    @Override
    public boolean delete(ProjectId project, AgentId workspace, UUID id) {
        return session.dsl().query("""
                        DELETE FROM hub.subscriptions
                        WHERE subscription_id = {0} AND project_id = {1} AND workspace_id = {2}""",
                DSL.val(id), DSL.val(project.value()), DSL.val(workspace.value())).execute() == 1;
    }

    @Override
    public List<Subscription> matchingStatusChange(ProjectId project, String beadId, String repo) {
        return session.dsl().resultQuery("""
                        SELECT s.* FROM hub.subscriptions s
                        JOIN hub.workspaces w ON w.workspace_id = s.workspace_id AND w.deleted_at IS NULL
                        WHERE s.project_id = {0} AND s.bead_id = {1}
                          AND s.event_types && ARRAY['status_change', 'all']::text[]
                          AND (s.repo IS NULL OR s.repo = {2})
                        ORDER BY s.created_at, s.subscription_id""",
                DSL.val(project.value()), DSL.val(beadId), DSL.val(repo, String.class))
                .fetch().map(JooqSubscriptionStore::toSubscription);
    }

    private static Subscription toSubscription(Record r) {
        return new Subscription(r.get("subscription_id", UUID.class), new ProjectId(r.get("project_id", UUID.class)),
                new AgentId(r.get("workspace_id", UUID.class)), r.get("alias", String.class),
                r.get("bead_id", String.class), r.get("repo", String.class),
                Arrays.asList(r.get("event_types", String[].class)),
                instant(r.get("created_at", OffsetDateTime.class)));
    }
}
