package dev.agenthub.http.v1;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.BodyFields;
import dev.agenthub.http.support.JsonBodies;
import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.reservations.Reservation;
import dev.agenthub.protocol.reservations.Reservations;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** The reservation routes of §4.11 (semantics in §8); every body is strict. */
public final class ReservationRoutes {

    private static final Set<String> ACQUIRE_FIELDS = Set.of("resource_key", "ttl_seconds", "metadata");
    private static final Set<String> RENEW_FIELDS = Set.of("resource_key", "ttl_seconds");
    private static final Set<String> RELEASE_FIELDS = Set.of("resource_key");
    private static final Set<String> REVOKE_FIELDS = Set.of("prefix");
    private static final long DEFAULT_TTL_SECONDS = 60;

    private final Supplier<CoordinationServices> services;
    private final JsonBodies bodies;
    private final V1Auth auth;

    public ReservationRoutes(Supplier<CoordinationServices> services, JsonBodies bodies) {
        this.services = services;
        this.bodies = bodies;
        this.auth = new V1Auth(services);
    }

    public void register(ApiRoutes routes) {
        routes.post("/v1/reservations", actorOperation("Acquire an exclusive reservation on a key")
                .respond(409, "Reservation is already held (holder fields at the top level)"), this::acquire);
        routes.post("/v1/reservations/renew", actorOperation("Extend the caller's reservation")
                .respond(409, "Reservation held by another agent"), this::renew);
        routes.post("/v1/reservations/release", actorOperation("Release the caller's reservation")
                .respond(409, "Reservation held by another agent"), this::release);
        routes.post("/v1/reservations/revoke", actorOperation("Release all of the caller's reservations under a prefix"),
                this::revoke);
        routes.get("/v1/reservations", Operation.of("reservations", "The project's live reservations, by key")
                .respond(401, "Authentication required"), this::list);
    }

    private static Operation actorOperation(String summary) {
        return Operation.of("reservations", summary).respond(401, "Authentication required")
                .respond(403, "API key is not bound to an agent").respond(404, "Agent not found / Reservation not found")
                .respond(422, "Validation failed");
    }

    private void acquire(Context ctx) {
        BodyFields body = bodies.fields(ctx);
        body.forbidUnknownKeys(ACQUIRE_FIELDS);
        String key = resourceKey(body);
        long ttl = ttl(body);
        ObjectNode metadata = body.object("metadata", false);
        body.validate();
        Reservations.Actor actor = actor(ctx);
        Reservation acquired = services.get().reservations().acquire(actor, key, ttl,
                metadata == null ? "{}" : metadata.toString());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("status", "acquired");
        response.put("project_id", acquired.projectId().toString());
        response.put("resource_key", acquired.resourceKey());
        response.put("holder_agent_id", acquired.holderAgentId().toString());
        response.put("holder_alias", acquired.holderAlias());
        response.put("acquired_at", WireTime.offset(acquired.acquiredAt()));
        response.put("expires_at", WireTime.offset(acquired.expiresAt()));
        ctx.json(response);
    }

    private void renew(Context ctx) {
        BodyFields body = bodies.fields(ctx);
        body.forbidUnknownKeys(RENEW_FIELDS);
        String key = resourceKey(body);
        long ttl = ttl(body);
        body.validate();
        Reservation renewed = services.get().reservations().renew(actor(ctx), key, ttl);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("status", "renewed");
        response.put("resource_key", renewed.resourceKey());
        response.put("expires_at", WireTime.offset(renewed.expiresAt()));
        ctx.json(response);
    }

    private void release(Context ctx) {
        BodyFields body = bodies.fields(ctx);
        body.forbidUnknownKeys(RELEASE_FIELDS);
        String key = resourceKey(body);
        body.validate();
        services.get().reservations().release(actor(ctx), key);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("status", "released");
        response.put("resource_key", key);
        ctx.json(response);
    }

    private void revoke(Context ctx) {
        BodyFields body = bodies.fields(ctx);
        body.forbidUnknownKeys(REVOKE_FIELDS);
        String prefix = body.nullableString("prefix", Reservations.MAX_KEY_LENGTH, null);
        body.validate();
        int deleted = services.get().reservations().revoke(actor(ctx), Optional.ofNullable(prefix));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("status", "revoked");
        response.put("deleted", deleted);
        ctx.json(response);
    }

    private void list(Context ctx) {
        String prefix = ctx.queryParam("prefix");
        Principal principal = auth.project(ctx);
        var rows = services.get().reservations().list(principal.project(), Optional.ofNullable(prefix)).stream()
                .map(ReservationRoutes::row).toList();
        ctx.json(Map.of("reservations", rows));
    }

    private static Map<String, Object> row(Reservation reservation) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("project_id", reservation.projectId().toString());
        row.put("resource_key", reservation.resourceKey());
        row.put("holder_agent_id", reservation.holderAgentId().toString());
        row.put("holder_alias", reservation.holderAlias());
        row.put("acquired_at", WireTime.offset(reservation.acquiredAt()));
        row.put("expires_at", WireTime.offset(reservation.expiresAt()));
        row.put("metadata", new RawValue(reservation.metadataJson()));
        return row;
    }

    private Reservations.Actor actor(Context ctx) {
        Agent agent = auth.actor(ctx);
        return new Reservations.Actor(agent.project(), agent.id(), agent.alias());
    }

    private static String resourceKey(BodyFields body) {
        return body.requiredString("resource_key", 1, Reservations.MAX_KEY_LENGTH);
    }

    private static long ttl(BodyFields body) {
        return body.integer("ttl_seconds", 1, Long.MAX_VALUE, DEFAULT_TTL_SECONDS);
    }
}
