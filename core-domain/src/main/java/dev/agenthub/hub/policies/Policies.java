package dev.agenthub.hub.policies;

import dev.agenthub.hub.audit.AuditEntry;
import dev.agenthub.hub.audit.AuditEventTypes;
import dev.agenthub.hub.audit.port.AuditLog;
import dev.agenthub.hub.policies.port.PolicyStore;
import dev.agenthub.hub.workspaces.port.WorkspaceStore;
import dev.agenthub.protocol.identity.Authenticator;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.IdGenerator;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.text.Sha256;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The policy use cases (wire spec §4.16, §11): reads of the active version (bootstrapping version 1 from the
 * shipped defaults on the first read), history, creation with optimistic concurrency, activation and reset.
 *
 * <p>Every write locks the project's record first ({@link PolicyStore#lockProject}), so the active id it
 * compares against, the version number it allocates (max+1) and what it inserts or activates are one atomic
 * step across instances. Each write appends its audit entry ({@code policy_created}, {@code policy_activated},
 * {@code policy_reset_to_default}) in the same transaction: a policy change is never committed unaudited.
 * Any authenticated project member may write (§11.3, §14.3).
 */
public final class Policies {

    public static final int HISTORY_DEFAULT_LIMIT = 20;
    public static final int LIST_DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;

    static final String BINDING = "created_by_workspace_id does not match API key identity";
    static final String FOREIGN_WORKSPACE = "Workspace not found or does not belong to your project";
    static final String NOT_FOUND_HERE = "Policy not found or does not belong to this project";
    static final String NOT_FOUND = "Policy not found";
    static final String FOREIGN_POLICY = "Policy does not belong to this project";
    static final String ONLY_SELECTED = "only_selected=true requires a role parameter";
    static final String DEFAULTS_FAILED = "Failed to reload default policy bundle: ";

    private final TransactionRunner transactions;
    private final PolicyStore store;
    private final WorkspaceStore workspaces;
    private final AuditLog audit;
    private final Supplier<PolicyBundle> defaults;
    private final Clock clock;
    private final IdGenerator ids;

    /**
     * @param defaults the shipped default bundle, asked again on every bootstrap and reset ("reloads"); it may
     *                 throw, which answers 500 {@code Failed to reload default policy bundle: <reason>}
     */
    public Policies(TransactionRunner transactions, PolicyStore store, WorkspaceStore workspaces, AuditLog audit,
                    Supplier<PolicyBundle> defaults, Clock clock, IdGenerator ids) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.store = Objects.requireNonNull(store, "store");
        this.workspaces = Objects.requireNonNull(workspaces, "workspaces");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /** A version in a listing, and whether it is the project's active one. */
    public record Listed(PolicyVersion version, boolean active) {
    }

    /** {@code POST /v1/policies}: the new version's id, project and number. */
    public record Created(UUID policyId, ProjectId project, int version) {
    }

    /** {@code POST /v1/policies/reset}: the new, active version. */
    public record Reset(UUID activePolicyId, int version) {
    }

    /** The role a read selected (§11.3 {@code selected_role}). */
    public record SelectedRole(String role, String title, String playbookMd) {
    }

    /** What {@code GET /active} shows: the version, the roles it lists and the selected one (or null). */
    public record View(PolicyVersion version, SequencedMap<String, PolicyBundle.Role> roles, SelectedRole selected) {
    }

    /**
     * The project's active version; when it has none, version max+1 from the defaults is created and activated
     * first (§11.2 bootstrap).
     */
    public PolicyVersion active(Principal principal) {
        ProjectId project = principal.project();
        Optional<PolicyVersion> current = store.activeId(project).flatMap(store::find);
        if (current.isPresent()) {
            return current.get();
        }
        return transactions.inTransaction(() -> {
            Optional<UUID> locked = store.lockProject(project);
            if (locked.isPresent()) { // another request bootstrapped it meanwhile
                return store.find(locked.get()).orElseThrow();
            }
            PolicyVersion created = insert(project, loadDefaults(), null, now());
            audit(AuditEventTypes.POLICY_CREATED, project, null, created, null);
            store.setActive(project, created.id());
            audit(AuditEventTypes.POLICY_ACTIVATED, project, null, created, null);
            return created;
        });
    }

