package dev.agenthub.protocol.contacts;

import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.agents.port.AgentStore;
import dev.agenthub.protocol.contacts.port.ContactStore;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.projects.Project;
import dev.agenthub.protocol.projects.port.ProjectStore;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The delivery rule of {@code access_mode=contacts_only} (§4.18, §9.1), shared by mail and chat: an agent in that
 * mode accepts a message only when its project's contacts list the sender's address {@code <slug>/<alias>} or the
 * sender's project slug. Agents in mode {@code open} accept everyone, and nobody is refused a message to itself.
 *
 * <p>The reference server also always admitted senders of the recipient's own project; here that takes listing
 * the project's own slug as a contact.
 */
public final class ContactAccess {

    /** The detail of the 403. */
    public static final String REFUSED = "Recipient only accepts messages from contacts";

    private final ContactStore contacts;
    private final ProjectStore projects;
    private final AgentStore agents;

    public ContactAccess(ContactStore contacts, ProjectStore projects, AgentStore agents) {
        this.contacts = Objects.requireNonNull(contacts, "contacts");
        this.projects = Objects.requireNonNull(projects, "projects");
        this.agents = Objects.requireNonNull(agents, "agents");
    }

    /** Whether {@code recipient} accepts a message from {@code sender}. */
    public boolean admits(Agent sender, Agent recipient) {
        return refusing(sender, List.of(recipient)).isEmpty();
    }

    /**
     * @throws DomainError.Forbidden {@value #REFUSED} when {@code recipient} does not accept messages from {@code sender}
     */
    public void requireAdmitted(Agent sender, Agent recipient) {
        requireAdmitted(sender, List.of(recipient));
    }

    /**
     * @throws DomainError.Forbidden {@value #REFUSED} when any of {@code recipients} does not accept messages from
     *                               {@code sender}
     */
    public void requireAdmitted(Agent sender, Collection<Agent> recipients) {
        if (!refusing(sender, recipients).isEmpty()) {
            throw new DomainError.Forbidden(REFUSED);
        }
    }

    /**
     * As {@link #requireAdmitted(Agent, Collection)} for the agents with these ids in the sender's project (e.g. a
     * chat session's participants); ids of agents that are no longer live are skipped, as is the sender's own.
     */
    public void requireAdmittedByIds(Agent sender, Collection<AgentId> recipients) {
        List<Agent> live = recipients.stream()
                .filter(id -> !id.equals(sender.id()))
                .distinct()
                .map(id -> agents.find(sender.project(), id))
                .flatMap(Optional::stream)
                .toList();
        requireAdmitted(sender, live);
    }

    /** The recipients that refuse the sender (each project's contacts are asked at most once). */
    private List<Agent> refusing(Agent sender, Collection<Agent> recipients) {
        List<Agent> restricted = recipients.stream()
                .filter(recipient -> recipient.accessMode() == Agent.AccessMode.CONTACTS_ONLY)
                .filter(recipient -> !recipient.id().equals(sender.id()))
                .toList();
        if (restricted.isEmpty()) {
            return List.of();
        }
        Optional<String> senderSlug = projects.find(sender.project()).map(Project::slug);
        if (senderSlug.isEmpty()) {
            return restricted; // a sender without a live project has no address anyone could list
        }
        List<String> senderAddresses = List.of(ContactAddress.of(senderSlug.get(), sender.alias()), senderSlug.get());
        Map<ProjectId, Boolean> listedBy = new HashMap<>();
        return restricted.stream()
                .filter(recipient -> !listedBy.computeIfAbsent(recipient.project(),
                        project -> contacts.containsAny(project, senderAddresses)))
                .toList();
    }
}
