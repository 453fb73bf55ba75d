package dev.agenthub.persistence.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;

import java.time.Duration;
import java.util.Objects;

/**
 * The Redis server behind the Redis-role ports in distributed mode: a Lettuce client, one shared
 * thread-safe command connection, and the key prefix that namespaces every key and pub/sub channel of
 * this hub (so several hubs or test runs can share one Redis).
 */
public final class RedisBackend implements AutoCloseable {

    /** The longest any command of the hub's may wait for Redis. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

    private final RedisClient client;
    private final boolean ownsClient;
    private final String keyPrefix;
    private final StatefulRedisConnection<String, String> commands;

    private RedisBackend(RedisClient client, boolean ownsClient, String keyPrefix) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        try {
            this.commands = client.connect();
            // a bound on every command of the hub's, also on a host's client whose default is a minute: callers
            // that fail closed (the init rate limit) answer 503 in seconds when Redis goes away
            this.commands.setTimeout(COMMAND_TIMEOUT);
        } catch (RuntimeException e) {
            if (ownsClient) {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
            throw e;
        }
    }

    /**
     * Connects to {@code url} ({@code redis://[user:password@]host:port/db}, {@code rediss://…});
     * the backend owns the client and shuts it down on {@link #close()}.
     *
     * @throws io.lettuce.core.RedisConnectionException when the server cannot be reached
     */
    public static RedisBackend connect(String url, String keyPrefix) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(COMMAND_TIMEOUT);
        RedisClient client = RedisClient.create(uri);
        // While Redis is unreachable, fail commands at once instead of queueing them without bound and
        // replaying a backlog of stale events on reconnect; subscriptions are restored on reconnect.
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(100_000)
                .build());
        return new RedisBackend(client, true, keyPrefix);
    }

    /** Uses a client the host application owns (and closes); only this backend's connections are closed here. */
    public static RedisBackend using(RedisClient client, String keyPrefix) {
        return new RedisBackend(Objects.requireNonNull(client, "client"), false, keyPrefix);
    }

    public RedisClient client() {
        return client;
    }

    /** The shared command connection (thread-safe, pipelined). */
    public StatefulRedisConnection<String, String> commands() {
        return commands;
    }

    /** {@code name} inside this hub's namespace. */
    public String key(String name) {
        return keyPrefix + name;
    }

    public String keyPrefix() {
        return keyPrefix;
    }

    @Override
    public void close() {
        commands.close();
        if (ownsClient) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