    /** {@code GET /history}: up to {@code limit} versions, highest first, after the bootstrap. */
    public List<Listed> history(Principal principal, int limit) {
        UUID active = active(principal).id();
        return store.newestFirst(principal.project(), limit).stream()
                .map(v -> new Listed(v, v.id().equals(active))).toList();
    }

    /** {@code GET ""}: up to {@code limit} versions, highest first, without bootstrapping. */
    public List<Listed> list(Principal principal, int limit) {
        Optional<UUID> active = store.activeId(principal.project());
        return store.newestFirst(principal.project(), limit).stream()
                .map(v -> new Listed(v, active.map(v.id()::equals).orElse(false))).toList();
    }

    /** {@code GET /{policy_id}}: a version of the caller's project, else 404. */
    public PolicyVersion get(Principal principal, UUID policyId) {
        return store.find(policyId).filter(v -> v.project().equals(principal.project()))
                .orElseThrow(() -> new DomainError.NotFound(NOT_FOUND_HERE));
    }

    /**
     * {@code POST /v1/policies}: a new, inactive version.
     *
     * @param basePolicyId when given, it must be the active id at the moment of the insert, else 409
     * @param createdBy    when given, subject to actor binding (403) and a live workspace of the project (403);
     *                     when null, the caller's agent (if any)
     */
    public Created create(Principal principal, PolicyBundle bundle, UUID basePolicyId, AgentId createdBy) {
        Objects.requireNonNull(bundle, "bundle");
        AgentId creator = createdBy;
        if (createdBy != null) {
            Authenticator.requireBinding(principal, createdBy, BINDING);
            workspaces.find(createdBy).filter(w -> w.live() && w.project().equals(principal.project()))
                    .orElseThrow(() -> new DomainError.Forbidden(FOREIGN_WORKSPACE));
        } else {
            creator = principal.actor();
        }
        AgentId author = creator;
        ProjectId project = principal.project();
        return transactions.inTransaction(() -> {
            Optional<UUID> active = store.lockProject(project);
            requireBase(basePolicyId, active);
            PolicyVersion created = insert(project, bundle, author, now());
            audit(AuditEventTypes.POLICY_CREATED, project, author, created, basePolicyId);
            return new Created(created.id(), project, created.version());
        });
    }

    /**
     * {@code POST /{policy_id}/activate}.
     *
     * @return the now active id
     * @throws DomainError 404 {@code Policy not found}; 400 {@code Policy does not belong to this project}
     */
    public UUID activate(Principal principal, UUID policyId) {
        PolicyVersion version = store.find(policyId).orElseThrow(() -> new DomainError.NotFound(NOT_FOUND));
        if (!version.project().equals(principal.project())) {
            throw new DomainError.Invalid(FOREIGN_POLICY, 400);
        }
        return transactions.inTransaction(() -> {
            Optional<UUID> previous = store.lockProject(version.project());
            store.setActive(version.project(), version.id());
            audit(AuditEventTypes.POLICY_ACTIVATED, version.project(), principal.actor(), version, null, previous);
            return version.id();
        });
    }

    /**
     * {@code POST /reset}: the shipped defaults, reloaded, as a new version created against the active one as
     * its base (so of racing resets one wins and the others get 409), and activated in the same transaction.
     */
    public Reset reset(Principal principal) {
        PolicyBundle bundle = loadDefaults();
        ProjectId project = principal.project();
        Optional<UUID> base = store.activeId(project); // read before the lock: a reset that lost the race sees 409
        return transactions.inTransaction(() -> {
            Optional<UUID> active = store.lockProject(project);
            base.ifPresent(b -> requireBase(b, active));
            PolicyVersion created = insert(project, bundle, principal.actor(), now());
            store.setActive(project, created.id());
            audit(AuditEventTypes.POLICY_RESET_TO_DEFAULT, project, principal.actor(), created, base.orElse(null), active);
            return new Reset(created.id(), created.version());
        });
    }

