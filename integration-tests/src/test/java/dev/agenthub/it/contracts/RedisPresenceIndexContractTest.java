package dev.agenthub.it.contracts;

import dev.agenthub.persistence.redis.RedisBackend;
import dev.agenthub.persistence.redis.RedisPresenceIndex;
import dev.agenthub.persistence.testing.SharedRedis;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.protocol.presence.port.PresenceIndex;
import dev.agenthub.testkit.presence.PresenceIndexContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Redis presence index, with two indexes on separate connections standing for two hub instances. */
@ExtendWith(TestInfrastructure.class)
class RedisPresenceIndexContractTest extends PresenceIndexContract {

    private final RedisBackend firstBackend;
    private final RedisBackend secondBackend;
    private final RedisPresenceIndex first;
    private final RedisPresenceIndex second;

    RedisPresenceIndexContractTest(SharedRedis redis) {
        String prefix = redis.newKeyPrefix();
        firstBackend = RedisBackend.connect(redis.url(), prefix);
        secondBackend = RedisBackend.connect(redis.url(), prefix);
        first = new RedisPresenceIndex(firstBackend);
        second = new RedisPresenceIndex(secondBackend);
    }

    @Override
    protected PresenceIndex index() {
        return first;
    }

    @Override
    protected PresenceIndex otherInstance() {
        return second;
    }

    @AfterEach
    void close() {
        firstBackend.close();
        secondBackend.close();
    }
}
