package dev.agenthub.testkit.presence;

import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.presence.PresenceKind;
import dev.agenthub.protocol.presence.PresenceRecord;
import dev.agenthub.protocol.presence.port.PresenceIndex;
import dev.agenthub.testkit.MutableClock;
import dev.agenthub.testkit.ConcurrentRuns;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static dev.agenthub.protocol.presence.PresenceKind.AGENT;
import static dev.agenthub.protocol.presence.PresenceKind.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The {@link PresenceIndex} contract. Extend it with the index under test and a second instance on the
 * same backend, as another hub instance would hold it ({@link #otherInstance()}); an index that is not
 * shared returns the same object.
 *
 * <p>Time is the {@link #clock} of each test, moved by hand and only forward; instants are compared
 * exactly, to the nanosecond. TTLs are at least 30 seconds, so a backend that also drops records in real
 * time (as Redis {@code PEXPIRE} does) keeps them for the length of a test. Every test works on fresh ids
 * and projects. Each check that something is absent
 * follows the same query finding it present, so no negative check passes vacuously.
 */
public abstract class PresenceIndexContract {

    protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456789Z");
    protected static final Duration TTL = Duration.ofSeconds(30);

    /** The readers' and writers' clock; starts at {@link #T0}. */
    protected final MutableClock clock = new MutableClock(T0);

    /** The index under test. */
    protected abstract PresenceIndex index();

    /**
     * A second instance on the backend of {@link #index()}, as another hub instance would hold it; the same
     * object when the implementation is not shared between instances.
     */
    protected abstract PresenceIndex otherInstance();

    private static UUID id() {
        return UUID.randomUUID();
    }

    private static ProjectId project() {
        return new ProjectId(UUID.randomUUID());
    }

    private PresenceRecord record(UUID id, ProjectId project, String alias) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("human_name", "Human of " + alias);
        attributes.put("program", "aw");
        return new PresenceRecord(id, project, alias, "active", clock.instant(), new LinkedHashMap<>(attributes));
    }

    private void put(PresenceIndex index, PresenceKind kind, PresenceRecord record, Duration ttl) {
        index.put(kind, record, ttl, clock.instant());
    }

    /** Every read of {@code index} at {@code now} finds {@code record}. */
    private static void assertVisible(PresenceIndex index, PresenceKind kind, PresenceRecord record, Instant now) {
        assertThat(index.find(kind, record.id(), now)).as("find at %s", now).contains(record);
        assertThat(index.findAll(kind, List.of(record.id()), now)).as("findAll at %s", now)
                .isEqualTo(Map.of(record.id(), record));
        assertThat(index.listProject(kind, record.project(), now)).as("listProject at %s", now).contains(record);
        assertThat(index.findByAlias(kind, record.project(), record.alias(), now)).as("findByAlias at %s", now)
                .contains(record.id());
    }

    /** No read of {@code index} at {@code now} finds {@code record} (nor anything else of its id and alias). */
    private static void assertInvisible(PresenceIndex index, PresenceKind kind, PresenceRecord record, Instant now) {
        assertThat(index.find(kind, record.id(), now)).as("find at %s", now).isEmpty();
        assertThat(index.findAll(kind, List.of(record.id()), now)).as("findAll at %s", now).isEmpty();
        assertThat(index.listProject(kind, record.project(), now)).as("listProject at %s", now)
                .noneMatch(listed -> listed.id().equals(record.id()));
        assertThat(index.findByAlias(kind, record.project(), record.alias(), now)).as("findByAlias at %s", now)
                .isEmpty();
    }

    @Nested
    class Visibility {

        @Test
        void aRecordIsVisibleUntilExactlyNowPlusTtlAndInvisibleFromThen() {
            PresenceRecord written = record(id(), project(), "alice");
            put(index(), WORKSPACE, written, TTL);
            Instant expiry = T0.plus(TTL);
            for (Instant before : List.of(T0, T0.plusSeconds(29), expiry.minusNanos(1))) {
                assertVisible(index(), WORKSPACE, written, before);
            }
            for (Instant after : List.of(expiry, expiry.plusNanos(1), expiry.plus(Duration.ofDays(1)))) {
                assertInvisible(index(), WORKSPACE, written, after);
            }
        }

        @Test
        void theExpiryCountsFromTheWritersNowNotFromAnyOtherClock() {
            PresenceRecord written = record(id(), project(), "bob");
            Instant writtenAt = T0.plus(Duration.ofHours(2));
            Duration ttl = Duration.ofSeconds(45).plusNanos(7);
            index().put(WORKSPACE, written, ttl, writtenAt);
            assertVisible(index(), WORKSPACE, written, writtenAt.plus(ttl).minusNanos(1));
            assertInvisible(index(), WORKSPACE, written, writtenAt.plus(ttl));
        }

        @Test
        void aReaderWhoseClockIsBehindTheWritersSeesTheRecord() {
            PresenceRecord written = record(id(), project(), "carol");
            put(index(), WORKSPACE, written, TTL);
            assertVisible(otherInstance(), WORKSPACE, written, T0.minusSeconds(5));
            assertVisible(index(), WORKSPACE, written, T0.minusSeconds(5));
        }

        @Test
        void nothingIsFoundOfAnIdOrProjectNeverWritten() {
            PresenceRecord written = record(id(), project(), "dave");
            put(index(), WORKSPACE, written, TTL);
            assertVisible(index(), WORKSPACE, written, T0);

            PresenceRecord neverWritten = record(id(), project(), "dave");
            assertInvisible(index(), WORKSPACE, neverWritten, T0);
            assertThat(index().listProject(WORKSPACE, neverWritten.project(), T0)).isEmpty();
        }
    }

    @Nested
    class Replacement {

        @Test
        void aPutReplacesTheWholeRecordAndItsExpiry() {
            UUID id = id();
            ProjectId project = project();
            PresenceRecord first = record(id, project, "erin");
            put(index(), WORKSPACE, first, Duration.ofSeconds(60));
            assertVisible(index(), WORKSPACE, first, T0);

            clock.advance(Duration.ofSeconds(10));
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("current_branch", "main");
            PresenceRecord second = new PresenceRecord(id, project, "erin", "away", clock.instant(), new LinkedHashMap<>(attributes));
            put(index(), WORKSPACE, second, TTL);

            assertVisible(index(), WORKSPACE, second, clock.instant());
            assertThat(index().find(WORKSPACE, id, clock.instant()).orElseThrow().attribute("human_name")).isNull();
            assertThat(index().listProject(WORKSPACE, project, clock.instant())).containsExactly(second);
            Instant secondExpiry = clock.instant().plus(TTL);
            assertVisible(index(), WORKSPACE, second, secondExpiry.minusNanos(1));
            // the first write would have lasted until T0 + 60 s; the second one's shorter TTL replaced it
            assertInvisible(index(), WORKSPACE, second, secondExpiry);
            assertThat(secondExpiry).isBefore(T0.plusSeconds(60));
        }

        @Test
        void rewritingBeforeTheExpiryExtendsTheRecord() {
            PresenceRecord first = record(id(), project(), "frank");
            put(index(), WORKSPACE, first, TTL);
            clock.advance(Duration.ofSeconds(20));
            PresenceRecord heartbeat = record(first.id(), first.project(), "frank");
            put(index(), WORKSPACE, heartbeat, TTL);

            assertVisible(index(), WORKSPACE, heartbeat, T0.plus(TTL));
            assertVisible(index(), WORKSPACE, heartbeat, clock.instant().plus(TTL).minusNanos(1));
            assertInvisible(index(), WORKSPACE, heartbeat, clock.instant().plus(TTL));
        }

        @Test
        void aRecordRewrittenInAnotherProjectLeavesTheFormerProject() {
            UUID id = id();
            ProjectId former = project();
            ProjectId current = project();
            PresenceRecord before = record(id, former, "grace");
            put(index(), WORKSPACE, before, TTL);
            assertVisible(index(), WORKSPACE, before, T0);

            PresenceRecord after = record(id, current, "grace");
            put(index(), WORKSPACE, after, TTL);

            assertVisible(index(), WORKSPACE, after, T0);
            assertThat(index().listProject(WORKSPACE, former, T0)).isEmpty();
            assertThat(index().findByAlias(WORKSPACE, former, "grace", T0)).isEmpty();
        }
    }

    @Nested
    class Kinds {

        @Test
        void theTwoKindsAreIndependent() {
            UUID id = id();
            ProjectId project = project();
            PresenceRecord workspace = record(id, project, "ws-heidi");
            put(index(), WORKSPACE, workspace, TTL);
            assertVisible(index(), WORKSPACE, workspace, T0);
            assertInvisible(index(), AGENT, workspace, T0);
            assertThat(index().listProject(AGENT, project, T0)).isEmpty();

            PresenceRecord agent = new PresenceRecord(id, project, "agent-heidi", "busy", T0, new LinkedHashMap<>());
            put(index(), AGENT, agent, Duration.ofSeconds(90));
            assertVisible(index(), WORKSPACE, workspace, T0);
            assertVisible(index(), AGENT, agent, T0);
            assertThat(index().findByAlias(AGENT, project, "ws-heidi", T0)).isEmpty();
            assertThat(index().findByAlias(WORKSPACE, project, "agent-heidi", T0)).isEmpty();

            index().clear(WORKSPACE, id);
            assertInvisible(index(), WORKSPACE, workspace, T0);
            assertVisible(index(), AGENT, agent, T0);

            put(index(), WORKSPACE, workspace, TTL);
            assertVisible(index(), WORKSPACE, workspace, T0);
            Instant workspaceExpiry = T0.plus(TTL);
            assertInvisible(index(), WORKSPACE, workspace, workspaceExpiry);
            assertVisible(index(), AGENT, agent, workspaceExpiry);
        }
    }

    @Nested
    class Projects {

        @Test
        void aProjectListingHoldsExactlyTheProjectsLiveRecords() {
            ProjectId project = project();
            ProjectId neighbour = project();
            PresenceRecord first = record(id(), project, "ivan");
            PresenceRecord second = record(id(), project, "judy");
            PresenceRecord shortLived = record(id(), project, "ken");
            PresenceRecord otherKind = record(id(), project, "leo");
            PresenceRecord neighbours = record(id(), neighbour, "mallory");
            put(index(), WORKSPACE, first, TTL);
            put(index(), WORKSPACE, second, TTL);
            put(index(), WORKSPACE, shortLived, Duration.ofSeconds(10));
            put(index(), AGENT, otherKind, TTL);
            put(index(), WORKSPACE, neighbours, TTL);

            assertThat(index().listProject(WORKSPACE, project, T0)).containsExactlyInAnyOrder(first, second, shortLived);
            Instant later = T0.plusSeconds(10);
            assertThat(index().listProject(WORKSPACE, project, later)).containsExactlyInAnyOrder(first, second);
            assertThat(index().listProject(WORKSPACE, neighbour, later)).containsExactly(neighbours);
            assertThat(index().listProject(AGENT, project, later)).containsExactly(otherKind);
            assertThat(index().listProject(WORKSPACE, project(), later)).isEmpty();
        }

        @Test
        void anAliasResolvesOnlyWithinItsProject() {
            ProjectId project = project();
            ProjectId neighbour = project();
            PresenceRecord ours = record(id(), project, "bob");
            PresenceRecord theirs = record(id(), neighbour, "bob");
            put(index(), WORKSPACE, ours, TTL);
            put(index(), WORKSPACE, theirs, TTL);

            assertThat(index().findByAlias(WORKSPACE, project, "bob", T0)).contains(ours.id());
            assertThat(index().findByAlias(WORKSPACE, neighbour, "bob", T0)).contains(theirs.id());
            assertThat(index().findByAlias(WORKSPACE, project(), "bob", T0)).isEmpty();
            assertThat(index().findByAlias(WORKSPACE, project, "alice", T0)).isEmpty();
        }
    }

    @Nested
    class Aliases {

        @Test
        void rewritingAnIdWithAnotherAliasMovesTheAlias() {
            UUID id = id();
            ProjectId project = project();
            put(index(), WORKSPACE, record(id, project, "old-name"), TTL);
            assertThat(index().findByAlias(WORKSPACE, project, "old-name", T0)).contains(id);

            PresenceRecord renamed = record(id, project, "new-name");
            put(index(), WORKSPACE, renamed, TTL);

            assertThat(index().findByAlias(WORKSPACE, project, "new-name", T0)).contains(id);
            assertThat(index().findByAlias(WORKSPACE, project, "old-name", T0)).isEmpty();
            assertThat(index().listProject(WORKSPACE, project, T0)).containsExactly(renamed);
        }

        @Test
        void theLatestWriteOfAnAliasOwnsItAndKeepsItWhenTheEarlierIdMovesOn() {
            ProjectId project = project();
            UUID earlier = id();
            UUID later = id();
            put(index(), WORKSPACE, record(earlier, project, "shared"), TTL);
            assertThat(index().findByAlias(WORKSPACE, project, "shared", T0)).contains(earlier);
            put(index(), WORKSPACE, record(later, project, "shared"), TTL);
            assertThat(index().findByAlias(WORKSPACE, project, "shared", T0)).contains(later);

            // the earlier id's alias now maps to another id: moving the earlier id on must not drop it
            put(index(), WORKSPACE, record(earlier, project, "moved-on"), TTL);
            assertThat(index().findByAlias(WORKSPACE, project, "moved-on", T0)).contains(earlier);
            assertThat(index().findByAlias(WORKSPACE, project, "shared", T0)).contains(later);
            index().clear(WORKSPACE, earlier);
            assertThat(index().findByAlias(WORKSPACE, project, "shared", T0)).contains(later);
            assertThat(index().findByAlias(WORKSPACE, project, "moved-on", T0)).isEmpty();
        }

        @Test
        void aliasesWithSeparatorsPatternsAndUnicodeResolveExactly() {
            ProjectId project = project();
            List<String> aliases = List.of("a", "a:b", "a:b:c", ":", "with space", "*", "a?", "[ab]", "{tag}",
                    "Grüße 世界 🚀", "quote\"back\\slash", "x".repeat(1000));
            Map<String, UUID> ids = new HashMap<>();
            for (String alias : aliases) {
                UUID id = id();
                ids.put(alias, id);
                put(index(), WORKSPACE, record(id, project, alias), TTL);
            }
            for (String alias : aliases) {
                assertThat(index().findByAlias(WORKSPACE, project, alias, T0)).as(alias).contains(ids.get(alias));
            }
            assertThat(index().findByAlias(WORKSPACE, project, "a:", T0)).isEmpty();
            assertThat(index().findByAlias(WORKSPACE, project, "ab", T0)).isEmpty();
            assertThat(index().listProject(WORKSPACE, project, T0)).extracting(PresenceRecord::alias)
                    .containsExactlyInAnyOrderElementsOf(aliases);
        }
    }

    @Nested
    class Clearing {

        @Test
        void clearingRemovesTheRecordAndItsIndexEntriesOnly() {
            ProjectId project = project();
            PresenceRecord cleared = record(id(), project, "nina");
            PresenceRecord kept = record(id(), project, "oscar");
            put(index(), WORKSPACE, cleared, TTL);
            put(index(), WORKSPACE, kept, TTL);
            assertVisible(index(), WORKSPACE, cleared, T0);

            index().clear(WORKSPACE, cleared.id());

            assertInvisible(index(), WORKSPACE, cleared, T0);
            assertVisible(index(), WORKSPACE, kept, T0);
            assertThat(index().listProject(WORKSPACE, project, T0)).containsExactly(kept);
            assertThat(index().findAll(WORKSPACE, List.of(cleared.id(), kept.id()), T0))
                    .isEqualTo(Map.of(kept.id(), kept));
        }

        @Test
        void clearingWhatIsNotThereDoesNothing() {
            PresenceRecord kept = record(id(), project(), "peggy");
            put(index(), WORKSPACE, kept, TTL);
            UUID cleared = id();
            put(index(), WORKSPACE, record(cleared, kept.project(), "quentin"), TTL);
            index().clear(WORKSPACE, cleared);

            assertThatCode(() -> index().clear(WORKSPACE, cleared)).doesNotThrowAnyException();
            assertThatCode(() -> index().clear(WORKSPACE, id())).doesNotThrowAnyException();
            assertThatCode(() -> index().clear(AGENT, kept.id())).doesNotThrowAnyException();
            assertVisible(index(), WORKSPACE, kept, T0);
        }

        @Test
        void aClearedIdCanBeWrittenAgain() {
            PresenceRecord record = record(id(), project(), "rupert");
            put(index(), WORKSPACE, record, TTL);
            index().clear(WORKSPACE, record.id());
            assertInvisible(index(), WORKSPACE, record, T0);

            put(index(), WORKSPACE, record, TTL);
            assertVisible(index(), WORKSPACE, record, T0);
        }
    }

    @Nested
    class FindAll {

        @Test
        void findAllReturnsExactlyTheLiveRecordsAmongTheIds() {
            ProjectId project = project();
            PresenceRecord first = record(id(), project, "sybil");
            PresenceRecord second = record(id(), project(), "trent");
            PresenceRecord shortLived = record(id(), project, "ursula");
            PresenceRecord otherKind = record(id(), project, "victor");
            put(index(), WORKSPACE, first, TTL);
            put(index(), WORKSPACE, second, TTL);
            put(index(), WORKSPACE, shortLived, Duration.ofSeconds(10));
            put(index(), AGENT, otherKind, TTL);
            UUID missing = id();
            List<UUID> asked = List.of(first.id(), missing, second.id(), shortLived.id(), otherKind.id(), first.id());

            assertThat(index().findAll(WORKSPACE, asked, T0)).isEqualTo(
                    Map.of(first.id(), first, second.id(), second, shortLived.id(), shortLived));
            assertThat(index().findAll(WORKSPACE, asked, T0.plusSeconds(10))).isEqualTo(
                    Map.of(first.id(), first, second.id(), second));
        }

        @Test
        void findAllOfNoIdsIsEmpty() {
            PresenceRecord written = record(id(), project(), "walter");
            put(index(), WORKSPACE, written, TTL);
            assertThat(index().findAll(WORKSPACE, List.of(written.id()), T0)).containsKey(written.id());

            assertThat(index().findAll(WORKSPACE, List.of(), T0)).isEmpty();
            assertThat(index().findAll(WORKSPACE, Set.of(), T0)).isEmpty();
        }

        @Test
        void findAllOfManyIdsFindsEveryLiveOne() {
            ProjectId project = project();
            Map<UUID, PresenceRecord> written = new HashMap<>();
            List<UUID> asked = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                UUID id = id();
                asked.add(id);
                if (i % 2 == 0) {
                    PresenceRecord record = record(id, project, "member-" + i);
                    put(index(), WORKSPACE, record, TTL);
                    written.put(id, record);
                }
            }
            assertThat(index().findAll(WORKSPACE, asked, T0)).isEqualTo(written);
        }
    }

    @Nested
    class Attributes {

        @Test
        void attributesKeepTheirOrderAndValuesRoundTripExactly() {
            LinkedHashMap<String, String> attributes = new LinkedHashMap<>();
            attributes.put("zeta", "the last letter first");
            attributes.put("human_name", "Zoë Ünïcode 🚀");
            attributes.put("program", "aw");
            attributes.put("long", "Grüße, 世界 🚀 ".repeat(200));
            attributes.put("with:colon", "a:b:c");
            attributes.put("with space", "  padded  ");
            attributes.put("empty", "");
            attributes.put("multi\nline", "line one\nline two\ttabbed");
            // names of the record's own fields, as some implementations store them side by side
            for (String ownField : List.of("id", "project", "alias", "status", "last_seen", "expires_at", "lastSeen")) {
                attributes.put(ownField, "attribute named " + ownField);
            }
            for (int i = 40; i > 0; i--) {
                attributes.put("k" + i, "v" + i);
            }
            PresenceRecord written = new PresenceRecord(id(), project(), "Ålice 🚀", "statut spécial",
                    T0.minusSeconds(5).plusNanos(1), attributes);
            put(index(), WORKSPACE, written, TTL);

            PresenceRecord found = index().find(WORKSPACE, written.id(), T0).orElseThrow();
            assertThat(found).isEqualTo(written);
            assertThat(found.attributes().sequencedKeySet()).containsExactlyElementsOf(attributes.sequencedKeySet());
            assertThat(found.lastSeen()).isEqualTo(T0.minusSeconds(5).plusNanos(1));
            for (PresenceRecord listed : List.of(
                    index().findAll(WORKSPACE, List.of(written.id()), T0).get(written.id()),
                    index().listProject(WORKSPACE, written.project(), T0).getFirst())) {
                assertThat(listed).isEqualTo(written);
                assertThat(listed.attributes().sequencedKeySet()).containsExactlyElementsOf(attributes.sequencedKeySet());
            }
            assertThat(index().findByAlias(WORKSPACE, written.project(), "Ålice 🚀", T0)).contains(written.id());
        }

        @Test
        void aRecordWithoutAttributesRoundTrips() {
            PresenceRecord written = new PresenceRecord(id(), project(), "bare", "active", T0, null);
            put(index(), WORKSPACE, written, TTL);
            PresenceRecord found = index().find(WORKSPACE, written.id(), T0).orElseThrow();
            assertThat(found).isEqualTo(written);
            assertThat(found.attributes()).isEmpty();
        }
    }

    @Nested
    class SharedBackend {

        @Test
        void anotherInstanceSeesWhatOneWrote() {
            PresenceRecord written = record(id(), project(), "xavier");
            put(index(), WORKSPACE, written, TTL);
            assertVisible(otherInstance(), WORKSPACE, written, T0);
            assertVisible(otherInstance(), WORKSPACE, written, T0.plus(TTL).minusNanos(1));
            assertInvisible(otherInstance(), WORKSPACE, written, T0.plus(TTL));
        }

        @Test
        void rewritesAndClearsOnAnotherInstanceAreSeenHere() {
            UUID id = id();
            ProjectId project = project();
            put(index(), WORKSPACE, record(id, project, "yvonne"), TTL);
            PresenceRecord renamed = record(id, project, "yvonne-2");
            put(otherInstance(), WORKSPACE, renamed, TTL);

            assertVisible(index(), WORKSPACE, renamed, T0);
            assertThat(index().findByAlias(WORKSPACE, project, "yvonne", T0)).isEmpty();

            otherInstance().clear(WORKSPACE, id);
            assertInvisible(index(), WORKSPACE, renamed, T0);
        }
    }

    @Nested
    class Concurrency {

        /** Concurrent rewrites of one id, each with its own alias: afterwards exactly one alias maps to it. */
        @Test
        void concurrentRewritesOfOneIdLeaveExactlyOneAliasMappingToIt() throws Exception {
            UUID id = id();
            ProjectId project = project();
            int threads = 16;
            int rounds = 20;
            ConcurrentRuns.run(threads, thread -> {
                PresenceIndex index = thread % 2 == 0 ? index() : otherInstance();
                for (int round = 0; round < rounds; round++) {
                    index.put(WORKSPACE, record(id, project, "alias-" + thread), TTL, T0);
                }
            });

            PresenceRecord winner = index().find(WORKSPACE, id, T0).orElseThrow();
            List<String> mapped = IntStream.range(0, threads).mapToObj(thread -> "alias-" + thread)
                    .filter(alias -> index().findByAlias(WORKSPACE, project, alias, T0).isPresent())
                    .toList();
            assertThat(mapped).containsExactly(winner.alias());
            assertThat(index().listProject(WORKSPACE, project, T0)).containsExactly(winner);
        }

        /** Concurrent writes of distinct ids into one project: none is lost from the listing. */
        @Test
        void concurrentWritesIntoOneProjectAreAllListed() throws Exception {
            ProjectId project = project();
            int threads = 16;
            int perThread = 10;
            Map<UUID, PresenceRecord> written = new ConcurrentHashMap<>();
            ConcurrentRuns.run(threads, thread -> {
                PresenceIndex index = thread % 2 == 0 ? index() : otherInstance();
                for (int i = 0; i < perThread; i++) {
                    PresenceRecord record = record(id(), project, "member-" + thread + "-" + i);
                    index.put(WORKSPACE, record, TTL, T0);
                    written.put(record.id(), record);
                }
            });

            assertThat(written).hasSize(threads * perThread);
            assertThat(index().listProject(WORKSPACE, project, T0)).containsExactlyInAnyOrderElementsOf(written.values());
        }
    }
}
