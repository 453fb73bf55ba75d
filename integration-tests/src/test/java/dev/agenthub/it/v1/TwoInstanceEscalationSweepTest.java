package dev.agenthub.it.v1;

import dev.agenthub.http.HttpSettings;
import dev.agenthub.it.support.HubSeeds;
import dev.agenthub.it.support.HubSeeds.Worktree;
import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.TestSql;
import dev.agenthub.it.support.V1Client;
import dev.agenthub.it.support.V1Hubs;
import dev.agenthub.it.support.WorkspaceChannel;
import dev.agenthub.persistence.testing.SharedRedis;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.protocol.live.LiveEvent;
import dev.agenthub.server.AgentHub;
import dev.agenthub.testkit.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two hub instances on one PostgreSQL and one Redis, both sweeping every 50 ms (§14 F5): every due escalation
 * is expired by exactly one of them, so {@code escalation.expired} reaches the creator's channel once per
 * escalation, and the rows and the audit log say expired once each.
 */
@ExtendWith(TestInfrastructure.class)
class TwoInstanceEscalationSweepTest {

    private static final int ESCALATIONS = 30;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00.000001Z"));

    @Test
    void eachDueEscalationExpiresOnceAcrossInstances(TestDatabase database, SharedRedis redis) throws Exception {
        Map<String, String> environment = Map.of("AGENT_HUB_REDIS_URL", redis.url(),
                "AGENT_HUB_REDIS_KEY_PREFIX", redis.newKeyPrefix());
        Duration sweep = Duration.ofMillis(50);
        try (AgentHub a = V1Hubs.start(database, clock, environment, HttpSettings.DEFAULT_STATUS_KEEPALIVE, sweep);
             AgentHub b = V1Hubs.start(database, clock, environment, HttpSettings.DEFAULT_STATUS_KEEPALIVE, sweep)) {
            V1Client onA = new V1Client(a.url());
            Worktree alice = new HubSeeds(onA, database.dataSource()).worktree("two-sweepers",
                    "git@github.com:two-sweepers/app.git", "alice", "Ada");
            Set<String> created = new HashSet<>();
            try (WorkspaceChannel channel = new WorkspaceChannel(a, alice.workspaceId())) {
                for (int i = 0; i < ESCALATIONS; i++) {
                    Response response = onA.post("/v1/escalations", "{\"workspace_id\":\"" + alice.workspaceId()
                            + "\",\"alias\":\"alice\",\"subject\":\"s" + i + "\",\"situation\":\"x\",\"expires_in_hours\":1}",
                            alice.bearer());
                    assertThat(response.status()).as(response.body()).isEqualTo(200);
                    created.add(response.json().get("escalation_id").asText());
                }
                for (int i = 0; i < ESCALATIONS; i++) {
                    assertThat(channel.next()).contains("\"type\":\"escalation.created\"");
                }

                clock.advance(Duration.ofHours(1));
                List<String> expired = new ArrayList<>();
                for (int i = 0; i < ESCALATIONS; i++) {
                    String data = channel.next();
                    assertThat(data).contains("\"type\":\"escalation.expired\"");
                    expired.add(data.replaceAll(".*\"escalation_id\":\"([^\"]+)\".*", "$1"));
                }
                LiveEvent extra = channel.poll(Duration.ofSeconds(1));
                assertThat(extra).as("no escalation expires twice").isNull();
                assertThat(expired).doesNotHaveDuplicates();
                assertThat(Set.copyOf(expired)).isEqualTo(created);
            }
            UUID project = UUID.fromString(alice.projectId());
            assertThat(TestSql.rows(database.dataSource(),
                    "SELECT count(*) FROM hub.escalations WHERE project_id = ? AND status = 'expired'", project))
                    .containsExactly(List.of(String.valueOf(ESCALATIONS)));
            assertThat(TestSql.rows(database.dataSource(),
                    "SELECT count(*), count(DISTINCT details->>'escalation_id') FROM hub.audit_log "
                            + "WHERE project_id = ? AND event_type = 'escalation_expired'", project))
                    .containsExactly(List.of(String.valueOf(ESCALATIONS), String.valueOf(ESCALATIONS)));
        }
    }
}
