package dev.agenthub.persistence.redis;

import dev.agenthub.protocol.chat.port.WaitingPresence;
import dev.agenthub.protocol.kernel.id.AgentId;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The distributed {@link WaitingPresence}: memberships in Redis, shared by every hub instance on the same
 * Redis and key prefix. A session is the sorted set {@code chat:waiting:<session>} (through
 * {@link RedisBackend#key}) whose members are {@code <agent>:<connection>}, scored with the epoch
 * milliseconds of their last mark's {@code now}.
 *
 * <p>Visibility follows the caller's clock: a read at {@code now} reports the members scored above
 * {@code now - LIVENESS} in whole milliseconds (an exclusive bound), so a member marked at {@code t} is
 * reported for {@code now} from {@code t} until {@code t + LIVENESS}, and not from then on. Scores are whole
 * milliseconds (the mark's {@code now} rounded down), so when the callers' instants carry sub-millisecond parts
 * a member can stop being reported up to a millisecond before {@code t + LIVENESS}, never after it.
 *
 * <p>Redis only cleans up: a mark sets the session's key to expire {@code LIVENESS} after it in Redis's own
 * time ({@code PEXPIRE}), and marks and reads remove the members expired at their {@code now}
 * ({@code ZREMRANGEBYSCORE}); Redis deletes a set whose last member is removed. Clock skew between the hub and
 * Redis larger than {@code LIVENESS} can therefore drop a session early, which the port allows (it is a cache).
 *
 * <p>A mark is one Lua script (the member's score and the key's expiry change together, so the key always has
 * one), a stop is one {@code ZREM}, and a read of one or several sessions is one script, one round trip. The
 * read script touches every session's key, so it needs a single Redis server (not Redis Cluster).
 *
 * <p>Any Redis failure propagates as Lettuce's runtime exception.
 */
public final class RedisWaitingPresence implements WaitingPresence {

    private static final long LIVENESS_MILLIS = LIVENESS.toMillis();

    /** KEYS: session set. ARGV: score, member, removal bound (scores at or below it are expired), key TTL in ms. */
    private static final RedisScript MARK = new RedisScript("""
            redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            return 1
            """);

    /**
     * KEYS: session sets. ARGV: removal bound (scores at or below it are expired). Removes the expired members
     * of each set and returns each set's remaining members, in the order of KEYS.
     */
    private static final RedisScript LIVE_MEMBERS = new RedisScript("""
            local sessions = {}
            for i, key in ipairs(KEYS) do
              redis.call('ZREMRANGEBYSCORE', key, '-inf', ARGV[1])
              sessions[i] = redis.call('ZRANGEBYSCORE', key, '(' .. ARGV[1], '+inf')
            end
            return sessions
            """);

    private final RedisBackend backend;
    private final String sessionPrefix;

    public RedisWaitingPresence(RedisBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.sessionPrefix = backend.key("chat:waiting:");
    }

    @Override
    public void markWaiting(UUID session, AgentId agent, UUID connection, Instant now) {
        String key = sessionKey(session);
        String member = member(agent, connection);
        Objects.requireNonNull(now, "now");
        MARK.run(commands(), ScriptOutputType.INTEGER, new String[] {key},
                Long.toString(now.toEpochMilli()), member, removalBound(now), Long.toString(LIVENESS_MILLIS));
    }

    @Override
    public void stopWaiting(UUID session, AgentId agent, UUID connection) {
        commands().zrem(sessionKey(session), member(agent, connection));
    }

    @Override
    public Set<AgentId> waiting(UUID session, Instant now) {
        String key = sessionKey(session);
        Objects.requireNonNull(now, "now");
        List<Object> members = LIVE_MEMBERS.run(commands(), ScriptOutputType.MULTI, new String[] {key}, removalBound(now));
        return agents(members.getFirst());
    }

    @Override
    public Map<UUID, Set<AgentId>> waitingAll(Collection<UUID> sessions, Instant now) {
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(now, "now");
        List<UUID> distinct = List.copyOf(new LinkedHashSet<>(sessions));
        if (distinct.isEmpty()) {
            return Map.of();
        }
        String[] keys = distinct.stream().map(this::sessionKey).toArray(String[]::new);
        List<Object> members = LIVE_MEMBERS.run(commands(), ScriptOutputType.MULTI, keys, removalBound(now));
        Map<UUID, Set<AgentId>> waiting = new HashMap<>();
        for (int i = 0; i < distinct.size(); i++) {
            waiting.put(distinct.get(i), agents(members.get(i)));
        }
        return waiting;
    }

    private RedisCommands<String, String> commands() {
        return backend.commands().sync();
    }

    private String sessionKey(UUID session) {
        return sessionPrefix + Objects.requireNonNull(session, "session");
    }

    private static String member(AgentId agent, UUID connection) {
        return Objects.requireNonNull(agent, "agent").value() + ":" + Objects.requireNonNull(connection, "connection");
    }

    /** The highest score that is expired at {@code now}: members scored above it are live. */
    private static String removalBound(Instant now) {
        return Long.toString(Math.subtractExact(now.toEpochMilli(), LIVENESS_MILLIS));
    }

    /** The distinct agents of the members a script returned for one session. */
    private static Set<AgentId> agents(Object scriptReply) {
        Set<AgentId> agents = new HashSet<>();
        for (Object member : (List<?>) scriptReply) {
            String text = (String) member;
            agents.add(new AgentId(UUID.fromString(text.substring(0, text.indexOf(':')))));
        }
        return Set.copyOf(agents);
    }
}
