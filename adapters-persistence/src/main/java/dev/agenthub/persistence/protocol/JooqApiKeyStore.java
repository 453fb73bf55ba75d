package dev.agenthub.persistence.protocol;

import dev.agenthub.persistence.jooq.protocol.tables.records.ApiKeysRecord;
import dev.agenthub.persistence.sql.JooqSession;
import dev.agenthub.protocol.identity.ApiKey;
import dev.agenthub.protocol.identity.port.ApiKeyStore;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import org.jooq.Record;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static dev.agenthub.persistence.jooq.protocol.Tables.AGENTS;
import static dev.agenthub.persistence.jooq.protocol.Tables.API_KEYS;
import static dev.agenthub.persistence.jooq.protocol.Tables.PROJECTS;
import static dev.agenthub.persistence.protocol.SqlTime.instant;
import static dev.agenthub.persistence.protocol.SqlTime.utc;

/**
 * {@link ApiKeyStore} on PostgreSQL. A lookup is one indexed read joining the key's project and bound
 * agent, which is all a request's authentication costs.
 */
public final class JooqApiKeyStore implements ApiKeyStore {

    private final JooqSession session;

    public JooqApiKeyStore(JooqSession session) {
        this.session = session;
    }

    @Override
    public void insert(ApiKey key) {
        session.dsl().insertInto(API_KEYS)
                .set(API_KEYS.API_KEY_ID, key.id())
                .set(API_KEYS.PROJECT_ID, key.project().value())
                .set(API_KEYS.AGENT_ID, key.agent() == null ? null : key.agent().value())
                .set(API_KEYS.USER_ID, key.userId())
                .set(API_KEYS.KEY_PREFIX, key.keyPrefix())
                .set(API_KEYS.KEY_HASH, key.keyHash())
                .set(API_KEYS.IS_ACTIVE, key.active())
                .set(API_KEYS.CREATED_AT, utc(key.createdAt()))
                .set(API_KEYS.LAST_USED_AT, utc(key.lastUsedAt()))
                .execute();
    }

    @Override
    public Optional<Credential> findByHash(String keyHash) {
        return session.dsl().select(API_KEYS.fields()).select(PROJECTS.DELETED_AT).select(AGENTS.fields())
                .from(API_KEYS)
                .join(PROJECTS).on(PROJECTS.PROJECT_ID.eq(API_KEYS.PROJECT_ID))
                .leftJoin(AGENTS).on(AGENTS.AGENT_ID.eq(API_KEYS.AGENT_ID))
                .where(API_KEYS.KEY_HASH.eq(keyHash))
                .fetchOptional(JooqApiKeyStore::toCredential);
    }

    @Override
    public void recordUse(UUID keyId, Instant now, Instant staleBefore) {
        session.dsl().update(API_KEYS)
                .set(API_KEYS.LAST_USED_AT, utc(now))
                .where(API_KEYS.API_KEY_ID.eq(keyId),
                        API_KEYS.LAST_USED_AT.isNull().or(API_KEYS.LAST_USED_AT.lt(utc(staleBefore))))
                .execute();
    }

    @Override
    public int deactivateAllOf(AgentId agent) {
        return session.dsl().update(API_KEYS)
                .set(API_KEYS.IS_ACTIVE, false)
                .where(API_KEYS.AGENT_ID.eq(agent.value()), API_KEYS.IS_ACTIVE.isTrue())
                .execute();
    }

    private static Credential toCredential(Record record) {
        ApiKeysRecord row = record.into(API_KEYS);
        ApiKey key = new ApiKey(row.getApiKeyId(), new ProjectId(row.getProjectId()),
                row.getAgentId() == null ? null : new AgentId(row.getAgentId()), row.getUserId(), row.getKeyPrefix(),
                row.getKeyHash(), row.getIsActive(), instant(row.getCreatedAt()), instant(row.getLastUsedAt()));
        boolean projectLive = record.get(PROJECTS.DELETED_AT) == null;
        return new Credential(key, projectLive, record.get(AGENTS.AGENT_ID) == null ? null : JooqAgentStore.toAgent(record));
    }
}
