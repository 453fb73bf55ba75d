package dev.agenthub.http.autopilot;

import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.support.JsonBodies;

import java.util.function.Supplier;

/** Registers every Agent Hub route ({@code /projects…}); one line per route class. */
public final class AutopilotRoutes {

    private AutopilotRoutes() {
    }

    public static void register(ApiRoutes api, Supplier<AutopilotServices> services, JsonBodies bodies) {
        new ProjectRoutes(services, bodies).register(api);
        new ProjectAgentRoutes(services, bodies).register(api);
        new AutomationPolicyRoutes(services, bodies).register(api);
        new ProjectEventRoutes(services).register(api);
        new WorkItemRoutes(services, bodies).register(api);
        new RunRoutes(services).register(api);
        new PullRequestRoutes(services).register(api);
        new DashboardRoutes(services).register(api);
        new CycleRoutes(services, bodies).register(api);
        new JobRoutes(services, bodies).register(api);
        new ForgeSyncRoutes(services, bodies).register(api);
        new GitHubWebhookRoutes(services).register(api);
    }
}
