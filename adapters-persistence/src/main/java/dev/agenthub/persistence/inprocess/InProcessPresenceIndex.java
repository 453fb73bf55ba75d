package dev.agenthub.persistence.inprocess;

import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.presence.PresenceKind;
import dev.agenthub.protocol.presence.PresenceRecord;
import dev.agenthub.protocol.presence.port.PresenceIndex;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The single-instance {@link PresenceIndex}: records live in this JVM only, so each instance is a backend
 * of its own (two hubs in one JVM do not see each other's presence). The default when no Redis URL is
 * configured.
 *
 * <p>Visibility is decided by comparing each record's exact expiry ({@code now + ttl} of its write) with
 * the reader's {@code now}. Expired records are not removed by a timer: a write sweeps them out (those
 * expired at its {@code now}) once the writes since the last sweep reach the number of records that sweep
 * left, or {@value #MIN_WRITES_BETWEEN_SWEEPS}, whichever is more. So a write costs amortised constant time,
 * and the records held stay within about twice those the last sweep left, plus that minimum.
 *
 * <p>Each write, clear and sweep of an id is atomic for that id: the record, its project membership and
 * its alias mapping change together.
 */
public final class InProcessPresenceIndex implements PresenceIndex {

    static final int MIN_WRITES_BETWEEN_SWEEPS = 64;

    private final Map<PresenceKind, Namespace> namespaces = new EnumMap<>(PresenceKind.class);
    private final SweepSchedule sweeps = new SweepSchedule(MIN_WRITES_BETWEEN_SWEEPS);

    public InProcessPresenceIndex() {
        for (PresenceKind kind : PresenceKind.values()) {
            namespaces.put(kind, new Namespace());
        }
    }

    @Override
    public void put(PresenceKind kind, PresenceRecord record, Duration ttl, Instant now) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(now, "now");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        namespace(kind).put(new Entry(record, now.plus(ttl)));
        sweepWhenDue(now);
    }

    @Override
    public Optional<PresenceRecord> find(PresenceKind kind, UUID id, Instant now) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(now, "now");
        return Optional.ofNullable(namespace(kind).records.get(id))
                .filter(entry -> entry.liveAt(now))
                .map(Entry::record);
    }

    @Override
    public Map<UUID, PresenceRecord> findAll(PresenceKind kind, Collection<UUID> ids, Instant now) {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(now, "now");
        Namespace namespace = namespace(kind);
        Map<UUID, PresenceRecord> live = new HashMap<>();
        for (UUID id : ids) {
            Entry entry = namespace.records.get(Objects.requireNonNull(id, "id"));
            if (entry != null && entry.liveAt(now)) {
                live.put(id, entry.record());
            }
        }
        return live;
    }

    @Override
    public List<PresenceRecord> listProject(PresenceKind kind, ProjectId project, Instant now) {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(now, "now");
        Namespace namespace = namespace(kind);
        Set<UUID> members = namespace.members.get(project);
        if (members == null) {
            return List.of();
        }
        List<PresenceRecord> live = new ArrayList<>();
        for (UUID id : members) {
            Entry entry = namespace.records.get(id);
            // the membership may lag a concurrent move to another project: the record decides
            if (entry != null && entry.liveAt(now) && entry.record().project().equals(project)) {
                live.add(entry.record());
            }
        }
        return live;
    }

    @Override
    public Optional<UUID> findByAlias(PresenceKind kind, ProjectId project, String alias, Instant now) {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(now, "now");
        Namespace namespace = namespace(kind);
        UUID id = namespace.aliases.get(new AliasKey(project, alias));
        if (id == null) {
            return Optional.empty();
        }
        Entry entry = namespace.records.get(id);
        boolean matches = entry != null && entry.liveAt(now)
                && entry.record().project().equals(project) && entry.record().alias().equals(alias);
        return matches ? Optional.of(id) : Optional.empty();
    }

    @Override
    public void clear(PresenceKind kind, UUID id) {
        Objects.requireNonNull(id, "id");
        namespace(kind).remove(id, entry -> true);
    }

    /** Records held, live or not yet swept (for tests of the memory bound). */
    long heldRecords() {
        return namespaces.values().stream().mapToLong(namespace -> namespace.records.size()).sum();
    }

    private Namespace namespace(PresenceKind kind) {
        return namespaces.get(Objects.requireNonNull(kind, "kind"));
    }

    private void sweepWhenDue(Instant now) {
        sweeps.afterWrite(() -> {
            for (Namespace namespace : namespaces.values()) {
                for (UUID id : namespace.records.keySet()) {
                    namespace.remove(id, entry -> !entry.liveAt(now));
                }
            }
        }, this::heldRecords);
    }

    /** A record and the instant it stops being visible. */
    private record Entry(PresenceRecord record, Instant expiresAt) {
        boolean liveAt(Instant now) {
            return now.isBefore(expiresAt);
        }

        AliasKey aliasKey() {
            return new AliasKey(record.project(), record.alias());
        }
    }

    private record AliasKey(ProjectId project, String alias) {
    }

    /**
     * The records of one kind with their two indexes. Every change to an id runs inside
     * {@code records.compute} for that id, which serialises it with the id's other changes; the indexes are
     * only ever locked from inside such a call (never the other way round), so there is no lock cycle.
     */
    private static final class Namespace {
        final ConcurrentHashMap<UUID, Entry> records = new ConcurrentHashMap<>();
        final ConcurrentHashMap<AliasKey, UUID> aliases = new ConcurrentHashMap<>();
        final ConcurrentHashMap<ProjectId, Set<UUID>> members = new ConcurrentHashMap<>();

        void put(Entry entry) {
            UUID id = entry.record().id();
            records.compute(id, (key, previous) -> {
                if (previous != null) {
                    if (!previous.aliasKey().equals(entry.aliasKey())) {
                        aliases.remove(previous.aliasKey(), id);
                    }
                    if (!previous.record().project().equals(entry.record().project())) {
                        leaveProject(previous.record().project(), id);
                    }
                }
                aliases.put(entry.aliasKey(), id);
                members.compute(entry.record().project(), (project, ids) -> {
                    Set<UUID> joined = ids == null ? ConcurrentHashMap.newKeySet() : ids;
                    joined.add(id);
                    return joined;
                });
                return entry;
            });
        }

        /** Removes the record of {@code id} and its index entries if {@code condition} holds for it. */
        void remove(UUID id, Predicate<Entry> condition) {
            records.computeIfPresent(id, (key, entry) -> {
                if (!condition.test(entry)) {
                    return entry;
                }
                aliases.remove(entry.aliasKey(), id);
                leaveProject(entry.record().project(), id);
                return null;
            });
        }

        private void leaveProject(ProjectId project, UUID id) {
            members.computeIfPresent(project, (key, ids) -> {
                ids.remove(id);
                return ids.isEmpty() ? null : ids;
            });
        }
    }
}
