package dev.agenthub.persistence.protocol;

import dev.agenthub.persistence.jooq.protocol.tables.records.ContactsRecord;
import dev.agenthub.persistence.sql.JooqSession;
import dev.agenthub.protocol.contacts.Contact;
import dev.agenthub.protocol.contacts.port.ContactStore;
import dev.agenthub.protocol.kernel.id.ProjectId;
import org.jooq.impl.DSL;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import static dev.agenthub.persistence.jooq.protocol.Tables.CONTACTS;
import static dev.agenthub.persistence.protocol.SqlTime.instant;
import static dev.agenthub.persistence.protocol.SqlTime.utc;

/**
 * {@link ContactStore} on PostgreSQL. The unique (project, address) constraint is the insert's {@code ON CONFLICT}
 * arbiter, so a duplicate is a value, not an aborted transaction; the address column's "C" collation gives byte
 * order and exact matching.
 */
public final class JooqContactStore implements ContactStore {

    private final JooqSession session;

    public JooqContactStore(JooqSession session) {
        this.session = session;
    }

    @Override
    public boolean insert(Contact contact) {
        return session.dsl().insertInto(CONTACTS)
                .set(CONTACTS.CONTACT_ID, contact.id())
                .set(CONTACTS.PROJECT_ID, contact.project().value())
                .set(CONTACTS.CONTACT_ADDRESS, contact.address())
                .set(CONTACTS.LABEL, contact.label())
                .set(CONTACTS.CREATED_AT, utc(contact.createdAt()))
                .onConflict(CONTACTS.PROJECT_ID, CONTACTS.CONTACT_ADDRESS).doNothing()
                .execute() == 1;
    }

    @Override
    public List<Contact> list(ProjectId project) {
        return session.dsl().selectFrom(CONTACTS)
                .where(CONTACTS.PROJECT_ID.eq(project.value()))
                .orderBy(CONTACTS.CONTACT_ADDRESS)
                .fetch(JooqContactStore::toContact);
    }

    @Override
    public boolean delete(ProjectId project, UUID id) {
        return session.dsl().deleteFrom(CONTACTS)
                .where(CONTACTS.CONTACT_ID.eq(id), CONTACTS.PROJECT_ID.eq(project.value()))
                .execute() == 1;
    }

    @Override
    public boolean containsAny(ProjectId project, Collection<String> addresses) {
        if (addresses.isEmpty()) {
            return false;
        }
        return session.dsl().fetchExists(DSL.selectOne().from(CONTACTS)
                .where(CONTACTS.PROJECT_ID.eq(project.value()), CONTACTS.CONTACT_ADDRESS.in(addresses)));
    }

    private static Contact toContact(ContactsRecord row) {
        return new Contact(row.getContactId(), new ProjectId(row.getProjectId()), row.getContactAddress(), row.getLabel(),
                instant(row.getCreatedAt()));
    }
}
