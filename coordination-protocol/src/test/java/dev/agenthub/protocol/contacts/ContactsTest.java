package dev.agenthub.protocol.contacts;

import dev.agenthub.protocol.fakes.Fixtures;
import dev.agenthub.protocol.fakes.InMemoryContactStore;
import dev.agenthub.protocol.fakes.MutableClock;
import dev.agenthub.protocol.fakes.SequentialIds;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.projects.Project;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.agenthub.protocol.fakes.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContactsTest {

    private final Project demo = Fixtures.project("demo");
    private final Project other = Fixtures.project("other");
    private final InMemoryContactStore store = new InMemoryContactStore();
    private final Contacts contacts = new Contacts(store, new MutableClock(T0), new SequentialIds());

    @Test
    void addListsByAddressAndTruncatesTheTimeToMicroseconds() {
        Contact second = contacts.add(demo.id(), "zeta/bob", "Bob");
        Contact first = contacts.add(demo.id(), "alpha", null);
        assertThat(first.createdAt()).isEqualTo(Instant.parse("2026-02-07T11:14:49.123456Z"));
        assertThat(contacts.list(demo.id())).containsExactly(first, second);
        assertThat(contacts.list(other.id())).isEmpty();
    }

    @Test
    void anAddressIsUniquePerProject() {
        contacts.add(demo.id(), "alpha", null);
        assertThatThrownBy(() -> contacts.add(demo.id(), "alpha", "again"))
                .isInstanceOfSatisfying(DomainError.Conflict.class, e -> assertThat(e.detail()).isEqualTo("Contact already exists"));
        contacts.add(other.id(), "alpha", null);
    }

    @Test
    void removeOnlyInTheOwnProject() {
        Contact contact = contacts.add(demo.id(), "alpha", null);
        assertThatThrownBy(() -> contacts.remove(other.id(), contact.id()))
                .isInstanceOfSatisfying(DomainError.NotFound.class, e -> assertThat(e.detail()).isEqualTo("Contact not found"));
        contacts.remove(demo.id(), contact.id());
        assertThat(contacts.list(demo.id())).isEmpty();
        assertThatThrownBy(() -> contacts.remove(demo.id(), contact.id())).isInstanceOf(DomainError.NotFound.class);
    }

    @Test
    void addressesAreInProjectAddressForm() {
        assertThat(ContactAddress.valid("demo")).isTrue();
        assertThat(ContactAddress.valid("team/demo/alice-01")).isTrue();
        assertThat(ContactAddress.valid("a".repeat(256))).isTrue();
        assertThat(ContactAddress.valid("a".repeat(257))).isFalse();
        assertThat(ContactAddress.valid("")).isFalse();
        assertThat(ContactAddress.valid("demo alice")).isFalse();
        assertThat(ContactAddress.valid("demo@alice")).isFalse();
        assertThat(ContactAddress.of("team/demo", "alice")).isEqualTo("team/demo/alice");
        assertThatThrownBy(() -> contacts.add(demo.id(), "no spaces", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
