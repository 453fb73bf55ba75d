package dev.agenthub.persistence.protocol;

import dev.agenthub.persistence.jooq.protocol.tables.records.ApiKeysRecord;
import dev.agenthub.persistence.sql.JooqSession;
import dev.agenthub.persistence.sql.PreparedQuery;
import dev.agenthub.protocol.identity.ApiKey;
import dev.agenthub.protocol.identity.port.ApiKeyStore;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.agenthub.persistence.jooq.protocol.Tables.AGENTS;
import static dev.agenthub.persistence.jooq.protocol.Tables.API_KEYS;
import static dev.agenthub.persistence.jooq.protocol.Tables.PROJECTS;
import static dev.agenthub.persistence.protocol.SqlTime.instant;
import static dev.agenthub.persistence.protocol.SqlTime.utc;

/**
 * {@link ApiKeyStore} on PostgreSQL. A lookup is one indexed read joining the key's project and bound
 * agent, which is all a request's authentication costs.
 *
 * <p>That lookup runs on every authenticated request, and building and rendering its jOOQ query (27
 * qualified columns, two joins) cost more than executing it. Its SQL never changes, so it is a
 * {@link PreparedQuery}: rendered once, then executed on the session's connection (the ambient
 * transaction's, when there is one); jOOQ still binds the hash and maps the row, through the same fields.
 */
public final class JooqApiKeyStore implements ApiKeyStore {

    /** The columns of a lookup, in order: the key, its project's deletion time, the bound agent. */
    private static final Field<?>[] CREDENTIAL_FIELDS = Stream.of(
            Stream.of(API_KEYS.fields()), Stream.<Field<?>>of(PROJECTS.DELETED_AT), Stream.of(AGENTS.fields()))
            .flatMap(fields -> fields).toArray(Field<?>[]::new);

    /** The lookup: one bind value, the key's hash. */
    private static final PreparedQuery FIND_BY_HASH = PreparedQuery.of(dsl -> dsl.select(CREDENTIAL_FIELDS)
            .from(API_KEYS)
            .join(PROJECTS).on(PROJECTS.PROJECT_ID.eq(API_KEYS.PROJECT_ID))
            .leftJoin(AGENTS).on(AGENTS.AGENT_ID.eq(API_KEYS.AGENT_ID))
            .where(API_KEYS.KEY_HASH.eq(DSL.param("key_hash", API_KEYS.KEY_HASH))), "key_hash");

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
        return FIND_BY_HASH.fetchOptional(session.dsl(), CREDENTIAL_FIELDS, keyHash).map(JooqApiKeyStore::toCredential);
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
