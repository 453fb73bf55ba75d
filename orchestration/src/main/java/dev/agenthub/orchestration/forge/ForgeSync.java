package dev.agenthub.orchestration.forge;

import dev.agenthub.orchestration.forge.port.ForgeClient;
import dev.agenthub.orchestration.forge.port.ForgeClient.RemoteObject;
import dev.agenthub.orchestration.forge.port.ForgeFailure;
import dev.agenthub.orchestration.forge.port.RemoteLinkStore;
import dev.agenthub.orchestration.forge.port.SyncLocks;
import dev.agenthub.orchestration.projects.Project;
import dev.agenthub.orchestration.projects.Projects;
import dev.agenthub.orchestration.pulls.PullRequest;
import dev.agenthub.orchestration.pulls.PullRequestStatus;
import dev.agenthub.orchestration.pulls.PullRequests;
import dev.agenthub.orchestration.pulls.port.PullRequestStore;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Syncs one local pull request to GitHub or GitLab (wire spec agenthub §10, §14 D6).
 *
 * <ol>
 *   <li>Lookups and rules, before any forge call: the project (404 {@code Project not found}), the PR in it
 *       (404 {@code Pull request not found}), the repo URL (the §10 422s), the token (422 naming the variable).</li>
 *   <li>Under the PR's {@link SyncLocks sync lock} (held across the forge calls, but no transaction is): without a
 *       link, create the remote object, or adopt the open one when the forge says it exists already; with a link,
 *       update title and body, and close it when the local PR is closed. The link is saved in its own transaction
 *       right after create, adopt or update, before the comment and status calls, so a later failure cannot make a
 *       retry create a second remote object.</li>
 *   <li>The comment, only when that (issue, SHA-256 of the body) pair was not posted before; recorded after the
 *       forge accepted it.</li>
 *   <li>The commit status for the SHA of §10.1 step 3, every time.</li>
 * </ol>
 *
 * A {@link ForgeFailure} becomes a 502 {@code <Forge> API request failed [<status>] <METHOD> <url>: <detail>}
 * ({@code [no response]} when there was no answer). Thread-safe.
 */
public final class ForgeSync {

    /** How long a sync waits for a concurrent sync of the same PR. */
    static final Duration LOCK_WAIT = Duration.ofSeconds(120);
    static final String BUSY = "Another sync of this pull request is in progress";

    private final TransactionRunner tx;
    private final Clock clock;
    private final Projects projects;
    private final PullRequestStore pulls;
    private final RemoteLinkStore links;
    private final SyncLocks locks;
    private final Map<Forge, ForgeClient> clients;

