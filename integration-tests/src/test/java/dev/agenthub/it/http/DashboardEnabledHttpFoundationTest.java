package dev.agenthub.it.http;

import java.util.Map;

/**
 * The cross-cutting HTTP behaviour again with the tenant dashboard mounted: every documented route, the dashboard's
 * included, is served, and the dashboard routes answer 401 {@code AUTH_REQUIRED} without a token.
 */
class DashboardEnabledHttpFoundationTest extends HttpFoundationTest {

    @Override
    protected Map<String, String> environment() {
        return Map.of("AGENT_HUB_DASHBOARD_ENABLED", "on",
                "AGENT_HUB_TENANT_JWT_SECRET", "a-tenant-secret-of-at-least-32-bytes!!");
    }

    @Override
    protected boolean dashboard() {
        return true;
    }
}
