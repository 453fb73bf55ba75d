package dev.agenthub.server;

import dev.agenthub.http.autopilot.AutopilotPaging;
import dev.agenthub.http.autopilot.AutopilotServices;
import dev.agenthub.orchestration.agents.Agents;
import dev.agenthub.orchestration.events.ProjectEvents;
import dev.agenthub.orchestration.insights.Dashboard;
import dev.agenthub.orchestration.policy.AutomationPolicies;
import dev.agenthub.orchestration.projects.Projects;
import dev.agenthub.orchestration.projects.RepoUrls;
import dev.agenthub.orchestration.pulls.PullRequests;
import dev.agenthub.orchestration.runs.Runs;
import dev.agenthub.orchestration.workitems.LeaseSweep;
import dev.agenthub.orchestration.workitems.Objectives;
import dev.agenthub.orchestration.workitems.WorkItems;
import dev.agenthub.persistence.orchestration.JooqAgentStore;
import dev.agenthub.persistence.orchestration.JooqEventLog;
import dev.agenthub.persistence.orchestration.JooqPolicyStore;
import dev.agenthub.persistence.orchestration.JooqProjectStore;
import dev.agenthub.persistence.orchestration.JooqPullRequestStore;
import dev.agenthub.persistence.orchestration.JooqReviewStore;
import dev.agenthub.persistence.orchestration.JooqRunStore;
import dev.agenthub.persistence.orchestration.JooqWorkItemStore;
import dev.agenthub.persistence.sql.JooqSession;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;

import dev.agenthub.git.jgit.JGitWorkspaces;
import dev.agenthub.orchestration.cycle.AutopilotCycle;
import dev.agenthub.orchestration.cycle.AutopilotRun;
import dev.agenthub.orchestration.git.port.GitWorkspaces;
import dev.agenthub.orchestration.pulls.MergeRoutine;
import dev.agenthub.orchestration.pulls.PullRequestActions;
import dev.agenthub.persistence.orchestration.JooqPullRequestStore;
import dev.agenthub.persistence.orchestration.JooqReviewStore;
import dev.agenthub.persistence.orchestration.JooqRunStore;
import dev.agenthub.persistence.orchestration.JooqWorkItemStore;
import dev.agenthub.persistence.postgres.PgProjectLocks;
import dev.agenthub.orchestration.jobs.AutopilotJobs;
import dev.agenthub.orchestration.jobs.JobWorker;
import dev.agenthub.orchestration.jobs.port.JobStore;
import dev.agenthub.persistence.orchestration.JooqJobStore;
import dev.agenthub.http.support.JacksonJsonDecoder;
import dev.agenthub.http.support.JsonMapping;
import dev.agenthub.orchestration.webhooks.GitHubWebhooks;
import dev.agenthub.orchestration.webhooks.port.WebhookJobQueue;
import dev.agenthub.persistence.orchestration.JooqProjectRepositoryIndex;
import dev.agenthub.persistence.orchestration.JooqWebhookDeliveryStore;
import dev.agenthub.orchestration.jobs.NewJob;
import java.util.Optional;
import java.nio.file.Path;
import java.util.function.Function;
import dev.agenthub.orchestration.providers.port.ProviderCatalog;
import dev.agenthub.http.outbound.github.GitHubRestClient;
import dev.agenthub.http.outbound.gitlab.GitLabRestClient;
import dev.agenthub.orchestration.forge.ForgeSync;
import dev.agenthub.orchestration.forge.port.SyncLocks;
import dev.agenthub.orchestration.git.port.ProjectLocks;
import dev.agenthub.persistence.orchestration.JooqRemoteLinkStore;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import java.time.Clock;

/** The composition of the Agent Hub API ({@code /projects…}): its jOOQ stores and use cases. */
final class AutopilotWiring {

    private AutopilotWiring() {
    }

    /**
     * {@code POST /webhooks/github} (agenthub §9), enqueueing through the job queue. Projects stored before the
     * repository keys existed get them here, at startup (the index also fills in any it finds missing before a lookup).
     */
    private static GitHubWebhooks webhooks(HubConfig config, JooqSession jooq, TransactionRunner tx, Clock clock,
                                           Objectives objectives, AutopilotJobs jobs) {
        JooqProjectRepositoryIndex repositories = new JooqProjectRepositoryIndex(jooq);
        tx.inTransaction(repositories::backfill);
        WebhookJobQueue queue = (projectId, maxItems, maxAttempts, requestedBy) ->
                jobs.enqueue(projectId, new NewJob(maxItems, Optional.empty(), requestedBy, maxAttempts)).id();
        return new GitHubWebhooks(tx, clock, config.webhooks().options(), new JooqWebhookDeliveryStore(jooq),
                repositories, objectives, queue, new JacksonJsonDecoder(JsonMapping.objectMapper()));
    }

