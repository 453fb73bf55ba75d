package dev.agenthub.protocol.identity;

import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.fakes.Fixtures;
import dev.agenthub.protocol.fakes.InMemoryAgentStore;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.projects.Project;
import org.junit.jupiter.api.Test;

import static dev.agenthub.protocol.fakes.Fixtures.T0;
import static dev.agenthub.protocol.fakes.Fixtures.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActorsTest {

    private final Project demo = Fixtures.project("demo");
    private final Project other = Fixtures.project("other");
    private final InMemoryAgentStore store = new InMemoryAgentStore();
    private final Actors actors = new Actors(store);

    private Principal bearer(AgentId actor, Agent bound) {
        return new Principal(demo.id(), Principal.AuthMode.BEARER, Principal.Type.KEY, Fixtures.uuid("key"), null, actor, bound);
    }

    private Principal proxy(AgentId actor) {
        return new Principal(demo.id(), Principal.AuthMode.PROXY, Principal.Type.USER, null, Fixtures.uuid("user"), actor, null);
    }

    private static void assertAgentNotFound(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainError.NotFound.class,
                e -> assertThat(e.detail()).isEqualTo("Agent not found"));
    }

    @Test
    void aBearerKeysBoundAgentIsTheActorWithoutAnotherRead() {
        Agent alice = agent(demo, "alice").build();

        assertThat(actors.require(bearer(alice.id(), alice))).isSameAs(alice);
        assertThat(store.reads()).isZero();
    }

    @Test
    void aProxyActorIsLookedUpInThePrincipalsProject() {
        Agent alice = store.add(agent(demo, "alice").build());

        assertThat(actors.require(proxy(alice.id()))).isEqualTo(alice);
        assertThat(store.reads()).isEqualTo(1);
    }

    @Test
    void anUnknownActorIsNotFound() {
        assertAgentNotFound(() -> actors.require(proxy(new AgentId(Fixtures.uuid("nobody")))));
    }

    @Test
    void anActorOfAnotherProjectIsNotFound() {
        Agent foreign = store.add(agent(other, "mallory").build());

        assertAgentNotFound(() -> actors.require(proxy(foreign.id())));
        assertAgentNotFound(() -> actors.require(bearer(foreign.id(), foreign)));
    }

    @Test
    void aDeletedBoundAgentIsNotFound() {
        Agent gone = store.add(agent(demo, "alice").deletedAt(T0).status(Agent.Status.DEREGISTERED).build());

        assertAgentNotFound(() -> actors.require(bearer(gone.id(), gone)));
    }

    @Test
    void anUnboundKeyIsForbiddenBeforeAnyLookup() {
        assertThatThrownBy(() -> actors.require(bearer(null, null)))
                .isInstanceOfSatisfying(DomainError.Forbidden.class,
                        e -> assertThat(e.detail()).isEqualTo("API key is not bound to an agent"));
        assertThat(store.reads()).isZero();
    }

    @Test
    void findWithoutAnActorIsEmpty() {
        assertThat(actors.find(bearer(null, null))).isEmpty();
        assertThat(actors.find(proxy(new AgentId(Fixtures.uuid("nobody"))))).isEmpty();
    }
}
