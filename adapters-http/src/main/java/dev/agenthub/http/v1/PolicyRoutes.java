package dev.agenthub.http.v1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.BodyFields;
import dev.agenthub.http.support.JsonBodies;
import dev.agenthub.http.support.QueryParams;
import dev.agenthub.hub.policies.Policies;
import dev.agenthub.hub.policies.PolicyBundle;
import dev.agenthub.hub.policies.PolicyVersion;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.error.Violation;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.Uuids;
import dev.agenthub.protocol.kernel.json.CompactJson;
import dev.agenthub.protocol.kernel.time.WireTime;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The policy routes of §4.16 and §11.3, auth B. The creation body ignores unknown keys, also inside
 * {@code bundle} (§1.5); the reset body is ignored whatever it is. {@code GET /active} answers 304 to an exact
 * {@code If-None-Match} before it looks at the role.
 */
public final class PolicyRoutes {

    private final Supplier<CoordinationServices> services;
    private final JsonBodies bodies;
    private final V1Auth auth;

    public PolicyRoutes(Supplier<CoordinationServices> services, JsonBodies bodies) {
        this.services = services;
        this.bodies = bodies;
        this.auth = new V1Auth(services);
    }

    public void register(ApiRoutes routes) {
        // the static paths first: they win over /{policy_id}
        routes.get("/v1/policies/active", Operation.of("policies", "The active policy (bootstrapped from the defaults), with ETag")
                .respond(304, "Not Modified (If-None-Match is the ETag)").respond(400, "Role not found / only_selected needs a role")
                .respond(401, "Authentication required").respond(422, "Validation failed"), this::active);
        routes.get("/v1/policies/history", Operation.of("policies", "The project's policy versions, highest first")
                .respond(401, "Authentication required").respond(422, "Validation failed"), this::history);
        routes.post("/v1/policies/reset", Operation.of("policies", "A new, active version from the shipped defaults")
                .respond(401, "Authentication required").respond(409, "Policy conflict")
                .respond(500, "Failed to reload default policy bundle"), this::reset);
        routes.get("/v1/policies", Operation.of("policies", "The project's policy versions, highest first (no bootstrap)")
                .respond(401, "Authentication required").respond(422, "Validation failed"), this::list);
        routes.post("/v1/policies", Operation.of("policies", "Create a policy version (not activated)")
                .respond(401, "Authentication required")
                .respond(403, "created_by_workspace_id does not match API key identity / Workspace not found")
                .respond(409, "Policy conflict").respond(422, "Validation failed"), this::create);
        routes.get("/v1/policies/{policy_id}", Operation.of("policies", "One policy version of the project")
                .respond(401, "Authentication required").respond(404, "Policy not found or does not belong to this project"),
                this::get);
        routes.post("/v1/policies/{policy_id}/activate", Operation.of("policies", "Make a version the active one")
                .respond(400, "Policy does not belong to this project").respond(401, "Authentication required")
                .respond(404, "Policy not found"), this::activate);
    }

    private void active(Context ctx) {
        QueryParams query = new QueryParams(ctx);
        String role = ctx.queryParam("role");
        boolean onlySelected = query.bool("only_selected", false);
        query.validate();
        Principal principal = auth.project(ctx);
        PolicyVersion version = services.get().policies().active(principal);
        String etag = Policies.etag(version);
        if (etag.equals(ctx.header("If-None-Match"))) { // before the role is validated (§11.3, §14.3)
            ctx.header("ETag", etag).status(304);
            return;
        }
        Policies.View view = Policies.view(version, role, onlySelected);
        ctx.header("ETag", etag); // on the answer with the body only, not on its 400s
        Map<String, Object> response = versionView(version, view.roles());
        Policies.SelectedRole selected = view.selected();
        if (selected == null) {
            response.put("selected_role", null);
        } else {
            Map<String, Object> selectedView = new LinkedHashMap<>();
            selectedView.put("role", selected.role());
            selectedView.put("title", selected.title());
            selectedView.put("playbook_md", selected.playbookMd());
            response.put("selected_role", selectedView);
        }
        response.put("adapters", version.bundle().adapters());
        ctx.json(response);
    }

