package dev.agenthub.it.autopilot;

import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.V1Client;
import dev.agenthub.it.support.V1HubTest;
import dev.agenthub.orchestration.agents.Agent;
import dev.agenthub.orchestration.agents.AgentRole;
import dev.agenthub.orchestration.agents.AgentStatus;
import dev.agenthub.orchestration.agents.NewAgent;
import dev.agenthub.orchestration.projects.NewProject;
import dev.agenthub.orchestration.projects.Project;
import dev.agenthub.persistence.orchestration.JooqEventLog;
import dev.agenthub.persistence.orchestration.JooqPolicyStore;
import dev.agenthub.persistence.orchestration.JooqPullRequestStore;
import dev.agenthub.persistence.orchestration.JooqReviewStore;
import dev.agenthub.persistence.orchestration.JooqRunStore;
import dev.agenthub.persistence.orchestration.JooqWorkItemStore;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;

import java.util.Map;
import java.util.UUID;

/**
 * The frame of the catalog wire tests (objectives, work items, runs, pull requests, dashboard): a real hub, projects
 * and agents made through its use cases, and the jOOQ stores on the hub's database to seed what only the autopilot
 * cycle creates (runs, pull requests, reviews) or to check what the API does not show.
 */
abstract class CatalogWireTest extends V1HubTest {

    protected DSLContext dsl;
    protected JooqWorkItemStore workItems;
    protected JooqRunStore runs;
    protected JooqPullRequestStore pullRequests;
    protected JooqReviewStore reviews;
    protected JooqEventLog events;
    protected JooqPolicyStore policies;

    @BeforeAll
    void stores() {
        dsl = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
        workItems = new JooqWorkItemStore(() -> dsl);
        runs = new JooqRunStore(() -> dsl);
        pullRequests = new JooqPullRequestStore(() -> dsl);
        reviews = new JooqReviewStore(() -> dsl);
        events = new JooqEventLog(() -> dsl);
        policies = new JooqPolicyStore(() -> dsl);
    }

    /** A new project named {@code prefix-<random>}, created through the hub (with its default policy). */
    protected Project project(String prefix) {
        return hub.autopilot().projects().create(
                new NewProject(prefix + "-" + UUID.randomUUID().toString().substring(0, 8),
                        "https://github.com/acme/widgets.git", "main"));
    }

    protected Agent agent(long projectId, String name, AgentRole role, AgentStatus status) {
        return hub.autopilot().agents().create(projectId, new NewAgent(name, role, status, 2, name + " skills"));
    }

    protected Response get(String path) {
        return client.get(path, Map.of());
    }

    protected Response post(String path, Object body) {
        return client.post(path, body instanceof String text ? text : V1Client.json(body), Map.of());
    }

    protected Response patch(String path, Object body) {
        return client.patch(path, body instanceof String text ? text : V1Client.json(body), Map.of());
    }

    protected static String json(Object value) {
        return V1Client.json(value);
    }

    protected static Map<String, Object> ordered(Object... keysAndValues) {
        return V1Client.ordered(keysAndValues);
    }

    protected static void assertBody(Response response, int status, Object expected) {
        V1Client.assertBody(response, status, expected instanceof String text ? text : json(expected));
    }

    protected static void assertDetail(Response response, int status, String detail) {
        assertBody(response, status, ordered("detail", detail));
    }
}
