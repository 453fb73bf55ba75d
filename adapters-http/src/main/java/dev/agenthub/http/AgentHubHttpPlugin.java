package dev.agenthub.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.http.autopilot.auth.AuthRoutes;
import dev.agenthub.http.autopilot.auth.AutopilotAuth;
import dev.agenthub.http.autopilot.AutopilotRoutes;
import dev.agenthub.http.autopilot.AutopilotServices;
import dev.agenthub.http.console.ConsoleRoutes;
import dev.agenthub.http.dashboard.TenantDashboardRoutes;
import dev.agenthub.http.dashboard.TenantFilter;
import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.DocsRoutes;
import dev.agenthub.http.docs.OpenApiDocument;
import dev.agenthub.http.mcp.McpEndpoint;
import dev.agenthub.http.ops.MetricsEndpoint;
import dev.agenthub.http.ops.OperationalRoutes;
import dev.agenthub.http.support.CodedError;
import dev.agenthub.http.ratelimit.WriteRateLimit;
import dev.agenthub.http.support.ErrorResponses;
import dev.agenthub.http.support.JsonBodies;
import dev.agenthub.http.support.JsonMapping;
import dev.agenthub.http.support.RequestObservation;
import dev.agenthub.http.support.RequestTracing;
import dev.agenthub.http.v1.AgentRoutes;
import dev.agenthub.http.v1.BdhRoutes;
import dev.agenthub.http.v1.BeadUploadRoutes;
import dev.agenthub.http.v1.BeadReadRoutes;
import dev.agenthub.http.v1.ClaimRoutes;
import dev.agenthub.http.v1.ChatRoutes;
import dev.agenthub.http.v1.ContactRoutes;
import dev.agenthub.http.v1.ConversationRoutes;
import dev.agenthub.http.v1.CoordinationServices;
import dev.agenthub.http.v1.AuditRoutes;
import dev.agenthub.http.v1.EscalationRoutes;
import dev.agenthub.http.v1.SubscriptionRoutes;
import dev.agenthub.http.v1.IdentityRoutes;
import dev.agenthub.http.v1.MailRoutes;
import dev.agenthub.http.v1.McpTools;
import dev.agenthub.http.v1.PolicyRoutes;
import dev.agenthub.http.v1.RepoRoutes;
import dev.agenthub.http.v1.ReservationRoutes;
import dev.agenthub.http.v1.StatusRoutes;
import dev.agenthub.http.v1.StreamRoutes;
import dev.agenthub.http.v1.TaskRoutes;
import dev.agenthub.http.v1.WorkspaceRoutes;
import io.micrometer.core.instrument.Gauge;
import dev.agenthub.hub.tenants.TenantScopes;
import dev.agenthub.hub.tenants.port.TenantTokenVerifier;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.health.HealthProbe;
import io.javalin.config.JavalinState;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.javalin.plugin.Plugin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Agent Hub's HTTP API as one Javalin plugin. The standalone server registers it on its own Javalin; a
 * host application registers the same instance on its Javalin:
 *
 * <pre>{@code Javalin.create(config -> config.registerPlugin(hub.httpPlugin()))}</pre>
 *
 * <p>Installing it configures the host for the wire formats: JSON via the hub's Jackson mapper, 405 for
 * known paths with another method, the request-size limit, header values read case-sensitively on reused
 * connections, and JSON error bodies for every failure (including unknown paths of the host). Routes are registered with their OpenAPI description.
 */
public final class AgentHubHttpPlugin extends Plugin<Void> {

    /** Jetty's per-response output buffer. */
    static final int OUTPUT_BUFFER_BYTES = 8192;

    private final HttpSettings settings;
    private final Supplier<List<HealthProbe>> probes;
    private final Supplier<String> unavailableReason;
    private final PrometheusMeterRegistry registry;
    private final Supplier<CoordinationServices> coordination;
    /** Null when the embedder mounts only the {@code /v1} API. */
    private final Supplier<AutopilotServices> autopilot;
    private final ObjectMapper mapper = JsonMapping.objectMapper();
    private final RequestTracing tracing = new RequestTracing();
    private final OpenApiDocument document;
    private final String swaggerUiVersion;
    private final String version;
    private final StreamRoutes streams;
    private final AutopilotAuth autopilotAuth;
    /** Empty when the tenant dashboard is not mounted. */
    private final Optional<TenantTokenVerifier> dashboard;
    private final boolean uiEnvPrefill;
    /** Null when the embedder has no write limiter. */
    private final WriteRateLimit writeRateLimit;
    private final MetricsEndpoint metricsEndpoint;

    /**
     * @param probes   the dependency checks behind {@code /health}; read per request, so they may be filled in
     *                 after the plugin is built (the hub creates them when it starts)
     * @param unavailableReason why the hub behind the routes cannot serve right now (e.g.
     *                 {@code Service is starting}), or null when it can; while it is non-null the plugin's API
     *                 routes answer 503 with it and readiness fails. Operational and documentation routes, and
     *                 the host's own routes, are not affected.
     * @param coordination the use cases behind the {@code /v1} routes; read per request and only while the hub
     *                 can serve (the gate answers 503 before), so the hub may build them when it starts
     */
    public AgentHubHttpPlugin(HttpSettings settings, Supplier<List<HealthProbe>> probes, Supplier<String> unavailableReason,
                              PrometheusMeterRegistry registry, Supplier<CoordinationServices> coordination) {
        this(settings, probes, unavailableReason, registry, coordination, null, AutopilotAuth.open());
    }

