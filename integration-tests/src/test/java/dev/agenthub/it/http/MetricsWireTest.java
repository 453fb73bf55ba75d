package dev.agenthub.it.http;

import dev.agenthub.it.support.HttpProbe;
import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.V1Client;
import dev.agenthub.it.support.Worktrees;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.server.AgentHub;
import dev.agenthub.server.HubConfig;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /metrics} (wire spec agenthub §11.2): the token gate, the Agent Hub metric set, the shipped alert rules. */
@ExtendWith(TestInfrastructure.class)
class MetricsWireTest {

    private static final String TOKEN = "metrics-token-0123456789abcdef";
    private static final Map<String, String> METRIC_TYPES = Map.ofEntries(
            Map.entry("agent_hub_projects_total", "gauge"),
            Map.entry("agent_hub_work_items_backlog", "gauge"),
            Map.entry("agent_hub_work_items_in_progress", "gauge"),
            Map.entry("agent_hub_work_items_done", "gauge"),
            Map.entry("agent_hub_pull_requests_open", "gauge"),
            Map.entry("agent_hub_pull_requests_merged", "gauge"),
            Map.entry("agent_hub_autopilot_jobs_queued", "gauge"),
            Map.entry("agent_hub_autopilot_jobs_queued_oldest_age_seconds", "gauge"),
            Map.entry("agent_hub_autopilot_jobs_running", "gauge"),
            Map.entry("agent_hub_autopilot_jobs_completed", "gauge"),
            Map.entry("agent_hub_autopilot_jobs_failed", "gauge"),
            Map.entry("agent_hub_webhook_deliveries_failed_total", "counter"),
            Map.entry("agent_hub_autopilot_jobs_stale_recovered_total", "counter"),
            Map.entry("agent_hub_autopilot_job_worker_loop_errors_total", "counter"),
            Map.entry("agent_hub_rate_limit_rejections_total", "counter"));

    private final TestDatabase database;

    MetricsWireTest(TestDatabase database) {
        this.database = database;
    }

    private AgentHub hub(Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(Map.of("AGENT_HUB_PORT", "0",
                "AGENT_HUB_JOB_WORKER_ENABLED", "0"));
        environment.putAll(extra);
        return AgentHub.builder().config(HubConfig.fromEnvironment(environment)).dataSource(database.dataSource())
                .build().start();
    }

