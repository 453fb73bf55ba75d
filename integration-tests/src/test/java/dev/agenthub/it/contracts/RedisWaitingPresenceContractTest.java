package dev.agenthub.it.contracts;

import dev.agenthub.persistence.redis.RedisWaitingPresence;
import dev.agenthub.persistence.testing.SharedRedis;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.protocol.chat.port.WaitingPresence;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.testkit.chat.WaitingPresenceContract;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.agenthub.protocol.chat.port.WaitingPresence.LIVENESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Redis waiting presence, with two instances on separate connections standing for two hub instances. */
@ExtendWith(TestInfrastructure.class)
class RedisWaitingPresenceContractTest extends WaitingPresenceContract {

    private final RedisInstances instances;
    private final RedisWaitingPresence first;
    private final RedisWaitingPresence second;

    RedisWaitingPresenceContractTest(SharedRedis redis) {
        instances = new RedisInstances(redis);
        first = new RedisWaitingPresence(instances.first);
        second = new RedisWaitingPresence(instances.second);
    }

    @Override
    protected WaitingPresence presence() {
        return first;
    }

    @Override
    protected WaitingPresence otherInstance() {
        return second;
    }

    private String sessionKey(UUID session) {
        return instances.first.key("chat:waiting:" + session);
    }

    private RedisCommands<String, String> redisCommands() {
        return instances.first.commands().sync();
    }

    @Test
    void aMarkedSessionsKeyExpiresWithinLivenessInRedisTime() {
        UUID session = session();
        AgentId agent = agent();
        UUID connection = connection();
        first.markWaiting(session, agent, connection, T0);

        long ttl = redisCommands().pttl(sessionKey(session));
        assertThat(ttl).isPositive().isLessThanOrEqualTo(LIVENESS.toMillis());

        // a refresh re-arms the expiry: the key never loses its TTL
        first.markWaiting(session, agent, connection, T0.plus(WaitingPresence.REFRESH));
        assertThat(redisCommands().pttl(sessionKey(session))).isPositive().isLessThanOrEqualTo(LIVENESS.toMillis());
    }

    @Test
    void aSessionWithoutMembersLeavesNoKeyBehind() {
        UUID stopped = session();
        UUID expired = session();
        AgentId agent = agent();
        UUID connection = connection();
        first.markWaiting(stopped, agent, connection, T0);
        first.markWaiting(expired, agent, connection(), T0);
        assertThat(redisCommands().exists(sessionKey(stopped), sessionKey(expired))).isEqualTo(2);

        first.stopWaiting(stopped, agent, connection);
        assertThat(redisCommands().exists(sessionKey(stopped))).isZero();
        // the read at the end of the member's liveness removes it, and Redis the emptied set
        assertThat(first.waiting(expired, T0.plus(LIVENESS))).isEmpty();
        assertThat(redisCommands().exists(sessionKey(expired))).isZero();
    }

    @Test
    void marksAndReadsWorkAfterTheServerForgotTheScripts() {
        UUID session = session();
        AgentId agent = agent();
        first.markWaiting(session, agent, connection(), T0);
        redisCommands().scriptFlush();
        assertThat(first.waiting(session, T0)).containsExactly(agent);
        redisCommands().scriptFlush();
        AgentId later = agent();
        first.markWaiting(session, later, connection(), T0);
        assertThat(first.waitingAll(List.of(session), T0)).isEqualTo(Map.of(session, Set.of(agent, later)));
    }

    @Test
    void operationsThatCannotReachRedisThrow() {
        instances.withOwnClient(lost -> {
            RedisWaitingPresence presence = new RedisWaitingPresence(lost);
            UUID session = session();
            AgentId agent = agent();
            UUID connection = connection();
            presence.markWaiting(session, agent, connection, T0);
            assertThat(presence.waiting(session, T0)).containsExactly(agent);
            lost.close();
            assertThatThrownBy(() -> presence.markWaiting(session, agent, connection, T0)).isInstanceOf(RedisException.class);
            assertThatThrownBy(() -> presence.waiting(session, T0)).isInstanceOf(RedisException.class);
            assertThatThrownBy(() -> presence.waitingAll(List.of(session), T0)).isInstanceOf(RedisException.class);
            assertThatThrownBy(() -> presence.stopWaiting(session, agent, connection)).isInstanceOf(RedisException.class);
        });
    }

    @AfterEach
    void close() {
        instances.close();
    }
}