    /**
     * As the other constructor, plus the Agent Hub API ({@code /projects…}, {@code /auth…}) and its gates (wire spec
     * §3).
     *
     * @param autopilot     the use cases behind the {@code /projects…} routes, read per request like
     *                      {@code coordination}; null registers no {@code /projects…} routes
     * @param autopilotAuth the gates of the Agent Hub API; {@link AutopilotAuth#open()} leaves them all off
     */
    public AgentHubHttpPlugin(HttpSettings settings, Supplier<List<HealthProbe>> probes, Supplier<String> unavailableReason,
                              PrometheusMeterRegistry registry, Supplier<CoordinationServices> coordination,
                              Supplier<AutopilotServices> autopilot, AutopilotAuth autopilotAuth) {
        this(settings, probes, unavailableReason, registry, coordination, autopilot, autopilotAuth, HttpSurfaces.none(),
                null, MetricsEndpoint.plain());
    }

    /**
     * As the other constructors, plus the optional surfaces: the tenant dashboard ({@code /dashboard/v1/...}, seeds
     * R-T1) and the console's env prefill ({@code /ui/prefill}, wire spec §11.3).
     */
    public AgentHubHttpPlugin(HttpSettings settings, Supplier<List<HealthProbe>> probes, Supplier<String> unavailableReason,
                              PrometheusMeterRegistry registry, Supplier<CoordinationServices> coordination,
                              Supplier<AutopilotServices> autopilot, AutopilotAuth autopilotAuth,
                              HttpSurfaces surfaces) {
        this(settings, probes, unavailableReason, registry, coordination, autopilot, autopilotAuth, surfaces, null,
                MetricsEndpoint.plain());
    }

    /**
     * As the other constructors, plus the write rate limiter (wire spec agenthub §2.3), which runs right after the
     * request id and trace filter and before every gate.
     *
     * @param writeRateLimit the limiter's filter; null for none
     * @param metricsEndpoint the {@code /metrics} token gate and Agent Hub metric set (§11.2)
     */
    public AgentHubHttpPlugin(HttpSettings settings, Supplier<List<HealthProbe>> probes, Supplier<String> unavailableReason,
                              PrometheusMeterRegistry registry, Supplier<CoordinationServices> coordination,
                              Supplier<AutopilotServices> autopilot, AutopilotAuth autopilotAuth,
                              WriteRateLimit writeRateLimit, MetricsEndpoint metricsEndpoint) {
        this(settings, probes, unavailableReason, registry, coordination, autopilot, autopilotAuth, HttpSurfaces.none(),
                writeRateLimit, metricsEndpoint);
    }

    /** Every part: the optional surfaces, the write rate limiter (null for none) and the {@code /metrics} endpoint. */
    public AgentHubHttpPlugin(HttpSettings settings, Supplier<List<HealthProbe>> probes, Supplier<String> unavailableReason,
                              PrometheusMeterRegistry registry, Supplier<CoordinationServices> coordination,
                              Supplier<AutopilotServices> autopilot, AutopilotAuth autopilotAuth,
                              HttpSurfaces surfaces, WriteRateLimit writeRateLimit, MetricsEndpoint metricsEndpoint) {
        this.dashboard = surfaces.dashboard();
        this.uiEnvPrefill = surfaces.uiEnvPrefill();
        this.writeRateLimit = writeRateLimit;
        this.metricsEndpoint = Objects.requireNonNull(metricsEndpoint, "metricsEndpoint");
        this.autopilot = autopilot;
        this.autopilotAuth = Objects.requireNonNull(autopilotAuth, "autopilotAuth");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.probes = Objects.requireNonNull(probes, "probes");
        this.unavailableReason = Objects.requireNonNull(unavailableReason, "unavailableReason");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.coordination = Objects.requireNonNull(coordination, "coordination");
        this.streams = new StreamRoutes(coordination, settings.statusKeepalive());
        Gauge.builder("agent_hub.sse.streams.open", streams, StreamRoutes::openStreams)
                .description("SSE streams open on this instance (chat session, wake and status streams)")
                .register(registry);
        Properties build = buildProperties();
        this.version = build.getProperty("version", "dev");
        this.document = new OpenApiDocument("Agent Hub", version);
        this.swaggerUiVersion = build.getProperty("swagger-ui.version");
    }

    @Override
    public void onInitialize(JavalinState state) {
        state.http.prefer405over404 = true;
        state.http.maxRequestSize = settings.maxRequestBytes();
        // Jetty caches header fields per connection and by default matches a later request's field against the
        // cache ignoring case, handing the handler the cached value: "bearer <key>" after "Bearer <key>" would
        // arrive as "Bearer <key>". The Authorization header is case-sensitive (wire spec §3.1).
        state.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
        // Every open response holds its output buffer in direct memory; SSE streams stay open for minutes, so
        // Jetty's 32 KiB default would cost 32 MiB per 1,000 streams. Frames are small and flushed one by one.
        state.jetty.modifyHttpConfiguration(http -> http.setOutputBufferSize(OUTPUT_BUFFER_BYTES));
        state.jsonMapper(new JavalinJackson(mapper, state.concurrency.useVirtualThreads));
    }

