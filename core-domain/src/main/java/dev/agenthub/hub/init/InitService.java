package dev.agenthub.hub.init;

import dev.agenthub.hub.repos.CanonicalOrigin;
import dev.agenthub.hub.repos.port.RepoStore;
import dev.agenthub.hub.workspaces.Workspaces;
import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.agents.ClassicNames;
import dev.agenthub.protocol.agents.port.AgentStore;
import dev.agenthub.protocol.identity.ApiKey;
import dev.agenthub.protocol.identity.ApiKeySecret;
import dev.agenthub.protocol.identity.Authenticator;
import dev.agenthub.protocol.identity.BearerCredentials;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.identity.port.ApiKeyStore;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.IdGenerator;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import dev.agenthub.protocol.projects.Project;
import dev.agenthub.protocol.projects.port.ProjectStore;
import dev.agenthub.protocol.ratelimit.port.RateLimiter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * {@code POST /v1/init} (wire spec §4.1 with §14 F2 and F3): rate limit, project resolution (from the repo when
 * no slug is given), alias allocation or ownership proof, agent creation, one new API key and, with a repo
 * origin, the repo and the agent's workspace ({@link Workspaces#initialise}), all in one transaction.
 */
public final class InitService {

    static final String RATE_LIMITED = "Rate limit exceeded. Too many initialization requests.";
    static final String LIMITER_DOWN = "Service temporarily unavailable. Please retry.";
    static final String EXHAUSTED = "All name prefixes are taken (tried 26 names × 100 variants).";
    static final String CONTENDED = "Could not allocate an alias: concurrent initializations took every candidate. Please retry.";
    /** Attempts to allocate a free alias when concurrent inits take the candidates first. */
    private static final int ALLOCATION_ATTEMPTS = 20;

    private final TransactionRunner transactions;
    private final ProjectStore projects;
    private final AgentStore agents;
    private final ApiKeyStore keys;
    private final RepoStore repos;
    private final Workspaces workspaces;
    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final InitLimits limits;
    private final Clock clock;
    private final IdGenerator ids;
    private final RandomGenerator keyRandom;