    /**
     * The composed API: the use cases behind the routes, the job queue, and a factory of job workers (§8) that run
     * cycles on the same stores, one per worker id.
     */
    record Autopilot(AutopilotServices services, JobStore jobStore, Function<String, JobWorker> workers) {
    }

    static Autopilot build(HubConfig config, JooqSession jooq, TransactionRunner tx, Clock clock,
                           DataSource dataSource, JobWorker.Listener workerListener,
                           Consumer<AutoCloseable> closeWithHub) {
        JooqProjectStore projectStore = new JooqProjectStore(jooq);
        JooqAgentStore agentStore = new JooqAgentStore(jooq);
        JooqPolicyStore policyStore = new JooqPolicyStore(jooq);
        JooqEventLog eventLog = new JooqEventLog(jooq);
        JooqWorkItemStore workItemStore = new JooqWorkItemStore(jooq);
        JooqRunStore runStore = new JooqRunStore(jooq);
        JooqPullRequestStore pullRequestStore = new JooqPullRequestStore(jooq);
        JooqReviewStore reviewStore = new JooqReviewStore(jooq);
        RepoUrls repoUrls = new RepoUrls(config.allowLocalRepoPaths(), config.allowedLocalRepoRoot(),
                Path.of(System.getProperty("user.home")));
        // every new project starts with the default policy and no revision (agenthub §5)
        Projects projects = new Projects(tx, projectStore, repoUrls, project -> policyStore.getOrCreate(project.id()), clock);
        // git work on a project is serialised across instances by a session advisory lock (agenthub §14 D1)
        GitWorkspaces git = new JGitWorkspaces(config.git(), new PgProjectLocks(dataSource));
        MergeRoutine merging = new MergeRoutine(git, pullRequestStore, eventLog, config.autoPush());
        AutopilotCycle autopilotCycle = new AutopilotCycle(tx, clock, projectStore, agentStore, policyStore,
                workItemStore, runStore, pullRequestStore, reviewStore, eventLog, git, merging,
                config.validation().validation(), config.jobStaleTimeout(), config.workItemMaxAttempts());
        ProviderCatalog catalog = config.providers().catalog();
        JooqJobStore jobStore = new JooqJobStore(jooq);
        Function<String, JobWorker> workers = workerId -> new JobWorker(jobStore, projectStore,
                catalog, autopilotCycle, clock, workerId, config.jobStaleTimeout(), workerListener);
        // forge sync (agenthub §10, §14 D6): the tokens are the ones git pushes with; one advisory lock per PR
        GitHubRestClient github = new GitHubRestClient(config.forges().githubBaseUrl(), config.git().githubToken());
        closeWithHub.accept(github);
        GitLabRestClient gitlab = new GitLabRestClient(config.forges().gitlabBaseUrl(), config.git().gitlabToken());
        closeWithHub.accept(gitlab);
        PgProjectLocks prLocks = new PgProjectLocks(dataSource, PgProjectLocks.FORGE_SYNC_LOCKS);
        ForgeSync forgeSync = new ForgeSync(tx, clock, projects, pullRequestStore, new JooqRemoteLinkStore(jooq),
                new SyncLocks() {
                    @Override
                    public <T> T exclusively(long pullRequestId, java.time.Duration wait, Supplier<T> work) {
                        try {
                            return prLocks.exclusively(pullRequestId, wait, work);
                        } catch (ProjectLocks.LockTimeout timeout) {
                            throw new SyncLocks.Busy(timeout.getMessage());
                        }
                    }
                }, github, gitlab);
        Objectives objectives = new Objectives(tx, projects, policyStore, workItemStore, eventLog, clock);
        AutopilotJobs jobs = new AutopilotJobs(projects, jobStore, clock);
        AutopilotServices services = new AutopilotServices(new AutopilotPaging(config.defaultPageSize(), config.maxPageSize()), projects,
                new Agents(tx, projects, agentStore, policyStore, eventLog, clock),
                new AutomationPolicies(tx, projects, policyStore, clock),
                new ProjectEvents(projects, eventLog),
                objectives,
                new WorkItems(tx, projects, workItemStore, agentStore, clock),
                new Runs(projects, runStore),
                new PullRequests(projects, pullRequestStore, reviewStore),
                new Dashboard(tx, projects, agentStore, workItemStore, pullRequestStore),
                new AutopilotRun(projectStore, catalog, autopilotCycle),
                new PullRequestActions(tx, clock, projectStore, policyStore, workItemStore, pullRequestStore, reviewStore,
                        eventLog, merging),
                new LeaseSweep(tx, clock, workItemStore, eventLog),
                jobs, forgeSync, webhooks(config, jooq, tx, clock, objectives, jobs));
        return new Autopilot(services, jobStore, workers);
    }
}