    @Override
    public void onStart(JavalinState state) {
        RequestObservation observation = new RequestObservation(registry);
        if (dashboard.isPresent()) { // first, so that every failure of a dashboard request is in its shape
            state.routes.before(ErrorResponses::useCodedErrors);
        }
        state.routes.before(this::beginRequest);
        // first of the checks of a write (wire spec §1), after the request id and trace headers are set
        if (writeRateLimit != null) {
            state.routes.before(writeRateLimit::check);
        }
        // the Agent Hub gates answer before routing, body validation and lookups (wire spec §1, §3.3)
        state.routes.before(autopilotAuth::gate);
        state.routes.after(observation::complete);

        state.routes.exception(DomainError.class, ErrorResponses::domainError);
        state.routes.exception(HttpResponseException.class, ErrorResponses::httpResponse);
        state.routes.exception(CodedError.class, ErrorResponses::codedError);
        // only request bodies that fail to parse are the client's fault; a response that fails to serialise is ours
        state.routes.exception(JsonBodies.InvalidJsonBody.class, (e, ctx) -> ErrorResponses.invalidJson(e.parseFailure(), ctx));
        state.routes.exception(Exception.class, ErrorResponses::unexpected);

        ApiRoutes operational = ApiRoutes.ungated(state.routes, document);
        new OperationalRoutes(probes, () -> unavailableReason.get() == null, registry, metricsEndpoint).register(operational);
        new DocsRoutes(document, swaggerUiVersion).register(operational);
        new ConsoleRoutes(uiEnvPrefill, autopilotAuth.settings(), metricsEndpoint.token()).register(operational);
        ApiRoutes api = ApiRoutes.gated(state.routes, document, this::requireAvailable);
        JsonBodies bodies = jsonBodies();
        new IdentityRoutes(coordination, bodies).register(api);
        new AgentRoutes(coordination, bodies).register(api);
        new ReservationRoutes(coordination, bodies).register(api);
        new MailRoutes(coordination, bodies).register(api);
        new ChatRoutes(coordination, bodies).register(api);
        new ContactRoutes(coordination, bodies).register(api);
        new ConversationRoutes(coordination).register(api);
        new RepoRoutes(coordination, bodies).register(api);
        new WorkspaceRoutes(coordination, bodies).register(api);
        new BdhRoutes(coordination, bodies, registry).register(api);
        new BeadUploadRoutes(coordination, bodies).register(api);
        new StatusRoutes(coordination).register(api);
        new ClaimRoutes(coordination).register(api);
        new BeadReadRoutes(coordination).register(api);
        new PolicyRoutes(coordination, bodies).register(api);
        new EscalationRoutes(coordination, bodies).register(api);
        new SubscriptionRoutes(coordination, bodies).register(api);
        new TaskRoutes(coordination, bodies).register(api);
        new AuditRoutes(coordination).register(api);
        streams.register(api);
        new McpEndpoint(new McpTools(coordination), mapper, version).register(api);
        new AuthRoutes(autopilotAuth, bodies).register(api);
        if (autopilot != null) {
            AutopilotRoutes.register(api, autopilot, bodies);
        }
        dashboard.ifPresent(verifier -> new TenantDashboardRoutes(coordination, bodies,
                new TenantFilter(verifier, () -> new TenantScopes(coordination.get().projects()))).register(api));
    }

    /** Ends every open SSE stream and refuses new ones; the hub calls it when it stops, before draining requests. */
    public void endStreams() {
        streams.endAll();
    }

    /** The gate in front of every API route of the hub: 503 with the reason while the hub cannot serve. */
    public void requireAvailable(Context ctx) {
        String reason = unavailableReason.get();
        if (reason != null) {
            throw new DomainError.Unavailable(reason);
        }
    }

    private void beginRequest(Context ctx) {
        tracing.begin(ctx);
        String declaredLength = ctx.header("Content-Length");
        if (declaredLength != null) {
            try {
                if (Long.parseLong(declaredLength.strip()) > settings.maxRequestBytes()) {
                    throw new HttpResponseException(413, "Request body too large");
                }
            } catch (NumberFormatException ignored) {
                // Jetty rejects malformed lengths itself
            }
        }
    }

    /** The OpenAPI document of every route this plugin registered. */
    public OpenApiDocument openApi() {
        return document;
    }

    /** The JSON mapper the API uses; handlers added by a host can share it. */
    public ObjectMapper objectMapper() {
        return mapper;
    }

    /** Body parsing with the API's error formats, for handlers. */
    public JsonBodies jsonBodies() {
        return new JsonBodies(mapper);
    }

    private static Properties buildProperties() {
        Properties properties = new Properties();
        try (InputStream in = AgentHubHttpPlugin.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
