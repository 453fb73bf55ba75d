package dev.agenthub.http.autopilot.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.agenthub.orchestration.access.Role;
import dev.agenthub.orchestration.access.TokenCodec;
import dev.agenthub.protocol.fakes.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HmacJwtCodecTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-02-07T11:14:49.750Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final HmacJwtCodec codec = new HmacJwtCodec("  " + SECRET + "\n", clock);

    @Test
    void aMintedTokenVerifiesUntilItsExpiry() throws Exception {
        String token = codec.mint("alice", Role.VIEWER, Duration.ofSeconds(10), Optional.of("ba7816bf8f01"));
        assertThat(codec.verify(token)).isEqualTo(new TokenCodec.Valid("alice", Role.VIEWER));
        SignedJWT parsed = SignedJWT.parse(token);
        assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        Map<String, Object> claims = parsed.getJWTClaimsSet().toJSONObject();
        assertThat(claims).containsEntry("sub", "alice").containsEntry("role", "viewer")
                .containsEntry("iat", NOW.getEpochSecond()).containsEntry("exp", NOW.getEpochSecond() + 10)
                .containsEntry("akh", "ba7816bf8f01");
        // the secret is trimmed: a codec keyed with the bare secret accepts the token
        assertThat(new HmacJwtCodec(SECRET, clock).verify(token)).isInstanceOf(TokenCodec.Valid.class);

        clock.advance(Duration.ofMillis(9_249)); // 11:14:58.999, exp is 11:14:59
        assertThat(codec.verify(token)).isInstanceOf(TokenCodec.Valid.class);
        clock.advance(Duration.ofMillis(1)); // exp <= now: no leeway
        assertThat(codec.verify(token)).isEqualTo(new TokenCodec.Expired());
    }

    @Test
    void withoutAkhThereIsNoSuchClaim() throws Exception {
        String token = codec.mint("bob", Role.ADMIN, Duration.ofSeconds(60), Optional.empty());
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getClaims()).containsOnlyKeys("sub", "role", "iat", "exp");
    }

    @Test
    void anyOtherSecretOrAlgorithmOrNonsenseIsMalformed() throws Exception {
        String token = new HmacJwtCodec("another-secret-another-secret-xx", clock)
                .mint("alice", Role.ADMIN, Duration.ofSeconds(60), Optional.empty());
        assertThat(codec.verify(token)).isEqualTo(new TokenCodec.Malformed());
        assertThat(codec.verify("")).isEqualTo(new TokenCodec.Malformed());
        assertThat(codec.verify("not-a-jwt")).isEqualTo(new TokenCodec.Malformed());
        assertThat(codec.verify("a.b.c")).isEqualTo(new TokenCodec.Malformed());
        String unsigned = new PlainJWT(claims("alice", "admin", 60)).serialize();
        assertThat(codec.verify(unsigned)).isEqualTo(new TokenCodec.Malformed());
        String hs512 = signed(JWSAlgorithm.HS512, (SECRET + SECRET).getBytes(StandardCharsets.UTF_8), claims("alice", "admin", 60));
        assertThat(new HmacJwtCodec(SECRET + SECRET, clock).verify(hs512)).isEqualTo(new TokenCodec.Malformed());
        // a good signature over a different payload
        String valid = codec.mint("alice", Role.VIEWER, Duration.ofSeconds(60), Optional.empty());
        String[] parts = valid.split("\\.");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims("alice", "admin", 60).toString().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(codec.verify(forged)).isEqualTo(new TokenCodec.Malformed());
    }

    @Test
    void allFourClaimsAreRequiredAndTheRoleMustBeKnown() throws Exception {
        long now = NOW.getEpochSecond();
        assertThat(verify(new JWTClaimsSet.Builder().claim("role", "admin").issueTime(seconds(now)).expirationTime(seconds(now + 60))))
                .as("no sub").isEqualTo(new TokenCodec.Malformed());
        assertThat(verify(new JWTClaimsSet.Builder().subject("a").issueTime(seconds(now)).expirationTime(seconds(now + 60))))
                .as("no role").isEqualTo(new TokenCodec.Malformed());
        assertThat(verify(new JWTClaimsSet.Builder().subject("a").claim("role", "admin").expirationTime(seconds(now + 60))))
                .as("no iat").isEqualTo(new TokenCodec.Malformed());
        assertThat(verify(new JWTClaimsSet.Builder().subject("a").claim("role", "admin").issueTime(seconds(now))))
                .as("no exp").isEqualTo(new TokenCodec.Malformed());
        assertThat(verify(new JWTClaimsSet.Builder().subject("").claim("role", "admin").issueTime(seconds(now)).expirationTime(seconds(now + 60))))
                .as("empty sub").isEqualTo(new TokenCodec.Malformed());
        assertThat(verify(claimsBuilder("a", "superuser", 60))).as("unknown role").isEqualTo(new TokenCodec.Malformed());
        assertThat(verify(claimsBuilder("a", "Admin", 60))).as("role names are exact").isEqualTo(new TokenCodec.Malformed());
        assertThat(verify(new JWTClaimsSet.Builder().subject("a").claim("role", 3).issueTime(seconds(now)).expirationTime(seconds(now + 60))))
                .as("non-string role").isEqualTo(new TokenCodec.Malformed());
        assertThat(verify(claimsBuilder("a", "superuser", -1))).as("expiry is checked before the role")
                .isEqualTo(new TokenCodec.Expired());
        assertThat(verify(claimsBuilder("a", "maintainer", 60).claim("extra", "ignored")))
                .isEqualTo(new TokenCodec.Valid("a", Role.MAINTAINER));
        assertThat(verify(claimsBuilder("a", "maintainer", 60).notBeforeTime(seconds(now + 5))))
                .as("not yet valid").isEqualTo(new TokenCodec.Malformed());
    }

    @Test
    void shortSecretsAndBadArgumentsAreRefused() {
        assertThatThrownBy(() -> new HmacJwtCodec(" " + "x".repeat(31) + " ", clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.mint("", Role.ADMIN, Duration.ofSeconds(1), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.mint("a", Role.ADMIN, Duration.ZERO, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.mint("a", Role.ADMIN, Duration.ofMillis(1500), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private TokenCodec.Verification verify(JWTClaimsSet.Builder claims) throws Exception {
        return codec.verify(signed(JWSAlgorithm.HS256, SECRET.getBytes(StandardCharsets.UTF_8), claims.build()));
    }

    private static JWTClaimsSet claims(String subject, String role, long ttl) {
        return claimsBuilder(subject, role, ttl).build();
    }

    private static JWTClaimsSet.Builder claimsBuilder(String subject, String role, long ttl) {
        long now = NOW.getEpochSecond();
        return new JWTClaimsSet.Builder().subject(subject).claim("role", role).issueTime(seconds(now))
                .expirationTime(seconds(now + ttl));
    }

    private static Date seconds(long epochSecond) {
        return new Date(epochSecond * 1000);
    }

    private static String signed(JWSAlgorithm algorithm, byte[] key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }
}
