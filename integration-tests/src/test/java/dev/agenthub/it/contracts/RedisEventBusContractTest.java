package dev.agenthub.it.contracts;

import dev.agenthub.persistence.redis.RedisBackend;
import dev.agenthub.persistence.redis.RedisEventBus;
import dev.agenthub.persistence.testing.SharedRedis;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.protocol.kernel.events.EventBus;
import dev.agenthub.testkit.events.DistributedEventBusContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** Redis pub/sub through Lettuce, with two buses on separate connections standing for two hub instances. */
@ExtendWith(TestInfrastructure.class)
class RedisEventBusContractTest extends DistributedEventBusContract {

    private final RedisBackend firstBackend;
    private final RedisBackend secondBackend;
    private final RedisEventBus first;
    private final RedisEventBus second;

    RedisEventBusContractTest(SharedRedis redis) {
        String prefix = redis.newKeyPrefix();
        firstBackend = RedisBackend.connect(redis.url(), prefix);
        secondBackend = RedisBackend.connect(redis.url(), prefix);
        first = new RedisEventBus(firstBackend);
        second = new RedisEventBus(secondBackend);
    }

    @Override
    protected EventBus bus() {
        return first;
    }

    @Override
    protected EventBus otherInstance() {
        return second;
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
        firstBackend.close();
        secondBackend.close();
    }
}
