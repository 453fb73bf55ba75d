package dev.agenthub.http.autopilot.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.BodyFields;
import dev.agenthub.http.support.JsonBodies;
import dev.agenthub.orchestration.access.ApiKeyRing;
import dev.agenthub.orchestration.access.Caller;
import dev.agenthub.orchestration.access.Role;
import dev.agenthub.protocol.kernel.error.DomainError;
import io.javalin.http.Context;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code POST /auth/token} (wire spec §3.6, §14 D4) and {@code GET /auth/me} (§3.7). */
public final class AuthRoutes {

    static final String BOOTSTRAP_ONLY = "Token issuance requires AGENT_HUB_REQUIRE_API_KEY=1 for bootstrap safety";
    /** §3.6: 30 days. */
    static final long MAX_EXPIRES_IN_SECONDS = 2_592_000;
    static final int MAX_SUBJECT = 120;

    private final AutopilotAuth auth;
    private final JsonBodies bodies;

    public AuthRoutes(AutopilotAuth auth, JsonBodies bodies) {
        this.auth = auth;
        this.bodies = bodies;
    }

    public void register(ApiRoutes routes) {
        routes.post("/auth/token", Operation.of("auth", "Mint a bearer JWT with an API key (bootstrap)")
                .respond(401, "Invalid or missing API key")
                .respond(403, "Token issuance disabled, or the role exceeds the key's maximum role")
                .respond(422, "Validation failed")
                .respond(500, "No API keys or no JWT secret configured"), this::token);
        routes.get("/auth/me", Operation.of("auth", "The subject and role of the bearer JWT")
                .respond(401, "Missing, expired or malformed bearer token")
                .respond(500, "No JWT secret configured"), this::me);
    }

    private void token(Context ctx) {
        if (!auth.settings().requireApiKey()) {
            throw new DomainError.Forbidden(BOOTSTRAP_ONLY);
        }
        ApiKeyRing.Match key = auth.requireKey(Credentials.of(ctx));
        BodyFields body = bodies.fields(ctx);
        String subject = body.requiredString("subject", 1, MAX_SUBJECT);
        String roleName = body.string("role", Integer.MAX_VALUE, Role.MAINTAINER.wireName());
        JsonNode expires = body.body().get("expires_in_seconds");
        long expiresIn = expires == null || expires.isNull() ? 0
                : body.integer("expires_in_seconds", 1, MAX_EXPIRES_IN_SECONDS, 0);
        body.validate();
        Role role = Role.fromWireName(roleName)
                .orElseThrow(() -> new DomainError.Invalid("'" + roleName + "' is not a valid Role"));
        if (!key.maxRole().atLeast(role)) {
            throw new DomainError.Forbidden("Requested role '" + role.wireName() + "' exceeds the maximum role '"
                    + key.maxRole().wireName() + "' allowed for this API key");
        }
        Duration ttl = expiresIn > 0 ? Duration.ofSeconds(expiresIn) : auth.settings().jwtTtl();
        String token = auth.requireCodec().mint(subject, role, ttl, Optional.of(key.akh()));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("access_token", token);
        response.put("token_type", "bearer");
        ctx.json(response);
    }

    private void me(Context ctx) {
        Caller.Principal principal = auth.requirePrincipal(Credentials.of(ctx).bearer());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("subject", principal.subject());
        response.put("role", principal.role().wireName());
        ctx.json(response);
    }
}
