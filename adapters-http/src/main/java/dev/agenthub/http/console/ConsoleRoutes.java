package dev.agenthub.http.console;

import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.orchestration.access.AccessSettings;
import dev.agenthub.protocol.kernel.error.DomainError;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;

/**
 * The API console of wire spec §11.3: {@code /ui} (and {@code /ui/}) serve one static HTML page that sends a request
 * to any path with an optional bearer and shows the response; {@code /ui/prefill} hands a loopback client the
 * values to fill it with, only when {@code AGENT_HUB_UI_ENV_PREFILL_ENABLED} is on. Production must keep the
 * prefill off: it returns a configured API key.
 */
public final class ConsoleRoutes {

    static final String DISABLED = "UI env prefill is disabled";
    static final String LOOPBACK_ONLY = "UI env prefill is only available from loopback clients";

    private final boolean prefillEnabled;
    private final AccessSettings access;
    private final String page;

    private final Optional<String> metricsToken;

    /** @param metricsToken the configured {@code /metrics} bearer token, handed to loopback clients by the prefill */
    public ConsoleRoutes(boolean prefillEnabled, AccessSettings access, Optional<String> metricsToken) {
        this.metricsToken = java.util.Objects.requireNonNull(metricsToken, "metricsToken");
        this.prefillEnabled = prefillEnabled;
        this.access = Objects.requireNonNull(access, "access");
        this.page = resource("console.html");
    }

    public void register(ApiRoutes routes) {
        Operation console = Operation.of("console", "The API console: a static HTML page").produces("text/html");
        routes.get("/ui", console, this::page); // the router ignores a trailing slash: this serves /ui/ too
        routes.get("/ui/prefill", Operation.of("console",
                        "Values to prefill the console with (loopback clients only, when enabled)")
                .respond(403, LOOPBACK_ONLY).respond(404, DISABLED), this::prefill);
    }

    private void page(Context ctx) {
        ctx.contentType("text/html; charset=utf-8").result(page);
    }

    /**
     * {@code {"base_url","api_key","metrics_bearer_token","auth_require_roles","auth_require_reads"}}: the request's
     * base URL, the first configured API key (null when none), the configured metrics token (null when none) and
     * the two gates.
     */
    private void prefill(Context ctx) {
        if (!prefillEnabled) {
            throw new DomainError.NotFound(DISABLED);
        }
        if (!loopback(ctx.req().getRemoteAddr())) {
            throw new DomainError.Forbidden(LOOPBACK_ONLY);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("base_url", ctx.scheme() + "://" + ctx.host());
        body.put("api_key", access.keys().firstKey().orElse(null));
        body.put("metrics_bearer_token", metricsToken.orElse(null));
        body.put("auth_require_roles", access.requireRoles());
        body.put("auth_require_reads", access.requireReads());
        ctx.header("Cache-Control", "no-store").json(body);
    }

    /** Whether the peer address (an IP literal, so no lookup happens) is a loopback address. */
    static boolean loopback(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isEmpty()) {
            return false;
        }
        String literal = remoteAddress.startsWith("[") && remoteAddress.endsWith("]")
                ? remoteAddress.substring(1, remoteAddress.length() - 1) : remoteAddress;
        if (!literal.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
            return false; // not an IP literal: never resolve names here
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String resource(String name) {
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing console resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
