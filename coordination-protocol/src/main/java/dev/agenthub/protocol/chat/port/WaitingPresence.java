package dev.agenthub.protocol.chat.port;

import dev.agenthub.protocol.kernel.id.AgentId;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Port: who is waiting on a chat session right now (wire spec §9.2, "waiting presence"). An agent is waiting
 * while one of its connections to the session's stream is open; each open connection is a member scored with
 * the time of its last {@link #markWaiting} and counts as live while the reader's {@code now} is less than
 * {@link #LIVENESS} after that score. Streams refresh their membership every {@link #REFRESH}.
 *
 * <p>Contract (verified by {@code WaitingPresenceContract} in the test kit):
 * <ul>
 *   <li>Visibility follows the caller's clock, never the backend's: a member marked at {@code t} is reported
 *       by {@link #waiting} for every {@code now} in {@code [t, t + LIVENESS)} and not from {@code t + LIVENESS}
 *       on. An implementation may keep scores at millisecond precision (then the window ends up to 1 ms early,
 *       never late). Every hub instance sharing the backend sees the same members.</li>
 *   <li>An agent is reported once however many of its connections are live; {@link #stopWaiting} of one
 *       connection leaves the agent waiting while another of its connections is live.</li>
 *   <li>Sessions are independent. Backend storage for a session may be dropped {@link #LIVENESS} after its
 *       last write (it is a cache; losing it only makes agents look not waiting).</li>
 *   <li>Methods are thread-safe and may throw {@link RuntimeException} when the backend is unreachable; callers
 *       treat that as "nobody is waiting".</li>
 * </ul>
 */
public interface WaitingPresence {

    /** How long a membership stays live after its last refresh. */
    Duration LIVENESS = Duration.ofSeconds(90);
    /** How often an open stream refreshes its membership. */
    Duration REFRESH = Duration.ofSeconds(30);

    /** Adds the connection as a member of the session's waiting set, or refreshes its score, at {@code now}. */
    void markWaiting(UUID session, AgentId agent, UUID connection, Instant now);

    /** Removes the connection from the session's waiting set; nothing happens when it is not a member. */
    void stopWaiting(UUID session, AgentId agent, UUID connection);

    /** The agents with at least one live connection on the session at {@code now}. */
    Set<AgentId> waiting(UUID session, Instant now);

    /**
     * {@link #waiting} for several sessions in one round trip; every requested session is a key of the
     * result (an empty set when nobody waits).
     */
    Map<UUID, Set<AgentId>> waitingAll(Collection<UUID> sessions, Instant now);
}
