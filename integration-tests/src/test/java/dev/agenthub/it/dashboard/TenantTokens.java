package dev.agenthub.it.dashboard;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

/** Mints identity-provider tokens for the dashboard tests, as an HS256 identity provider would. */
final class TenantTokens {

    static final String SECRET = "tenant-secret-for-tests-0123456789abcdef";

    private TenantTokens() {
    }

    /** An HS256 token over {@code claims} signed with {@code secret}; {@code exp} etc. are given as claims. */
    static String sign(String secret, JWSAlgorithm algorithm, Map<String, Object> claims) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        claims.forEach(builder::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), builder.build());
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    static String sign(Map<String, Object> claims) {
        return sign(SECRET, JWSAlgorithm.HS256, claims);
    }

    static long seconds(Instant instant) {
        return instant.getEpochSecond();
    }

    static Date date(Instant instant) {
        return Date.from(instant);
    }

    /** An unsecured JWT ({@code alg: none}) with {@code payloadJson}. */
    static String unsecured(String payloadJson) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8)) + ".";
    }

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }
}
