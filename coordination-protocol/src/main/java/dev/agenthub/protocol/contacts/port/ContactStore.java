package dev.agenthub.protocol.contacts.port;

import dev.agenthub.protocol.contacts.Contact;
import dev.agenthub.protocol.kernel.id.ProjectId;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Port: the authoritative store of contacts. An address is unique within a project, across every hub instance
 * sharing the store. Joins the caller's transaction when one is active.
 */
public interface ContactStore {

    /**
     * Stores {@code contact} unless its project already lists its address.
     *
     * @return true when stored, false when the address was taken (nothing is written then)
     */
    boolean insert(Contact contact);

    /** The project's contacts, ordered by address (byte order). */
    List<Contact> list(ProjectId project);

    /**
     * Removes the contact with this id from the project.
     *
     * @return true when removed, false when the project has no contact with this id (unknown or another project's)
     */
    boolean delete(ProjectId project, UUID id);

    /** Whether the project lists at least one of {@code addresses} (compared exactly). */
    boolean containsAny(ProjectId project, Collection<String> addresses);
}
