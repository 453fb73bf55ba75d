package dev.agenthub.server;

import dev.agenthub.orchestration.access.AccessSettings;
import dev.agenthub.orchestration.access.ApiKeyRing;
import dev.agenthub.git.jgit.JGitSettings;
import dev.agenthub.orchestration.webhooks.GitHubWebhookOptions;
import dev.agenthub.persistence.postgres.PostgresUrl;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The server's configuration, parsed once from environment variables and validated as a whole: every
 * bad value is reported at once, each naming its variable. Variable names are matched
 * case-insensitively; the {@code AGENT_HUB_} name wins over its compatibility aliases, which are listed
 * after it in the README's configuration table.
 *
 * @param appEnv               {@code AGENT_HUB_APP_ENV}: {@code development} (default) or {@code production}
 * @param host                 bind address
 * @param port                 listen port; 0 picks a free one
 * @param databaseUrl          external PostgreSQL, or empty for the embedded server
 * @param databasePoolSize     connections in the pool to an external or embedded database
 * @param dataDir              where the embedded PostgreSQL keeps its files
 * @param redisUrl             external Redis, or empty for the in-process adapters
 * @param redisKeyPrefix       namespace of every Redis key and channel of this hub
 * @param maxRequestBytes      largest request body accepted
 * @param shutdownGraceSeconds how long SIGTERM waits for in-flight requests
 * @param logLevel             root log level
 * @param presenceTtlSeconds   how long a presence write keeps an agent online (minimum 10)
 * @param initRateLimit        {@code POST /v1/init} requests allowed per client IP and window
 * @param initRateWindowSeconds the length of that window
 * @param proxySecret          the HMAC secret of the signed proxy headers (§3.3) when proxy mode is on,
 *                             else empty: proxy headers are then ignored
 * @param providers            the change providers (§7): default provider, fallback, OpenAI settings
 * @param validation           the validation step (§6.3 step 7): test command, whether it is required, timeout
 * @param access               the Agent Hub gates (wire spec §3): {@code AGENT_HUB_REQUIRE_API_KEY},
 *                             {@code AGENT_HUB_API_KEYS}, {@code AGENT_HUB_AUTH_REQUIRE_ROLES},
 *                             {@code AGENT_HUB_AUTH_REQUIRE_READS}, {@code AGENT_HUB_JWT_SECRET},
 *                             {@code AGENT_HUB_JWT_TTL_SECONDS}
 * @param defaultPageSize      {@code AGENT_HUB_DEFAULT_PAGE_SIZE}: the Agent Hub list size without {@code limit}
 *                             (1..500, default 50)
 * @param maxPageSize          {@code AGENT_HUB_MAX_PAGE_SIZE}: the largest Agent Hub list page (1..2000, default 200)
 * @param allowLocalRepoPaths  {@code AGENT_HUB_ALLOW_LOCAL_REPO_PATHS}: whether a project's {@code repo_url} may be a
 *                             local path (default on; agenthub §5.1)
 * @param allowedLocalRepoRoot {@code AGENT_HUB_ALLOWED_LOCAL_REPO_ROOT}: the directory local repo paths must lie in,
 *                             as configured ({@code ~} allowed); empty when unset
 * @param git                  the git engine's settings: {@code AGENT_HUB_WORKSPACES} (default
 *                             {@code .agent_workspaces}), {@code AGENT_HUB_GIT_COMMAND_TIMEOUT_SEC} (5..600, 60),
 *                             {@code AGENT_HUB_GIT_COMMAND_RETRIES} (0..10, 1), {@code AGENT_HUB_GIT_USERNAME} with
 *                             {@code AGENT_HUB_GIT_PASSWORD} (both or neither), {@code GITHUB_TOKEN},
 *                             {@code GITLAB_TOKEN}
 * @param autoPush             {@code AGENT_HUB_AUTO_PUSH}: push the branch and the default branch after an
 *                             autopilot merge (§6.3 step 12)
 * @param jobStaleTimeout      {@code AGENT_HUB_JOB_STALE_TIMEOUT_SEC} (1..86400, default 900): a work-item claim's
 *                             lease (§14 D1)
 * @param workItemMaxAttempts  {@code AGENT_HUB_WORK_ITEM_MAX_ATTEMPTS} (0..1000, default 0 = no cap): claims after which
 *                             the autopilot cycle no longer selects a backlog item
 * @param jobWorkers           the in-process job workers (§8)
 * @param forges               the forge API base URLs of the PR sync (§10): {@code GITHUB_API_BASE_URL},
 *                             {@code GITLAB_API_BASE_URL} (the tokens are {@code git}'s)
 * @param tenantAuth           the tenant dashboard and its tokens (seeds R-T1): {@code AGENT_HUB_DASHBOARD_ENABLED},
 *                             {@code AGENT_HUB_TENANT_JWT_SECRET}, {@code AGENT_HUB_TENANT_JWT_ISSUER},
 *                             {@code AGENT_HUB_TENANT_JWT_AUDIENCE}
 * @param console              the API console (§11.3): {@code AGENT_HUB_UI_ENV_PREFILL_ENABLED}
 * @param webhooks             the GitHub webhook (§9): {@code AGENT_HUB_GITHUB_WEBHOOK_SECRET},
 *                             {@code AGENT_HUB_GITHUB_WEBHOOK_AUTO_ENQUEUE},
 *                             {@code AGENT_HUB_GITHUB_WEBHOOK_MAX_PAYLOAD_BYTES},
 *                             {@code AGENT_HUB_WEBHOOK_AGENT_RUN_ASSOCIATIONS}
 * @param rateLimit            the write rate limiter (wire spec agenthub §2.3): {@code AGENT_HUB_RATE_LIMIT_*},
 *                             {@code AGENT_HUB_TRUSTED_PROXY_IPS}
 * @param metrics              the {@code /metrics} token gate (§11.2): {@code AGENT_HUB_METRICS_REQUIRE_TOKEN},
 *                             {@code AGENT_HUB_METRICS_BEARER_TOKEN}
 */
public record HubConfig(
        String appEnv,
        String host,
        int port,
        Optional<PostgresUrl> databaseUrl,
        int databasePoolSize,
        Path dataDir,
        Optional<String> redisUrl,
        String redisKeyPrefix,
        long maxRequestBytes,
        int shutdownGraceSeconds,
        String logLevel,
        int presenceTtlSeconds,
        int initRateLimit,
        int initRateWindowSeconds,
        Optional<String> proxySecret,
        ProviderSettings providers,
        ValidationSettings validation,
        AccessSettings access,
        int defaultPageSize,
        int maxPageSize,
        boolean allowLocalRepoPaths,
        Optional<String> allowedLocalRepoRoot,
        JGitSettings git,
        boolean autoPush,
        Duration jobStaleTimeout,
        int workItemMaxAttempts,
        JobWorkerSettings jobWorkers,
        ForgeSettings forges,
        TenantAuthSettings tenantAuth,
        ConsoleSettings console,
        WebhookSettings webhooks,
        RateLimitSettings rateLimit,
        MetricsSettings metrics) {

    public static final int DEFAULT_PORT = 8000;
    /** HS256 needs a 256-bit key: a configured secret shorter than this stops startup when a gate is on. */
    public static final int MIN_JWT_SECRET_LENGTH = 32;

    /** The process environment. */
    public static HubConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * Parses {@code variables} (an environment map).
     *
     * @throws ConfigException listing every invalid value
     */
    public static HubConfig fromEnvironment(Map<String, String> variables) {
        Reader reader = new Reader(variables);
        String appEnv = reader.choice("development", List.of("development", "test", "production"), "AGENT_HUB_APP_ENV");
        String host = reader.string("127.0.0.1", "AGENT_HUB_HOST", "BEADHUB_HOST");
        long port = reader.integer(DEFAULT_PORT, 0, 65_535, "AGENT_HUB_PORT", "BEADHUB_PORT");
        Optional<PostgresUrl> databaseUrl = reader.optional(PostgresUrl::parse,
                "AGENT_HUB_DATABASE_URL", "BEADHUB_DATABASE_URL", "DATABASE_URL");
        long poolSize = reader.integer(10, 1, 500, "AGENT_HUB_DATABASE_POOL_SIZE");
        Path dataDir = reader.required(Path::of, ".agent-hub", "AGENT_HUB_DATA_DIR");
        Optional<String> redisUrl = reader.optional(HubConfig::redisUrl, "AGENT_HUB_REDIS_URL", "BEADHUB_REDIS_URL", "REDIS_URL");
        String redisKeyPrefix = reader.string("agenthub:", "AGENT_HUB_REDIS_KEY_PREFIX");
        long maxRequestBytes = reader.integer(16L * 1024 * 1024, 1024, 1L << 30, "AGENT_HUB_MAX_REQUEST_BYTES");
        int grace = (int) reader.integer(30, 0, 3600, "AGENT_HUB_SHUTDOWN_GRACE_SECONDS");
        String logLevel = reader.choice("info", List.of("trace", "debug", "info", "warn", "error"),
                "AGENT_HUB_LOG_LEVEL", "BEADHUB_LOG_LEVEL");
        int presenceTtl = (int) reader.integer(1800, 10, 86_400, "AGENT_HUB_PRESENCE_TTL_SECONDS", "BEADHUB_PRESENCE_TTL_SECONDS");
        int initRateLimit = (int) reader.integer(10, 1, 1_000_000, "AGENT_HUB_INIT_RATE_LIMIT", "BEADHUB_INIT_RATE_LIMIT");
        int initRateWindow = (int) reader.integer(60, 1, 86_400, "AGENT_HUB_INIT_RATE_WINDOW", "BEADHUB_INIT_RATE_WINDOW");
        boolean trustProxy = reader.flag("AGENT_HUB_TRUST_PROXY_HEADERS", "AWEB_TRUST_PROXY_HEADERS");
        Optional<String> secret = reader.optional(text -> text,
                "AGENT_HUB_INTERNAL_AUTH_SECRET", "AWEB_INTERNAL_AUTH_SECRET", "BEADHUB_INTERNAL_AUTH_SECRET");
        if (trustProxy && secret.isEmpty()) {
            reader.problem("AGENT_HUB_TRUST_PROXY_HEADERS (AWEB_TRUST_PROXY_HEADERS) is on, so a secret is required: "
                    + "set AGENT_HUB_INTERNAL_AUTH_SECRET (or AWEB_INTERNAL_AUTH_SECRET / BEADHUB_INTERNAL_AUTH_SECRET)");
        }
        ProviderSettings providers = providerSettings(reader);
        ValidationSettings validation = validationSettings(reader);
        AccessSettings access = access(reader);
        int defaultPageSize = (int) reader.integer(50, 1, 500, "AGENT_HUB_DEFAULT_PAGE_SIZE");
        int maxPageSize = (int) reader.integer(200, 1, 2000, "AGENT_HUB_MAX_PAGE_SIZE");
        boolean allowLocalRepoPaths = reader.flag(true, "AGENT_HUB_ALLOW_LOCAL_REPO_PATHS");
        Optional<String> allowedLocalRepoRoot = reader.optional(text -> text, "AGENT_HUB_ALLOWED_LOCAL_REPO_ROOT");
        Path workspaces = reader.required(Path::of, JGitSettings.DEFAULT_WORKSPACES.toString(), "AGENT_HUB_WORKSPACES");
        long gitTimeout = reader.integer(JGitSettings.DEFAULT_TIMEOUT_SECONDS, JGitSettings.MIN_TIMEOUT_SECONDS,
                JGitSettings.MAX_TIMEOUT_SECONDS, "AGENT_HUB_GIT_COMMAND_TIMEOUT_SEC");
        long gitRetries = reader.integer(JGitSettings.DEFAULT_RETRIES, 0, JGitSettings.MAX_RETRIES,
                "AGENT_HUB_GIT_COMMAND_RETRIES");
        Optional<String> gitUser = reader.optional(text -> text, "AGENT_HUB_GIT_USERNAME");
        Optional<String> gitPassword = reader.optional(text -> text, "AGENT_HUB_GIT_PASSWORD");
        if (gitUser.isPresent() != gitPassword.isPresent()) {
            reader.problem("AGENT_HUB_GIT_USERNAME and AGENT_HUB_GIT_PASSWORD must be set together");
        }
        Optional<String> githubToken = reader.optional(text -> text, "GITHUB_TOKEN");
        Optional<String> gitlabToken = reader.optional(text -> text, "GITLAB_TOKEN");
        boolean autoPush = reader.flag("AGENT_HUB_AUTO_PUSH");
        long staleSeconds = reader.integer(900, 1, 86_400, "AGENT_HUB_JOB_STALE_TIMEOUT_SEC");
        long maxAttempts = reader.integer(0, 0, 1000, "AGENT_HUB_WORK_ITEM_MAX_ATTEMPTS");
        JobWorkerSettings jobWorkers = jobWorkerSettings(reader);
        ForgeSettings forges = forgeSettings(reader);
        TenantAuthSettings tenantAuth = tenantAuth(reader);
        ConsoleSettings console = new ConsoleSettings(reader.flag("AGENT_HUB_UI_ENV_PREFILL_ENABLED"));
        WebhookSettings webhooks = webhookSettings(reader);
        RateLimitSettings rateLimit = RateLimitSettings.parse(reader);
        MetricsSettings metrics = MetricsSettings.parse(reader);
        reader.throwIfInvalid();
        JGitSettings git = new JGitSettings(workspaces, Duration.ofSeconds(gitTimeout), (int) gitRetries, gitUser,
                gitPassword, githubToken, gitlabToken);
        HubConfig config = new HubConfig(appEnv, host, (int) port, databaseUrl, (int) poolSize, dataDir, redisUrl,
                redisKeyPrefix, maxRequestBytes, grace, logLevel, presenceTtl, initRateLimit, initRateWindow,
                trustProxy ? secret : Optional.empty(), providers, validation, access,
                defaultPageSize, maxPageSize, allowLocalRepoPaths, allowedLocalRepoRoot, git, autoPush,
                Duration.ofSeconds(staleSeconds), (int) maxAttempts, jobWorkers, forges,
                tenantAuth, console, webhooks, rateLimit, metrics);
        if (config.production()) {
            // §12: every violated rule at once (ProductionChecks, one line per rule)
            List<String> violations = ProductionChecks.violations(config, name -> name.equals("AGENT_HUB_DATABASE_URL")
                    ? reader.string("", "AGENT_HUB_DATABASE_URL", "BEADHUB_DATABASE_URL", "DATABASE_URL")
                    : reader.string("", name));
            if (!violations.isEmpty()) {
                throw new ConfigException(violations);
            }
        }
        return config;
    }

    private static JobWorkerSettings jobWorkerSettings(Reader reader) {
        JobWorkerSettings defaults = JobWorkerSettings.defaults();
        boolean enabled = reader.flag(defaults.enabled(), "AGENT_HUB_JOB_WORKER_ENABLED");
        Duration poll = reader.optional(JobWorkerSettings::pollSeconds, "AGENT_HUB_JOB_WORKER_POLL_INTERVAL_SEC")
                .orElse(defaults.pollInterval());
        long concurrency = reader.integer(defaults.concurrency(), 1, JobWorkerSettings.MAX_CONCURRENCY,
                "AGENT_HUB_JOB_WORKER_CONCURRENCY");
        return new JobWorkerSettings(enabled, poll, (int) concurrency);
    }

    /** The unprefixed names of §12, each also accepted with the {@code AGENT_HUB_} prefix (which wins). */
    private static ForgeSettings forgeSettings(Reader reader) {
        ForgeSettings defaults = ForgeSettings.defaults();
        URI github = reader.optional(ForgeSettings::baseUrl, "AGENT_HUB_" + ForgeSettings.GITHUB_VARIABLE,
                ForgeSettings.GITHUB_VARIABLE).orElse(defaults.githubBaseUrl());
        URI gitlab = reader.optional(ForgeSettings::baseUrl, "AGENT_HUB_" + ForgeSettings.GITLAB_VARIABLE,
                ForgeSettings.GITLAB_VARIABLE).orElse(defaults.gitlabBaseUrl());
        return new ForgeSettings(github, gitlab);
    }

    /** The tenant dashboard's settings; an enabled dashboard without a usable secret is reported. */
    private static TenantAuthSettings tenantAuth(Reader reader) {
        boolean enabled = reader.flag("AGENT_HUB_DASHBOARD_ENABLED");
        Optional<String> secret = reader.optional(text -> text, TenantAuthSettings.SECRET, TenantAuthSettings.SECRET_ALIAS);
        Optional<String> issuer = reader.optional(text -> text, "AGENT_HUB_TENANT_JWT_ISSUER", "JWT_ISSUER");
        Optional<String> audience = reader.optional(text -> text, "AGENT_HUB_TENANT_JWT_AUDIENCE", "JWT_AUDIENCE");
        List<String> problems = TenantAuthSettings.problems(enabled, secret);
        problems.forEach(reader::problem);
        return problems.isEmpty() ? new TenantAuthSettings(enabled, secret, issuer, audience) : TenantAuthSettings.disabled();
    }

    private static ProviderSettings providerSettings(Reader reader) {
        ProviderSettings defaults = ProviderSettings.defaults();
        String provider = reader.choice(defaults.provider(), ProviderSettings.PROVIDER_NAMES, "AGENT_HUB_PROVIDER");
        boolean fallback = reader.flag(defaults.fallback(), "AGENT_HUB_PROVIDER_FALLBACK");
        String model = reader.string(defaults.openAiModel(), "AGENT_HUB_OPENAI_MODEL");
        long timeout = reader.integer(defaults.openAiTimeout().toSeconds(), 1, 3600, "AGENT_HUB_OPENAI_TIMEOUT_SEC");
        URI baseUrl = reader.optional(ProviderSettings::httpUrl, "AGENT_HUB_OPENAI_BASE_URL")
                .orElse(defaults.openAiBaseUrl());
        Optional<String> apiKey = reader.optional(text -> text, "OPENAI_API_KEY");
        return new ProviderSettings(provider, fallback, model, Duration.ofSeconds(timeout), baseUrl, apiKey);
    }

    private static WebhookSettings webhookSettings(Reader reader) {
        Optional<String> secret = reader.optional(String::strip, "AGENT_HUB_GITHUB_WEBHOOK_SECRET");
        boolean autoEnqueue = reader.flag("AGENT_HUB_GITHUB_WEBHOOK_AUTO_ENQUEUE");
        long maxPayload = reader.integer(GitHubWebhookOptions.DEFAULT_MAX_PAYLOAD_BYTES,
                GitHubWebhookOptions.MIN_MAX_PAYLOAD_BYTES, GitHubWebhookOptions.MAX_MAX_PAYLOAD_BYTES,
                "AGENT_HUB_GITHUB_WEBHOOK_MAX_PAYLOAD_BYTES");
        Set<String> associations = reader.optional(WebhookSettings::associations,
                "AGENT_HUB_WEBHOOK_AGENT_RUN_ASSOCIATIONS").orElse(GitHubWebhookOptions.DEFAULT_ASSOCIATIONS);
        return new WebhookSettings(secret, autoEnqueue, maxPayload, associations);
    }

    private static ValidationSettings validationSettings(Reader reader) {
        Optional<String> command = reader.optional(text -> text, "AGENT_HUB_TEST_CMD");
        boolean required = reader.flag("AGENT_HUB_REQUIRE_TEST_CMD");
        long timeout = reader.integer(ValidationSettings.DEFAULT_TIMEOUT.toSeconds(), 1, 86_400,
                "AGENT_HUB_TEST_CMD_TIMEOUT_SEC");
        return new ValidationSettings(command, required, Duration.ofSeconds(timeout));
    }

    /**
     * The gates of wire spec §3. Unlike the reference server, a TTL that is not a positive integer stops startup
     * (rather than failing every token request with a 500), and so does a configured JWT secret shorter than
     * {@value #MIN_JWT_SECRET_LENGTH} characters while any gate is on. With every gate off a short secret is
     * accepted here and left unused (the hub logs that).
     */
    private static AccessSettings access(Reader reader) {
        boolean requireApiKey = reader.flag("AGENT_HUB_REQUIRE_API_KEY");
        ApiKeyRing keys = ApiKeyRing.parse(reader.string("", "AGENT_HUB_API_KEYS"));
        boolean requireRoles = reader.flag("AGENT_HUB_AUTH_REQUIRE_ROLES");
        boolean requireReads = reader.flag("AGENT_HUB_AUTH_REQUIRE_READS");
        Optional<String> jwtSecret = reader.optional(String::strip, "AGENT_HUB_JWT_SECRET");
        long ttl = reader.integer(AccessSettings.DEFAULT_JWT_TTL.toSeconds(), 1, Integer.MAX_VALUE,
                "AGENT_HUB_JWT_TTL_SECONDS");
        boolean anyGate = requireApiKey || requireRoles || requireReads;
        if (anyGate && jwtSecret.isPresent() && jwtSecret.get().length() < MIN_JWT_SECRET_LENGTH) {
            reader.problem("AGENT_HUB_JWT_SECRET must be at least " + MIN_JWT_SECRET_LENGTH
                    + " characters (HS256 needs a 256-bit key), got " + jwtSecret.get().length());
        }
        return new AccessSettings(requireApiKey, keys, requireRoles, requireReads, jwtSecret, Duration.ofSeconds(ttl));
    }

    /** Never prints the proxy secret. */
    @Override
    public String toString() {
        return "HubConfig[appEnv=" + appEnv + ", host=" + host + ", port=" + port + ", databaseUrl=" + databaseUrl
                + ", databasePoolSize=" + databasePoolSize + ", dataDir=" + dataDir + ", redis=" + redisUrl.isPresent()
                + ", redisKeyPrefix=" + redisKeyPrefix + ", maxRequestBytes=" + maxRequestBytes
                + ", shutdownGraceSeconds=" + shutdownGraceSeconds + ", logLevel=" + logLevel
                + ", presenceTtlSeconds=" + presenceTtlSeconds + ", initRateLimit=" + initRateLimit
                + ", initRateWindowSeconds=" + initRateWindowSeconds + ", proxyMode=" + proxySecret.isPresent()
                + ", providers=" + providers + ", validation=" + validation + ", access=" + access
                + ", defaultPageSize=" + defaultPageSize + ", maxPageSize=" + maxPageSize
                + ", allowLocalRepoPaths=" + allowLocalRepoPaths + ", allowedLocalRepoRoot=" + allowedLocalRepoRoot
                + ", git=" + git + ", autoPush=" + autoPush + ", jobStaleTimeout=" + jobStaleTimeout
                + ", workItemMaxAttempts=" + workItemMaxAttempts + ", jobWorkers=" + jobWorkers + ", forges=" + forges
                + ", tenantAuth=" + tenantAuth + ", console=" + console + ", webhooks=" + webhooks
                + ", rateLimit=" + rateLimit + ", metrics=" + metrics + "]";
    }

    public boolean production() {
        return appEnv.equals("production");
    }

    /** A copy listening on another port (tests use 0). */
    public HubConfig withPort(int newPort) {
        return new HubConfig(appEnv, host, newPort, databaseUrl, databasePoolSize, dataDir, redisUrl, redisKeyPrefix,
                maxRequestBytes, shutdownGraceSeconds, logLevel, presenceTtlSeconds, initRateLimit, initRateWindowSeconds,
                proxySecret, providers, validation, access,
                defaultPageSize, maxPageSize, allowLocalRepoPaths, allowedLocalRepoRoot, git, autoPush, jobStaleTimeout,
                workItemMaxAttempts, jobWorkers, forges, tenantAuth, console, webhooks, rateLimit, metrics);
    }

    /** A copy with other job worker settings (e.g. the workers off in a hub that only serves HTTP). */
    public HubConfig withJobWorkers(JobWorkerSettings settings) {
        return new HubConfig(appEnv, host, port, databaseUrl, databasePoolSize, dataDir, redisUrl, redisKeyPrefix,
                maxRequestBytes, shutdownGraceSeconds, logLevel, presenceTtlSeconds, initRateLimit, initRateWindowSeconds,
                proxySecret, providers, validation, access,
                defaultPageSize, maxPageSize, allowLocalRepoPaths, allowedLocalRepoRoot, git, autoPush, jobStaleTimeout,
                workItemMaxAttempts, settings, forges, tenantAuth, console, webhooks, rateLimit, metrics);
    }

    private static String redisUrl(String text) {
        URI uri;
        try {
            uri = URI.create(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed Redis URL");
        }
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
            throw new IllegalArgumentException("expected redis://host:port[/db] or rediss://…");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("Redis URL has no host");
        }
        return text.strip();
    }

    /** Reads variables by name with aliases and collects every problem. */
    static final class Reader {
        private final Map<String, String> byUpperName = new HashMap<>();
        private final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> variables) {
            variables.forEach((name, value) -> byUpperName.putIfAbsent(name.toUpperCase(Locale.ROOT), value));
        }

        /** The first of {@code names} that is set to a non-blank value, with the name it came from. */
        private Optional<Map.Entry<String, String>> lookup(String... names) {
            for (String name : names) {
                String value = byUpperName.get(name);
                if (value != null && !value.isBlank()) {
                    return Optional.of(Map.entry(name, value.strip()));
                }
            }
            return Optional.empty();
        }

        String string(String fallback, String... names) {
            return lookup(names).map(Map.Entry::getValue).orElse(fallback);
        }

        String choice(String fallback, List<String> allowed, String... names) {
            Optional<Map.Entry<String, String>> found = lookup(names);
            if (found.isEmpty()) {
                return fallback;
            }
            String value = found.get().getValue().toLowerCase(Locale.ROOT);
            if (!allowed.contains(value)) {
                problems.add(found.get().getKey() + " must be one of " + allowed + ", got '" + found.get().getValue() + "'");
                return fallback;
            }
            return value;
        }

        long integer(long fallback, long min, long max, String... names) {
            Optional<Map.Entry<String, String>> found = lookup(names);
            if (found.isEmpty()) {
                return fallback;
            }
            try {
                long value = Long.parseLong(found.get().getValue());
                if (value < min || value > max) {
                    problems.add(found.get().getKey() + " must be between " + min + " and " + max + ", got " + value);
                    return fallback;
                }
                return value;
            } catch (NumberFormatException e) {
                problems.add(found.get().getKey() + " must be an integer, got '" + found.get().getValue() + "'");
                return fallback;
            }
        }

        <T> Optional<T> optional(Function<String, T> parser, String... names) {
            Optional<Map.Entry<String, String>> found = lookup(names);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(parser.apply(found.get().getValue()));
            } catch (IllegalArgumentException e) { // includes InvalidPathException
                problems.add(found.get().getKey() + ": " + e.getMessage());
                return Optional.empty();
            }
        }

        <T> T required(Function<String, T> parser, String fallback, String... names) {
            return optional(parser, names).orElseGet(() -> parser.apply(fallback));
        }

        /** A boolean switch: {@code 1}, {@code true}, {@code yes} or {@code on} (any case) is on; unset is off. */
        boolean flag(String... names) {
            return flag(false, names);
        }

        /** A boolean switch that is {@code fallback} when unset; an invalid value is reported and reads as off. */
        boolean flag(boolean fallback, String... names) {
            Optional<Map.Entry<String, String>> found = lookup(names);
            if (found.isEmpty()) {
                return fallback;
            }
            String value = found.get().getValue().toLowerCase(Locale.ROOT);
            if (List.of("1", "true", "yes", "on").contains(value)) {
                return true;
            }
            if (!List.of("0", "false", "no", "off").contains(value)) {
                problems.add(found.get().getKey() + " must be 1/true/yes/on or 0/false/no/off, got '" + found.get().getValue() + "'");
                return fallback;
            }
            return false;
        }

        void problem(String message) {
            problems.add(message);
        }

        void throwIfInvalid() {
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
        }
    }
}
