package dev.agenthub.it.identity;

import dev.agenthub.persistence.protocol.JooqAgentStore;
import dev.agenthub.persistence.protocol.JooqApiKeyStore;
import dev.agenthub.persistence.protocol.JooqProjectStore;
import dev.agenthub.persistence.sql.JooqTransactionRunner;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.identity.ApiKey;
import dev.agenthub.protocol.identity.port.ApiKeyStore.Credential;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.projects.Project;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static dev.agenthub.persistence.jooq.protocol.Tables.PROJECTS;
import static org.assertj.core.api.Assertions.assertThat;

/** The key lookup behind every bearer request ({@code JooqApiKeyStore.findByHash}) on PostgreSQL. */
@ExtendWith(TestInfrastructure.class)
class JooqApiKeyStoreTest {

    private static final Instant CREATED = Instant.parse("2026-02-07T11:14:49.123456Z");

    private final DSLContext dsl;
    private final JooqTransactionRunner runner;
    private final JooqApiKeyStore keys;
    private final JooqAgentStore agents;
    private final Project project;

    JooqApiKeyStoreTest(TestDatabase database) {
        dsl = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
        runner = new JooqTransactionRunner(dsl);
        keys = new JooqApiKeyStore(runner);
        agents = new JooqAgentStore(runner);
        project = new JooqProjectStore(runner).ensure(new Project(new ProjectId(UUID.randomUUID()),
                "keys-" + UUID.randomUUID().toString().substring(0, 8), "Keys", null, "private", CREATED));
    }

    @Test
    void aBoundKeyComesWithItsLiveProjectAndEveryFieldOfItsAgent() {
        Agent agent = new Agent(new AgentId(UUID.randomUUID()), project.id(), "carol-dev", "Carol", "agent",
                Agent.AccessMode.CONTACTS_ONLY, "did:key:z6Mk", "pk", "custodial", Agent.Lifetime.PERSISTENT,
                Agent.Status.ACTIVE, new AgentId(UUID.randomUUID()), "developer", "claude", "{\"a\": [1, 2]}", CREATED, null);
        assertThat(agents.insert(agent)).isTrue();
        ApiKey key = new ApiKey(UUID.randomUUID(), project.id(), agent.id(), UUID.randomUUID(), "aw_sk_0123ab", hash(),
                true, CREATED, CREATED.plusSeconds(5));
        keys.insert(key);

        assertThat(keys.findByHash(key.keyHash())).contains(new Credential(key, true, agent));
    }

    @Test
    void anUnboundOrInactiveKeyIsFoundAsItIsAndAnUnknownHashIsNot() {
        ApiKey unbound = new ApiKey(UUID.randomUUID(), project.id(), null, null, "aw_sk_aaaaaa", hash(), false, CREATED, null);
        keys.insert(unbound);

        assertThat(keys.findByHash(unbound.keyHash())).contains(new Credential(unbound, true, null));
        assertThat(keys.findByHash(hash())).isEmpty();
    }

    @Test
    void theProjectsDeletionAndTheAgentsDeregistrationShow() {
        Agent agent = agent("dave");
        ApiKey key = new ApiKey(UUID.randomUUID(), project.id(), agent.id(), null, "aw_sk_bbbbbb", hash(), true, CREATED, null);
        keys.insert(key);
        Instant gone = CREATED.plusSeconds(60);
        Agent deregistered = agents.deregister(project.id(), agent.id(), gone).orElseThrow();
        dsl.update(PROJECTS).set(PROJECTS.DELETED_AT, gone.atOffset(ZoneOffset.UTC))
                .where(PROJECTS.PROJECT_ID.eq(project.id().value())).execute();

        Credential found = keys.findByHash(key.keyHash()).orElseThrow();
        assertThat(found.projectLive()).isFalse();
        assertThat(found.agent()).isEqualTo(deregistered);
        assertThat(found.agent().live()).isFalse();
    }

    @Test
    void insideATransactionTheLookupReadsOnTheTransactionsConnection() {
        Agent agent = agent("erin");
        ApiKey key = new ApiKey(UUID.randomUUID(), project.id(), agent.id(), null, "aw_sk_cccccc", hash(), true, CREATED, null);
        Optional<Credential> inside = runner.inTransaction(() -> {
            keys.insert(key);
            Optional<Credential> uncommitted = keys.findByHash(key.keyHash());
            assertThat(runner.inTransaction(() -> keys.findByHash(key.keyHash()))).as("in a savepoint").isEqualTo(uncommitted);
            return uncommitted;
        });
        assertThat(inside).contains(new Credential(key, true, agent));
        assertThat(keys.findByHash(key.keyHash())).as("committed").isEqualTo(inside);
    }

    @Test
    void aRolledBackKeyIsNotFound() {
        ApiKey key = new ApiKey(UUID.randomUUID(), project.id(), null, null, "aw_sk_dddddd", hash(), true, CREATED, null);
        try {
            runner.inTransaction(() -> {
                keys.insert(key);
                assertThat(keys.findByHash(key.keyHash())).isPresent();
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertThat(keys.findByHash(key.keyHash())).isEmpty();
    }

    private Agent agent(String alias) {
        Agent agent = new Agent(new AgentId(UUID.randomUUID()), project.id(), alias, "", "agent", Agent.AccessMode.OPEN,
                null, null, null, Agent.Lifetime.EPHEMERAL, Agent.Status.ACTIVE, null, null, null, null, CREATED, null);
        assertThat(agents.insert(agent)).isTrue();
        return agent;
    }

    private static String hash() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
