package dev.agenthub.it.contracts;

import dev.agenthub.persistence.redis.RedisBackend;
import dev.agenthub.persistence.testing.SharedRedis;
import io.lettuce.core.RedisClient;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * What the Redis contract tests stand two hub instances on: two backends, each with its own connections, sharing a
 * fresh key prefix of the shared Redis.
 */
final class RedisInstances implements AutoCloseable {

    private final SharedRedis redis;
    final RedisBackend first;
    final RedisBackend second;

    RedisInstances(SharedRedis redis) {
        this.redis = redis;
        String prefix = redis.newKeyPrefix();
        first = RedisBackend.connect(redis.url(), prefix);
        second = RedisBackend.connect(redis.url(), prefix);
    }

    /**
     * Runs {@code test} with a backend on the same prefix over a client of its own, which {@code test} may close to
     * lose Redis; the client is shut down afterwards.
     */
    void withOwnClient(Consumer<RedisBackend> test) {
        RedisClient client = RedisClient.create(redis.url());
        try {
            test.accept(RedisBackend.using(client, first.keyPrefix()));
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        first.close();
        second.close();
    }
}