    @Test
    void theTokenGate() {
        try (AgentHub hub = hub(Map.of("AGENT_HUB_METRICS_REQUIRE_TOKEN", "1", "AGENT_HUB_METRICS_BEARER_TOKEN", TOKEN))) {
            HttpProbe http = new HttpProbe(hub.url());
            for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("Authorization", "Bearer wrong"),
                    Map.of("Authorization", "Bearer " + TOKEN + "x"), Map.of("Authorization", TOKEN),
                    Map.of("X-API-Key", TOKEN))) {
                Response refused = http.send("GET", "/metrics", null, headers);
                assertThat(refused.status()).as("%s", headers).isEqualTo(401);
                assertThat(refused.body()).isEqualTo("{\"detail\":\"Invalid or missing metrics bearer token\"}");
                assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer");
            }
            Response ok = http.send("GET", "/metrics", null, Map.of("Authorization", "bearer  " + TOKEN + " "));
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.body()).contains("agent_hub_projects_total");
        }
        try (AgentHub hub = hub(Map.of("AGENT_HUB_METRICS_REQUIRE_TOKEN", "1", "AGENT_HUB_METRICS_BEARER_TOKEN", "x".repeat(23)))) {
            Response misconfigured = new HttpProbe(hub.url()).send("GET", "/metrics", null,
                    Map.of("Authorization", "Bearer " + "x".repeat(23)));
            assertThat(misconfigured.status()).isEqualTo(500);
            assertThat(misconfigured.body()).isEqualTo("{\"detail\":\"Metrics auth is enabled but token is not configured\"}");
        }
        try (AgentHub hub = hub(Map.of("AGENT_HUB_METRICS_BEARER_TOKEN", TOKEN))) {
            assertThat(new HttpProbe(hub.url()).get("/metrics").status()).as("gate off").isEqualTo(200);
        }
    }

    @Test
    void everyAgentHubMetricHasHelpTypeAndItsValue() {
        try (AgentHub hub = hub(Map.of("AGENT_HUB_RATE_LIMIT_ENABLED", "1", "AGENT_HUB_RATE_LIMIT_REQUESTS_PER_MINUTE", "1"))) {
            HttpProbe http = new HttpProbe(hub.url());
            Map<String, Double> before = values(http.get("/metrics").body());

            DSLContext sql = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
            long project = sql.fetchOne("insert into orchestration.projects (name, repo_url, default_branch, created_at) "
                    + "values ('metrics-' || gen_random_uuid(), 'https://example.com/o/r.git', 'main', now()) returning id")
                    .get(0, Long.class);
            sql.execute("insert into orchestration.projects (name, repo_url, default_branch, created_at) "
                    + "values ('metrics-' || gen_random_uuid(), 'https://example.com/o/r.git', 'main', now())");
            for (String status : List.of("backlog", "backlog", "backlog", "review", "done", "done")) {
                sql.execute("insert into orchestration.work_items (project_id, title, description, status, priority, "
                        + "created_by, source_objective, created_at, updated_at) values (?, 'Scope: m', '', ?, 1, "
                        + "'system', 'm', now(), now())", project, status);
            }
            for (String status : List.of("open", "merged", "merged", "closed")) {
                sql.execute("insert into orchestration.pull_requests (project_id, title, description, source_branch, "
                        + "target_branch, status, checks_passed, auto_merge, created_at, merged_at) values (?, 't', '', "
                        + "'b', 'main', ?, true, false, now(), case when ? = 'merged' then now() end)", project, status, status);
            }
            for (String status : List.of("queued", "queued", "failed", "completed")) {
                sql.execute("insert into orchestration.autopilot_jobs (project_id, status, max_items, requested_by, "
                        + "attempts, max_attempts, created_at, updated_at) values (?, ?, 3, 'system', 0, 1, "
                        + "now() - interval '90 seconds', now())", project, status);
            }
            sql.execute("insert into orchestration.github_webhook_deliveries (delivery_id, event, action, reason, "
                    + "duplicate_count, created_at, updated_at) values (gen_random_uuid()::text, 'issues', 'failed', "
                    + "'x', 0, now(), now())");
            http.send("POST", "/projects", "{}", Map.of());
            assertThat(http.send("POST", "/projects", "{}", Map.of()).status()).isEqualTo(429);

            String text = http.get("/metrics").body();
            assertThat(text).endsWith("\n");
            for (Map.Entry<String, String> metric : METRIC_TYPES.entrySet()) {
                String name = metric.getKey();
                assertThat(text).as(name).containsOnlyOnce("\n# TYPE " + name + " " + metric.getValue() + "\n");
                assertThat(Pattern.compile("(?m)^# HELP " + Pattern.quote(name) + " \\S").matcher(text).find()).as(name).isTrue();
            }
            Map<String, Double> after = values(text);
            Map<String, Double> expectedGrowth = new HashMap<>(Map.of("agent_hub_projects_total", 2.0,
                    "agent_hub_work_items_backlog", 3.0, "agent_hub_work_items_in_progress", 1.0,
                    "agent_hub_work_items_done", 2.0, "agent_hub_pull_requests_open", 1.0,
                    "agent_hub_pull_requests_merged", 2.0, "agent_hub_rate_limit_rejections_total", 1.0));
            expectedGrowth.putAll(Map.of("agent_hub_autopilot_jobs_queued", 2.0, "agent_hub_autopilot_jobs_failed", 1.0,
                    "agent_hub_autopilot_jobs_completed", 1.0, "agent_hub_webhook_deliveries_failed_total", 1.0));
            for (String name : METRIC_TYPES.keySet()) {
                if (!name.equals("agent_hub_autopilot_jobs_queued_oldest_age_seconds")) {
                    assertThat(after.get(name) - before.get(name)).as(name).isEqualTo(expectedGrowth.getOrDefault(name, 0.0));
                }
            }
            assertThat(after.get("agent_hub_autopilot_jobs_queued_oldest_age_seconds")).isBetween(89.0, 3600.0);
            assertThat(text).containsPattern("\nagent_hub_autopilot_jobs_queued_oldest_age_seconds \\d+\\.\\d{3}\n");
        }
    }

    @Test
    void everyMetricTheAlertRulesUseIsScraped() throws IOException {
        Path rules = Path.of("..", "deploy", "prometheus", "agent-hub-alerts.yml");
        List<String> lines = Files.readAllLines(rules);
        List<String> expressions = lines.stream().map(String::strip).filter(line -> line.startsWith("expr:"))
                .map(line -> line.substring("expr:".length()).strip()).toList();
        assertThat(expressions).hasSize(9);
        assertThat(lines.stream().filter(line -> line.strip().startsWith("- alert:")).count()).isEqualTo(9);
        Set<String> used = new LinkedHashSet<>();
        Matcher names = Pattern.compile("\\bagent_hub_[a-z_]+").matcher(String.join("\n", expressions));
        while (names.find()) {
            used.add(names.group());
        }
        assertThat(used).hasSize(8);
        assertThat(expressions).contains("up{job=\"agent-hub\"} == 0");
        try (AgentHub hub = hub(Map.of())) {
            Set<String> scraped = values(new HttpProbe(hub.url()).get("/metrics").body()).keySet();
            assertThat(scraped).containsAll(used);
        }
    }

    @Test
    void coordinationMetricsCountActiveAgentsAndTimeBdhSyncsByMode() {
        try (AgentHub hub = hub(Map.of())) {
            HttpProbe http = new HttpProbe(hub.url());
            double activeBefore = values(http.get("/metrics").body()).get("agent_hub_agents_active");
            Worktrees bdh = new Worktrees(new V1Client(hub.url()));
            Worktrees.Worktree alice = bdh.init("metrics-" + java.util.UUID.randomUUID().toString().substring(0, 8),
                    "alice", "Alice", "git@github.com:acme/metrics.git", "coder");
            assertThat(bdh.fullSync(alice, Worktrees.jsonl(Worktrees.issue("id", "bd-1", "title", "One", "status", "open")),
                    null).status()).isEqualTo(200);
            String text = http.get("/metrics").body();
            assertThat(values(text).get("agent_hub_agents_active") - activeBefore).isEqualTo(1.0);
            assertThat(text).contains("# TYPE agent_hub_agents_active gauge")
                    .contains("agent_hub_bdh_sync_seconds_count{mode=\"full\",result=\"ok\"} 1")
                    .contains("# TYPE agent_hub_sse_streams_open gauge");
        }
    }

    /** Sample values by metric name, for samples without labels. */
    private static Map<String, Double> values(String text) {
        Map<String, Double> values = new HashMap<>();
        Matcher sample = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*) (\\S+)$").matcher(text);
        while (sample.find()) {
            values.put(sample.group(1), Double.parseDouble(sample.group(2)));
        }
        return values;
    }
}
