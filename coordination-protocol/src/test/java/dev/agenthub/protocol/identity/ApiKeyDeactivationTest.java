package dev.agenthub.protocol.identity;

import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.agents.Agents;
import dev.agenthub.protocol.fakes.FakeTransactionRunner;
import dev.agenthub.protocol.fakes.Fixtures;
import dev.agenthub.protocol.fakes.Fixtures.IssuedKey;
import dev.agenthub.protocol.fakes.InMemoryAgentStore;
import dev.agenthub.protocol.fakes.InMemoryApiKeyStore;
import dev.agenthub.protocol.fakes.InMemoryPresenceIndex;
import dev.agenthub.protocol.fakes.InMemoryProjectStore;
import dev.agenthub.protocol.fakes.MutableClock;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.projects.Project;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static dev.agenthub.protocol.fakes.Fixtures.T0;
import static dev.agenthub.protocol.fakes.Fixtures.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeyDeactivationTest {

    private final Random random = new Random(11);
    private final InMemoryProjectStore projects = new InMemoryProjectStore();
    private final InMemoryAgentStore agents = new InMemoryAgentStore();
    private final InMemoryApiKeyStore keys = new InMemoryApiKeyStore(projects, agents);
    private final Project demo = projects.add(Fixtures.project("demo"));
    private final Agent alice = agents.add(agent(demo, "alice").build());
    private final Agent bob = agents.add(agent(demo, "bob").build());

    private IssuedKey keyOf(Agent agent) {
        IssuedKey issued = Fixtures.key(demo.id(), agent == null ? null : agent.id(), random);
        keys.insert(issued.key());
        return issued;
    }

    private boolean active(IssuedKey issued) {
        return keys.get(issued.key().id()).active();
    }

    @Test
    void deactivatesEveryKeyOfTheAgentAndNoOther() {
        IssuedKey first = keyOf(alice);
        IssuedKey second = keyOf(alice);
        IssuedKey bobs = keyOf(bob);
        IssuedKey projectKey = keyOf(null);

        new ApiKeyDeactivation(keys).agentDeregistered(alice);

        assertThat(active(first)).isFalse();
        assertThat(active(second)).isFalse();
        assertThat(active(bobs)).isTrue();
        assertThat(active(projectKey)).isTrue();
    }

    @Test
    void asADeregistrationCascadeItLocksTheAgentOut() {
        IssuedKey aliceKey = keyOf(alice);
        IssuedKey bobKey = keyOf(bob);
        MutableClock clock = new MutableClock(T0);
        Authenticator authenticator = new Authenticator(keys, clock, null);
        Agents useCases = new Agents(new FakeTransactionRunner(), projects, agents, new InMemoryPresenceIndex(),
                List.of(new ApiKeyDeactivation(keys)), clock);
        assertThat(authenticator.bearer(aliceKey.header()).actor()).isEqualTo(alice.id());

        useCases.deregisterMe(alice);

        assertThatThrownBy(() -> authenticator.bearer(aliceKey.header()))
                .isInstanceOfSatisfying(DomainError.Unauthenticated.class,
                        e -> assertThat(e.detail()).isEqualTo("Invalid API key"));
        assertThat(authenticator.bearer(bobKey.header()).actor()).isEqualTo(bob.id());
    }
}
