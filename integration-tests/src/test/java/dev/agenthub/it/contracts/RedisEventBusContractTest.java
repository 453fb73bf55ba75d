package dev.agenthub.it.contracts;

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

    private final RedisInstances instances;
    private final RedisEventBus first;
    private final RedisEventBus second;

    RedisEventBusContractTest(SharedRedis redis) {
        instances = new RedisInstances(redis);
        first = new RedisEventBus(instances.first);
        second = new RedisEventBus(instances.second);
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
        instances.close();
    }
}
