package dev.agenthub.http.outbound.forge;

import com.sun.net.httpserver.HttpServer;
import dev.agenthub.http.outbound.github.GitHubRestClient;
import dev.agenthub.http.outbound.gitlab.GitLabRestClient;
import dev.agenthub.orchestration.forge.ForgeRepos;
import dev.agenthub.orchestration.forge.port.ForgeFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@link ForgeHttp} and the two clients against a local server: no answer in time, already-exists detection. */
class ForgeHttpTest {

    private HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/slow", exchange -> {
            try (exchange) {
                release.await(); // answers only when the test ends
                exchange.sendResponseHeaders(200, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.createContext("/gh/repos/a/b/pulls", exchange -> reply(exchange, 422,
                "{\"message\":\"Validation Failed\",\"errors\":[{\"message\":\"A pull request already exists for a:x.\"}]}"));
        // HttpServer matches contexts on the decoded path: the client sent g%2Fp
        server.createContext("/gl/projects/g/p/merge_requests", exchange -> reply(exchange, 409,
                "{\"message\":[\"exists\"]}"));
        server.start();
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        executor.close();
    }

    private URI base(String prefix) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + prefix);
    }

    @Test
    void noAnswerWithinTheTimeoutIsAFailureWithoutStatusAndWithoutTheToken() {
        try (ForgeHttp http = new ForgeHttp(base(""), Map.of("Authorization", "Bearer secret-token"),
                Duration.ofMillis(300))) {
            ForgeFailure failure = catchThrowableOfType(ForgeFailure.class,
                    () -> http.send("GET", "slow", null, f -> false));
            assertThat(failure.status()).isEmpty();
            assertThat(failure.method()).isEqualTo("GET");
            assertThat(failure.url()).isEqualTo(base("/slow").toString());
            assertThat(failure.detail()).isEqualTo("request timed out after 0.3 s");
            assertThat(failure.getMessage()).doesNotContain("secret-token");
        }
    }

    @Test
    void gitHub422AlreadyExistsAndGitLab409AreRecognised() {
        try (GitHubRestClient github = new GitHubRestClient(base("/gh"), Optional.of("t"));
             GitLabRestClient gitlab = new GitLabRestClient(base("/gl/"), Optional.of("t"))) {
            ForgeFailure gh = catchThrowableOfType(ForgeFailure.class, () -> github.create(
                    ForgeRepos.gitHub("https://github.com/a/b"), "x", "main", "t", "b"));
            assertThat(gh.alreadyExists()).isTrue();
            assertThat(gh.status()).hasValue(422);
            ForgeFailure gl = catchThrowableOfType(ForgeFailure.class, () -> gitlab.create(
                    ForgeRepos.gitLab("https://gitlab.com/g/p"), "x", "main", "t", "b"));
            assertThat(gl.alreadyExists()).isTrue();
            assertThat(gl.detail()).isEqualTo("[\"exists\"]");
            assertThat(github.configured()).isTrue();
            assertThat(new GitHubRestClient(base(""), Optional.of(" ")).configured()).isFalse();
        }
    }
}