    private void get(Context ctx) {
        Principal principal = auth.project(ctx);
        UUID id = Uuids.parse(ctx.pathParam("policy_id"))
                .orElseThrow(() -> new DomainError.NotFound("Policy not found or does not belong to this project"));
        PolicyVersion version = services.get().policies().get(principal, id);
        Map<String, Object> response = versionView(version, version.bundle().roles());
        response.put("selected_role", null);
        response.put("adapters", version.bundle().adapters());
        ctx.json(response);
    }

    private void history(Context ctx) {
        QueryParams query = new QueryParams(ctx);
        int limit = query.integer("limit", Policies.HISTORY_DEFAULT_LIMIT, 1, Policies.MAX_LIMIT);
        query.validate();
        Principal principal = auth.project(ctx);
        List<Map<String, Object>> policies = services.get().policies().history(principal, limit).stream().map(listed -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("policy_id", listed.version().id().toString());
            view.put("version", listed.version().version());
            view.put("created_at", WireTime.offset(listed.version().createdAt()));
            view.put("created_by_workspace_id", listed.version().createdBy() == null ? null : listed.version().createdBy().toString());
            view.put("is_active", listed.active());
            return view;
        }).toList();
        ctx.json(Map.of("policies", policies));
    }

    private void list(Context ctx) {
        QueryParams query = new QueryParams(ctx);
        int limit = query.integer("limit", Policies.LIST_DEFAULT_LIMIT, 1, Policies.MAX_LIMIT);
        query.validate();
        Principal principal = auth.project(ctx);
        List<Map<String, Object>> policies = services.get().policies().list(principal, limit).stream().map(listed -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("policy_id", listed.version().id().toString());
            view.put("version", listed.version().version());
            view.put("created_at", WireTime.offset(listed.version().createdAt()));
            view.put("is_active", listed.active());
            return view;
        }).toList();
        ctx.json(Map.of("policies", policies));
    }

    private void create(Context ctx) {
        BodyFields body = bodies.fields(ctx);
        List<Violation> violations = new ArrayList<>();
        PolicyBundle bundle = null;
        JsonNode bundleNode = body.body().get("bundle");
        if (bundleNode == null) {
            violations.add(Violation.missing(List.of("body", "bundle"), body.plain(body.body())));
        } else if (!(bundleNode instanceof ObjectNode bundleObject)) {
            violations.add(new Violation("dict_type", List.of("body", "bundle"), "Input should be a valid dictionary",
                    body.plain(bundleNode)));
        } else {
            bundle = bundle(bundleObject, body, violations);
        }
        UUID base = body.uuid("base_policy_id");
        UUID createdBy = body.uuid("created_by_workspace_id");
        try {
            body.validate();
        } catch (DomainError.Invalid invalid) {
            violations.addAll(invalid.violations());
        }
        if (!violations.isEmpty()) {
            throw new DomainError.Invalid(violations);
        }
        Principal principal = auth.project(ctx);
        Policies.Created created = services.get().policies().create(principal, bundle, base,
                createdBy == null ? null : new AgentId(createdBy));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("policy_id", created.policyId().toString());
        response.put("project_id", created.project().toString());
        response.put("version", created.version());
        response.put("created", true);
        ctx.json(response);
    }

    private void activate(Context ctx) {
        Principal principal = auth.project(ctx);
        UUID id = Uuids.parse(ctx.pathParam("policy_id")).orElseThrow(() -> new DomainError.NotFound("Policy not found"));
        UUID active = services.get().policies().activate(principal, id);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("activated", true);
        response.put("active_policy_id", active.toString());
        ctx.json(response);
    }

    private void reset(Context ctx) {
        Principal principal = auth.project(ctx); // any body (bdh sends null) is ignored
        Policies.Reset reset = services.get().policies().reset(principal);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("reset", true);
        response.put("active_policy_id", reset.activePolicyId().toString());
        response.put("version", reset.version());
        ctx.json(response);
    }

    /** The head and content fields of a version's view, through {@code roles}. */
    private static Map<String, Object> versionView(PolicyVersion version, SequencedMap<String, PolicyBundle.Role> roles) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("policy_id", version.id().toString());
        view.put("project_id", version.project().toString());
        view.put("version", version.version());
        view.put("updated_at", WireTime.offset(version.updatedAt()));
        SequencedMap<String, Object> plain = version.bundle().toPlain();
        view.put("invariants", plain.get("invariants"));
        Map<String, Object> roleViews = new LinkedHashMap<>();
        roles.forEach((id, role) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("title", role.title());
            one.put("playbook_md", role.playbookMd());
            roleViews.put(id, one);
        });
        view.put("roles", roleViews);
        return view;
    }

    /**
     * The bundle of the creation body: {@code invariants} a list of objects, {@code roles} an object of objects,
     * {@code adapters} an object (each optional, default empty); the text fields, when present, strings. Unknown
     * keys are dropped. Records what breaks these rules at its {@code ["body","bundle",…]} location.
     */
    private static PolicyBundle bundle(ObjectNode node, BodyFields body, List<Violation> violations) {
        int before = violations.size();
        List<PolicyBundle.Invariant> invariants = new ArrayList<>();
        JsonNode invariantNodes = node.get("invariants");
        if (invariantNodes != null && !invariantNodes.isNull()) {
            if (!invariantNodes.isArray()) {
                violations.add(new Violation("list_type", List.of("body", "bundle", "invariants"),
                        "Input should be a valid list", body.plain(invariantNodes)));
            } else {
                for (int i = 0; i < invariantNodes.size(); i++) {
                    JsonNode element = invariantNodes.get(i);
                    List<Object> loc = List.of("body", "bundle", "invariants", i);
                    if (!(element instanceof ObjectNode invariant)) {
                        violations.add(new Violation("dict_type", loc, "Input should be a valid dictionary", body.plain(element)));
                        continue;
                    }
                    invariants.add(new PolicyBundle.Invariant(text(invariant, "id", "", loc, body, violations),
                            text(invariant, "title", "", loc, body, violations),
                            text(invariant, "body_md", "", loc, body, violations)));
                }
            }
        }
        SequencedMap<String, PolicyBundle.Role> roles = new LinkedHashMap<>();
        JsonNode roleNodes = node.get("roles");
        if (roleNodes != null && !roleNodes.isNull()) {
            if (!(roleNodes instanceof ObjectNode roleObject)) {
                violations.add(new Violation("dict_type", List.of("body", "bundle", "roles"),
                        "Input should be a valid dictionary", body.plain(roleNodes)));
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = roleObject.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    List<Object> loc = List.of("body", "bundle", "roles", entry.getKey());
                    if (!(entry.getValue() instanceof ObjectNode role)) {
                        violations.add(new Violation("dict_type", loc, "Input should be a valid dictionary",
                                body.plain(entry.getValue())));
                        continue;
                    }
                    roles.put(entry.getKey(), new PolicyBundle.Role(text(role, "title", entry.getKey(), loc, body, violations),
                            text(role, "playbook_md", "", loc, body, violations)));
                }
            }
        }
        SequencedMap<String, Object> adapters = new LinkedHashMap<>();
        JsonNode adapterNode = node.get("adapters");
        if (adapterNode != null && !adapterNode.isNull()) {
            if (!(adapterNode instanceof ObjectNode)) {
                violations.add(new Violation("dict_type", List.of("body", "bundle", "adapters"),
                        "Input should be a valid dictionary", body.plain(adapterNode)));
            } else if (CompactJson.parse(adapterNode.toString()) instanceof Map<?, ?> plain) {
                plain.forEach((key, value) -> adapters.put((String) key, value));
            }
        }
        return violations.size() == before ? new PolicyBundle(invariants, roles, adapters) : null;
    }

    /** A text field of a bundle entry: absent or null gives {@code fallback}; anything but a string is a 422. */
    private static String text(ObjectNode entry, String field, String fallback, List<Object> loc, BodyFields body,
                               List<Violation> violations) {
        JsonNode value = entry.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            List<Object> fieldLoc = new ArrayList<>(loc);
            fieldLoc.add(field);
            violations.add(new Violation("string_type", fieldLoc, "Input should be a valid string", body.plain(value)));
            return fallback;
        }
        return value.asText();
    }
}
