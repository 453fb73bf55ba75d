package dev.agenthub.http.autopilot.auth;

import dev.agenthub.http.autopilot.AutopilotCallers;
import dev.agenthub.orchestration.access.AccessSettings;
import dev.agenthub.orchestration.access.ApiKeyRing;
import dev.agenthub.orchestration.access.Caller;
import dev.agenthub.orchestration.access.Role;
import dev.agenthub.orchestration.access.TokenCodec;
import dev.agenthub.protocol.kernel.error.DomainError;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The gates of wire spec §3 for the Agent Hub API, run as one before-filter so they answer before routing,
 * body validation and resource lookup (§1 order of checks):
 *
 * <ul>
 *   <li><b>write gate</b> on POST, PATCH, PUT and DELETE under {@code /projects}: the API-key check (§3.1), then the
 *       role gate (§3.2), or, with the role gate off, the read-only key rule (§14 D4);</li>
 *   <li><b>read gate</b> on GET and HEAD under {@code /projects} and on {@code GET /auth/me} (§3.3). The
 *       {@code /v1} coordination API has its own authentication, so the read gate does not cover it;</li>
 *   <li>the {@link Caller} of every {@code /projects…} request, set whether the gates are on or off, for the
 *       handlers ({@link AutopilotCallers}).</li>
 * </ul>
 *
 * <p>{@code POST /auth/token} and {@code GET /auth/me} do their own checks through {@link #requireKey} and
 * {@link #requirePrincipal}.
 */
public final class AutopilotAuth {

    static final String MISSING_SECRET = "Missing JWT secret in AGENT_HUB_JWT_SECRET";
    static final String NO_KEYS = "API key auth enabled but no keys configured";
    static final String INVALID_KEY = "Invalid or missing API key";
    static final String MISSING_BEARER = "Missing bearer token";
    static final String EXPIRED = "Token expired";
    static final String MALFORMED = "Malformed bearer token";
    static final String INSUFFICIENT_ROLE = "Insufficient role. Requires one of: maintainer, admin";
    static final String READ_ONLY_KEY = "API key is read-only";

    private static final Set<HandlerType> WRITES = Set.of(HandlerType.POST, HandlerType.PATCH, HandlerType.PUT, HandlerType.DELETE);
    private static final Set<HandlerType> READS = Set.of(HandlerType.GET, HandlerType.HEAD);

    private final AccessSettings settings;
    private final Optional<TokenCodec> tokens;

    /**
     * @param tokens the codec keyed with the configured secret; empty when no usable secret is configured, in which
     *               case every check that needs a token answers 500 {@value #MISSING_SECRET}
     */
    public AutopilotAuth(AccessSettings settings, Optional<TokenCodec> tokens) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /** Every gate off and no secret: {@code /projects…} is open and every caller is anonymous. */
    public static AutopilotAuth open() {
        return new AutopilotAuth(AccessSettings.open(), Optional.empty());
    }

    public AccessSettings settings() {
        return settings;
    }

    /** The before-filter: the gates, then the caller. Other paths pass untouched. */
    public void gate(Context ctx) {
        String path = ctx.path();
        boolean projects = path.equals("/projects") || path.startsWith("/projects/");
        boolean me = path.equals("/auth/me");
        if (!projects && !me) {
            return;
        }
        Credentials credentials = Credentials.of(ctx);
        HandlerType method = ctx.method();
        Optional<Caller.Principal> verified = Optional.empty();
        if (projects && WRITES.contains(method)) {
            verified = writeGate(credentials);
        } else if (READS.contains(method) && settings.requireReads()) {
            verified = Optional.of(requirePrincipal(credentials.bearer()));
        }
        if (projects) {
            AutopilotCallers.set(ctx, verified.isPresent() ? verified.get() : caller(credentials));
        }
    }

    /** The key check, then the role gate or the read-only rule; the principal when the role gate verified one. */
    private Optional<Caller.Principal> writeGate(Credentials credentials) {
        Optional<ApiKeyRing.Match> key = settings.requireApiKey() ? Optional.of(requireKey(credentials)) : Optional.empty();
        if (settings.requireRoles()) {
            Caller.Principal principal = requirePrincipal(credentials.bearer());
            if (!principal.role().atLeast(Role.MAINTAINER)) {
                throw new DomainError.Forbidden(INSUFFICIENT_ROLE);
            }
            return Optional.of(principal);
        }
        if (key.isPresent() && !key.get().maxRole().atLeast(Role.MAINTAINER)) {
            throw new DomainError.Forbidden(READ_ONLY_KEY);
        }
        return Optional.empty();
    }

    /**
     * §3.1: the presented key must be a configured one.
     *
     * @throws DomainError.Internal        500 when no key is configured
     * @throws DomainError.Unauthenticated 401 {@value #INVALID_KEY}, without a bearer challenge
     */
    ApiKeyRing.Match requireKey(Credentials credentials) {
        if (settings.keys().isEmpty()) {
            throw new DomainError.Internal(NO_KEYS);
        }
        return settings.keys().match(credentials.presentedKey())
                .orElseThrow(() -> new DomainError.Unauthenticated(INVALID_KEY, false));
    }

    /**
     * §3.2: a valid bearer JWT of any role. Every 401 carries {@code WWW-Authenticate: Bearer}.
     *
     * @throws DomainError.Unauthenticated {@value #MISSING_BEARER}, {@value #EXPIRED} or {@value #MALFORMED}
     * @throws DomainError.Internal        {@value #MISSING_SECRET} when a bearer came but no secret is configured
     */
    Caller.Principal requirePrincipal(Optional<String> bearer) {
        if (bearer.isEmpty()) {
            throw new DomainError.Unauthenticated(MISSING_BEARER, true);
        }
        TokenCodec codec = tokens.orElseThrow(() -> new DomainError.Internal(MISSING_SECRET));
        return switch (codec.verify(bearer.get())) {
            case TokenCodec.Valid valid -> new Caller.Principal(valid.subject(), valid.role());
            case TokenCodec.Expired expired -> throw new DomainError.Unauthenticated(EXPIRED, true);
            case TokenCodec.Malformed malformed -> throw new DomainError.Unauthenticated(MALFORMED, true);
        };
    }

    /** The codec for minting; 500 {@value #MISSING_SECRET} without a secret. */
    TokenCodec requireCodec() {
        return tokens.orElseThrow(() -> new DomainError.Internal(MISSING_SECRET));
    }

    /**
     * Who is calling, gates on or off: the principal of a valid bearer JWT; else the holder of a configured key
     * (from {@code X-API-Key}, or a bearer that is an API key rather than a JWT: error-path hardening); else
     * anonymous.
     */
    private Caller caller(Credentials credentials) {
        if (credentials.bearer().isPresent() && tokens.isPresent()
                && tokens.get().verify(credentials.bearer().get()) instanceof TokenCodec.Valid valid) {
            return new Caller.Principal(valid.subject(), valid.role());
        }
        if (!credentials.apiKeyHeader().isEmpty()) {
            Optional<ApiKeyRing.Match> key = settings.keys().match(credentials.apiKeyHeader());
            if (key.isPresent()) {
                return new Caller.KeyHolder(key.get().maxRole(), false);
            }
        }
        if (credentials.bearer().isPresent()) {
            Optional<ApiKeyRing.Match> key = settings.keys().match(credentials.bearer().get());
            if (key.isPresent()) {
                return new Caller.KeyHolder(key.get().maxRole(), true);
            }
        }
        return new Caller.Anonymous();
    }
}
