package dev.agenthub.it.v1;

import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.V1Client;
import dev.agenthub.it.support.V1Client.Identity;
import dev.agenthub.it.support.V1HubTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.agenthub.it.support.V1Client.assertBody;
import static org.assertj.core.api.Assertions.assertThat;

/** The reservation routes (§4.11, §8) over HTTP, whole bodies compared. Each test uses its own project. */
class ReservationsWireTest extends V1HubTest {

    private static String ts(Instant instant) {
        return dev.agenthub.protocol.kernel.time.WireTime.offset(instant);
    }

    @Test
    void acquireConflictRenewReleaseRoundTrip() {
        clock.set(NOW);
        Identity alice = client.init("res-round", "alice");
        Identity bob = client.init("res-round", "bob");
        String acquire = "{\"resource_key\":\"src/app.py\",\"ttl_seconds\":300,\"metadata\":{\"reason\":\"auto-reserve\",\"n\":[1,2]}}";

        assertBody(client.post("/v1/reservations", acquire, alice.bearer()), 200, """
                {"status":"acquired","project_id":"%s","resource_key":"src/app.py","holder_agent_id":"%s",
                 "holder_alias":"alice","acquired_at":"%s","expires_at":"%s"}"""
                .formatted(alice.projectId(), alice.agentId(), ts(NOW), ts(NOW.plusSeconds(300))));

        String held = """
                {"detail":"Reservation is already held","holder_agent_id":"%s","holder_alias":"alice","expires_at":"%s"}"""
                .formatted(alice.agentId(), ts(NOW.plusSeconds(300)));
        assertBody(client.post("/v1/reservations", acquire, bob.bearer()), 409, held);
        assertBody(client.post("/v1/reservations", acquire, alice.bearer()), 409, held); // no implicit renew

        assertBody(client.post("/v1/reservations/renew", "{\"resource_key\":\"src/app.py\"}", bob.bearer()), 409,
                "{\"detail\":\"Reservation held by another agent\"}");
        assertBody(client.post("/v1/reservations/release", "{\"resource_key\":\"src/app.py\"}", bob.bearer()), 409,
                "{\"detail\":\"Reservation held by another agent\"}");

        clock.advance(Duration.ofSeconds(10));
        assertBody(client.post("/v1/reservations/renew", "{\"resource_key\":\"src/app.py\",\"ttl_seconds\":99999}", alice.bearer()),
                200, "{\"status\":\"renewed\",\"resource_key\":\"src/app.py\",\"expires_at\":\"%s\"}"
                        .formatted(ts(NOW.plusSeconds(10 + 3600))));

        assertBody(client.get("/v1/reservations", bob.bearer()), 200, """
                {"reservations":[{"project_id":"%s","resource_key":"src/app.py","holder_agent_id":"%s","holder_alias":"alice",
                 "acquired_at":"%s","expires_at":"%s","metadata":{"reason":"auto-reserve","n":[1,2]}}]}"""
                .formatted(alice.projectId(), alice.agentId(), ts(NOW), ts(NOW.plusSeconds(3610))));

        assertBody(client.post("/v1/reservations/release", "{\"resource_key\":\"src/app.py\"}", alice.bearer()), 200,
                "{\"status\":\"released\",\"resource_key\":\"src/app.py\"}");
        assertBody(client.post("/v1/reservations/release", "{\"resource_key\":\"src/app.py\"}", alice.bearer()), 200,
                "{\"status\":\"released\",\"resource_key\":\"src/app.py\"}"); // idempotent
        assertBody(client.get("/v1/reservations", alice.bearer()), 200, "{\"reservations\":[]}");
        assertBody(client.post("/v1/reservations/renew", "{\"resource_key\":\"src/app.py\"}", alice.bearer()), 404,
                "{\"detail\":\"Reservation not found\"}");
    }

