package dev.agenthub.http.v1;

import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.QueryParams;
import dev.agenthub.hub.audit.AuditEntry;
import dev.agenthub.hub.audit.AuditEventTypes;
import dev.agenthub.hub.audit.AuditTrail;
import dev.agenthub.hub.audit.port.AuditLogReader;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;
import dev.agenthub.protocol.kernel.text.EventTypeList;
import dev.agenthub.protocol.kernel.time.WireTime;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code GET /v1/audit} (auth B, an Agent Hub extension of the wire spec): the caller's project's audit log,
 * newest first, keyset-paginated as §1.6 describes. Every query check runs before authentication (§1.4).
 */
public final class AuditRoutes {

    static final String EMPTY_RANGE = "since must be earlier than until";

    private final Supplier<CoordinationServices> services;
    private final V1Auth auth;

    public AuditRoutes(Supplier<CoordinationServices> services) {
        this.services = services;
        this.auth = new V1Auth(services);
    }

    public void register(ApiRoutes routes) {
        routes.get("/v1/audit", Operation.of("audit", "The project's audit log, newest first (Agent Hub extension)")
                .respond(401, "Authentication required")
                .respond(422, "Validation failed / Invalid event types / Invalid since format / Invalid until format / "
                        + "since must be timezone-aware / since must be earlier than until / Invalid cursor"),
                this::list);
    }

    private void list(Context ctx) {
        ListQuery query = listQuery(ctx);
        Principal principal = auth.project(ctx); // after every structural check (§1.4)
        ctx.json(listBody(services.get().auditTrail().list(principal, query.filter(), query.page())));
    }

    /** The filters and page of an audit listing. */
    public record ListQuery(AuditLogReader.Filter filter, PageRequest page) {
    }

    /**
     * The query of an audit listing: {@code actor_id} and {@code limit} (list-shaped 422), then {@code event_type},
     * {@code since}, {@code until} and their order, and {@code cursor} (string 422s).
     */
    public static ListQuery listQuery(Context ctx) {
        QueryParams query = new QueryParams(ctx);
        Optional<AgentId> actor = query.uuid("actor_id").map(AgentId::new);
        int limit = query.integer("limit", AuditTrail.DEFAULT_LIMIT, 1, AuditTrail.MAX_LIMIT);
        query.validate();
        Set<String> types = EventTypeList.parse(ctx.queryParam("event_type"), AuditEventTypes.ALL);
        Optional<Instant> since = time(ctx, "since");
        Optional<Instant> until = time(ctx, "until");
        if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
            throw new DomainError.Invalid(EMPTY_RANGE);
        }
        PageRequest request = PageRequest.of(limit, ctx.queryParam("cursor"), AuditTrail.DEFAULT_LIMIT, AuditTrail.MAX_LIMIT);
        return new ListQuery(new AuditLogReader.Filter(types, actor, since, until), request);
    }

    /** The body of an audit listing. */
    public static Map<String, Object> listBody(Page<AuditEntry> page) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("entries", page.items().stream().map(AuditRoutes::view).toList());
        response.put("has_more", page.hasMore());
        response.put("next_cursor", page.nextCursor().orElse(null));
        return response;
    }

    /** An RFC 3339 bound with a zone, within the stored range (years 1 to 9999); empty when absent. */
    private static Optional<Instant> time(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return Optional.empty();
        }
        Instant instant = StreamRoutes.zoned(name, text);
        if (!WireTime.storable(instant)) {
            throw new DomainError.Invalid("Invalid " + name + " format");
        }
        return Optional.of(instant);
    }

    private static Map<String, Object> view(AuditEntry e) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("audit_id", e.id().toString());
        view.put("event_type", e.eventType());
        view.put("actor_id", e.actor() == null ? null : e.actor().toString());
        view.put("details", e.details());
        view.put("created_at", WireTime.offset(e.createdAt()));
        return view;
    }
}
