package dev.agenthub.protocol.contacts;

import dev.agenthub.protocol.contacts.port.ContactStore;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.IdGenerator;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.time.WireTime;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** The address-book use cases of §4.18: add, list and remove a project's contacts. */
public final class Contacts {

    private final ContactStore store;
    private final Clock clock;
    private final IdGenerator ids;

    public Contacts(ContactStore store, Clock clock, IdGenerator ids) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /**
     * Adds {@code address} (already validated, see {@link ContactAddress}) to the project's address book.
     *
     * @param label free text, or null
     * @throws DomainError.Conflict {@code Contact already exists} when the project lists the address
     */
    public Contact add(ProjectId project, String address, String label) {
        Contact contact = new Contact(ids.newId(), project, ContactAddress.require(address), label,
                WireTime.truncate(clock.instant()));
        if (!store.insert(contact)) {
            throw new DomainError.Conflict("Contact already exists");
        }
        return contact;
    }

    /** The project's contacts, by address (byte order). */
    public List<Contact> list(ProjectId project) {
        return store.list(project);
    }

    /**
     * Removes a contact of the project.
     *
     * @throws DomainError.NotFound {@code Contact not found}, also for another project's contact
     */
    public void remove(ProjectId project, UUID id) {
        if (!store.delete(project, id)) {
            throw new DomainError.NotFound("Contact not found");
        }
    }
}
