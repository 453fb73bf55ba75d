package dev.agenthub.persistence.redis;

import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.presence.PresenceKind;
import dev.agenthub.protocol.presence.PresenceRecord;
import dev.agenthub.protocol.presence.port.PresenceIndex;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The distributed {@link PresenceIndex}: records in Redis, shared by every hub instance on the same Redis
 * and key prefix. Per kind ({@code workspace}, {@code agent}) there are three kinds of key, each through
 * {@link RedisBackend#key}:
 * <ul>
 *   <li>{@code presence:<kind>:record:<id>}: a hash of the record ({@code id}, {@code project},
 *       {@code alias}, {@code status}, {@code last_seen}, {@code expires_at}) and its attributes (field
 *       {@code attr:<position>:<name>}, so names never clash with the record's fields and the order
 *       survives);</li>
 *   <li>{@code presence:<kind>:project:<project>}: a sorted set of the project's ids, scored by their
 *       expiry in epoch milliseconds (rounded up);</li>
 *   <li>{@code presence:<kind>:alias:<project>:<alias>}: the id the alias maps to.</li>
 * </ul>
 *
 * <p>Visibility is decided by the stored {@code expires_at}, the writer's exact {@code now + ttl} (ISO-8601,
 * to the nanosecond), compared with the reader's {@code now}; the caller's clock alone decides, so
 * instances agree as far as their clocks do. Redis only cleans up: the record hash and the alias key
 * expire {@code ttl} after the write in Redis's own time ({@code PEXPIRE}), a project set lives at least
 * twice the longest TTL written to it, and its expired members are removed by score on every write and
 * listing ({@code ZREMRANGEBYSCORE}). Clock skew between the hub and Redis larger than a TTL can therefore
 * drop a record early, which the port allows (presence is a cache).
 *
 * <p>Writes and clears are Lua scripts, atomic across instances: the record, its project membership and
 * its alias mapping change together, and the earlier alias of a re-written id stops mapping to it (only
 * if it still maps to that id). Every read is one round trip: {@code findAll} and {@code listProject}
 * fetch all their records inside one script. The scripts derive the keys of a record's earlier project
 * and alias from the record itself, so they need a single Redis server (not Redis Cluster).
 *
 * <p>Any Redis failure propagates as Lettuce's runtime exception.
 */
public final class RedisPresenceIndex implements PresenceIndex {

    private static final String ATTRIBUTE_PREFIX = "attr:";

    /**
     * KEYS: record hash, project set, alias key. ARGV: id, project-key prefix, alias-key prefix, ttl in ms,
     * expiry score, removal bound (scores at or below it are expired), project-set TTL in ms, then the
     * hash's field/value pairs.
     */
    private static final RedisScript PUT = new RedisScript("""
            local previous = redis.call('HMGET', KEYS[1], 'project', 'alias')
            if previous[1] and previous[2] then
              local previousAliasKey = ARGV[3] .. previous[1] .. ':' .. previous[2]
              if previousAliasKey ~= KEYS[3] and redis.call('GET', previousAliasKey) == ARGV[1] then
                redis.call('DEL', previousAliasKey)
              end
              local previousProjectKey = ARGV[2] .. previous[1]
              if previousProjectKey ~= KEYS[2] then
                redis.call('ZREM', previousProjectKey, ARGV[1])
              end
            end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], unpack(ARGV, 8))
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[6])
            if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[7]) then
              redis.call('PEXPIRE', KEYS[2], ARGV[7])
            end
            redis.call('SET', KEYS[3], ARGV[1], 'PX', ARGV[4])
            return 1
            """);

    /** KEYS: record hash. ARGV: id, project-key prefix, alias-key prefix. */
    private static final RedisScript CLEAR = new RedisScript("""
            local previous = redis.call('HMGET', KEYS[1], 'project', 'alias')
            if previous[1] and previous[2] then
              redis.call('ZREM', ARGV[2] .. previous[1], ARGV[1])
              local aliasKey = ARGV[3] .. previous[1] .. ':' .. previous[2]
              if redis.call('GET', aliasKey) == ARGV[1] then
                redis.call('DEL', aliasKey)
              end
            end
            redis.call('DEL', KEYS[1])
            return 1
            """);

