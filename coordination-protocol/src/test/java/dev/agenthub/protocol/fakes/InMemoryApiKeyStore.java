package dev.agenthub.protocol.fakes;

import dev.agenthub.protocol.agents.port.AgentStore;
import dev.agenthub.protocol.identity.ApiKey;
import dev.agenthub.protocol.identity.port.ApiKeyStore;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.projects.port.ProjectStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link ApiKeyStore} over a map. Like the real store it reads, with the key, whether the key's project is live
 * ({@code projects}) and the bound agent in any state ({@code agents}).
 */
public final class InMemoryApiKeyStore implements ApiKeyStore {

    /** One call of {@link #recordUse}. */
    public record RecordedUse(UUID keyId, Instant now, Instant staleBefore) {
    }

    private final ProjectStore projects;
    private final AgentStore agents;
    private final Map<UUID, ApiKey> keys = new LinkedHashMap<>();
    private final List<RecordedUse> uses = new ArrayList<>();

    public InMemoryApiKeyStore(ProjectStore projects, AgentStore agents) {
        this.projects = Objects.requireNonNull(projects, "projects");
        this.agents = Objects.requireNonNull(agents, "agents");
    }

    /** Every stored key, in insertion order. */
    public List<ApiKey> all() {
        return List.copyOf(keys.values());
    }

    public ApiKey get(UUID id) {
        return Objects.requireNonNull(keys.get(id), () -> "no key " + id);
    }

    /** Every {@link #recordUse} call, in order. */
    public List<RecordedUse> recordedUses() {
        return List.copyOf(uses);
    }

    @Override
    public void insert(ApiKey key) {
        if (keys.containsKey(key.id()) || keys.values().stream().anyMatch(k -> k.keyHash().equals(key.keyHash()))) {
            throw new IllegalArgumentException("key id or hash already stored: " + key.id());
        }
        keys.put(key.id(), key);
    }

    @Override
    public Optional<Credential> findByHash(String keyHash) {
        return keys.values().stream()
                .filter(key -> key.keyHash().equals(keyHash))
                .findFirst()
                .map(key -> new Credential(key, projects.find(key.project()).isPresent(),
                        key.agent() == null ? null : agents.findAnyState(key.agent()).orElse(null)));
    }

    @Override
    public void recordUse(UUID keyId, Instant now, Instant staleBefore) {
        uses.add(new RecordedUse(keyId, now, staleBefore));
        ApiKey key = keys.get(keyId);
        if (key != null && (key.lastUsedAt() == null || !key.lastUsedAt().isAfter(staleBefore))) {
            keys.put(keyId, withLastUsed(key, now));
        }
    }

    @Override
    public int deactivateAllOf(AgentId agent) {
        int deactivated = 0;
        for (ApiKey key : List.copyOf(keys.values())) {
            if (agent.equals(key.agent()) && key.active()) {
                keys.put(key.id(), new ApiKey(key.id(), key.project(), key.agent(), key.userId(), key.keyPrefix(),
                        key.keyHash(), false, key.createdAt(), key.lastUsedAt()));
                deactivated++;
            }
        }
        return deactivated;
    }

    private static ApiKey withLastUsed(ApiKey key, Instant lastUsed) {
        return new ApiKey(key.id(), key.project(), key.agent(), key.userId(), key.keyPrefix(), key.keyHash(),
                key.active(), key.createdAt(), lastUsed);
    }
}
