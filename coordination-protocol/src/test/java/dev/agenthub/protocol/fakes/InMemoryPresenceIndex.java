package dev.agenthub.protocol.fakes;

import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.presence.PresenceKind;
import dev.agenthub.protocol.presence.PresenceRecord;
import dev.agenthub.protocol.presence.port.PresenceIndex;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link PresenceIndex} over maps, expiring by the reader's {@code now}; records every put and clear. */
public final class InMemoryPresenceIndex implements PresenceIndex {

    /** One {@link #put} call. */
    public record Put(PresenceKind kind, PresenceRecord record, Duration ttl, Instant now) {
    }

    /** One {@link #clear} call. */
    public record Clear(PresenceKind kind, UUID id) {
    }

    private record Entry(PresenceRecord record, Instant expiresAt) {
        boolean liveAt(Instant now) {
            return now.isBefore(expiresAt);
        }
    }

    private final Map<PresenceKind, Map<UUID, Entry>> entries = new EnumMap<>(PresenceKind.class);
    private final List<Put> puts = new ArrayList<>();
    private final List<Clear> clears = new ArrayList<>();

    public InMemoryPresenceIndex() {
        for (PresenceKind kind : PresenceKind.values()) {
            entries.put(kind, new LinkedHashMap<>());
        }
    }

    public List<Put> puts() {
        return List.copyOf(puts);
    }

    public List<Clear> clears() {
        return List.copyOf(clears);
    }

    @Override
    public void put(PresenceKind kind, PresenceRecord record, Duration ttl, Instant now) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        puts.add(new Put(kind, record, ttl, now));
        entries.get(kind).put(record.id(), new Entry(record, now.plus(ttl)));
    }

    @Override
    public Optional<PresenceRecord> find(PresenceKind kind, UUID id, Instant now) {
        return Optional.ofNullable(entries.get(kind).get(id)).filter(entry -> entry.liveAt(now)).map(Entry::record);
    }

    @Override
    public Map<UUID, PresenceRecord> findAll(PresenceKind kind, Collection<UUID> ids, Instant now) {
        Map<UUID, PresenceRecord> live = new LinkedHashMap<>();
        for (UUID id : ids) {
            find(kind, id, now).ifPresent(record -> live.put(id, record));
        }
        return live;
    }

    @Override
    public List<PresenceRecord> listProject(PresenceKind kind, ProjectId project, Instant now) {
        return entries.get(kind).values().stream()
                .filter(entry -> entry.liveAt(now) && entry.record().project().equals(project))
                .map(Entry::record)
                .toList();
    }

    @Override
    public Optional<UUID> findByAlias(PresenceKind kind, ProjectId project, String alias, Instant now) {
        return listProject(kind, project, now).stream()
                .filter(record -> record.alias().equals(alias))
                .map(PresenceRecord::id)
                .findFirst();
    }

    @Override
    public void clear(PresenceKind kind, UUID id) {
        clears.add(new Clear(kind, id));
        entries.get(kind).remove(id);
    }
}