    /** KEYS: record hashes. Returns each one's fields and values (empty when absent). */
    private static final RedisScript FETCH_RECORDS = new RedisScript("""
            local records = {}
            for i, key in ipairs(KEYS) do
              records[i] = redis.call('HGETALL', key)
            end
            return records
            """);

    /**
     * KEYS: project set. ARGV: removal bound, record-key prefix. Removes expired and dangling members and
     * returns the remaining members' record hashes.
     */
    private static final RedisScript LIST_PROJECT = new RedisScript("""
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
            local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. ARGV[1], '+inf')
            local records = {}
            for _, id in ipairs(ids) do
              local record = redis.call('HGETALL', ARGV[2] .. id)
              if #record == 0 then
                redis.call('ZREM', KEYS[1], id)
              else
                records[#records + 1] = record
              end
            end
            return records
            """);

    /** KEYS: alias key. ARGV: record-key prefix. Returns the hash of the record the alias maps to, or empty. */
    private static final RedisScript RESOLVE_ALIAS = new RedisScript("""
            local id = redis.call('GET', KEYS[1])
            if not id then
              return {}
            end
            return redis.call('HGETALL', ARGV[1] .. id)
            """);

    private final RedisBackend backend;
    private final Map<PresenceKind, KeySpace> keySpaces = new EnumMap<>(PresenceKind.class);

    public RedisPresenceIndex(RedisBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
        for (PresenceKind kind : PresenceKind.values()) {
            String base = "presence:" + kind.name().toLowerCase(Locale.ROOT) + ":";
            keySpaces.put(kind, new KeySpace(backend.key(base + "record:"), backend.key(base + "project:"),
                    backend.key(base + "alias:")));
        }
    }

    @Override
    public void put(PresenceKind kind, PresenceRecord record, Duration ttl, Instant now) {
        KeySpace keys = keySpace(kind);
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(now, "now");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        Instant expiresAt = now.plus(ttl);
        long ttlMillis = ceilMillis(ttl);
        List<String> arguments = new ArrayList<>();
        arguments.add(record.id().toString());
        arguments.add(keys.projectPrefix());
        arguments.add(keys.aliasPrefix());
        arguments.add(Long.toString(ttlMillis));
        arguments.add(Long.toString(ceilEpochMillis(expiresAt)));
        arguments.add(Long.toString(now.toEpochMilli()));
        arguments.add(Long.toString(Math.multiplyExact(ttlMillis, 2)));
        hashFields(record, expiresAt).forEach((field, value) -> {
            arguments.add(field);
            arguments.add(value);
        });
        PUT.run(commands(), ScriptOutputType.INTEGER,
                new String[] {keys.record(record.id()), keys.project(record.project()), keys.alias(record.project(), record.alias())},
                arguments.toArray(String[]::new));
    }

    @Override
    public Optional<PresenceRecord> find(PresenceKind kind, UUID id, Instant now) {
        KeySpace keys = keySpace(kind);
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(now, "now");
        return liveRecord(commands().hgetall(keys.record(id)), now);
    }

    @Override
    public Map<UUID, PresenceRecord> findAll(PresenceKind kind, Collection<UUID> ids, Instant now) {
        KeySpace keys = keySpace(kind);
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(now, "now");
        String[] recordKeys = new LinkedHashSet<>(ids).stream()
                .map(id -> keys.record(Objects.requireNonNull(id, "id")))
                .toArray(String[]::new);
        if (recordKeys.length == 0) {
            return Map.of();
        }
        List<Object> hashes = FETCH_RECORDS.run(commands(), ScriptOutputType.MULTI, recordKeys);
        Map<UUID, PresenceRecord> live = new HashMap<>();
        for (Object hash : hashes) {
            liveRecord(fields(hash), now).ifPresent(record -> live.put(record.id(), record));
        }
        return live;
    }

    @Override
    public List<PresenceRecord> listProject(PresenceKind kind, ProjectId project, Instant now) {
        KeySpace keys = keySpace(kind);
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(now, "now");
        List<Object> hashes = LIST_PROJECT.run(commands(), ScriptOutputType.MULTI,
                new String[] {keys.project(project)}, Long.toString(now.toEpochMilli()), keys.recordPrefix());
        List<PresenceRecord> live = new ArrayList<>();
        for (Object hash : hashes) {
            liveRecord(fields(hash), now).filter(record -> record.project().equals(project)).ifPresent(live::add);
        }
        return live;
    }

