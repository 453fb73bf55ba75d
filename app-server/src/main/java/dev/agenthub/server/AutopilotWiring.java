package dev.agenthub.server;

import dev.agenthub.http.autopilot.AutopilotPaging;
import dev.agenthub.http.autopilot.AutopilotServices;
import dev.agenthub.orchestration.agents.Agents;
import dev.agenthub.orchestration.events.ProjectEvents;
import dev.agenthub.orchestration.policy.AutomationPolicies;
import dev.agenthub.orchestration.projects.Projects;
import dev.agenthub.orchestration.projects.RepoUrls;
import dev.agenthub.persistence.orchestration.JooqAgentStore;
import dev.agenthub.persistence.orchestration.JooqEventLog;
import dev.agenthub.persistence.orchestration.JooqPolicyStore;
import dev.agenthub.persistence.orchestration.JooqProjectStore;
import dev.agenthub.persistence.sql.JooqSession;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;

import java.nio.file.Path;
import java.time.Clock;

/** The composition of the Agent Hub API ({@code /projects…}): its jOOQ stores and use cases. */
final class AutopilotWiring {

    private AutopilotWiring() {
    }

    static AutopilotServices build(HubConfig config, JooqSession jooq, TransactionRunner tx, Clock clock) {
        JooqProjectStore projectStore = new JooqProjectStore(jooq);
        JooqAgentStore agentStore = new JooqAgentStore(jooq);
        JooqPolicyStore policyStore = new JooqPolicyStore(jooq);
        JooqEventLog eventLog = new JooqEventLog(jooq);
        RepoUrls repoUrls = new RepoUrls(config.allowLocalRepoPaths(), config.allowedLocalRepoRoot(),
                Path.of(System.getProperty("user.home")));
        // every new project starts with the default policy and no revision (agenthub §5)
        Projects projects = new Projects(tx, projectStore, repoUrls, project -> policyStore.getOrCreate(project.id()), clock);
        return new AutopilotServices(new AutopilotPaging(config.defaultPageSize(), config.maxPageSize()), projects,
                new Agents(tx, projects, agentStore, policyStore, eventLog, clock),
                new AutomationPolicies(tx, projects, policyStore, clock),
                new ProjectEvents(projects, eventLog));
    }
}
