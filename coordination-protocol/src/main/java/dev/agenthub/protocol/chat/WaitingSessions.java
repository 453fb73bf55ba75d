package dev.agenthub.protocol.chat;

import dev.agenthub.protocol.chat.port.WaitingPresence;
import dev.agenthub.protocol.kernel.id.AgentId;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The waiting presence as the use cases read and write it: on the hub's clock, and tolerant of an outage
 * (§10: losing presence only makes agents look not waiting, it never fails a request).
 */
public final class WaitingSessions {

    private static final System.Logger log = System.getLogger(WaitingSessions.class.getName());

    private final WaitingPresence presence;
    private final Clock clock;

    public WaitingSessions(WaitingPresence presence, Clock clock) {
        this.presence = Objects.requireNonNull(presence, "presence");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The agents connected to the session's stream now; nobody when the presence cannot be read. */
    public Set<AgentId> waitingOn(UUID session) {
        try {
            return presence.waiting(session, clock.instant());
        } catch (RuntimeException unavailable) {
            warn(unavailable);
            return Set.of();
        }
    }

    /** {@link #waitingOn} for several sessions in one round trip; every session is a key of the result. */
    public Map<UUID, Set<AgentId>> waitingOnAll(Collection<UUID> sessions) {
        if (sessions.isEmpty()) {
            return Map.of();
        }
        try {
            return presence.waitingAll(sessions, clock.instant());
        } catch (RuntimeException unavailable) {
            warn(unavailable);
            Map<UUID, Set<AgentId>> nobody = new LinkedHashMap<>();
            sessions.forEach(session -> nobody.put(session, Set.of()));
            return nobody;
        }
    }

    /** Marks (or refreshes) one stream connection as waiting on the session; an outage is logged only. */
    public void join(UUID session, AgentId agent, UUID connection) {
        try {
            presence.markWaiting(session, agent, connection, clock.instant());
        } catch (RuntimeException unavailable) {
            warn(unavailable);
        }
    }

    /** Removes one stream connection from the session's waiting set; an outage is logged only. */
    public void leave(UUID session, AgentId agent, UUID connection) {
        try {
            presence.stopWaiting(session, agent, connection);
        } catch (RuntimeException unavailable) {
            warn(unavailable);
        }
    }

    private static void warn(RuntimeException unavailable) {
        log.log(System.Logger.Level.WARNING, "chat waiting presence unavailable: " + unavailable);
    }
}
