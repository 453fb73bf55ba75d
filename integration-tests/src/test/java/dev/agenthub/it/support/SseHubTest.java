package dev.agenthub.it.support;

import dev.agenthub.protocol.kernel.time.WireTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A {@link V1HubTest} that also opens SSE streams: one HTTP client, and deadlines on the test clock. */
public abstract class SseHubTest extends V1HubTest {

    /** How long a test waits for a frame or for a stream to end. */
    protected static final Duration WAIT = Duration.ofSeconds(10);
    protected HttpClient http;

    @BeforeAll
    void openHttpClient() {
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    void closeHttpClient() {
        http.close();
    }

    /** The query value of a deadline {@code length} after the test clock's now, in the {@code Z} form. */
    protected String deadlineIn(Duration length) {
        return URLEncoder.encode(WireTime.zulu(clock.instant().plus(length)), StandardCharsets.UTF_8);
    }
}
