package dev.agenthub.http.autopilot.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.agenthub.orchestration.access.Role;
import dev.agenthub.orchestration.access.TokenCodec;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link TokenCodec} of wire spec §3.5 on Nimbus JOSE: HS256 keyed with the trimmed secret; verification
 * accepts HS256 only, requires {@code sub} (a non-empty string), {@code role}, {@code iat} and {@code exp}, allows
 * no leeway ({@code exp} at or before now, in whole seconds, is expired), rejects a {@code nbf} still in the future,
 * treats an unknown role as malformed and ignores other claims. Time comes from the injected clock.
 */
public final class HmacJwtCodec implements TokenCodec {

    /** HS256 needs a 256-bit key; Nimbus refuses shorter ones. */
    public static final int MIN_SECRET_LENGTH = 32;

    private final MACSigner signer;
    private final JWSVerifier verifier;
    private final Clock clock;

    /**
     * @throws IllegalArgumentException when the trimmed secret is shorter than {@link #MIN_SECRET_LENGTH}
     *                                  characters
     */
    public HmacJwtCodec(String secret, Clock clock) {
        Objects.requireNonNull(secret, "secret");
        this.clock = Objects.requireNonNull(clock, "clock");
        String trimmed = secret.strip();
        if (trimmed.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("the JWT secret must be at least " + MIN_SECRET_LENGTH + " characters");
        }
        byte[] key = trimmed.getBytes(StandardCharsets.UTF_8);
        try {
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable JWT secret: " + e.getMessage(), e);
        }
    }

    @Override
    public String mint(String subject, Role role, Duration ttl, Optional<String> akh) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(akh, "akh");
        if (subject == null || subject.isEmpty()) {
            throw new IllegalArgumentException("a token needs a subject");
        }
        if (ttl.isNegative() || ttl.isZero() || ttl.getNano() != 0) {
            throw new IllegalArgumentException("ttl must be a positive whole number of seconds, not " + ttl);
        }
        long issuedAt = clock.instant().getEpochSecond();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .claim("role", role.wireName())
                .issueTime(new Date(issuedAt * 1000))
                .expirationTime(new Date(Math.addExact(issuedAt, ttl.toSeconds()) * 1000));
        akh.ifPresent(hash -> claims.claim("akh", hash));
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("HS256 signing failed", e);
        }
        return jwt.serialize();
    }

    @Override
    public Verification verify(String token) {
        if (token == null || token.isBlank()) {
            return new Malformed();
        }
        JWTClaimsSet claims;
        try {
            SignedJWT jwt = SignedJWT.parse(token.strip());
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return new Malformed();
            }
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException | RuntimeException e) {
            return new Malformed();
        }
        // required claims first, then time, then the role: an expired token is "expired" whatever its role says
        Date issuedAt = claims.getIssueTime();
        Date expiresAt = claims.getExpirationTime();
        String subject = claims.getSubject();
        Object roleClaim = claims.getClaim("role");
        if (issuedAt == null || expiresAt == null || subject == null || roleClaim == null) {
            return new Malformed();
        }
        long now = clock.instant().getEpochSecond();
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && Math.floorDiv(notBefore.getTime(), 1000) > now) {
            return new Malformed();
        }
        if (Math.floorDiv(expiresAt.getTime(), 1000) <= now) {
            return new Expired();
        }
        if (subject.isEmpty() || !(roleClaim instanceof String roleName)) {
            return new Malformed();
        }
        return Role.fromWireName(roleName).<Verification>map(role -> new Valid(subject, role)).orElseGet(Malformed::new);
    }
}
