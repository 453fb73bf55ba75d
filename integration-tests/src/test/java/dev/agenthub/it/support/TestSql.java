package dev.agenthub.it.support;

import dev.agenthub.persistence.postgres.PostgresUrl;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import org.jooq.DSLContext;

import javax.sql.DataSource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

import static dev.agenthub.persistence.jooq.hub.Tables.WORKSPACES;
import static dev.agenthub.persistence.jooq.protocol.Tables.AGENTS;
import static dev.agenthub.persistence.jooq.protocol.Tables.PROJECTS;
import static org.assertj.core.api.Assertions.assertThat;

/** Direct database access for tests that set up or check what the API cannot show. */
public final class TestSql {

    private TestSql() {
    }

    /** {@code url} with its credentials in the query string, the form {@code AGENT_HUB_DATABASE_URL} takes. */
    public static String urlWithCredentials(PostgresUrl url) {
        StringBuilder text = new StringBuilder(url.jdbcUrl());
        char separator = url.jdbcUrl().contains("?") ? '&' : '?';
        if (url.user() != null && !url.jdbcUrl().contains("user=")) {
            text.append(separator).append("user=").append(URLEncoder.encode(url.user(), StandardCharsets.UTF_8));
            separator = '&';
        }
        if (url.password() != null && !url.jdbcUrl().contains("password=")) {
            text.append(separator).append("password=").append(URLEncoder.encode(url.password(), StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    /** The id of the first API key minted for the agent. */
    public static String firstApiKeyIdOf(DataSource database, String agentId) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT api_key_id FROM protocol.api_keys WHERE agent_id = ? ORDER BY created_at")) {
            query.setObject(1, UUID.fromString(agentId));
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getObject(1, UUID.class).toString();
            }
        }
    }

    /** Inserts a live project with a random id and {@code slug} straight into the table; returns its id. */
    public static ProjectId insertProject(DSLContext dsl, String slug) {
        UUID id = UUID.randomUUID();
        dsl.insertInto(PROJECTS)
                .set(PROJECTS.PROJECT_ID, id)
                .set(PROJECTS.SLUG, slug)
                .set(PROJECTS.CREATED_AT, OffsetDateTime.now())
                .execute();
        return new ProjectId(id);
    }

    /**
     * The rows of a query as text: each row a list of its columns' {@code toString()} (null stays null), in the
     * query's order. Parameters bind in order; a {@link UUID} binds as uuid.
     */
    public static java.util.List<java.util.List<String>> rows(DataSource database, String sql, Object... parameters) {
        try (Connection connection = database.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            java.util.List<java.util.List<String>> rows = new java.util.ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    java.util.List<String> row = new java.util.ArrayList<>();
                    for (int c = 1; c <= columns; c++) {
                        Object value = result.getObject(c);
                        row.add(value == null ? null : value.toString());
                    }
                    rows.add(java.util.Collections.unmodifiableList(row));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** Inserts an active API key of the project bound to no agent, and returns the key. */
    public static String insertUnboundKey(DataSource database, String projectId, java.time.Instant createdAt) {
        String key = "aw_sk_" + UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = database.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO protocol.api_keys (api_key_id, project_id, agent_id, user_id, key_prefix, key_hash, is_active, created_at)
                     VALUES (?, ?, NULL, NULL, ?, ?, true, ?)""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, UUID.fromString(projectId));
            insert.setString(3, key.substring(0, 12));
            insert.setString(4, dev.agenthub.protocol.kernel.text.Sha256.hex(key));
            insert.setObject(5, OffsetDateTime.ofInstant(createdAt, java.time.ZoneOffset.UTC));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return key;
    }

    /**
     * Inserts an ephemeral agent of the project and its dashboard workspace (no repo), the smallest live workspace
     * a store test can attach claims, escalations or subscriptions to.
     */
    public static AgentId insertDashboardWorkspace(DSLContext dsl, ProjectId project, String alias) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now();
        dsl.insertInto(AGENTS)
                .set(AGENTS.AGENT_ID, id)
                .set(AGENTS.PROJECT_ID, project.value())
                .set(AGENTS.ALIAS, alias)
                .set(AGENTS.LIFETIME, "ephemeral")
                .set(AGENTS.CREATED_AT, now)
                .execute();
        dsl.insertInto(WORKSPACES)
                .set(WORKSPACES.WORKSPACE_ID, id)
                .set(WORKSPACES.PROJECT_ID, project.value())
                .set(WORKSPACES.ALIAS, alias)
                .set(WORKSPACES.WORKSPACE_TYPE, "dashboard")
                .set(WORKSPACES.CREATED_AT, now)
                .set(WORKSPACES.UPDATED_AT, now)
                .execute();
        return new AgentId(id);
    }

    /**
     * Makes every insert into {@code hub.audit_log} for {@code project} fail (a trigger raising an error) until the
     * answer is closed; other projects' audit writes are untouched, so concurrent tests are not disturbed.
     */
    public static AutoCloseable failingAuditWrites(DataSource database, UUID project) {
        String name = "fail_audit_" + project.toString().replace("-", "");
        execute(database, """
                CREATE FUNCTION hub.%1$s() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit writes fail for this project'; END $$;
                CREATE TRIGGER %1$s BEFORE INSERT ON hub.audit_log FOR EACH ROW
                WHEN (NEW.project_id = '%2$s') EXECUTE FUNCTION hub.%1$s();""".formatted(name, project));
        return () -> execute(database, "DROP TRIGGER %1$s ON hub.audit_log; DROP FUNCTION hub.%1$s();".formatted(name));
    }

    private static void execute(DataSource database, String sql) {
        try (Connection connection = database.getConnection(); var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
