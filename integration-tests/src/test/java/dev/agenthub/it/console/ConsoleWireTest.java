package dev.agenthub.it.console;

import dev.agenthub.it.support.HttpProbe;
import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.server.AgentHub;
import dev.agenthub.server.HubConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static dev.agenthub.it.support.V1Client.assertBody;
import static dev.agenthub.it.support.V1Client.json;
import static dev.agenthub.it.support.V1Client.ordered;
import static org.assertj.core.api.Assertions.assertThat;

/** The API console of wire spec §11.3: the page, and the prefill's switch and loopback rule, over real HTTP. */
@ExtendWith(TestInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleWireTest {

    private TestDatabase database;

    @BeforeAll
    void database(TestDatabase database) {
        this.database = database;
    }

    private AgentHub hub(TestDatabase database, Map<String, String> environment) {
        Map<String, String> variables = new HashMap<>(environment);
        variables.put("AGENT_HUB_PORT", "0");
        return AgentHub.builder().config(HubConfig.fromEnvironment(variables)).dataSource(database.dataSource())
                .build().start();
    }

    @Test
    void theConsoleIsServedAndThePrefillIsOffByDefault() {
        try (AgentHub hub = hub(database, Map.of("AGENT_HUB_API_KEYS", "first-key,second-key"))) {
            HttpProbe http = new HttpProbe(hub.url());
            for (String path : new String[] {"/ui", "/ui/"}) {
                Response page = http.get(path);
                assertThat(page.status()).as(path).isEqualTo(200);
                assertThat(page.header("Content-Type")).startsWith("text/html");
                assertThat(page.body()).contains("<form").contains("Authorization").contains("fetch(")
                        .doesNotContain("https://").doesNotContain("first-key");
            }
            assertBody(http.get("/ui/prefill"), 404, "{\"detail\":\"UI env prefill is disabled\"}");
        }
    }

    @Test
    void anEnabledPrefillAnswersLoopbackClientsOnly() {
        try (AgentHub hub = hub(database, Map.of("AGENT_HUB_UI_ENV_PREFILL_ENABLED", "1", "AGENT_HUB_HOST", "0.0.0.0",
                "AGENT_HUB_API_KEYS", "first-key:maintainer,second-key", "AGENT_HUB_AUTH_REQUIRE_READS", "on",
                "AGENT_HUB_METRICS_BEARER_TOKEN", "metrics-token-0123456789abcdef"))) {
            String loopbackBase = "http://127.0.0.1:" + hub.port();
            assertBody(new HttpProbe(loopbackBase).get("/ui/prefill"), 200, json(ordered("base_url", loopbackBase,
                    "api_key", "first-key", "metrics_bearer_token", "metrics-token-0123456789abcdef", "auth_require_roles", false,
                    "auth_require_reads", true)));
            Optional<String> external = nonLoopbackAddress();
            Assumptions.assumeTrue(external.isPresent(), "no non-loopback IPv4 address on this machine");
            assertBody(new HttpProbe("http://" + external.get() + ":" + hub.port()).get("/ui/prefill"), 403,
                    "{\"detail\":\"UI env prefill is only available from loopback clients\"}");
        }
    }

    private static Optional<String> nonLoopbackAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                        return Optional.of(address.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
