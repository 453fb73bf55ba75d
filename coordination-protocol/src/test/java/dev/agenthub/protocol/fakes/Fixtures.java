package dev.agenthub.protocol.fakes;

import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.identity.ApiKey;
import dev.agenthub.protocol.identity.ApiKeySecret;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.projects.Project;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.random.RandomGenerator;

/** Deterministic test data: projects, agents and API keys with ids derived from their names. */
public final class Fixtures {

    /** A start time with nanoseconds, so tests notice whether a use case truncates to microseconds. */
    public static final Instant T0 = Instant.parse("2026-02-07T11:14:49.123456789Z");

    private Fixtures() {
    }

    /** A stable UUID for a name (name-based, so two fixtures with the same name share the id). */
    public static UUID uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    /** A live standalone project whose id derives from the slug. */
    public static Project project(String slug) {
        return new Project(new ProjectId(uuid("project:" + slug)), slug, slug, null, "private", T0);
    }

    public static AgentBuilder agent(Project project, String alias) {
        return new AgentBuilder(project.id(), alias);
    }

    /** A key for {@code agent} (null: a project-only key), minted from {@code random}, with its plaintext. */
    public static IssuedKey key(ProjectId project, AgentId agent, RandomGenerator random) {
        ApiKeySecret secret = ApiKeySecret.mint(random);
        ApiKey key = ApiKey.mint(uuid("key:" + secret.hash()), project, agent, null, secret, T0);
        return new IssuedKey(key, secret.reveal());
    }

    /** A stored key with the plaintext a client would present. */
    public record IssuedKey(ApiKey key, String plaintext) {
        public String header() {
            return "Bearer " + plaintext;
        }
    }

    /** Builds an {@link Agent}; by default live, active, ephemeral, type {@code agent}, id from project + alias. */
    public static final class AgentBuilder {
        private final ProjectId project;
        private final String alias;
        private AgentId id;
        private String humanName = "";
        private String agentType = "agent";
        private Agent.Lifetime lifetime = Agent.Lifetime.EPHEMERAL;
        private Agent.Status status = Agent.Status.ACTIVE;
        private String role = "agent";
        private Agent.AccessMode accessMode = Agent.AccessMode.OPEN;
        private Instant deletedAt;

        private AgentBuilder(ProjectId project, String alias) {
            this.project = project;
            this.alias = alias;
            this.id = new AgentId(uuid("agent:" + project + "/" + alias));
        }

        public AgentBuilder id(AgentId id) {
            this.id = id;
            return this;
        }

        public AgentBuilder humanName(String humanName) {
            this.humanName = humanName;
            return this;
        }

        public AgentBuilder type(String agentType) {
            this.agentType = agentType;
            return this;
        }

        public AgentBuilder system() {
            return type(Agent.SYSTEM_TYPE);
        }

        public AgentBuilder persistent() {
            this.lifetime = Agent.Lifetime.PERSISTENT;
            return this;
        }

        public AgentBuilder status(Agent.Status status) {
            this.status = status;
            return this;
        }

        public AgentBuilder role(String role) {
            this.role = role;
            return this;
        }

        /** Access mode {@code contacts_only}. */
        public AgentBuilder contactsOnly() {
            this.accessMode = Agent.AccessMode.CONTACTS_ONLY;
            return this;
        }

        /** Soft-deleted at {@code at}, as deregistration leaves it. */
        public AgentBuilder deletedAt(Instant at) {
            this.deletedAt = at;
            return this;
        }

        public Agent build() {
            return new Agent(id, project, alias, humanName, agentType, accessMode, null, null, null,
                    lifetime, status, null, role, null, null, T0, deletedAt);
        }
    }
}