    @Test
    void theTtlIsClampedAndExpiryIsLazy() {
        clock.set(NOW);
        Identity alice = client.init("res-ttl", "alice");
        Identity bob = client.init("res-ttl", "bob");
        Response shortTtl = client.post("/v1/reservations", "{\"resource_key\":\"k\",\"ttl_seconds\":1}", alice.bearer());
        assertThat(shortTtl.json().get("expires_at").asText()).isEqualTo(ts(NOW.plusSeconds(60)));
        Response defaultTtl = client.post("/v1/reservations", "{\"resource_key\":\"k2\"}", alice.bearer());
        assertThat(defaultTtl.json().get("expires_at").asText()).isEqualTo(ts(NOW.plusSeconds(60)));

        clock.advance(Duration.ofSeconds(60));
        assertBody(client.get("/v1/reservations", alice.bearer()), 200, "{\"reservations\":[]}");
        Response taken = client.post("/v1/reservations", "{\"resource_key\":\"k\"}", bob.bearer());
        assertThat(taken.status()).isEqualTo(200);
        assertThat(taken.json().get("holder_alias").asText()).isEqualTo("bob");
    }

    @Test
    void listingTakesALiteralPrefixAndIgnoresUnknownQueryParameters() {
        clock.set(NOW);
        Identity alice = client.init("res-prefix", "alice");
        for (String key : new String[]{"src/a.py", "src/b_c.py", "src%d.py", "docs/x.md", "srcX"}) {
            assertThat(client.post("/v1/reservations", "{\"resource_key\":\"" + key + "\"}", alice.bearer()).status()).isEqualTo(200);
        }
        assertThat(keys(client.get("/v1/reservations?prefix=src/&workspace_id=x&alias=y&path_prefix=z", alice.bearer())))
                .containsExactly("src/a.py", "src/b_c.py");
        assertThat(keys(client.get("/v1/reservations?prefix=src%25", alice.bearer()))).containsExactly("src%d.py");
        assertThat(keys(client.get("/v1/reservations?prefix=src_", alice.bearer()))).isEmpty();
        assertThat(keys(client.get("/v1/reservations", alice.bearer())))
                .containsExactly("docs/x.md", "src%d.py", "src/a.py", "src/b_c.py", "srcX");
    }

    @Test
    void revokeReleasesOnlyTheCallersOwnReservations() {
        clock.set(NOW);
        Identity alice = client.init("res-revoke", "alice");
        Identity bob = client.init("res-revoke", "bob");
        client.post("/v1/reservations", "{\"resource_key\":\"a/1\"}", alice.bearer());
        client.post("/v1/reservations", "{\"resource_key\":\"a/2\"}", alice.bearer());
        client.post("/v1/reservations", "{\"resource_key\":\"b/1\"}", bob.bearer());

        assertBody(client.post("/v1/reservations/revoke", "{\"prefix\":\"b/\"}", alice.bearer()), 403,
                "{\"detail\":\"Cannot revoke reservations held by other agents\"}");
        assertBody(client.post("/v1/reservations/revoke", "{\"prefix\":\"zzz\"}", alice.bearer()), 200,
                "{\"status\":\"revoked\",\"deleted\":0}");
        assertBody(client.post("/v1/reservations/revoke", "{}", alice.bearer()), 200, "{\"status\":\"revoked\",\"deleted\":2}");
        assertThat(keys(client.get("/v1/reservations", alice.bearer()))).containsExactly("b/1");
    }

