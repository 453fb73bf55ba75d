package dev.agenthub.persistence.inprocess;

import dev.agenthub.protocol.chat.port.WaitingPresence;
import dev.agenthub.protocol.kernel.id.AgentId;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The single-instance {@link WaitingPresence}: memberships live in this JVM only, so each instance is a
 * backend of its own. The default when no Redis URL is configured.
 *
 * <p>A session holds its members (agent and connection) with the instant of their last mark; a member is live
 * while the reader's {@code now} is before that instant plus {@link #LIVENESS}, compared exactly. Every
 * operation on a session runs inside one {@link ConcurrentHashMap#compute} on it, which serialises it with
 * the session's other operations, so the plain map of members inside is only ever touched by one thread at a
 * time.
 *
 * <p>Expired members are not removed by a timer: every mark and read of a session drops the session's members
 * expired at its {@code now}, and a session left without members (also by a stop) is dropped. Sessions nobody touches
 * again are swept out by marks: once the marks since the last sweep reach the number of sessions that sweep
 * left, or {@value #MIN_MARKS_BETWEEN_SWEEPS}, whichever is more, a mark drops every member expired at its
 * {@code now}. So the sessions held stay within about twice those the last sweep left, plus that minimum, and
 * the members held are at most those live at the last sweep plus those marked since.
 */
public final class InProcessWaitingPresence implements WaitingPresence {

    static final int MIN_MARKS_BETWEEN_SWEEPS = 64;

    private final ConcurrentHashMap<UUID, Map<Member, Instant>> sessions = new ConcurrentHashMap<>();
    private final SweepSchedule sweeps = new SweepSchedule(MIN_MARKS_BETWEEN_SWEEPS);

    @Override
    public void markWaiting(UUID session, AgentId agent, UUID connection, Instant now) {
        Objects.requireNonNull(session, "session");
        Member member = new Member(Objects.requireNonNull(agent, "agent"), Objects.requireNonNull(connection, "connection"));
        Objects.requireNonNull(now, "now");
        sessions.compute(session, (id, members) -> {
            Map<Member, Instant> marked = members == null ? new HashMap<>() : members;
            dropExpired(marked, now);
            marked.put(member, now);
            return marked;
        });
        sweepWhenDue(now);
    }

    @Override
    public void stopWaiting(UUID session, AgentId agent, UUID connection) {
        Objects.requireNonNull(session, "session");
        Member member = new Member(Objects.requireNonNull(agent, "agent"), Objects.requireNonNull(connection, "connection"));
        sessions.computeIfPresent(session, (id, members) -> {
            members.remove(member);
            return members.isEmpty() ? null : members;
        });
    }

    @Override
    public Set<AgentId> waiting(UUID session, Instant now) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(now, "now");
        Set<AgentId> agents = new HashSet<>();
        sessions.computeIfPresent(session, (id, members) -> {
            dropExpired(members, now);
            members.keySet().forEach(member -> agents.add(member.agent()));
            return members.isEmpty() ? null : members;
        });
        return Set.copyOf(agents);
    }

    @Override
    public Map<UUID, Set<AgentId>> waitingAll(Collection<UUID> sessions, Instant now) {
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(now, "now");
        Map<UUID, Set<AgentId>> waiting = new HashMap<>();
        for (UUID session : sessions) {
            Objects.requireNonNull(session, "session");
            if (!waiting.containsKey(session)) {
                waiting.put(session, waiting(session, now));
            }
        }
        return waiting;
    }

    private void sweepWhenDue(Instant now) {
        sweeps.afterWrite(() -> {
            for (UUID session : sessions.keySet()) {
                sessions.computeIfPresent(session, (id, members) -> {
                    dropExpired(members, now);
                    return members.isEmpty() ? null : members;
                });
            }
        }, sessions::size);
    }

    /** Removes the members that are no longer live at {@code now}; only call inside a compute of their session. */
    private static void dropExpired(Map<Member, Instant> members, Instant now) {
        members.values().removeIf(markedAt -> !now.isBefore(markedAt.plus(LIVENESS)));
    }

    /** One open connection of an agent to a session's stream. */
    private record Member(AgentId agent, UUID connection) {
    }
}
