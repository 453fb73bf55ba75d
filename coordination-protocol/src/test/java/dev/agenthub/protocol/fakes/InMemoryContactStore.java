package dev.agenthub.protocol.fakes;

import dev.agenthub.protocol.contacts.Contact;
import dev.agenthub.protocol.contacts.port.ContactStore;
import dev.agenthub.protocol.kernel.id.ProjectId;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@link ContactStore} over a map, with the address uniqueness per project; counts the lookups it answers. */
public final class InMemoryContactStore implements ContactStore {

    private final Map<UUID, Contact> contacts = new LinkedHashMap<>();
    private int lookups;

    /** How many {@link #containsAny} calls were made. */
    public int lookups() {
        return lookups;
    }

    @Override
    public boolean insert(Contact contact) {
        if (contacts.containsKey(contact.id())) {
            throw new IllegalArgumentException("duplicate contact id " + contact.id());
        }
        boolean taken = contacts.values().stream()
                .anyMatch(c -> c.project().equals(contact.project()) && c.address().equals(contact.address()));
        if (taken) {
            return false;
        }
        contacts.put(contact.id(), contact);
        return true;
    }

    @Override
    public List<Contact> list(ProjectId project) {
        return contacts.values().stream().filter(c -> c.project().equals(project))
                .sorted(Comparator.comparing(Contact::address)).toList();
    }

    @Override
    public boolean delete(ProjectId project, UUID id) {
        Contact contact = contacts.get(id);
        if (contact == null || !contact.project().equals(project)) {
            return false;
        }
        contacts.remove(id);
        return true;
    }

    @Override
    public boolean containsAny(ProjectId project, Collection<String> addresses) {
        lookups++;
        return contacts.values().stream().anyMatch(c -> c.project().equals(project) && addresses.contains(c.address()));
    }
}
