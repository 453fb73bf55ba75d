package dev.agenthub.it.autopilot;

import static dev.agenthub.it.autopilot.AuthHubs.ADMIN_KEY;
import static dev.agenthub.it.autopilot.AuthHubs.MAINTAINER_KEY;
import static dev.agenthub.it.autopilot.AuthHubs.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.it.support.HttpProbe;
import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.server.AgentHub;
import dev.agenthub.testkit.MutableClock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route of the wire spec's §5 table under {@code /projects} and {@code /auth}, with its gate, against a hub
 * with all three gates on. {@code W}: no credentials is 401, a viewer JWT with a valid key is 403, a maintainer JWT
 * with a valid key gets past the gates. {@code R}: no credentials is 401, a viewer JWT gets past the gate.
 * {@code KEY} ({@code POST /auth/token}): the API key alone. {@code JWT} ({@code GET /auth/me}): a JWT of any role.
 * "Past the gates" means neither 401 nor 403; a route not built yet answers the router's 404 there.
 */
@ExtendWith(TestInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AutopilotRoleMatrixTest {

    enum Gate { W, R, KEY, JWT }

    record Route(String method, String template, Gate gate) {
        String path() {
            return template.replaceAll("\\{[^}]+}", "1");
        }

        @Override
        public String toString() {
            return gate + " " + method + " " + template;
        }
    }

    /** §5, in the table's order (the four D3 actions spelled out). */
    static final List<Route> ROUTES = List.of(
            new Route("POST", "/auth/token", Gate.KEY),
            new Route("GET", "/auth/me", Gate.JWT),
            new Route("POST", "/projects", Gate.W),
            new Route("GET", "/projects", Gate.R),
            new Route("GET", "/projects/{id}/agents", Gate.R),
            new Route("POST", "/projects/{id}/agents", Gate.W),
            new Route("PATCH", "/projects/{id}/agents/{agent_id}", Gate.W),
            new Route("POST", "/projects/{id}/bootstrap", Gate.W),
            new Route("POST", "/projects/{id}/objectives", Gate.W),
            new Route("GET", "/projects/{id}/work-items", Gate.R),
            new Route("PATCH", "/projects/{id}/work-items/{wid}/assign", Gate.W),
            new Route("POST", "/projects/{id}/autopilot/run", Gate.W),
            new Route("POST", "/projects/{id}/jobs/autopilot", Gate.W),
            new Route("GET", "/projects/{id}/jobs", Gate.R),
            new Route("GET", "/projects/{id}/jobs/{job_id}", Gate.R),
            new Route("POST", "/projects/{id}/jobs/{job_id}/cancel", Gate.W),
            new Route("POST", "/projects/{id}/jobs/{job_id}/retry", Gate.W),
            new Route("GET", "/projects/{id}/policy", Gate.R),
            new Route("PATCH", "/projects/{id}/policy", Gate.W),
            new Route("GET", "/projects/{id}/policy/revisions", Gate.R),
            new Route("POST", "/projects/{id}/policy/revisions/{rid}/restore", Gate.W),
            new Route("GET", "/projects/{id}/pull-requests", Gate.R),
            new Route("GET", "/projects/{id}/pull-requests/{pr}", Gate.R),
            new Route("POST", "/projects/{id}/pull-requests/{pr}/approve", Gate.W),
            new Route("POST", "/projects/{id}/pull-requests/{pr}/request-changes", Gate.W),
            new Route("POST", "/projects/{id}/pull-requests/{pr}/merge", Gate.W),
            new Route("POST", "/projects/{id}/pull-requests/{pr}/close", Gate.W),
            new Route("POST", "/projects/{id}/pull-requests/{pr}/github/sync", Gate.W),
            new Route("POST", "/projects/{id}/pull-requests/{pr}/gitlab/sync", Gate.W),
            new Route("GET", "/projects/{id}/runs", Gate.R),
            new Route("GET", "/projects/{id}/dashboard", Gate.R),
            new Route("GET", "/projects/{id}/events", Gate.R));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-02-07T11:14:49.123456Z"));
    private AgentHub hub;
    private HttpProbe http;
    private String viewer;
    private String maintainer;

    @BeforeAll
    void startHub(TestDatabase database) {
        hub = AuthHubs.start(database, clock, AuthHubs.allGates());
        http = new HttpProbe(hub.url());
        viewer = token(http, ADMIN_KEY, "matrix-viewer", "viewer");
        maintainer = token(http, ADMIN_KEY, "matrix-maintainer", "maintainer");
    }

    @AfterAll
    void stopHub() {
        hub.close();
    }

    static Stream<Route> routes() {
        return ROUTES.stream();
    }

    @Test
    void theTableHasEveryGatedRouteOfTheSpecOnce() {
        assertThat(ROUTES).hasSize(32).doesNotHaveDuplicates();
        assertThat(ROUTES).filteredOn(route -> route.gate() == Gate.W).hasSize(18);
        assertThat(ROUTES).filteredOn(route -> route.gate() == Gate.R).hasSize(12);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void noCredentialsIs401(Route route) {
        Response response = send(route, Map.of());
        assertThat(response.status()).as(route + " " + response.body()).isEqualTo(401);
        String detail = route.gate() == Gate.W || route.gate() == Gate.KEY ? "Invalid or missing API key" : "Missing bearer token";
        assertThat(response.json().path("detail").asText()).isEqualTo(detail);
        assertThat(response.header("WWW-Authenticate")).as(route.toString())
                .isEqualTo(route.gate() == Gate.R || route.gate() == Gate.JWT ? "Bearer" : null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void aViewerWritesNothingAndReadsEverything(Route route) {
        Response response = send(route, Map.of("X-API-Key", MAINTAINER_KEY, "Authorization", "Bearer " + viewer));
        if (route.gate() == Gate.W) {
            assertThat(response.status()).as(route + " " + response.body()).isEqualTo(403);
            assertThat(response.json().path("detail").asText()).isEqualTo("Insufficient role. Requires one of: maintainer, admin");
        } else {
            assertThat(response.status()).as(route + " " + response.body()).isNotIn(401, 403);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void aMaintainerGetsPastEveryGate(Route route) {
        Response response = send(route, Map.of("X-API-Key", MAINTAINER_KEY, "Authorization", "Bearer " + maintainer));
        assertThat(response.status()).as(route + " " + response.body()).isNotIn(401, 403);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void aViewerJwtAloneReadsButCannotWrite(Route route) {
        Response response = send(route, Map.of("Authorization", "Bearer " + viewer));
        switch (route.gate()) {
            case R, JWT -> assertThat(response.status()).as(route + " " + response.body()).isNotIn(401, 403);
            // a JWT is not an API key: the key check fails first
            case W, KEY -> assertThat(response.status()).as(route + " " + response.body()).isEqualTo(401);
        }
    }

    private Response send(Route route, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        String body = null;
        if (!route.method().equals("GET")) {
            body = "{}";
            all.put("Content-Type", "application/json");
        }
        return http.send(route.method(), route.path(), body, all);
    }
}
