package dev.agenthub.it.v1;

import dev.agenthub.it.support.V1Client;
import dev.agenthub.it.support.V1Hubs;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.server.AgentHub;
import dev.agenthub.testkit.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Authorization: Bearer <key>} is matched exactly (wire spec §3.1) on every request of a keep-alive
 * connection. Raw HTTP/1.1 over one socket, so that the connection reuse is certain rather than up to a
 * client's pool.
 */
@ExtendWith(TestInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BearerSchemeCaseTest {

    private static final String INVALID_HEADER = "{\"detail\":\"Invalid Authorization header. Expected: Bearer <token>\"}";
    private static final String INVALID_KEY = "{\"detail\":\"Invalid API key\"}";

    private AgentHub hub;
    private V1Client client;

    @BeforeAll
    void start(TestDatabase database) {
        hub = V1Hubs.start(database, new MutableClock(Instant.parse("2026-03-04T05:06:07Z")), Map.of());
        client = new V1Client(hub.url());
    }

    @AfterAll
    void stop() {
        hub.close();
    }

    /**
     * The scheme is case-sensitive (§3.1) on every request, not only on a connection's first: an HTTP server that
     * caches header fields per connection must not let {@code bearer <key>} (or a key in another case) match the
     * {@code Bearer <key>} field of an earlier request. Sent over one raw keep-alive connection so the reuse is
     * certain.
     */
    @Test
    void theBearerSchemeAndKeyAreCaseSensitiveOnAReusedConnection() throws IOException {
        String key = client.init("scheme-case", "alice-case").apiKey();
        URI base = URI.create(hub.url());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            RawResponse first = rawIntrospect(socket, base, "Bearer " + key);
            assertThat(first.status()).as(first.body()).isEqualTo(200);
            RawResponse lowercase = rawIntrospect(socket, base, "bearer " + key);
            assertThat(lowercase.status()).as(lowercase.body()).isEqualTo(401);
            assertThat(V1Client.canonical(lowercase.body())).isEqualTo(V1Client.canonical(INVALID_HEADER));
            RawResponse uppercaseKey = rawIntrospect(socket, base, "Bearer " + key.toUpperCase(Locale.ROOT));
            assertThat(uppercaseKey.status()).as(uppercaseKey.body()).isEqualTo(401);
            assertThat(V1Client.canonical(uppercaseKey.body())).isEqualTo(V1Client.canonical(INVALID_KEY));
            RawResponse again = rawIntrospect(socket, base, "Bearer " + key);
            assertThat(again.status()).as("the connection stayed usable").isEqualTo(200);
        }
    }

    private record RawResponse(int status, String body) {
    }

    /** {@code GET /v1/auth/introspect} over an open HTTP/1.1 connection, reading exactly one response. */
    private static RawResponse rawIntrospect(Socket socket, URI base, String authorization) throws IOException {
        String request = "GET /v1/auth/introspect HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nAuthorization: " + authorization + "\r\nAccept: application/json\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = socket.getInputStream();
        String statusLine = readLine(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        int length = -1;
        boolean chunked = false;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size = Integer.parseInt(readLine(in).strip(), 16); size > 0; size = Integer.parseInt(readLine(in).strip(), 16)) {
                body.write(in.readNBytes(size));
                readLine(in);
            }
            readLine(in);
        } else {
            assertThat(length).as("a framed response").isGreaterThanOrEqualTo(0);
            body.write(in.readNBytes(length));
        }
        return new RawResponse(status, body.toString(StandardCharsets.UTF_8));
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed after: " + line);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
