package dev.agenthub.it.contracts;

import dev.agenthub.persistence.redis.RedisRateLimiter;
import dev.agenthub.persistence.testing.SharedRedis;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.protocol.ratelimit.port.RateLimiter;
import dev.agenthub.testkit.ratelimit.RateLimiterContract;
import io.lettuce.core.RedisException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Redis rate limiter, with two limiters on separate connections standing for two hub instances. */
@ExtendWith(TestInfrastructure.class)
class RedisRateLimiterContractTest extends RateLimiterContract {

    private final RedisInstances instances;
    private final RedisRateLimiter first;
    private final RedisRateLimiter second;

    RedisRateLimiterContractTest(SharedRedis redis) {
        instances = new RedisInstances(redis);
        first = new RedisRateLimiter(instances.first);
        second = new RedisRateLimiter(instances.second);
    }

    @Override
    protected RateLimiter limiter() {
        return first;
    }

    @Override
    protected RateLimiter otherInstance() {
        return second;
    }

    @Test
    void aHitAfterTheServerForgotTheScriptStillCounts() {
        String bucket = bucket("flushed");
        assertThat(first.hit(bucket, 5, WINDOW, T0).count()).isEqualTo(1);
        instances.first.commands().sync().scriptFlush();
        assertThat(first.hit(bucket, 5, WINDOW, T0).count()).isEqualTo(2);
        assertThat(second.hit(bucket, 5, WINDOW, T0).count()).isEqualTo(3);
    }

    @Test
    void aHitThatCannotReachRedisThrowsInsteadOfDeciding() {
        instances.withOwnClient(lost -> {
            RedisRateLimiter limiter = new RedisRateLimiter(lost);
            String bucket = bucket("unreachable");
            assertThat(limiter.hit(bucket, 5, WINDOW, T0).allowed()).isTrue();
            lost.close();
            assertThatThrownBy(() -> limiter.hit(bucket, 5, WINDOW, T0)).isInstanceOf(RedisException.class);
            assertThatThrownBy(() -> limiter.hit(bucket("fresh"), 5, WINDOW, T0)).isInstanceOf(RedisException.class);
        });
    }

    @AfterEach
    void close() {
        instances.close();
    }
}
