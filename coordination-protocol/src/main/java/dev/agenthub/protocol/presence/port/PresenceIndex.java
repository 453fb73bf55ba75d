package dev.agenthub.protocol.presence.port;

import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.presence.PresenceKind;
import dev.agenthub.protocol.presence.PresenceRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Port: the presence TTL cache (wire spec §10). A record written at {@code now} with a TTL is visible to
 * every reader (of every hub instance sharing the backend) while the reader's {@code now} is before
 * {@code now + ttl}, and invisible from then on. Records of the two {@link PresenceKind kinds} are
 * independent. Implementations are thread-safe; callers supply {@code now} from their clock.
 *
 * <p>Presence is a cache: an implementation may lose records (they come back on the next write), but it
 * never returns a record after its expiry, nor one of another project from a project listing.
 *
 * <p>Verified by {@code PresenceIndexContract} in the test kit.
 */
public interface PresenceIndex {

    /**
     * Writes (replaces) the record of {@code record.id()} in {@code kind}, live until {@code now + ttl}.
     * The alias index then maps (project, alias) to this id; an earlier alias of the same id stops
     * mapping to it.
     *
     * @param ttl positive
     */
    void put(PresenceKind kind, PresenceRecord record, Duration ttl, Instant now);

    /** The live record of {@code id}, or empty. */
    Optional<PresenceRecord> find(PresenceKind kind, UUID id, Instant now);

    /** The live records among {@code ids}, by id; ids without a live record are absent from the map. */
    Map<UUID, PresenceRecord> findAll(PresenceKind kind, Collection<UUID> ids, Instant now);

    /** Every live record of the project, in no particular order. */
    List<PresenceRecord> listProject(PresenceKind kind, ProjectId project, Instant now);

    /** The id whose live record has {@code alias} in the project, or empty. */
    Optional<UUID> findByAlias(PresenceKind kind, ProjectId project, String alias, Instant now);

    /** Removes the record of {@code id} (and its index entries); nothing happens when there is none. */
    void clear(PresenceKind kind, UUID id);
}
