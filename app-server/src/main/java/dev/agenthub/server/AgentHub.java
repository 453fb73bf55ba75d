package dev.agenthub.server;

import com.zaxxer.hikari.HikariDataSource;
import dev.agenthub.http.AgentHubHttpPlugin;
import dev.agenthub.http.HttpSurfaces;
import dev.agenthub.http.HttpSettings;
import dev.agenthub.http.autopilot.auth.AutopilotAuth;
import dev.agenthub.http.autopilot.auth.HmacJwtCodec;
import dev.agenthub.orchestration.access.AccessSettings;
import dev.agenthub.orchestration.access.TokenCodec;
import dev.agenthub.http.autopilot.AutopilotServices;
import dev.agenthub.http.v1.CoordinationServices;
import dev.agenthub.hub.audit.AuditTrail;
import dev.agenthub.hub.bdh.BdhCoordination;
import dev.agenthub.hub.beads.BeadReads;
import dev.agenthub.hub.beads.BeadUploads;
import dev.agenthub.hub.beads.port.StatusChangeNotifications;
import dev.agenthub.hub.claims.ClaimListing;
import dev.agenthub.hub.claims.Claims;
import dev.agenthub.hub.escalations.Escalations;
import dev.agenthub.orchestration.workitems.LeaseSweep;
import dev.agenthub.hub.tasks.TaskIndex;
import dev.agenthub.hub.tasks.TaskWork;
import dev.agenthub.hub.tasks.Tasks;
import dev.agenthub.hub.notifications.Notifications;
import dev.agenthub.hub.notifications.OutboxEntry;
import dev.agenthub.hub.notifications.Subscriptions;
import dev.agenthub.hub.init.InitLimits;
import dev.agenthub.hub.init.InitService;
import dev.agenthub.hub.live.HubLiveEvents;
import dev.agenthub.hub.policies.Policies;
import dev.agenthub.hub.repos.Repos;
import dev.agenthub.hub.status.Status;
import dev.agenthub.hub.team.WorkspaceCascades;
import dev.agenthub.hub.team.WorkspaceDirectory;
import dev.agenthub.hub.team.WorkspaceLifecycle;
import dev.agenthub.hub.workspaces.Workspaces;
import dev.agenthub.persistence.events.InProcessEventBus;
import dev.agenthub.persistence.events.InProcessHealthProbe;
import dev.agenthub.persistence.inprocess.InProcessPresenceIndex;
import dev.agenthub.persistence.inprocess.InProcessWaitingPresence;
import dev.agenthub.persistence.inprocess.InProcessRateLimiter;
import dev.agenthub.persistence.inprocess.InProcessSlidingWindowLimiter;
import dev.agenthub.persistence.postgres.ConnectionPools;
import dev.agenthub.persistence.postgres.DatabaseHealthProbe;
import dev.agenthub.persistence.postgres.EmbeddedPostgresServer;
import dev.agenthub.persistence.postgres.PostgresUrl;
import dev.agenthub.persistence.postgres.SchemaMigrations;
import dev.agenthub.persistence.redis.RedisBackend;
import dev.agenthub.persistence.redis.RedisEventBus;
import dev.agenthub.persistence.hub.JooqAuditLog;
import dev.agenthub.persistence.hub.JooqBeadStore;
import dev.agenthub.persistence.hub.JooqClaimStore;
import dev.agenthub.persistence.hub.JooqPolicyStore;
import dev.agenthub.persistence.hub.JooqEscalationStore;
import dev.agenthub.persistence.hub.JooqTaskStore;
import dev.agenthub.persistence.hub.JooqOutboxStore;
import dev.agenthub.persistence.hub.JooqSubscriptionStore;
import dev.agenthub.persistence.hub.JooqRepoStore;
import dev.agenthub.persistence.hub.JooqWorkspaceStore;
import dev.agenthub.persistence.protocol.JooqAgentStore;
import dev.agenthub.persistence.protocol.JooqChatStore;
import dev.agenthub.persistence.protocol.JooqContactStore;
import dev.agenthub.persistence.protocol.JooqConversationStore;
import dev.agenthub.persistence.protocol.JooqMailStore;
import dev.agenthub.persistence.protocol.JooqApiKeyStore;
import dev.agenthub.persistence.protocol.JooqProjectStore;
import dev.agenthub.persistence.protocol.JooqReservationStore;
import dev.agenthub.persistence.redis.RedisHealthProbe;
import dev.agenthub.persistence.redis.RedisPresenceIndex;
import dev.agenthub.persistence.redis.RedisWaitingPresence;
import dev.agenthub.persistence.redis.RedisRateLimiter;
import dev.agenthub.persistence.redis.RedisSlidingWindowLimiter;
import dev.agenthub.http.ratelimit.WriteRateLimit;
import dev.agenthub.http.ops.MetricsEndpoint;
import dev.agenthub.orchestration.insights.port.AutopilotMetricsSource;
import dev.agenthub.orchestration.insights.port.HubFigures;
import dev.agenthub.persistence.orchestration.JooqHubFigures;
import dev.agenthub.persistence.hub.JooqActiveAgents;
import dev.agenthub.protocol.ratelimit.port.SlidingWindowLimiter;
import dev.agenthub.persistence.sql.JooqTransactionRunner;
import dev.agenthub.protocol.agents.Agents;
import dev.agenthub.protocol.chat.Chat;
import dev.agenthub.protocol.chat.WaitingSessions;
import dev.agenthub.protocol.chat.port.WaitingPresence;
import dev.agenthub.protocol.live.LiveEvents;
import dev.agenthub.protocol.live.LiveStreams;
import dev.agenthub.protocol.contacts.ContactAccess;
import dev.agenthub.protocol.contacts.Contacts;
import dev.agenthub.protocol.conversations.Conversations;
import dev.agenthub.protocol.identity.Actors;
import dev.agenthub.protocol.identity.ApiKeyDeactivation;
import dev.agenthub.protocol.identity.Authenticator;
import dev.agenthub.protocol.identity.ProxySignature;
import dev.agenthub.protocol.kernel.events.EventBus;
import dev.agenthub.protocol.kernel.health.HealthProbe;
import dev.agenthub.protocol.kernel.id.IdGenerator;
import dev.agenthub.protocol.kernel.id.TimeOrderedIdGenerator;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import dev.agenthub.protocol.mail.Mail;
import dev.agenthub.protocol.presence.port.PresenceIndex;
import dev.agenthub.protocol.projects.Projects;
import dev.agenthub.protocol.ratelimit.port.RateLimiter;
import dev.agenthub.protocol.reservations.Reservations;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.server.handler.GracefulHandler;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import dev.agenthub.orchestration.jobs.JobWorker;
import java.util.concurrent.atomic.AtomicLong;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The hub: the composition root that wires adapters to ports, and the facade a host application uses.
 * {@link #builder()} returns an unstarted hub; {@link #start()} brings up its infrastructure (embedded or
 * external PostgreSQL, migrations, Redis or in-process adapters) and, unless built
 * {@link Builder#withoutHttpServer() without a server}, its own HTTP listener; {@link #close()} releases
 * everything it started, in reverse order. Hubs share no state, so several can run in one JVM.
 */
public final class AgentHub implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentHub.class);

    /** The default of {@link Builder#escalationSweepInterval}. */
    public static final Duration DEFAULT_ESCALATION_SWEEP_INTERVAL = Duration.ofSeconds(30);
    /** The longest {@link Builder#escalationSweepInterval} (§14 F5: every ≤ 60 s). */
    public static final Duration MAX_ESCALATION_SWEEP_INTERVAL = Duration.ofSeconds(60);
    /** The default of {@link Builder#leaseSweepInterval}. */
    public static final Duration DEFAULT_LEASE_SWEEP_INTERVAL = Duration.ofSeconds(30);
    /** The default of {@link Builder#notificationProcessorInterval}. */
    public static final Duration DEFAULT_NOTIFICATION_PROCESSOR_INTERVAL = Duration.ofSeconds(5);

    private final HubConfig config;
    private final Clock clock;
    private final IdGenerator idGenerator;
    private final PrometheusMeterRegistry meterRegistry;
    private final DataSource suppliedDataSource;
    private final RedisClient suppliedRedisClient;
    private final EventBus suppliedEventBus;
    private final boolean serveHttp;
    private final Consumer<JavalinConfig> serverCustomizer;
    private final Duration escalationSweepInterval;
    private final Duration leaseSweepInterval;
    private final Duration notificationInterval;
    private final Consumer<OutboxEntry> beforeNotification;
    private final String jobWorkerId;
    /** Stale recoveries by this hub's workers and errors escaping their loops (the §11.2 counters). */
    private final AtomicLong staleRecovered = new AtomicLong();
    private final AtomicLong loopErrors = new AtomicLong();
    private Notifications notifications;

    /** Everything start() opened except the listener (stopped first), closed in reverse order by close(). */
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final AgentHubHttpPlugin httpPlugin;
    /** Filled by start(); the HTTP plugin, built earlier so hosts can mount it, reads it per request. */
    private final List<HealthProbe> probes = new CopyOnWriteArrayList<>();

    private DataSource dataSource;
    private TransactionRunner transactionRunner;
    /** The same runner as {@link #transactionRunner}, as the session the jOOQ stores join. */
    private JooqTransactionRunner jooq;
    private EventBus eventBus;
    private PresenceIndex presenceIndex;
    private RateLimiter rateLimiter;
    /** The write limiter's windows (Redis when the hub has Redis); set by start(), read per request. */
    private volatile SlidingWindowLimiter writeWindows;
    /** The Agent Hub gauges of /metrics; set by start(). */
    private volatile HubFigures hubFigures;
    /** The job and webhook figures of /metrics: all 0 until start() wires the job queue, workers and webhook store. */
    private volatile AutopilotMetricsSource autopilotMetrics = AutopilotMetricsSource.UNWIRED;
    private WaitingPresence waitingPresence;
    private volatile CoordinationServices coordination;
    private volatile AutopilotServices autopilot;
    private volatile Javalin server;
    /** Stopped first on close, so a cycle in flight stops while the listener drains. */
    private volatile JobWorkerPool jobWorkers;
    private String databaseMode = "not started";
    private String redisMode = "not started";
    private volatile State state = State.NEW;

    /** NEW until start(); STARTING while it runs (the listener may already answer); READY; CLOSED. */
    private enum State { NEW, STARTING, READY, CLOSED }

    private AgentHub(Builder builder) {
        this.config = builder.config != null ? builder.config : HubConfig.fromEnvironment();
        this.clock = builder.clock != null ? builder.clock : Clock.systemUTC();
        this.idGenerator = builder.idGenerator != null ? builder.idGenerator : new TimeOrderedIdGenerator(clock);
        this.meterRegistry = builder.meterRegistry != null ? builder.meterRegistry : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.suppliedDataSource = builder.dataSource;
        this.suppliedRedisClient = builder.redisClient;
        this.suppliedEventBus = builder.eventBus;
        this.serveHttp = builder.serveHttp;
        this.serverCustomizer = builder.serverCustomizer;
        this.escalationSweepInterval = builder.escalationSweepInterval;
        this.leaseSweepInterval = builder.leaseSweepInterval;
        this.notificationInterval = builder.notificationInterval;
        this.beforeNotification = builder.beforeNotification;
        this.jobWorkerId = builder.jobWorkerId != null ? builder.jobWorkerId : JobMetrics.defaultWorkerId();
        this.httpPlugin = new AgentHubHttpPlugin(new HttpSettings(config.maxRequestBytes(), builder.statusKeepalive), () -> probes, this::unavailableReason, meterRegistry,
                () -> coordination, () -> autopilot, autopilotAuth(config.access(), clock),
                new HttpSurfaces(config.tenantAuth().verifier(clock), config.console().uiEnvPrefillEnabled()),
                new WriteRateLimit(config.rateLimit().toHttp(), () -> writeWindows, clock, meterRegistry),
                new MetricsEndpoint(config.metrics().requireToken(), config.metrics().bearerToken(), () -> hubFigures,
                        () -> autopilotMetrics));
    }

    /**
     * The Agent Hub gates, with a token codec on the hub's clock when a usable secret is configured. HubConfig already
     * refused a short secret while a gate is on; with every gate off a short one is left unused.
     */
    private static AutopilotAuth autopilotAuth(AccessSettings access, Clock clock) {
        Optional<TokenCodec> tokens = Optional.empty();
        if (access.jwtSecret().isPresent()) {
            if (access.jwtSecret().get().length() >= HmacJwtCodec.MIN_SECRET_LENGTH) {
                tokens = Optional.of(new HmacJwtCodec(access.jwtSecret().get(), clock));
            } else {
                log.warn("AGENT_HUB_JWT_SECRET is shorter than {} characters and is not used: bearer JWTs are not "
                        + "recognised", HmacJwtCodec.MIN_SECRET_LENGTH);
            }
        }
        return new AutopilotAuth(access, tokens);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the hub. On failure everything already started is closed again and the exception propagates.
     *
     * @throws IllegalStateException when called twice or after {@link #close()}
     */
    public synchronized AgentHub start() {
        if (state != State.NEW) {
            throw new IllegalStateException("a hub starts once; this one is " + state);
        }
        long started = System.nanoTime();
        state = State.STARTING;
        bindJvmMetrics();
        try {
            // The listener comes up while PostgreSQL starts: liveness answers at once, readiness and the API
            // answer 503 until the hub is ready.
            CompletableFuture<Void> listener = serveHttp
                    ? CompletableFuture.runAsync(this::startServer, runnable -> Thread.ofPlatform().name("agent-hub-http-start").start(runnable))
                    : CompletableFuture.completedFuture(null);
            Throwable failure = null;
            try {
                startDatabase();
                startRedisRole();
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            try {
                listener.join();
            } catch (CompletionException e) {
                if (failure == null) {
                    failure = e.getCause();
                } else {
                    failure.addSuppressed(e.getCause());
                }
            }
            if (failure != null) {
                throw failure;
            }
            coordination = buildCoordination();
            AutopilotWiring.Autopilot composed = AutopilotWiring.build(config, jooq, transactionRunner, clock,
                    dataSource, staleRecovered::addAndGet, resources::push);
            autopilot = composed.services();
            autopilotMetrics = JobMetrics.source(composed.jobStore(), autopilot.webhooks(), staleRecovered, loopErrors,
                    clock);
            hubFigures = new JooqHubFigures(jooq);
            registerActiveAgents();
            scheduleEscalationSweep(coordination.escalations());
            scheduleLeaseSweep(autopilot.leaseSweep());
            startJobWorkers(composed);
            scheduleNotificationProcessor(notifications);
            state = State.READY;
        } catch (Throwable e) {
            close();
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("hub failed to start", e);
        }
        log.info("Agent Hub ready{} (database: {}; redis: {}) in {} ms",
                serveHttp ? " on " + url() : " (no HTTP listener: mount httpPlugin())",
                databaseMode, redisMode, (System.nanoTime() - started) / 1_000_000);
        return this;
    }

    private void startDatabase() {
        if (suppliedDataSource != null) {
            dataSource = suppliedDataSource;
            databaseMode = "host-supplied DataSource";
        } else {
            PostgresUrl url;
            if (config.databaseUrl().isPresent()) {
                url = config.databaseUrl().get();
                databaseMode = "PostgreSQL " + url;
            } else {
                long embeddedStart = System.nanoTime();
                EmbeddedPostgresServer embedded = EmbeddedPostgresServer.start(config.dataDir());
                log.debug("embedded PostgreSQL started in {} ms", (System.nanoTime() - embeddedStart) / 1_000_000);
                resources.push(embedded);
                url = embedded.url();
                databaseMode = "embedded PostgreSQL in " + embedded.dataDirectory() + " (port " + embedded.port() + ")";
            }
            HikariDataSource pool = ConnectionPools.create("agent-hub", url, config.databasePoolSize(), meterRegistry);
            resources.push(pool);
            dataSource = pool;
        }
        long migrationStart = System.nanoTime();
        int applied = SchemaMigrations.migrate(dataSource);
        log.debug("migrations checked in {} ms", (System.nanoTime() - migrationStart) / 1_000_000);
        if (applied > 0) {
            log.info("applied {} database migration(s)", applied);
        }
        DSLContext dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
        jooq = new JooqTransactionRunner(dsl);
        transactionRunner = jooq;
        probes.add(new DatabaseHealthProbe(dataSource));
    }

    private void startRedisRole() {
        if (suppliedEventBus != null) {
            eventBus = suppliedEventBus;
        }
        RedisBackend backend = null;
        if (suppliedRedisClient != null) {
            backend = RedisBackend.using(suppliedRedisClient, config.redisKeyPrefix());
            redisMode = "host-supplied Redis client";
        } else if (config.redisUrl().isPresent()) {
            backend = RedisBackend.connect(config.redisUrl().get(), config.redisKeyPrefix());
            redisMode = "Redis " + redactedRedisUrl(config.redisUrl().get());
        } else {
            redisMode = "in-process";
        }
        if (backend != null) {
            resources.push(backend);
            probes.add(new RedisHealthProbe(backend));
            presenceIndex = new RedisPresenceIndex(backend);
            rateLimiter = new RedisRateLimiter(backend);
            writeWindows = new RedisSlidingWindowLimiter(backend);
            waitingPresence = new RedisWaitingPresence(backend);
            if (eventBus == null) {
                RedisEventBus bus = new RedisEventBus(backend);
                resources.push(bus);
                eventBus = bus;
            }
        } else {
            probes.add(new InProcessHealthProbe());
            presenceIndex = new InProcessPresenceIndex();
            rateLimiter = new InProcessRateLimiter();
            writeWindows = new InProcessSlidingWindowLimiter();
            waitingPresence = new InProcessWaitingPresence();
            if (eventBus == null) {
                InProcessEventBus bus = new InProcessEventBus();
                resources.push(bus);
                eventBus = bus;
            }
        }
    }

    /** The use cases of the coordination API over the stores of this hub's database and Redis role. */
    private CoordinationServices buildCoordination() {
        JooqProjectStore projectStore = new JooqProjectStore(jooq);
        JooqAgentStore agentStore = new JooqAgentStore(jooq);
        JooqApiKeyStore keyStore = new JooqApiKeyStore(jooq);
        Authenticator authenticator = new Authenticator(keyStore, clock, config.proxySecret().map(ProxySignature::new).orElse(null));
        JooqWorkspaceStore workspaceStore = new JooqWorkspaceStore(jooq);
        WaitingSessions waiting = new WaitingSessions(waitingPresence, clock);
        LiveEvents events = new LiveEvents(eventBus, projectStore, waiting, clock);
        JooqClaimStore claimStore = new JooqClaimStore(jooq);
        JooqBeadStore beadStore = new JooqBeadStore(jooq);
        HubLiveEvents hubEvents = new HubLiveEvents(events);
        JooqTaskStore taskStore = new JooqTaskStore(jooq);
        TaskIndex taskIndex = new TaskIndex(taskStore);
        Claims claims = new Claims(transactionRunner, claimStore, workspaceStore, beadStore, hubEvents, taskIndex);
        WorkspaceCascades workspaceCascades = new WorkspaceCascades(transactionRunner, workspaceStore, agentStore,
                keyStore, presenceIndex, claims, clock);
        Agents agents = new Agents(transactionRunner, projectStore, agentStore, presenceIndex,
                List.of(new ApiKeyDeactivation(keyStore), workspaceCascades), clock);
        JooqRepoStore repoStore = new JooqRepoStore(jooq);
        Workspaces workspaces = new Workspaces(projectStore, repoStore, workspaceStore, presenceIndex,
                Duration.ofSeconds(config.presenceTtlSeconds()), clock, idGenerator);
        InitService init = new InitService(transactionRunner, projectStore, agentStore, keyStore, repoStore, workspaces,
                authenticator, rateLimiter,
                new InitLimits(config.initRateLimit(), Duration.ofSeconds(config.initRateWindowSeconds())), clock,
                idGenerator, new SecureRandom());
        JooqChatStore chatStore = new JooqChatStore(jooq);
        JooqMailStore mailStore = new JooqMailStore(jooq);
        JooqContactStore contactStore = new JooqContactStore(jooq);
        ContactAccess contactAccess = new ContactAccess(contactStore, projectStore, agentStore);
        Chat chat = new Chat(transactionRunner, chatStore, agentStore, events, waiting, contactAccess, clock, idGenerator);
        JooqAuditLog auditLog = new JooqAuditLog(jooq);
        JooqSubscriptionStore subscriptionStore = new JooqSubscriptionStore(jooq);
        notifications = new Notifications(transactionRunner, subscriptionStore, new JooqOutboxStore(jooq),
                workspaceStore, agentStore, mailStore, events, clock, idGenerator, beforeNotification);
        LiveStreams liveStreams = new LiveStreams(eventBus, chatStore, mailStore, events, waiting, clock, idGenerator,
                new TaskWork(taskStore));
        Escalations escalations = new Escalations(transactionRunner, new JooqEscalationStore(jooq), workspaceStore,
                hubEvents, auditLog, clock, idGenerator);
        Status status = new Status(projectStore, workspaceStore, claimStore, beadStore, taskIndex, presenceIndex,
                escalations::pending, liveStreams, clock);
        return new CoordinationServices(authenticator, new Actors(agentStore), init, new Projects(projectStore), agents,
                new Reservations(new JooqReservationStore(jooq), events, clock),
                new Mail(mailStore, agentStore, projectStore, events, contactAccess, clock, idGenerator),
                chat, liveStreams,
                new Contacts(contactStore, clock, idGenerator), new Conversations(new JooqConversationStore(jooq)),
                new Repos(transactionRunner, projectStore, agentStore, repoStore, workspaceCascades, workspaceStore,
                        clock, idGenerator), workspaces,
                new WorkspaceDirectory(projectStore, repoStore, workspaceStore, claimStore, beadStore, taskIndex,
                        presenceIndex, clock),
                new WorkspaceLifecycle(transactionRunner, projectStore, agentStore, keyStore, repoStore, workspaceStore,
                        workspaces, claims, presenceIndex, Duration.ofSeconds(config.presenceTtlSeconds()), clock, idGenerator),
                new BdhCoordination(transactionRunner, workspaceStore, claimStore, claims, beadStore, hubEvents, auditLog,
                        clock, idGenerator, notifications),
                new BeadUploads(transactionRunner, beadStore, workspaceStore, hubEvents, auditLog, clock, idGenerator,
                        notifications),
                status, new ClaimListing(claimStore), new BeadReads(beadStore),
                new Policies(transactionRunner, new JooqPolicyStore(jooq), workspaceStore, auditLog,
                        DefaultPolicies::load, clock, idGenerator),
                escalations, new Subscriptions(subscriptionStore, workspaceStore, clock, idGenerator),
                new Tasks(transactionRunner, taskStore, projectStore, agentStore, workspaceStore, beadStore, claims,
                        clock, idGenerator),
                new AuditTrail(auditLog));
    }

    /** The use cases of the Agent Hub API ({@code /projects…}; after {@link #start()}), for use without HTTP. */
    public AutopilotServices autopilot() {
        if (state != State.READY) {
            throw new IllegalStateException("the hub is " + state + "; the Agent Hub API exists once it is ready");
        }
        return autopilot;
    }

    /**
     * The notification outbox processor (§7.2) every {@link Builder#notificationProcessorInterval}, on one daemon
     * thread closed with the hub. Every instance runs one; rows are taken under {@code FOR UPDATE SKIP LOCKED}, so
     * each is delivered once, and rows a crashed instance left behind are delivered by the others.
     */
    private void scheduleNotificationProcessor(Notifications outbox) {
        ScheduledExecutorService processor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("agent-hub-notification-outbox").daemon().factory());
        resources.push(() -> {
            processor.shutdownNow();
            processor.awaitTermination(10, TimeUnit.SECONDS);
        });
        long period = notificationInterval.toMillis();
        processor.scheduleWithFixedDelay(() -> {
            try {
                StatusChangeNotifications.Processed done = outbox.processDue();
                if (done.sent() + done.failed() > 0) {
                    log.debug("notification outbox: {} sent, {} failed", done.sent(), done.failed());
                }
            } catch (RuntimeException e) {
                log.warn("notification outbox processing failed; retrying in {} ms", period, e);
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * The escalation expiry sweep (§14 F5) every {@link Builder#escalationSweepInterval}, on one daemon thread
     * closed with the hub. Every instance sweeps; the store makes each row expire exactly once. A failing round
     * is logged and the next one runs on time.
     */
    private void scheduleEscalationSweep(Escalations escalations) {
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("agent-hub-escalation-sweep").daemon().factory());
        resources.push(() -> {
            sweeper.shutdownNow();
            sweeper.awaitTermination(10, TimeUnit.SECONDS);
        });
        long period = escalationSweepInterval.toMillis();
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                int expired = escalations.sweep();
                if (expired > 0) {
                    log.debug("escalation sweep expired {} escalation(s)", expired);
                }
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable e) { // anything else escaping would cancel every later round, silently
                log.warn("escalation sweep failed; retrying in {} ms", period, e);
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * The work-item lease sweep (agenthub §14 D1) every {@link Builder#leaseSweepInterval}, on one daemon thread
     * closed with the hub. Every instance sweeps; the store takes expired rows under {@code FOR UPDATE SKIP LOCKED},
     * so each expiry is released and logged once. A failing round is logged and the next one runs on time.
     */
    private void scheduleLeaseSweep(LeaseSweep sweep) {
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("agent-hub-lease-sweep").daemon().factory());
        resources.push(() -> {
            sweeper.shutdownNow();
            sweeper.awaitTermination(10, TimeUnit.SECONDS);
        });
        long period = leaseSweepInterval.toMillis();
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                int released = sweep.sweep().size();
                if (released > 0) {
                    log.info("lease sweep returned {} work item(s) with an expired claim to the backlog", released);
                }
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable e) { // anything else escaping would cancel every later round, silently
                log.warn("lease sweep failed; retrying in {} ms", period, e);
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * The in-process job workers (§8) when {@code AGENT_HUB_JOB_WORKER_ENABLED} is on: {@code concurrency} workers named
     * {@code <base>} (one) or {@code <base>-1 … <base>-n}, closed with the hub before the database.
     */
    private void startJobWorkers(AutopilotWiring.Autopilot composed) {
        JobWorkerSettings settings = config.jobWorkers();
        if (!settings.enabled()) {
            return;
        }
        List<JobWorker> workers = new ArrayList<>();
        for (int n = 1; n <= settings.concurrency(); n++) {
            workers.add(composed.workers().apply(settings.concurrency() == 1 ? jobWorkerId : jobWorkerId + "-" + n));
        }
        JobWorkerPool pool = new JobWorkerPool(workers, settings.pollInterval(),
                Duration.ofSeconds(config.shutdownGraceSeconds()), loopErrors::addAndGet);
        resources.push(pool);
        jobWorkers = pool;
        pool.start();
    }

    private void startServer() {
        Javalin javalin = Javalin.create(javalinConfig -> {
            javalinConfig.concurrency.useVirtualThreads = true;
            javalinConfig.startup.showJavalinBanner = false;
            javalinConfig.startup.showOldJavalinVersionWarning = false;
            javalinConfig.jetty.host = config.host();
            javalinConfig.jetty.port = config.port();
            javalinConfig.jetty.modifyServer(jetty -> {
                // Jetty 12 drains in-flight requests on stop only through a GracefulHandler
                jetty.insertHandler(new GracefulHandler());
                jetty.setStopTimeout(config.shutdownGraceSeconds() * 1000L);
                jetty.setStopAtShutdown(false);
            });
            javalinConfig.registerPlugin(httpPlugin);
            serverCustomizer.accept(javalinConfig);
        });
        javalin.start();
        server = javalin;
    }

    /** Why the API cannot serve now ("Service is starting", "Service is shutting down"), or null when it can. */
    private String unavailableReason() {
        return switch (state) {
            case READY -> null;
            case CLOSED -> "Service is shutting down";
            case NEW, STARTING -> "Service is starting";
        };
    }

    /** Where the hub's own HTTP listener is, e.g. {@code http://127.0.0.1:8000}. */
    public String url() {
        requireServer();
        String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port();
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        requireServer();
        return server.port();
    }

    /** The HTTP API as a Javalin plugin, for mounting on a host application's Javalin. */
    public AgentHubHttpPlugin httpPlugin() {
        return httpPlugin;
    }

    public HubConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public IdGenerator idGenerator() {
        return idGenerator;
    }

    public PrometheusMeterRegistry meterRegistry() {
        return meterRegistry;
    }

    /** The store connections (after {@link #start()}). */
    public DataSource dataSource() {
        requireStarted();
        return dataSource;
    }

    public TransactionRunner transactionRunner() {
        requireStarted();
        return transactionRunner;
    }

    public EventBus eventBus() {
        requireStarted();
        return eventBus;
    }

    /** The use cases of the {@code /v1} coordination API (after {@link #start()}), for use without HTTP. */
    public CoordinationServices coordination() {
        if (state != State.READY) {
            throw new IllegalStateException("the hub is " + state + "; the coordination API exists once it is ready");
        }
        return coordination;
    }

    /** The presence index of this hub (Redis or in-process). */
    public PresenceIndex presenceIndex() {
        requireStarted();
        return presenceIndex;
    }

    /** Stops the listener (draining in-flight requests), then closes what the hub opened. Idempotent. */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        if (jobWorkers != null) {
            jobWorkers.requestStop();
        }
        httpPlugin.endStreams(); // open SSE streams would otherwise hold the drain for the whole grace period
        if (server != null) {
            try {
                server.stop(); // stops accepting, then waits up to the grace period for in-flight requests
            } catch (RuntimeException e) {
                log.warn("error while stopping the HTTP listener", e);
            }
        }
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("error while closing {}", resource, e);
            }
        }
        log.info("Agent Hub stopped");
    }

    private void requireStarted() {
        if (state != State.STARTING && state != State.READY) {
            throw new IllegalStateException("the hub is " + state + "; call start() first");
        }
    }

    private void requireServer() {
        requireStarted();
        if (server == null) {
            throw new IllegalStateException("this hub was built withoutHttpServer()");
        }
    }

    private static String redactedRedisUrl(String url) {
        return url.replaceFirst("//[^@/]*@", "//***@");
    }

    /** JVM meters on the hub's registry; the GC binder holds listeners, so it is closed with the hub. */
    /**
     * {@code agent_hub_agents_active}: live agent workspaces seen within the presence TTL, one count per scrape (NaN
     * while the database does not answer).
     */
    private void registerActiveAgents() {
        JooqActiveAgents active = new JooqActiveAgents(jooq);
        Duration ttl = Duration.ofSeconds(config.presenceTtlSeconds());
        io.micrometer.core.instrument.Gauge.builder("agent_hub.agents.active", () -> {
                    try {
                        return active.count(clock.instant(), ttl);
                    } catch (RuntimeException e) {
                        return Double.NaN;
                    }
                }).description("Agent workspaces seen within the presence TTL").register(meterRegistry);
    }

    private void bindJvmMetrics() {
        new ClassLoaderMetrics().bindTo(meterRegistry);
        new JvmMemoryMetrics().bindTo(meterRegistry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(meterRegistry);
        resources.push(gc);
        new JvmThreadMetrics().bindTo(meterRegistry);
        new ProcessorMetrics().bindTo(meterRegistry);
        new UptimeMetrics().bindTo(meterRegistry);
    }

    /** Builds an unstarted {@link AgentHub}. Every part is optional; what is not given comes from the configuration. */
    public static final class Builder {
        private HubConfig config;
        private Clock clock;
        private IdGenerator idGenerator;
        private PrometheusMeterRegistry meterRegistry;
        private DataSource dataSource;
        private RedisClient redisClient;
        private EventBus eventBus;
        private boolean serveHttp = true;
        private Consumer<JavalinConfig> serverCustomizer = config -> { };
        private Duration statusKeepalive = HttpSettings.DEFAULT_STATUS_KEEPALIVE;
        private Duration escalationSweepInterval = DEFAULT_ESCALATION_SWEEP_INTERVAL;
        private Duration leaseSweepInterval = DEFAULT_LEASE_SWEEP_INTERVAL;
        private Duration notificationInterval = DEFAULT_NOTIFICATION_PROCESSOR_INTERVAL;
        private Consumer<OutboxEntry> beforeNotification = row -> { };
        private String jobWorkerId;

        private Builder() {
        }

        /**
         * The id of this hub's job worker (default {@code worker-<hostname>-<pid>}, §8); with
         * {@code AGENT_HUB_JOB_WORKER_CONCURRENCY > 1} the workers are {@code <id>-1 … <id>-n}. Every worker sharing a
         * database needs its own id, so several hubs in one JVM (tests) set distinct ones.
         */
        public Builder jobWorkerId(String id) {
            Objects.requireNonNull(id, "id");
            if (id.isBlank() || id.length() > 100) {
                throw new IllegalArgumentException("a job worker id is 1..100 characters: " + id);
            }
            this.jobWorkerId = id;
            return this;
        }

        /**
         * The silence after which {@code GET /v1/status/stream} writes a keepalive comment (default 30 s, §13.1);
         * shorter for proxies with a short idle timeout.
         */
        public Builder statusStreamKeepalive(Duration keepalive) {
            this.statusKeepalive = Objects.requireNonNull(keepalive, "keepalive");
            return this;
        }

        /**
         * How often the hub persists the expiry of due escalations and publishes {@code escalation.expired}
         * (default 30 s; at most 60 s, as §14 F5 asks). Reads report expiry at once regardless.
         */
        public Builder escalationSweepInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.toMillis() < 1 || interval.compareTo(MAX_ESCALATION_SWEEP_INTERVAL) > 0) {
                throw new IllegalArgumentException("the escalation sweep interval must be 1 ms .. 60 s, not " + interval);
            }
            this.escalationSweepInterval = interval;
            return this;
        }

        /**
         * How often the hub returns work items whose claim lease expired to the backlog and logs
         * {@code work_item_lease_expired} (agenthub §14 D1; default 30 s). The lease itself is
         * {@code AGENT_HUB_JOB_STALE_TIMEOUT_SEC}; this only bounds how late an expiry is noticed.
         */
        public Builder leaseSweepInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.toMillis() < 1) {
                throw new IllegalArgumentException("the lease sweep interval must be at least 1 ms, not " + interval);
            }
            this.leaseSweepInterval = interval;
            return this;
        }

        /**
         * How often the background processor delivers the notification outbox rows no inline run took, e.g.
         * those a crashed instance left (default 5 s).
         */
        public Builder notificationProcessorInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.toMillis() < 1) {
                throw new IllegalArgumentException("the notification processor interval must be at least 1 ms, not " + interval);
            }
            this.notificationInterval = interval;
            return this;
        }

        /**
         * A test hook: called inside each outbox row's transaction after the row was taken and before its mail is
         * written; an exception it throws rolls that row back untouched, as a processor dying mid-row would.
         */
        public Builder beforeNotificationDelivery(Consumer<OutboxEntry> hook) {
            this.beforeNotification = Objects.requireNonNull(hook, "hook");
            return this;
        }

        /**
         * Adjusts the hub's own Javalin after the API plugin is registered, e.g. to add routes or plugins of
         * the host's to the standalone listener. Ignored with {@link #withoutHttpServer()}.
         */
        public Builder customizeServer(Consumer<JavalinConfig> customizer) {
            this.serverCustomizer = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /** The configuration (default: parsed from the process environment). */
        public Builder config(HubConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder idGenerator(IdGenerator idGenerator) {
            this.idGenerator = Objects.requireNonNull(idGenerator, "idGenerator");
            return this;
        }

        /** A registry of the host's; the hub adds its meters to it. */
        public Builder meterRegistry(PrometheusMeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** A PostgreSQL {@code DataSource} the host owns: no embedded server, no pool of the hub's. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /** A Lettuce client the host owns, for the Redis-role ports (distributed mode). */
        public Builder redisClient(RedisClient redisClient) {
            this.redisClient = Objects.requireNonNull(redisClient, "redisClient");
            return this;
        }

        /** A custom {@link EventBus} implementation (verify it with the contract kit's EventBusContract). */
        public Builder eventBus(EventBus eventBus) {
            this.eventBus = Objects.requireNonNull(eventBus, "eventBus");
            return this;
        }

        /** No listener of the hub's own: the host mounts {@link AgentHub#httpPlugin()} on its Javalin, or uses no HTTP. */
        public Builder withoutHttpServer() {
            this.serveHttp = false;
            return this;
        }

        public AgentHub build() {
            return new AgentHub(this);
        }
    }
}
