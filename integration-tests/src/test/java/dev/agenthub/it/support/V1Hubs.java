package dev.agenthub.it.support;

import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.server.AgentHub;
import dev.agenthub.server.HubConfig;

import dev.agenthub.http.HttpSettings;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Starts hubs for the {@code /v1} tests: a real server on a random port over the test class's database. */
public final class V1Hubs {

    private V1Hubs() {
    }

    /** A started hub on {@code database} with {@code clock} and extra configuration variables. */
    public static AgentHub start(TestDatabase database, Clock clock, Map<String, String> environment) {
        return start(database, clock, environment, HttpSettings.DEFAULT_STATUS_KEEPALIVE);
    }

    /** As {@link #start(TestDatabase, Clock, Map)}, with the status stream's keepalive interval. */
    public static AgentHub start(TestDatabase database, Clock clock, Map<String, String> environment,
                                 Duration statusKeepalive) {
        return start(database, clock, environment, statusKeepalive, AgentHub.DEFAULT_ESCALATION_SWEEP_INTERVAL);
    }

    /** As {@link #start(TestDatabase, Clock, Map, Duration)}, with the escalation sweep's interval. */
    public static AgentHub start(TestDatabase database, Clock clock, Map<String, String> environment,
                                 Duration statusKeepalive, Duration escalationSweep) {
        Map<String, String> variables = new HashMap<>(environment);
        variables.putIfAbsent("AGENT_HUB_PORT", "0");
        variables.putIfAbsent("AGENT_HUB_INIT_RATE_LIMIT", "1000000");
        return AgentHub.builder()
                .config(HubConfig.fromEnvironment(variables))
                .dataSource(database.dataSource())
                .clock(clock)
                .statusStreamKeepalive(statusKeepalive)
                .escalationSweepInterval(escalationSweep)
                .build()
                .start();
    }
}
