package dev.agenthub.it.contracts;

import dev.agenthub.persistence.redis.RedisSlidingWindowLimiter;
import dev.agenthub.persistence.testing.SharedRedis;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.protocol.ratelimit.port.SlidingWindowLimiter;
import dev.agenthub.testkit.ratelimit.SlidingWindowLimiterContract;
import io.lettuce.core.RedisException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Redis sliding-window limiter, with two limiters on separate connections standing for two hub instances. */
@ExtendWith(TestInfrastructure.class)
class RedisSlidingWindowLimiterContractTest extends SlidingWindowLimiterContract {

    private final RedisInstances instances;
    private final RedisSlidingWindowLimiter first;
    private final RedisSlidingWindowLimiter second;

    RedisSlidingWindowLimiterContractTest(SharedRedis redis) {
        instances = new RedisInstances(redis);
        first = new RedisSlidingWindowLimiter(instances.first);
        second = new RedisSlidingWindowLimiter(instances.second);
    }

    @Override
    protected SlidingWindowLimiter limiter() {
        return first;
    }

    @Override
    protected SlidingWindowLimiter otherInstance() {
        return second;
    }

    @Test
    void keysLiveUnderTheHubsPrefixWithAnExpiry() {
        String key = key("expiry");
        first.hit(key, 5, WINDOW, T0);
        String stored = instances.first.keyPrefix() + "slidingwindow:" + key;
        assertThat(instances.first.commands().sync().zcard(stored)).isEqualTo(1);
        assertThat(instances.first.commands().sync().pttl(stored)).isBetween(1L, WINDOW.toMillis() + 1);
    }

    @Test
    void aHitThatCannotReachRedisThrowsInsteadOfDeciding() {
        instances.withOwnClient(lost -> {
            RedisSlidingWindowLimiter limiter = new RedisSlidingWindowLimiter(lost);
            assertThat(limiter.hit(key("lost"), 5, WINDOW, T0).allowed()).isTrue();
            lost.close();
            assertThatThrownBy(() -> limiter.hit(key("lost"), 5, WINDOW, T0)).isInstanceOf(RedisException.class);
        });
    }

    @AfterEach
    void close() {
        instances.close();
    }
}
