package dev.agenthub.http.dashboard;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.MACVerifier;
import dev.agenthub.hub.tenants.TenantContext;
import dev.agenthub.hub.tenants.port.TenantTokenVerifier;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link TenantTokenVerifier} of seeds R-T1 on Nimbus JOSE: HS256 only, keyed with the identity provider's shared
 * secret (its UTF-8 bytes, at least {@value #MIN_SECRET_BYTES}). The checks, in order, and their outcomes:
 * <ol>
 *   <li>not a compact JWS, or its payload not a JSON object: {@code MALFORMED};</li>
 *   <li>{@code alg} other than {@code HS256} ({@code none}, {@code HS512}, {@code RS256}…): {@code WRONG_ALGORITHM};</li>
 *   <li>signature (or an unsupported {@code crit} header): {@code BAD_SIGNATURE};</li>
 *   <li>{@code sub} missing or not a non-empty string: {@code MISSING_SUBJECT}; {@code exp} missing:
 *       {@code MISSING_EXPIRY}; {@code exp}/{@code nbf} not numbers, {@code iss} not a string, {@code aud} neither a
 *       string nor a list of strings, or a pass-through claim ({@code workspaceId}, {@code sessionId},
 *       {@code email}, {@code name}) present and not a string: {@code ILL_TYPED_CLAIM} (all {@code INVALID_TOKEN});</li>
 *   <li>{@code exp} at or before now, in whole seconds: {@code EXPIRED} ({@code TOKEN_EXPIRED});</li>
 *   <li>{@code nbf} after now: {@code NOT_YET_VALID}; only when configured, {@code iss} not equal to the issuer:
 *       {@code WRONG_ISSUER}, {@code aud} not containing the audience: {@code WRONG_AUDIENCE} (all
 *       {@code AUTH_ERROR}).</li>
 * </ol>
 * There is no clock leeway: the identity provider and the hub are expected to share time (NTP). Time comes from
 * the injected clock. Immutable and thread-safe; never throws from {@link #verify(String)}.
 */
public final class HmacTenantTokenVerifier implements TenantTokenVerifier {

    /** HS256 needs a 256-bit key. */
    public static final int MIN_SECRET_BYTES = 32;
    /** Longer credentials are not parsed at all (MALFORMED). */
    static final int MAX_TOKEN_LENGTH = 16 * 1024;
    /** The optional claims passed through into the context; each must be a string when present. */
    private static final List<String> PASS_THROUGH = List.of("workspaceId", "sessionId", "email", "name");

    private final MACVerifier verifier;
    private final Optional<String> issuer;
    private final Optional<String> audience;
    private final Clock clock;

    /**
     * @param issuer   the required {@code iss}, or empty to ignore it
     * @param audience the audience {@code aud} must name, or empty to ignore it
     * @throws IllegalArgumentException when the secret is shorter than {@value #MIN_SECRET_BYTES} bytes (the
     *                                  message never contains the secret)
     */
    public HmacTenantTokenVerifier(String secret, Optional<String> issuer, Optional<String> audience, Clock clock) {
        Objects.requireNonNull(secret, "secret");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.audience = Objects.requireNonNull(audience, "audience");
        this.clock = Objects.requireNonNull(clock, "clock");
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the tenant JWT secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        try {
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable tenant JWT secret");
        }
    }

    @Override
    public Verification verify(String token) {
        try {
            return check(token);
        } catch (RuntimeException e) { // a library surprise is still a value, and its text goes nowhere
            return new Rejected(Reason.MALFORMED);
        }
    }

    private Verification check(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
            return new Rejected(Reason.MALFORMED);
        }
        JWSObject jws;
        try {
            jws = JWSObject.parse(token.strip());
        } catch (ParseException e) {
            // includes alg "none", which is not a JWS algorithm
            return new Rejected(unsecured(token) ? Reason.WRONG_ALGORITHM : Reason.MALFORMED);
        }
        if (!JWSAlgorithm.HS256.equals(jws.getHeader().getAlgorithm())) {
            return new Rejected(Reason.WRONG_ALGORITHM);
        }
        try {
            if (!jws.verify(verifier)) {
                return new Rejected(Reason.BAD_SIGNATURE);
            }
        } catch (JOSEException e) {
            return new Rejected(Reason.BAD_SIGNATURE);
        }
        Map<String, Object> claims = jws.getPayload().toJSONObject();
        if (claims == null) {
            return new Rejected(Reason.MALFORMED);
        }
        return claims(claims);
    }

    private Verification claims(Map<String, Object> claims) {
        Object sub = claims.get("sub");
        if (!(sub instanceof String subject) || subject.isEmpty()) {
            return new Rejected(Reason.MISSING_SUBJECT);
        }
        Object exp = claims.get("exp");
        if (exp == null) {
            return new Rejected(Reason.MISSING_EXPIRY);
        }
        Object nbf = claims.get("nbf");
        Object iss = claims.get("iss");
        Object aud = claims.get("aud");
        if (!(exp instanceof Number expiry) || (nbf != null && !(nbf instanceof Number)) || (iss != null && !(iss instanceof String))
                || (aud != null && audiences(aud).isEmpty())) {
            return new Rejected(Reason.ILL_TYPED_CLAIM);
        }
        if (PASS_THROUGH.stream().map(claims::get).anyMatch(value -> value != null && !(value instanceof String))) {
            return new Rejected(Reason.ILL_TYPED_CLAIM);
        }
        long now = clock.instant().getEpochSecond();
        if (Math.floor(expiry.doubleValue()) <= now) {
            return new Rejected(Reason.EXPIRED);
        }
        if (nbf instanceof Number notBefore && Math.floor(notBefore.doubleValue()) > now) {
            return new Rejected(Reason.NOT_YET_VALID);
        }
        if (issuer.isPresent() && !issuer.get().equals(iss)) {
            return new Rejected(Reason.WRONG_ISSUER);
        }
        if (audience.isPresent() && (aud == null || !audiences(aud).get().contains(audience.get()))) {
            return new Rejected(Reason.WRONG_AUDIENCE);
        }
        return new Verified(TenantContext.verified(subject, text(claims, "sessionId"), text(claims, "workspaceId"),
                text(claims, "email"), text(claims, "name")));
    }

    /** An optional string claim (its type was checked): the string, or null when absent or JSON null. */
    private static String text(Map<String, Object> claims, String name) {
        return claims.get(name) instanceof String string ? string : null;
    }

    /** {@code aud} as a list: a string or a list of strings; empty when it is neither. */
    private static Optional<List<String>> audiences(Object aud) {
        if (aud instanceof String one) {
            return Optional.of(List.of(one));
        }
        if (aud instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return Optional.of(list.stream().map(String.class::cast).toList());
        }
        return Optional.empty();
    }

    /** Whether the header of a token that is not a JWS declares {@code "alg":"none"} (an unsecured JWT). */
    private static boolean unsecured(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        try {
            String header = new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, dot).strip()),
                    StandardCharsets.UTF_8);
            return header.replace(" ", "").contains("\"alg\":\"none\"");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
