package dev.agenthub.protocol.contacts;

import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.fakes.Fixtures;
import dev.agenthub.protocol.fakes.InMemoryAgentStore;
import dev.agenthub.protocol.fakes.InMemoryContactStore;
import dev.agenthub.protocol.fakes.InMemoryProjectStore;
import dev.agenthub.protocol.fakes.MutableClock;
import dev.agenthub.protocol.fakes.SequentialIds;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.projects.Project;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static dev.agenthub.protocol.fakes.Fixtures.T0;
import static dev.agenthub.protocol.fakes.Fixtures.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContactAccessTest {

    private final Project demo = Fixtures.project("team/demo");
    private final Project other = Fixtures.project("other");
    private final InMemoryProjectStore projects = new InMemoryProjectStore();
    private final InMemoryAgentStore agents = new InMemoryAgentStore();
    private final InMemoryContactStore store = new InMemoryContactStore();
    private final Contacts contacts = new Contacts(store, new MutableClock(T0), new SequentialIds());
    private final ContactAccess access = new ContactAccess(store, projects, agents);

    private final Agent alice = agents.add(agent(demo, "alice").build());
    private final Agent guarded = agents.add(agent(demo, "guarded").contactsOnly().build());
    private final Agent open = agents.add(agent(demo, "open").build());

    ContactAccessTest() {
        projects.add(demo);
        projects.add(other);
    }

    @Test
    void anOpenRecipientAdmitsEveryoneWithoutAskingTheContacts() {
        assertThat(access.admits(alice, open)).isTrue();
        access.requireAdmitted(alice, open);
        assertThat(store.lookups()).isZero();
    }

    @Test
    void aContactsOnlyRecipientRefusesASenderItsProjectDoesNotList() {
        contacts.add(demo.id(), "team/demo/bob", null);
        contacts.add(other.id(), "team/demo/alice", "listed by the wrong project");

        assertThat(access.admits(alice, guarded)).isFalse();
        assertThatThrownBy(() -> access.requireAdmitted(alice, guarded))
                .isInstanceOfSatisfying(DomainError.Forbidden.class,
                        e -> assertThat(e.detail()).isEqualTo("Recipient only accepts messages from contacts"));
    }

    @Test
    void theSendersAddressAdmitsIt() {
        contacts.add(demo.id(), "team/demo/alice", "Alice");
        assertThat(access.admits(alice, guarded)).isTrue();
        Agent carol = agents.add(agent(demo, "carol").build());
        assertThat(access.admits(carol, guarded)).as("only the listed agent").isFalse();
    }

    @Test
    void theSendersProjectSlugAdmitsEveryAgentOfThatProject() {
        contacts.add(demo.id(), "team/demo", null);
        assertThat(access.admits(alice, guarded)).isTrue();
        assertThat(access.admits(agents.add(agent(demo, "carol").build()), guarded)).isTrue();
    }

    @Test
    void neitherAPrefixOfTheSlugNorAnotherCaseMatches() {
        contacts.add(demo.id(), "team", null);
        contacts.add(demo.id(), "TEAM/DEMO/ALICE", null);
        assertThat(access.admits(alice, guarded)).isFalse();
    }

    @Test
    void nobodyIsRefusedAMessageToItself() {
        assertThat(access.admits(guarded, guarded)).isTrue();
        assertThat(store.lookups()).isZero();
    }

    @Test
    void everyRecipientMustAdmitAndEachProjectIsAskedOnce() {
        Agent guarded2 = agents.add(agent(demo, "guarded2").contactsOnly().build());
        assertThatThrownBy(() -> access.requireAdmitted(alice, List.of(open, guarded, guarded2)))
                .isInstanceOf(DomainError.Forbidden.class);
        assertThat(store.lookups()).isEqualTo(1);

        contacts.add(demo.id(), "team/demo/alice", null);
        access.requireAdmitted(alice, List.of(open, guarded, guarded2));
        assertThat(store.lookups()).isEqualTo(2);
    }

    @Test
    void byIdsSkipsTheSenderAndAgentsNoLongerLive() {
        Agent gone = agents.add(agent(demo, "gone").contactsOnly().deletedAt(T0).build());
        access.requireAdmittedByIds(alice, List.of(alice.id(), gone.id(), open.id(), new AgentId(UUID.randomUUID())));
        assertThat(store.lookups()).isZero();

        assertThatThrownBy(() -> access.requireAdmittedByIds(alice, List.of(alice.id(), guarded.id())))
                .isInstanceOf(DomainError.Forbidden.class);
        access.requireAdmittedByIds(guarded, List.of(guarded.id(), open.id()));
    }

    @Test
    void aSenderWithoutALiveProjectHasNoAddressToList() {
        contacts.add(demo.id(), "team/demo", null);
        projects.delete(demo.id());
        assertThat(access.admits(alice, guarded)).isFalse();
        assertThat(access.admits(alice, open)).isTrue();
    }
}