    public ForgeSync(TransactionRunner tx, Clock clock, Projects projects, PullRequestStore pulls,
                     RemoteLinkStore links, SyncLocks locks, ForgeClient github, ForgeClient gitlab) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.projects = Objects.requireNonNull(projects, "projects");
        this.pulls = Objects.requireNonNull(pulls, "pulls");
        this.links = Objects.requireNonNull(links, "links");
        this.locks = Objects.requireNonNull(locks, "locks");
        this.clients = Map.of(Forge.GITHUB, Objects.requireNonNull(github, "github"),
                Forge.GITLAB, Objects.requireNonNull(gitlab, "gitlab"));
    }

    /**
     * Syncs the PR to the forge.
     *
     * @throws DomainError.NotFound   {@code Project not found}, {@code Pull request not found}
     * @throws DomainError.Invalid    422 string detail: a repo URL the forge rules reject, a missing token
     * @throws DomainError.BadGateway 502 when a forge call fails
     * @throws DomainError.Conflict   409 when a concurrent sync of the PR holds the lock too long
     */
    public SyncResult sync(Forge forge, long projectId, long pullRequestId, SyncRequest request) {
        Objects.requireNonNull(forge, "forge");
        Objects.requireNonNull(request, "request");
        Project project = projects.require(projectId);
        PullRequest pr = pulls.find(projectId, pullRequestId)
                .orElseThrow(() -> new DomainError.NotFound(PullRequests.NOT_FOUND));
        ForgeRepo repo = forge == Forge.GITHUB ? ForgeRepos.gitHub(project.repoUrl()) : ForgeRepos.gitLab(project.repoUrl());
        ForgeClient client = clients.get(forge);
        if (!client.configured()) {
            throw new DomainError.Invalid(forge.tokenVariable() + " is not configured");
        }
        try {
            return locks.exclusively(pr.id(), LOCK_WAIT,
                    () -> syncLocked(forge, client, repo, projectId, pr.id(), request));
        } catch (SyncLocks.Busy busy) {
            throw new DomainError.Conflict(BUSY);
        } catch (ForgeFailure failure) {
            throw new DomainError.BadGateway(forge.label() + " API request failed ["
                    + (failure.status().isPresent() ? Integer.toString(failure.status().getAsInt()) : "no response")
                    + "] " + failure.method() + " " + failure.url() + ": " + failure.detail());
        }
    }

    private SyncResult syncLocked(Forge forge, ForgeClient client, ForgeRepo repo, long projectId,
                                  long pullRequestId, SyncRequest request) {
        // re-read under the lock: a concurrent sync may have linked it, a close may have happened meanwhile
        PullRequest pr = pulls.find(projectId, pullRequestId)
                .orElseThrow(() -> new DomainError.NotFound(PullRequests.NOT_FOUND));
        Optional<RemoteLink> link = links.find(pr.id(), forge);
        boolean created = false;
        RemoteObject remote;
        if (link.isEmpty()) {
            try {
                remote = client.create(repo, pr.sourceBranch(), pr.targetBranch(), pr.title(), pr.description());
                created = true;
            } catch (ForgeFailure failure) {
                if (!failure.alreadyExists()) {
                    throw failure;
                }
                remote = client.findOpen(repo, pr.sourceBranch(), pr.targetBranch()).orElseThrow(() -> failure);
            }
            if (pr.status() == PullRequestStatus.CLOSED) {
                // the local PR was closed before its first sync: keep the remote in step (D6 close behaviour)
                saveLink(pr, forge, repo, remote);
                remote = client.update(repo, remote.number(), pr.title(), pr.description(), true);
            }
        } else {
            remote = client.update(repo, link.get().number(), pr.title(), pr.description(),
                    pr.status() == PullRequestStatus.CLOSED);
        }
        saveLink(pr, forge, repo, remote);
        if (request.issue().isPresent() && request.commentBody().filter(body -> !body.isEmpty()).isPresent()) {
            long issue = request.issue().get();
            String body = request.commentBody().get();
            String hash = sha256(body);
            if (!links.commentPosted(pr.id(), forge, issue, hash)) {
                client.comment(repo, issue, body);
                tx.inTransaction(() -> links.recordComment(pr.id(), forge, issue, hash, clock.instant()));
            }
        }
        Optional<String> state = Optional.empty();
        Optional<String> sha = CommitShas.of(pr.description());
        if (sha.isPresent()) {
            state = client.status(repo, sha.get(), statusState(forge, pr.status()), request.statusContext(),
                    request.statusDescription(), request.targetUrl().filter(url -> !url.isEmpty()));
        }
        return new SyncResult(forge, repo, remote.number(), remote.url(), state, created);
    }

    private void saveLink(PullRequest pr, Forge forge, ForgeRepo repo, RemoteObject remote) {
        tx.inTransaction(() -> {
            links.save(new RemoteLink(pr.id(), forge, remote.number(), remote.url(), repo.path(), clock.instant()));
            return null;
        });
    }

    /** The PR's forge links (the {@code remote} object of the PR detail, §14 D3), GitHub first. */
    public java.util.List<RemoteLink> links(long pullRequestId) {
        return links.forPullRequest(pullRequestId);
    }

    /** {@code success} for merged; {@code failure} (GitHub) or {@code failed} (GitLab) for closed; else {@code pending}. */
    public static String statusState(Forge forge, PullRequestStatus status) {
        return switch (status) {
            case MERGED -> "success";
            case CLOSED -> forge == Forge.GITHUB ? "failure" : "failed";
            case OPEN -> "pending";
        };
    }

    /** Lowercase hex SHA-256 of the UTF-8 text. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
