package dev.agenthub.it.v1;

import dev.agenthub.it.support.V1Client;
import dev.agenthub.it.support.V1Client.Identity;
import dev.agenthub.it.support.V1Hubs;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.server.AgentHub;
import dev.agenthub.testkit.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code last_used_at} of an API key is kept to the minute without a database write per request: a request
 * writes it only when the stored value is more than 60 s old.
 */
@ExtendWith(TestInfrastructure.class)
class ApiKeyUsageTest {

    private static final Instant NOW = Instant.parse("2026-02-07T11:14:49.123456Z");

    @Test
    void aBusyKeyIsWrittenOnceAMinute(TestDatabase database) throws SQLException {
        MutableClock clock = new MutableClock(NOW);
        try (AgentHub hub = V1Hubs.start(database, clock, Map.of())) {
            V1Client client = new V1Client(hub.url());
            Identity alice = client.init("usage", "alice");
            assertThat(lastUsed(database, alice)).as("minted, never used").isNull();

            assertThat(client.get("/v1/agents", alice.bearer()).status()).isEqualTo(200);
            assertThat(lastUsed(database, alice)).isEqualTo(NOW);
            String version = rowVersion(database, alice);
            for (int i = 0; i < 20; i++) {
                assertThat(client.get("/v1/agents", alice.bearer()).status()).isEqualTo(200);
            }
            assertThat(rowVersion(database, alice)).as("no write for the next 20 requests").isEqualTo(version);

            clock.advance(Duration.ofSeconds(60));
            client.get("/v1/agents", alice.bearer());
            assertThat(lastUsed(database, alice)).as("not yet stale").isEqualTo(NOW);

            clock.advance(Duration.ofMillis(1));
            client.get("/v1/agents", alice.bearer());
            assertThat(lastUsed(database, alice)).isEqualTo(NOW.plusSeconds(60).plusMillis(1));
        }
    }

    private static Instant lastUsed(TestDatabase database, Identity identity) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT last_used_at FROM protocol.api_keys WHERE agent_id = ?")) {
            query.setObject(1, UUID.fromString(identity.agentId()));
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                OffsetDateTime value = row.getObject(1, OffsetDateTime.class);
                return value == null ? null : value.toInstant();
            }
        }
    }

    /** The transaction that wrote the key row's current version: any UPDATE changes it. */
    private static String rowVersion(TestDatabase database, Identity identity) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT xmin::text FROM protocol.api_keys WHERE agent_id = ?")) {
            query.setObject(1, UUID.fromString(identity.agentId()));
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getString(1);
            }
        }
    }
}