    /**
     * The view of {@code GET /active}: all roles, or with {@code onlySelected} only the selected one.
     *
     * @param role null or empty for none
     * @throws DomainError 400 {@code Role '<r>' not found. Available roles: [...]}; 400
     *                     {@code only_selected=true requires a role parameter}
     */
    public static View view(PolicyVersion version, String role, boolean onlySelected) {
        SequencedMap<String, PolicyBundle.Role> roles = version.bundle().roles();
        boolean hasRole = role != null && !role.isEmpty();
        if (hasRole && !roles.containsKey(role)) {
            throw new DomainError.Invalid("Role '" + role + "' not found. Available roles: "
                    + pythonList(roles.keySet().stream().sorted().toList()), 400);
        }
        if (onlySelected && !hasRole) {
            throw new DomainError.Invalid(ONLY_SELECTED, 400);
        }
        if (!hasRole) {
            return new View(version, roles, null);
        }
        PolicyBundle.Role selected = roles.get(role);
        SequencedMap<String, PolicyBundle.Role> shown = roles;
        if (onlySelected) {
            shown = new LinkedHashMap<>();
            shown.put(role, selected);
        }
        return new View(version, shown, new SelectedRole(role, selected.title(), selected.playbookMd()));
    }

    /**
     * The {@code ETag} of a version (§11.3), quotes included: the first 16 hex characters of SHA-256 over
     * {@code <policy_id>:<updated_at ISO>}.
     */
    public static String etag(PolicyVersion version) {
        return "\"" + Sha256.hex(version.id() + ":" + iso(version.updatedAt())).substring(0, 16) + "\"";
    }

    /** The ISO form Python's {@code isoformat()} gives a UTC time: microseconds only when there are any. */
    static String iso(Instant instant) {
        String offset = WireTime.offset(instant);
        return instant.getNano() / 1000 == 0 ? offset.replace(".000000", "") : offset;
    }

    /** A list of texts printed as a Python list literal, e.g. {@code ['backend', 'coordinator']}. */
    static String pythonList(List<String> items) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(pythonRepr(items.get(i)));
        }
        return out.append(']').toString();
    }

    private static String pythonRepr(String text) {
        char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder().append(quote);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == quote) {
                        out.append('\\');
                    }
                    out.append(c);
                }
            }
        }
        return out.append(quote).toString();
    }

    private static void requireBase(UUID base, Optional<UUID> active) {
        if (base != null && !active.map(base::equals).orElse(false)) {
            throw new DomainError.Conflict("Policy conflict: base_policy_id " + base + " does not match active policy "
                    + active.map(UUID::toString).orElse("none")
                    + ". Another agent may have updated the policy. Re-read the active policy and retry.");
        }
    }

    /** Inserts version max+1; the caller holds the project lock. */
    private PolicyVersion insert(ProjectId project, PolicyBundle bundle, AgentId createdBy, Instant now) {
        PolicyVersion version = new PolicyVersion(ids.newId(), project, store.maxVersion(project) + 1, bundle,
                createdBy, now, now);
        store.insert(version);
        return version;
    }

    private PolicyBundle loadDefaults() {
        try {
            return Objects.requireNonNull(defaults.get(), "no default bundle");
        } catch (RuntimeException failed) {
            throw new DomainError.Internal(DEFAULTS_FAILED + failed.getMessage());
        }
    }

    private void audit(String type, ProjectId project, AgentId actor, PolicyVersion version, UUID base) {
        audit(type, project, actor, version, base, null);
    }

    private void audit(String type, ProjectId project, AgentId actor, PolicyVersion version, UUID base,
                       Optional<UUID> previous) {
        SequencedMap<String, Object> details = new LinkedHashMap<>();
        details.put("policy_id", version.id().toString());
        details.put("version", version.version());
        if (!type.equals(AuditEventTypes.POLICY_ACTIVATED)) {
            details.put("base_policy_id", base == null ? null : base.toString());
        }
        if (previous != null) {
            details.put("previous_policy_id", previous.map(UUID::toString).orElse(null));
        }
        audit.append(new AuditEntry(ids.newId(), project, type, actor, details, now()));
    }

    private Instant now() {
        return WireTime.truncate(clock.instant());
    }
}
