package dev.agenthub.protocol.identity;

import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.identity.port.ApiKeyStore;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a request's credential headers into a {@link Principal} (wire spec §3). With proxy mode on, a
 * request carrying {@code X-BH-Auth} is verified as a signed proxy context and wins; every other request is
 * a bearer request. With proxy mode off the proxy headers are ignored completely.
 *
 * <p>A key's {@code last_used_at} is kept to within {@link #LAST_USED_RESOLUTION}: a successful bearer
 * request writes it only when the stored value is older than that, so a busy key costs one write a minute,
 * not one a request.
 */
public final class Authenticator {

    /** How stale {@code last_used_at} may become before a request refreshes it. */
    public static final Duration LAST_USED_RESOLUTION = Duration.ofSeconds(60);

    private final ApiKeyStore keys;
    private final Clock clock;
    private final ProxySignature proxy;

    /** @param proxy the proxy verifier, or null when proxy mode is off */
    public Authenticator(ApiKeyStore keys, Clock clock, ProxySignature proxy) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.proxy = proxy;
    }

    public boolean proxyMode() {
        return proxy != null;
    }

    /**
     * Project scope (auth B): a signed proxy context, or else a valid bearer key.
     *
     * @throws DomainError.Unauthenticated with the exact §3.1/§3.3 texts
     */
    public Principal authenticate(RequestCredentials credentials) {
        if (proxy != null && credentials.proxyAuth() != null) {
            return proxy.verify(credentials);
        }
        return bearer(credentials.authorization());
    }

    /**
     * Whether the request carries credentials this server would look at (routes that are public but scope
     * themselves to the caller when credentials come, e.g. {@code POST /v1/workspaces/suggest-name-prefix}).
     */
    public boolean presentsCredentials(RequestCredentials credentials) {
        return credentials.authorization() != null || (proxy != null && credentials.proxyAuth() != null);
    }

    /**
     * A bearer key: {@code Authorization: Bearer <key>} naming an active key of a live project.
     *
     * @throws DomainError.Unauthenticated {@code Authentication required}, {@code Invalid Authorization
     *                                     header. Expected: Bearer <token>} or {@code Invalid API key}
     */
    public Principal bearer(String authorizationHeader) {
        ApiKeySecret secret = BearerCredentials.parse(authorizationHeader);
        ApiKeyStore.Credential credential = keys.findByHash(secret.hash())
                .filter(found -> found.key().active() && found.projectLive())
                .orElseThrow(BearerCredentials::invalidKey);
        ApiKey key = credential.key();
        Instant now = clock.instant();
        Instant staleBefore = now.minus(LAST_USED_RESOLUTION);
        if (key.lastUsedAt() == null || key.lastUsedAt().isBefore(staleBefore)) {
            keys.recordUse(key.id(), now, staleBefore);
        }
        Agent bound = credential.boundAgent().filter(agent -> key.agent() != null).orElse(null);
        return new Principal(key.project(), Principal.AuthMode.BEARER, Principal.Type.KEY, key.id(), key.userId(),
                key.agent(), bound);
    }

    /**
     * Registered identity (auth R): bearer only, bound to a live, active agent.
     *
     * @throws DomainError.Unauthenticated {@code Invalid API key} when the key is unbound or its agent row is
     *                                     gone (and every bearer 401)
     * @throws DomainError.Gone            {@code Agent has been deregistered} for a soft-deleted agent, or
     *                                     {@code Agent is <status>} for a retired or deregistered one
     */
    public Principal registered(String authorizationHeader) {
        Principal principal = bearer(authorizationHeader);
        Agent agent = principal.bound().orElseThrow(BearerCredentials::invalidKey);
        if (!agent.live()) {
            throw new DomainError.Gone("Agent has been deregistered");
        }
        if (agent.status() != Agent.Status.ACTIVE) {
            throw new DomainError.Gone("Agent is " + agent.status().wire());
        }
        return principal;
    }

    /**
     * The actor of an actor-required endpoint (auth A).
     *
     * @throws DomainError.Forbidden {@code API key is not bound to an agent} for an unbound bearer key or a
     *                               public reader (only it comes through the proxy without an actor)
     */
    public static AgentId requireActor(Principal principal) {
        Optional<AgentId> actor = principal.actorId();
        if (actor.isPresent()) {
            return actor.get();
        }
        throw new DomainError.Forbidden("API key is not bound to an agent");
    }

    /**
     * Actor binding (auth AB): a bearer key bound to an agent may only act for that agent's workspace.
     * Unbound keys and proxy contexts pass.
     *
     * @throws DomainError.Forbidden with {@code message}
     */
    public static void requireBinding(Principal principal, AgentId workspace, String message) {
        if (principal.mode() == Principal.AuthMode.BEARER && principal.actor() != null
                && !principal.actor().equals(workspace)) {
            throw new DomainError.Forbidden(message);
        }
    }
}
