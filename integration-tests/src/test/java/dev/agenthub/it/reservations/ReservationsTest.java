package dev.agenthub.it.reservations;

import dev.agenthub.persistence.protocol.JooqReservationStore;
import dev.agenthub.persistence.sql.JooqTransactionRunner;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.protocol.reservations.port.ReservationEvents;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.reservations.Reservation;
import dev.agenthub.protocol.reservations.Reservations;
import dev.agenthub.protocol.reservations.Reservations.Actor;
import dev.agenthub.testkit.MutableClock;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import static dev.agenthub.persistence.jooq.protocol.Tables.PROJECTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reservation use cases (§8) on the PostgreSQL store, with a clock the test moves. */
@ExtendWith(TestInfrastructure.class)
class ReservationsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-02-07T11:14:49.123456789Z"));
    private final Reservations reservations;
    private final ProjectId project;
    private final Actor alice;
    private final Actor bob;

    ReservationsTest(TestDatabase database) {
        DSLContext dsl = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
        reservations = new Reservations(new JooqReservationStore(new JooqTransactionRunner(dsl)), ReservationEvents.NONE, clock);
        project = new ProjectId(UUID.randomUUID());
        dsl.insertInto(PROJECTS).set(PROJECTS.PROJECT_ID, project.value()).set(PROJECTS.SLUG, "res-" + project)
                .set(PROJECTS.CREATED_AT, OffsetDateTime.now()).execute();
        alice = new Actor(project, new AgentId(UUID.randomUUID()), "alice");
        bob = new Actor(project, new AgentId(UUID.randomUUID()), "bob");
    }

    @Test
    void ttlIsClampedTo60Through3600Seconds() {
        Instant now = Instant.parse("2026-02-07T11:14:49.123456Z"); // microsecond precision, like every stored time
        assertThat(reservations.acquire(alice, "a", 1, null).expiresAt()).isEqualTo(now.plusSeconds(60));
        assertThat(reservations.acquire(alice, "b", 300, "{}").expiresAt()).isEqualTo(now.plusSeconds(300));
        assertThat(reservations.acquire(alice, "c", 86_400, "{}").expiresAt()).isEqualTo(now.plusSeconds(3600));
        assertThat(reservations.renew(alice, "a", 10_000).expiresAt()).isEqualTo(now.plusSeconds(3600));
    }

    @Test
    void aHeldKeyIsA409WithTheHolderAtTheTopLevelEvenForTheHolder() {
        Reservation held = reservations.acquire(alice, "src/app.py", 300, "{\"reason\":\"auto-reserve\"}");
        for (Actor contender : new Actor[]{bob, alice}) {
            assertThatThrownBy(() -> reservations.acquire(contender, "src/app.py", 300, "{}"))
                    .isInstanceOfSatisfying(DomainError.Conflict.class, conflict -> {
                        assertThat(conflict.detail()).isEqualTo("Reservation is already held");
                        assertThat(conflict.extraFields()).containsExactly(
                                java.util.Map.entry("holder_agent_id", alice.agent().toString()),
                                java.util.Map.entry("holder_alias", "alice"),
                                java.util.Map.entry("expires_at", "2026-02-07T11:19:49.123456+00:00"));
                    });
        }
        assertThat(held.metadataJson()).isEqualTo("{\"reason\":\"auto-reserve\"}");
    }

    @Test
    void expiryIsLazy() {
        reservations.acquire(alice, "k", 60, "{}");
        clock.advance(Duration.ofSeconds(60));
        assertThat(reservations.list(project, Optional.empty())).isEmpty();
        assertThatThrownBy(() -> reservations.renew(alice, "k", 60))
                .isInstanceOf(DomainError.NotFound.class).hasMessage("Reservation not found");
        assertThat(reservations.release(alice, "k")).isEmpty();
        assertThat(reservations.acquire(bob, "k", 60, "{}").holderAlias()).isEqualTo("bob");
    }

    @Test
    void onlyTheHolderRenewsOrReleases() {
        reservations.acquire(alice, "k", 60, "{}");
        assertThatThrownBy(() -> reservations.renew(bob, "k", 60))
                .isInstanceOf(DomainError.Conflict.class).hasMessage("Reservation held by another agent");
        assertThatThrownBy(() -> reservations.release(bob, "k"))
                .isInstanceOf(DomainError.Conflict.class).hasMessage("Reservation held by another agent");
        assertThat(reservations.release(alice, "k")).isPresent();
        assertThat(reservations.release(alice, "k")).isEmpty();
    }

    @Test
    void revokeReleasesOnlyTheCallersAndRefusesAPrefixOfOthersOnly() {
        reservations.acquire(alice, "mine/1", 60, "{}");
        reservations.acquire(alice, "mine/2", 60, "{}");
        reservations.acquire(bob, "theirs/1", 60, "{}");
        assertThatThrownBy(() -> reservations.revoke(alice, Optional.of("theirs/")))
                .isInstanceOf(DomainError.Forbidden.class).hasMessage("Cannot revoke reservations held by other agents");
        assertThat(reservations.revoke(alice, Optional.of("nothing/"))).isZero();
        assertThat(reservations.revoke(alice, Optional.empty())).isEqualTo(2);
        assertThat(reservations.list(project, Optional.empty())).extracting(Reservation::resourceKey).containsExactly("theirs/1");
    }
}
