package dev.agenthub.it.contracts;

import dev.agenthub.persistence.redis.RedisBackend;
import dev.agenthub.persistence.redis.RedisRateLimiter;
import dev.agenthub.persistence.testing.SharedRedis;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.protocol.ratelimit.port.RateLimiter;
import dev.agenthub.testkit.ratelimit.RateLimiterContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Redis rate limiter, with two limiters on separate connections standing for two hub instances. */
@ExtendWith(TestInfrastructure.class)
class RedisRateLimiterContractTest extends RateLimiterContract {

    private final RedisBackend firstBackend;
    private final RedisBackend secondBackend;
    private final RedisRateLimiter first;
    private final RedisRateLimiter second;

    RedisRateLimiterContractTest(SharedRedis redis) {
        String prefix = redis.newKeyPrefix();
        firstBackend = RedisBackend.connect(redis.url(), prefix);
        secondBackend = RedisBackend.connect(redis.url(), prefix);
        first = new RedisRateLimiter(firstBackend);
        second = new RedisRateLimiter(secondBackend);
    }

    @Override
    protected RateLimiter limiter() {
        return first;
    }

    @Override
    protected RateLimiter otherInstance() {
        return second;
    }

    @AfterEach
    void close() {
        firstBackend.close();
        secondBackend.close();
    }
}
