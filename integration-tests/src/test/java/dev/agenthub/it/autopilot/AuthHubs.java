package dev.agenthub.it.autopilot;

import dev.agenthub.http.autopilot.AutopilotCallers;
import dev.agenthub.it.support.HttpProbe;
import dev.agenthub.orchestration.access.Caller;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.server.AgentHub;
import dev.agenthub.server.HubConfig;
import io.javalin.http.Context;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hubs for the Agent Hub authentication tests: a real server on a random port over the test class's database,
 * with one extra host route, {@value #CALLER_PROBE} (GET and POST), that answers the {@link Caller} the gates left
 * for the handlers: {@code {"actor","changed_by","role"}}.
 */
final class AuthHubs {

    /** Inside {@code /projects}, so the gates treat it as an Agent Hub route; no route of §5 has this shape. */
    static final String CALLER_PROBE = "/projects/0/caller-probe";

    static final String SECRET = "wire-test-jwt-secret-0123456789abcdef";
    static final String MAINTAINER_KEY = "maintainer-key-0123456789";
    static final String VIEWER_KEY = "viewer-key-0123456789";
    static final String ADMIN_KEY = "admin-key-0123456789";
    /** Not a role suffix: the whole entry is the key, with the bare-key maximum (maintainer). */
    static final String ODD_KEY = "odd:key:superuser";
    static final String KEYS = " " + MAINTAINER_KEY + " , " + VIEWER_KEY + ":viewer,," + ADMIN_KEY + ":admin," + ODD_KEY + " ";

    private AuthHubs() {
    }

    /** Every gate on, the keys above and the secret. */
    static Map<String, String> allGates() {
        return Map.of("AGENT_HUB_REQUIRE_API_KEY", "1", "AGENT_HUB_API_KEYS", KEYS,
                "AGENT_HUB_AUTH_REQUIRE_ROLES", "true", "AGENT_HUB_AUTH_REQUIRE_READS", "on",
                "AGENT_HUB_JWT_SECRET", "  " + SECRET + "  ");
    }

    static AgentHub start(TestDatabase database, Clock clock, Map<String, String> environment) {
        Map<String, String> variables = new HashMap<>(environment);
        variables.putIfAbsent("AGENT_HUB_PORT", "0");
        return AgentHub.builder()
                .config(HubConfig.fromEnvironment(variables))
                .dataSource(database.dataSource())
                .clock(clock)
                .customizeServer(config -> {
                    config.routes.get(CALLER_PROBE, AuthHubs::probe);
                    config.routes.post(CALLER_PROBE, AuthHubs::probe);
                })
                .build()
                .start();
    }

    private static void probe(Context ctx) {
        Caller caller = AutopilotCallers.of(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("actor", caller.actorName());
        body.put("changed_by", caller.policyChangedBy());
        body.put("role", caller.role().wireName());
        ctx.json(body);
    }

    /** Mints a token on {@code hub} with {@code key}; the response must be 200. */
    static String token(HttpProbe http, String key, String subject, String role) {
        String body = role == null ? "{\"subject\":\"" + subject + "\"}"
                : "{\"subject\":\"" + subject + "\",\"role\":\"" + role + "\"}";
        HttpProbe.Response response = http.send("POST", "/auth/token", body,
                Map.of("X-API-Key", key, "Content-Type", "application/json"));
        if (response.status() != 200) {
            throw new AssertionError("token: " + response.status() + " " + response.body());
        }
        return response.json().path("access_token").asText();
    }
}
