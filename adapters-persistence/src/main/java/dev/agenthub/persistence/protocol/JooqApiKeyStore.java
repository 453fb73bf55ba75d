package dev.agenthub.persistence.protocol;

import dev.agenthub.persistence.jooq.protocol.tables.records.ApiKeysRecord;
import dev.agenthub.persistence.sql.JooqSession;
import dev.agenthub.protocol.identity.ApiKey;
import dev.agenthub.protocol.identity.port.ApiKeyStore;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Select;
import org.jooq.exception.TooManyRowsException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * qualified columns, two joins) cost more than executing it. Its SQL never changes, so it is rendered once
 * and then executed as a plain prepared statement on the session's connection (the ambient transaction's,
 * when there is one); jOOQ still maps the row, through the same fields.
 */
public final class JooqApiKeyStore implements ApiKeyStore {

    /** The columns of a lookup, in order: the key, its project's deletion time, the bound agent. */
    private static final Field<?>[] CREDENTIAL_FIELDS = Stream.of(
            Stream.of(API_KEYS.fields()), Stream.<Field<?>>of(PROJECTS.DELETED_AT), Stream.of(AGENTS.fields()))
            .flatMap(fields -> fields).toArray(Field<?>[]::new);

    private final JooqSession session;
    /** The lookup's SQL, rendered on first use; a race renders the same text twice, which is harmless. */
    private volatile String findByHashSql;

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
        DSLContext dsl = session.dsl();
        String sql = findByHashSql;
        if (sql == null) {
            sql = dsl.render(findByHashQuery(dsl, keyHash));
            findByHashSql = sql;
        }
        String lookup = sql;
        Result<Record> rows = dsl.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(lookup)) {
                statement.setString(1, keyHash);
                try (ResultSet result = statement.executeQuery()) {
                    return dsl.fetch(result, CREDENTIAL_FIELDS);
                }
            }
        });
        if (rows.size() > 1) {
            throw new TooManyRowsException("API key hash matched " + rows.size() + " rows"); // key_hash is unique
        }
        return rows.isEmpty() ? Optional.empty() : Optional.of(toCredential(rows.get(0)));
    }

    /** The lookup as a jOOQ query: its rendering, with one bind value for the hash, is {@link #findByHashSql}. */
    static Select<Record> findByHashQuery(DSLContext dsl, String keyHash) {
        return dsl.select(CREDENTIAL_FIELDS)
                .from(API_KEYS)
                .join(PROJECTS).on(PROJECTS.PROJECT_ID.eq(API_KEYS.PROJECT_ID))
                .leftJoin(AGENTS).on(AGENTS.AGENT_ID.eq(API_KEYS.AGENT_ID))
                .where(API_KEYS.KEY_HASH.eq(keyHash));
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