    /** @param keyRandom the source of API key bytes: a {@link java.security.SecureRandom} in production */
    public InitService(TransactionRunner transactions, ProjectStore projects, AgentStore agents, ApiKeyStore keys,
                       RepoStore repos, Workspaces workspaces, Authenticator authenticator, RateLimiter rateLimiter, InitLimits limits, Clock clock,
                       IdGenerator ids, RandomGenerator keyRandom) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.projects = Objects.requireNonNull(projects, "projects");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.repos = Objects.requireNonNull(repos, "repos");
        this.workspaces = Objects.requireNonNull(workspaces, "workspaces");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.keyRandom = Objects.requireNonNull(keyRandom, "keyRandom");
    }

    /**
     * Bootstraps the identity and, with a repo origin, the workspace.
     *
     * @throws DomainError.RateLimited  429 over the per-IP limit
     * @throws DomainError.Unavailable  503 when the limiter cannot be asked (fails closed), or when concurrent
     *                                  inits took every alias candidate tried
     * @throws DomainError.Invalid      422 {@code Invalid repo_origin: …}, {@code project_slug is required},
     *                                  {@code project_not_found: repo not registered}
     * @throws DomainError.NotFound     404 {@code project_not_found: unknown project_id}
     * @throws DomainError.Conflict     409 {@code alias_exists: …}, prefix exhaustion, {@code Repo exists in multiple
     *                                  projects: …} (no slug), {@code workspace_repo_mismatch: …}
     * @throws DomainError.Unauthenticated 401 for a present but invalid key on an existing alias
     */
    public InitResult init(InitRequest request) {
        countAgainstLimit(request.clientIp());
        CanonicalOrigin origin = request.repoOrigin() == null ? null : canonical(request.repoOrigin());
        return transactions.inTransaction(() -> {
            Instant now = WireTime.truncate(clock.instant());
            Project project = resolveProject(request, origin, now);
            Identity identity = request.alias() != null
                    ? claimAlias(request, project, request.alias(), now)
                    : allocateAlias(request, project, origin != null, now);
            ApiKeySecret secret = ApiKeySecret.mint(keyRandom);
            keys.insert(ApiKey.mint(ids.newId(), project.id(), identity.agent().id(), null, secret, now));
            if (origin == null) {
                return new InitResult(now, secret.reveal(), project, identity.agent(), null, identity.created(), null, false);
            }
            Workspaces.Initialised workspace = workspaces.initialise(project, identity.agent(),
                    new Workspaces.Worktree(request.repoOrigin(), origin, request.humanName(), request.role(),
                            request.roleGiven(), request.hostname(), request.workspacePath()), now);
            return new InitResult(now, secret.reveal(), project, identity.agent(), origin, identity.created(),
                    workspace.repo(), workspace.created());
        });
    }

    private void countAgainstLimit(String clientIp) {
        RateLimiter.Decision decision;
        try {
            decision = rateLimiter.hit("init:" + clientIp, limits.limit(), limits.window(), clock.instant());
        } catch (RuntimeException limiterDown) {
            throw new DomainError.Unavailable(LIMITER_DOWN);
        }
        if (!decision.allowed()) {
            throw new DomainError.RateLimited(RATE_LIMITED, ceilSeconds(decision.retryAfter()));
        }
    }

    private static CanonicalOrigin canonical(String repoOrigin) {
        return switch (CanonicalOrigin.canonicalize(repoOrigin)) {
            case CanonicalOrigin.Outcome.Canonical canonical -> canonical.origin();
            case CanonicalOrigin.Outcome.Rejected rejected -> throw new DomainError.Invalid("Invalid repo_origin: " + rejected.reason());
        };
    }

    /** Steps 3 and 4 of §4.1, in that order: the slug (or the repo's project), then hosted mode's project_id. */
    private Project resolveProject(InitRequest request, CanonicalOrigin origin, Instant now) {
        String slug = request.projectSlug();
        if (slug.isEmpty()) {
            if (origin == null) {
                throw new DomainError.Invalid("project_slug is required");
            }
            slug = slugOfRepo(origin);
        }
        if (request.projectId() != null) {
            return projects.find(new ProjectId(request.projectId()))
                    .orElseThrow(() -> new DomainError.NotFound("project_not_found: unknown project_id"));
        }
        String name = request.projectName().isEmpty() ? slug : request.projectName();
        return projects.ensure(new Project(new ProjectId(ids.newId()), slug, name, null, "private", now));
    }

    /** The slug of the one live project with a live repo of this origin (§4.1 step 3). */
    private String slugOfRepo(CanonicalOrigin origin) {
        List<RepoStore.Located> found = repos.findByCanonicalOrigin(origin).stream()
                .sorted(Comparator.comparing(RepoStore.Located::projectSlug)).toList();
        if (found.isEmpty()) {
            throw new DomainError.Invalid("project_not_found: repo not registered");
        }
        if (found.size() > 1) {
            throw new DomainError.Conflict("Repo exists in multiple projects: " + found.stream()
                    .map(RepoStore.Located::projectSlug).collect(Collectors.joining(", "))
                    + ". Specify project with BEADHUB_PROJECT or --project.");
        }
        return found.getFirst().projectSlug();
    }

    private record Identity(Agent agent, boolean created) {
    }

    /** An explicit alias: a new agent, or the caller's own agent when its key proves ownership (F2). */
    private Identity claimAlias(InitRequest request, Project project, String alias, Instant now) {
        Optional<Agent> existing = agents.findByAlias(project.id(), alias);
        if (existing.isEmpty()) {
            Agent agent = newAgent(request, project, alias, now);
            if (agents.insert(agent)) {
                return new Identity(agent, true);
            }
            existing = agents.findByAlias(project.id(), alias); // a concurrent init took it first
        }
        Agent owner = existing.orElseThrow(() -> new IllegalStateException("alias " + alias + " is neither free nor held"));
        if (request.authorization() != null) {
            Principal principal;
            try {
                principal = authenticator.bearer(request.authorization());
            } catch (DomainError.Unauthenticated malformedOrUnknown) {
                throw BearerCredentials.invalidKey(); // §14 F2 (c): any present but invalid key
            }
            if (owner.id().equals(principal.actor())) {
                return new Identity(owner, false);
            }
        }
        throw new DomainError.Conflict("alias_exists: alias '" + alias + "' is already registered in project '"
                + project.slug() + "'. Choose another alias or re-run with that agent's API key.");
    }

    /**
     * No alias: the next free classic prefix, bare ({@code alice}) or, for a worktree, with the role
     * ({@code bob-developer}). A candidate whose alias is already live is skipped, also when that alias
     * occupies another prefix (role {@code 01}: {@code alice-01} occupies {@code alice-01}, not
     * {@code alice}); so is one taken concurrently.
     */
    private Identity allocateAlias(InitRequest request, Project project, boolean withRole, Instant now) {
        String suffix = withRole ? "-" + request.role().replace(' ', '-') : "";
        for (int attempt = 0; attempt < ALLOCATION_ATTEMPTS; attempt++) {
            List<String> occupied = new ArrayList<>(agents.liveAliases(project.id(), true));
            if (withRole) {
                // a live <candidate><suffix> takes its candidate, whatever prefix the alias itself has
                occupied.stream().filter(live -> live.endsWith(suffix)).toList()
                        .forEach(live -> occupied.add(live.substring(0, live.length() - suffix.length())));
            }
            String prefix = ClassicNames.nextPrefix(occupied)
                    .orElseThrow(() -> new DomainError.Conflict(EXHAUSTED));
            String alias = prefix + suffix;
            Agent agent = newAgent(request, project, alias, now);
            if (agents.insert(agent)) {
                return new Identity(agent, true);
            }
        }
        // not exhaustion: concurrent inits kept taking the free candidates first
        throw new DomainError.Unavailable(CONTENDED);
    }

    private Agent newAgent(InitRequest request, Project project, String alias, Instant now) {
        return new Agent(new AgentId(ids.newId()), project.id(), alias, request.humanName(), request.agentType(),
                Agent.AccessMode.OPEN, null, null, request.custody(), request.lifetime(), Agent.Status.ACTIVE, null,
                request.role(), null, null, now, null);
    }

    private static long ceilSeconds(Duration duration) {
        long seconds = duration.getSeconds();
        return duration.getNano() > 0 ? seconds + 1 : seconds;
    }
}
