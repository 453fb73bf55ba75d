package dev.agenthub.hub.status;

import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.live.LiveStreams;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code event_types} of the status stream (wire spec §13.1) and the category of a status event type. */
class StatusEventTypesTest {

    private static final Set<String> ALL = Set.of("bead", "chat", "escalation", "message", "reservation");

    @Test
    void absentOrEmptyMeansEveryCategory() {
        assertThat(Status.eventTypes(null)).isEqualTo(ALL);
        assertThat(Status.eventTypes("")).isEqualTo(ALL);
        assertThat(Status.eventTypes(" , ,")).isEqualTo(ALL);
    }

    @Test
    void entriesAreTrimmedAndLowercased() {
        assertThat(Status.eventTypes(" Bead,CHAT ,, bead")).containsExactlyInAnyOrder("bead", "chat");
    }

    @Test
    void unknownCategoriesAreListedSortedWithTheValidOnes() {
        assertThatThrownBy(() -> Status.eventTypes("reservation,Zeta,alpha,zeta"))
                .isInstanceOfSatisfying(DomainError.Invalid.class, e -> assertThat(e.detail()).isEqualTo(
                        "Invalid event types: {'alpha', 'zeta'}. Valid types: ['bead', 'chat', 'escalation', 'message', 'reservation']"));
    }

    @Test
    void theCategoryIsTheTypeBeforeTheFirstDot() {
        assertThat(LiveStreams.statusCategory("bead.status_changed")).isEqualTo("bead");
        assertThat(LiveStreams.statusCategory("a.b.c")).isEqualTo("a");
        assertThat(LiveStreams.statusCategory("plain")).isEqualTo("plain");
    }
}
