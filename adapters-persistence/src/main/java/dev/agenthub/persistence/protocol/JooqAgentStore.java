package dev.agenthub.persistence.protocol;

import dev.agenthub.persistence.jooq.protocol.tables.records.AgentsRecord;
import dev.agenthub.persistence.sql.JooqSession;
import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.agents.port.AgentStore;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import org.jooq.Condition;
import org.jooq.JSON;
import org.jooq.Record;
import org.jooq.Field;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.agenthub.persistence.jooq.protocol.Tables.AGENTS;
import static dev.agenthub.persistence.protocol.SqlTime.instant;
import static dev.agenthub.persistence.protocol.SqlTime.utc;

/**
 * {@link AgentStore} on PostgreSQL. Alias uniqueness is the partial unique index on live agents, so an
 * insert that loses a race does nothing ({@code ON CONFLICT DO NOTHING}) instead of failing the
 * transaction.
 */
public final class JooqAgentStore implements AgentStore {

    private final JooqSession session;

    public JooqAgentStore(JooqSession session) {
        this.session = session;
    }

    @Override
    public boolean insert(Agent agent) {
        if (!agent.live()) {
            throw new IllegalArgumentException("only live agents are inserted");
        }
        return session.dsl().insertInto(AGENTS)
                .set(AGENTS.AGENT_ID, agent.id().value())
                .set(AGENTS.PROJECT_ID, agent.project().value())
                .set(AGENTS.ALIAS, agent.alias())
                .set(AGENTS.HUMAN_NAME, agent.humanName())
                .set(AGENTS.AGENT_TYPE, agent.agentType())
                .set(AGENTS.ACCESS_MODE, agent.accessMode().wire())
                .set(AGENTS.DID, agent.did())
                .set(AGENTS.PUBLIC_KEY, agent.publicKey())
                .set(AGENTS.CUSTODY, agent.custody())
                .set(AGENTS.LIFETIME, agent.lifetime().wire())
                .set(AGENTS.STATUS, agent.status().wire())
                .set(AGENTS.SUCCESSOR_AGENT_ID, agent.successor() == null ? null : agent.successor().value())
                .set(AGENTS.ROLE, agent.role())
                .set(AGENTS.PROGRAM, agent.program())
                .set(AGENTS.CONTEXT, agent.contextJson() == null ? null : JSON.valueOf(agent.contextJson()))
                .set(AGENTS.CREATED_AT, utc(agent.createdAt()))
                // only a taken live alias is "taken"; any other conflict (a reused id) is an error
                .onConflict(AGENTS.PROJECT_ID, AGENTS.ALIAS).where(AGENTS.DELETED_AT.isNull())
                .doNothing()
                .execute() == 1;
    }

    @Override
    public Optional<Agent> find(ProjectId project, AgentId id) {
        return session.dsl().selectFrom(AGENTS)
                .where(AGENTS.AGENT_ID.eq(id.value()), AGENTS.PROJECT_ID.eq(project.value()), AGENTS.DELETED_AT.isNull())
                .fetchOptional(JooqAgentStore::toAgent);
    }

    @Override
    public Optional<Agent> findAnyState(AgentId id) {
        return session.dsl().selectFrom(AGENTS).where(AGENTS.AGENT_ID.eq(id.value())).fetchOptional(JooqAgentStore::toAgent);
    }

    @Override
    public Optional<Agent> findByAlias(ProjectId project, String alias) {
        return session.dsl().selectFrom(AGENTS)
                .where(AGENTS.PROJECT_ID.eq(project.value()), AGENTS.ALIAS.eq(alias), AGENTS.DELETED_AT.isNull())
                .fetchOptional(JooqAgentStore::toAgent);
    }

    @Override
    public List<Agent> listLive(ProjectId project) {
        return session.dsl().selectFrom(AGENTS)
                .where(AGENTS.PROJECT_ID.eq(project.value()), AGENTS.DELETED_AT.isNull())
                .orderBy(AGENTS.ALIAS.collate("C"))
                .fetch(JooqAgentStore::toAgent);
    }

    @Override
    public List<String> liveAliases(ProjectId project, boolean includeSystem) {
        Condition type = includeSystem ? DSL.noCondition() : AGENTS.AGENT_TYPE.ne(Agent.SYSTEM_TYPE);
        return session.dsl().select(AGENTS.ALIAS).from(AGENTS)
                .where(AGENTS.PROJECT_ID.eq(project.value()), AGENTS.DELETED_AT.isNull(), type)
                .fetch(AGENTS.ALIAS);
    }

    @Override
    public Optional<Agent> updateSettings(ProjectId project, AgentId id, Agent.AccessMode accessMode, String role,
                                          String program, String contextJson) {
        Map<Field<?>, Object> changes = new LinkedHashMap<>();
        if (accessMode != null) {
            changes.put(AGENTS.ACCESS_MODE, accessMode.wire());
        }
        if (role != null) {
            changes.put(AGENTS.ROLE, role);
        }
        if (program != null) {
            changes.put(AGENTS.PROGRAM, program);
        }
        if (contextJson != null) {
            changes.put(AGENTS.CONTEXT, JSON.valueOf(contextJson));
        }
        if (changes.isEmpty()) {
            return find(project, id);
        }
        return session.dsl().update(AGENTS).set(changes)
                .where(AGENTS.AGENT_ID.eq(id.value()), AGENTS.PROJECT_ID.eq(project.value()), AGENTS.DELETED_AT.isNull())
                .returning()
                .fetchOptional(JooqAgentStore::toAgent);
    }

    @Override
    public Optional<Agent> deregister(ProjectId project, AgentId id, Instant now) {
        return session.dsl().update(AGENTS)
                .set(AGENTS.STATUS, Agent.Status.DEREGISTERED.wire())
                .set(AGENTS.DELETED_AT, utc(now))
                .where(AGENTS.AGENT_ID.eq(id.value()), AGENTS.PROJECT_ID.eq(project.value()), AGENTS.DELETED_AT.isNull())
                .returning()
                .fetchOptional(JooqAgentStore::toAgent);
    }

    /** Maps a row of {@code protocol.agents} (or a select of all its columns) to the domain record. */
    static Agent toAgent(Record record) {
        AgentsRecord row = record.into(AGENTS);
        return new Agent(new AgentId(row.getAgentId()), new ProjectId(row.getProjectId()), row.getAlias(),
                row.getHumanName(), row.getAgentType(), Agent.AccessMode.fromWire(row.getAccessMode()), row.getDid(),
                row.getPublicKey(), row.getCustody(), Agent.Lifetime.fromWire(row.getLifetime()),
                Agent.Status.fromWire(row.getStatus()),
                row.getSuccessorAgentId() == null ? null : new AgentId(row.getSuccessorAgentId()), row.getRole(),
                row.getProgram(), row.getContext() == null ? null : row.getContext().data(),
                instant(row.getCreatedAt()), instant(row.getDeletedAt()));
    }
}
