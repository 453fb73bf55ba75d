package dev.agenthub.it.support;

import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.server.AgentHub;
import dev.agenthub.testkit.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.agenthub.http.HttpSettings;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The frame of a {@code /v1} wire test class: one real hub on a random port over the class's database, with
 * a clock the tests move (starting at {@link #NOW}) and a client. Tests share the hub, so each uses its own
 * project.
 */
@ExtendWith(TestInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class V1HubTest {

    protected static final Instant NOW = Instant.parse("2026-02-07T11:14:49.123456Z");

    protected final MutableClock clock = new MutableClock(NOW);
    protected TestDatabase database;
    protected AgentHub hub;
    protected V1Client client;

    /** Configuration variables of the hub beyond the test defaults. */
    protected Map<String, String> environment() {
        return Map.of();
    }

    /** The status stream's keepalive interval of the class's hub. */
    protected Duration statusKeepalive() {
        return HttpSettings.DEFAULT_STATUS_KEEPALIVE;
    }

    /** How often the class's hub sweeps due escalations. */
    protected Duration escalationSweepInterval() {
        return AgentHub.DEFAULT_ESCALATION_SWEEP_INTERVAL;
    }

    @BeforeAll
    void startHub(TestDatabase database) {
        this.database = database;
        hub = V1Hubs.start(database, clock, environment(), statusKeepalive(), escalationSweepInterval());
        client = new V1Client(hub.url());
    }

    @AfterAll
    void stopHub() {
        hub.close();
    }
}