    @Override
    public Optional<UUID> findByAlias(PresenceKind kind, ProjectId project, String alias, Instant now) {
        KeySpace keys = keySpace(kind);
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(now, "now");
        List<Object> hash = RESOLVE_ALIAS.run(commands(), ScriptOutputType.MULTI,
                new String[] {keys.alias(project, alias)}, keys.recordPrefix());
        return liveRecord(fields(hash), now)
                .filter(record -> record.project().equals(project) && record.alias().equals(alias))
                .map(PresenceRecord::id);
    }

    @Override
    public void clear(PresenceKind kind, UUID id) {
        KeySpace keys = keySpace(kind);
        Objects.requireNonNull(id, "id");
        CLEAR.run(commands(), ScriptOutputType.INTEGER, new String[] {keys.record(id)},
                id.toString(), keys.projectPrefix(), keys.aliasPrefix());
    }

    private RedisCommands<String, String> commands() {
        return backend.commands().sync();
    }

    private KeySpace keySpace(PresenceKind kind) {
        return keySpaces.get(Objects.requireNonNull(kind, "kind"));
    }

    private static SequencedMap<String, String> hashFields(PresenceRecord record, Instant expiresAt) {
        SequencedMap<String, String> fields = new LinkedHashMap<>();
        fields.put("id", record.id().toString());
        fields.put("project", record.project().value().toString());
        fields.put("alias", record.alias());
        fields.put("status", record.status());
        fields.put("last_seen", record.lastSeen().toString());
        fields.put("expires_at", expiresAt.toString());
        int position = 0;
        for (Map.Entry<String, String> attribute : record.attributes().entrySet()) {
            fields.put(ATTRIBUTE_PREFIX + position++ + ":" + attribute.getKey(), attribute.getValue());
        }
        return fields;
    }

    /** The record in {@code fields} if there is one and it is live at {@code now}. */
    private static Optional<PresenceRecord> liveRecord(Map<String, String> fields, Instant now) {
        if (fields.isEmpty() || !now.isBefore(Instant.parse(required(fields, "expires_at")))) {
            return Optional.empty();
        }
        TreeMap<Integer, Map.Entry<String, String>> attributesByPosition = new TreeMap<>();
        fields.forEach((field, value) -> {
            if (field.startsWith(ATTRIBUTE_PREFIX)) {
                int separator = field.indexOf(':', ATTRIBUTE_PREFIX.length());
                int position = Integer.parseInt(field.substring(ATTRIBUTE_PREFIX.length(), separator));
                attributesByPosition.put(position, Map.entry(field.substring(separator + 1), value));
            }
        });
        SequencedMap<String, String> attributes = new LinkedHashMap<>();
        attributesByPosition.values().forEach(attribute -> attributes.put(attribute.getKey(), attribute.getValue()));
        return Optional.of(new PresenceRecord(
                UUID.fromString(required(fields, "id")),
                new ProjectId(UUID.fromString(required(fields, "project"))),
                required(fields, "alias"),
                required(fields, "status"),
                Instant.parse(required(fields, "last_seen")),
                attributes));
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalStateException("presence hash without field " + name + ": " + fields.keySet());
        }
        return value;
    }

    /** A hash as a script returns it: a flat list of fields and values. */
    private static Map<String, String> fields(Object scriptReply) {
        List<?> flat = (List<?>) scriptReply;
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            fields.put((String) flat.get(i), (String) flat.get(i + 1));
        }
        return fields;
    }

    private static long ceilMillis(Duration duration) {
        long millis = duration.toMillis();
        return duration.minusMillis(millis).isZero() ? millis : millis + 1;
    }

    private static long ceilEpochMillis(Instant instant) {
        long millis = instant.toEpochMilli();
        return instant.getNano() % 1_000_000 == 0 ? millis : millis + 1;
    }

    /** The key names of one kind; an alias key joins the fixed-length project id and the alias. */
    private record KeySpace(String recordPrefix, String projectPrefix, String aliasPrefix) {
        String record(UUID id) {
            return recordPrefix + id;
        }

        String project(ProjectId project) {
            return projectPrefix + project.value();
        }

        String alias(ProjectId project, String alias) {
            return aliasPrefix + project.value() + ":" + alias;
        }
    }
}