    @Test
    void bodiesAreStrictAndValidatedBeforeAuthentication() {
        clock.set(NOW);
        Identity alice = client.init("res-strict", "alice");
        assertBody(client.post("/v1/reservations", "{\"resource_key\":\"k\",\"project_id\":\"x\"}", alice.bearer()), 422, """
                {"detail":[{"type":"extra_forbidden","loc":["body","project_id"],"msg":"Extra inputs are not permitted","input":"x"}]}""");
        assertBody(client.post("/v1/reservations", "{\"ttl_seconds\":0}", Map.of()), 422, """
                {"detail":[{"type":"missing","loc":["body","resource_key"],"msg":"Field required","input":{"ttl_seconds":0}},
                 {"type":"greater_than_equal","loc":["body","ttl_seconds"],"msg":"Input should be greater than or equal to 1","input":0,"ctx":{"ge":1}}]}""");
        assertBody(client.post("/v1/reservations", "{\"resource_key\":\"\",\"metadata\":[]}", alice.bearer()), 422, """
                {"detail":[{"type":"string_too_short","loc":["body","resource_key"],"msg":"String should have at least 1 character","input":"","ctx":{"min_length":1}},
                 {"type":"dict_type","loc":["body","metadata"],"msg":"Input should be a valid dictionary","input":[]}]}""");
        assertBody(client.post("/v1/reservations", "{\"resource_key\":\"k\"", alice.bearer()), 422, """
                {"detail":[{"type":"json_invalid","loc":["body",19],"msg":"JSON decode error","input":{},
                 "ctx":{"error":"Unexpected end-of-input: expected close marker for Object (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])"}}]}""");
        String longKey = "k".repeat(4096);
        assertThat(client.post("/v1/reservations", "{\"resource_key\":\"" + longKey + "\"}", alice.bearer()).status()).isEqualTo(200);
        assertThat(client.post("/v1/reservations", "{\"resource_key\":\"" + longKey + "k\"}", alice.bearer()).status()).isEqualTo(422);
        assertBody(client.post("/v1/reservations", "{\"resource_key\":\"k\"}", Map.of()), 401, "{\"detail\":\"Authentication required\"}");
    }

    @Test
    void textPostgresCannotStoreIsA422AndKeysCountCharactersNotUtf16Units() {
        clock.set(NOW);
        Identity alice = client.init("res-text", "alice");
        assertBody(client.post("/v1/reservations", "{\"resource_key\":\"a\\u0000b\"}", alice.bearer()), 422, """
                {"detail":[{"type":"value_error","loc":["body","resource_key"],"msg":"Value error, NUL characters are not allowed","input":"a\\u0000b"}]}""");
        assertBody(client.get("/v1/reservations?prefix=a%00", alice.bearer()), 422, "{\"detail\":\"Invalid text: NUL characters are not allowed\"}");
        String emoji = "\uD83D\uDE00".repeat(4096); // 4096 characters, 8192 UTF-16 units
        assertThat(client.post("/v1/reservations", "{\"resource_key\":\"" + emoji + "\"}", alice.bearer()).status()).isEqualTo(200);
        assertThat(client.post("/v1/reservations", "{\"resource_key\":\"" + emoji + "x\"}", alice.bearer()).status()).isEqualTo(422);
        // Jetty refuses %00 in a path with its own 400 and closes the connection: on a client of its own, so
        // no later request meets the closed connection
        V1Client fresh = new V1Client(hub.url());
        assertThat(fresh.delete("/v1/agents/x%00/y", alice.bearer()).status()).isEqualTo(400);
    }

    @Test
    void reservationsAreIsolatedPerProject() {
        clock.set(NOW);
        Identity alice = client.init("res-iso-a", "alice");
        Identity other = client.init("res-iso-b", "alice");
        assertThat(client.post("/v1/reservations", "{\"resource_key\":\"same\"}", alice.bearer()).status()).isEqualTo(200);
        assertThat(client.post("/v1/reservations", "{\"resource_key\":\"same\"}", other.bearer()).status()).isEqualTo(200);
        assertThat(client.get("/v1/reservations", other.bearer()).body()).doesNotContain(alice.agentId()).contains(other.agentId());
        assertBody(client.post("/v1/reservations/release", "{\"resource_key\":\"same\"}", other.bearer()), 200,
                "{\"status\":\"released\",\"resource_key\":\"same\"}");
        assertThat(keys(client.get("/v1/reservations", alice.bearer()))).containsExactly("same");
    }

    private static java.util.List<String> keys(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        java.util.List<String> keys = new java.util.ArrayList<>();
        response.json().get("reservations").forEach(row -> keys.add(row.get("resource_key").asText()));
        return keys;
    }
}
