package dev.agenthub.it.contracts;

import dev.agenthub.persistence.redis.RedisPresenceIndex;
import dev.agenthub.persistence.testing.SharedRedis;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.protocol.presence.port.PresenceIndex;
import dev.agenthub.testkit.presence.PresenceIndexContract;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.presence.PresenceRecord;
import io.lettuce.core.RedisException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.UUID;

import static dev.agenthub.protocol.presence.PresenceKind.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Redis presence index, with two indexes on separate connections standing for two hub instances. */
@ExtendWith(TestInfrastructure.class)
class RedisPresenceIndexContractTest extends PresenceIndexContract {

    private final RedisInstances instances;
    private final RedisPresenceIndex first;
    private final RedisPresenceIndex second;

    RedisPresenceIndexContractTest(SharedRedis redis) {
        instances = new RedisInstances(redis);
        first = new RedisPresenceIndex(instances.first);
        second = new RedisPresenceIndex(instances.second);
    }

    @Override
    protected PresenceIndex index() {
        return first;
    }

    @Override
    protected PresenceIndex otherInstance() {
        return second;
    }

    @Test
    void writesAndReadsWorkAfterTheServerForgotTheScripts() {
        PresenceRecord record = new PresenceRecord(UUID.randomUUID(), new ProjectId(UUID.randomUUID()), "flushed",
                "active", T0, null);
        first.put(WORKSPACE, record, TTL, T0);
        instances.first.commands().sync().scriptFlush();
        assertThat(first.listProject(WORKSPACE, record.project(), T0)).containsExactly(record);
        assertThat(first.findByAlias(WORKSPACE, record.project(), "flushed", T0)).contains(record.id());
        assertThat(first.findAll(WORKSPACE, List.of(record.id()), T0)).containsKey(record.id());
        first.clear(WORKSPACE, record.id());
        assertThat(first.find(WORKSPACE, record.id(), T0)).isEmpty();
    }

    @Test
    void operationsThatCannotReachRedisThrow() {
        instances.withOwnClient(lost -> {
            RedisPresenceIndex index = new RedisPresenceIndex(lost);
            PresenceRecord record = new PresenceRecord(UUID.randomUUID(), new ProjectId(UUID.randomUUID()), "gone",
                    "active", T0, null);
            index.put(WORKSPACE, record, TTL, T0);
            assertThat(index.find(WORKSPACE, record.id(), T0)).contains(record);
            lost.close();
            assertThatThrownBy(() -> index.put(WORKSPACE, record, TTL, T0)).isInstanceOf(RedisException.class);
            assertThatThrownBy(() -> index.find(WORKSPACE, record.id(), T0)).isInstanceOf(RedisException.class);
            assertThatThrownBy(() -> index.findAll(WORKSPACE, List.of(record.id()), T0)).isInstanceOf(RedisException.class);
            assertThatThrownBy(() -> index.listProject(WORKSPACE, record.project(), T0)).isInstanceOf(RedisException.class);
            assertThatThrownBy(() -> index.findByAlias(WORKSPACE, record.project(), "gone", T0)).isInstanceOf(RedisException.class);
            assertThatThrownBy(() -> index.clear(WORKSPACE, record.id())).isInstanceOf(RedisException.class);
        });
    }

    @AfterEach
    void close() {
        instances.close();
    }
}
