package dev.agenthub.persistence.testing;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.UUID;

/**
 * The Redis server of one test JVM: the redis-server binary shipped by the embedded-redis artifact on a
 * free loopback port, or the server named by {@code AGENT_HUB_TEST_REDIS_URL}. Tests isolate themselves
 * by key prefix ({@link #newKeyPrefix}), since pub/sub channels are server-wide.
 */
public final class SharedRedis implements AutoCloseable {

    public static final String EXTERNAL_URL_VARIABLE = "AGENT_HUB_TEST_REDIS_URL";

    private final RedisServer embedded;
    private final String url;

    private SharedRedis(RedisServer embedded, String url) {
        this.embedded = embedded;
        this.url = url;
    }

    static SharedRedis start() {
        String external = System.getenv(EXTERNAL_URL_VARIABLE);
        if (external != null && !external.isBlank()) {
            return new SharedRedis(null, external);
        }
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            RedisServer server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            server.start();
            return new SharedRedis(server, "redis://127.0.0.1:" + port + "/0");
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the test Redis", e);
        }
    }

    public String url() {
        return url;
    }

    /** A key prefix no other test uses. */
    public String newKeyPrefix() {
        return "test:" + UUID.randomUUID() + ":";
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.stop();
        }
    }
}
