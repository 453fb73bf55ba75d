package dev.agenthub.http.v1;

import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.BodyFields;
import dev.agenthub.http.support.QueryParams;
import dev.agenthub.hub.beads.BeadIds;
import dev.agenthub.hub.beads.BeadIssue;
import dev.agenthub.hub.beads.BeadReads;
import dev.agenthub.hub.beads.BeadRef;
import dev.agenthub.hub.beads.port.BeadStore;
import dev.agenthub.hub.repos.CanonicalOrigin;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.error.Violation;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;
import dev.agenthub.protocol.kernel.text.CodePoints;
import dev.agenthub.protocol.kernel.time.WireTime;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The bead reads of wire spec §4.6: {@code GET /v1/beads/issues}, {@code /v1/beads/issues/{bead_id}} and
 * {@code /v1/beads/ready}. The uploads are elsewhere. Reservations are not linked to beads, so
 * {@code current_reservation} is always null and {@code reservations} always empty.
 */
public final class BeadReadRoutes {

    private static final int MAX_TEXT = 255;
    static final List<String> STATUSES = List.of("closed", "in_progress", "open");
    static final List<String> TYPES = List.of("bug", "feature", "task", "epic", "chore");

    private final Supplier<CoordinationServices> services;
    private final V1Auth auth;

    public BeadReadRoutes(Supplier<CoordinationServices> services) {
        this.services = services;
        this.auth = new V1Auth(services);
    }

    public void register(ApiRoutes routes) {
        routes.get("/v1/beads/issues", Operation.of("beads", "The project's synced bead issues, filtered, newest first")
                .respond(401, "Authentication required").respond(422, "Validation failed / Invalid cursor"), this::list);
        routes.get("/v1/beads/issues/{bead_id}", Operation.of("beads", "One synced bead issue")
                .respond(401, "Authentication required").respond(404, "Issue not found")
                .respond(422, "Validation failed"), this::one);
        routes.get("/v1/beads/ready", Operation.of("beads", "Open issues whose every blocker is closed, by priority")
                .respond(401, "Authentication required").respond(422, "Validation failed"), this::ready);
    }

    private void list(Context ctx) {
        QueryParams query = new QueryParams(ctx);
        Optional<String> repo = query.string("repo", MAX_TEXT);
        Optional<String> branch = query.string("branch", MAX_TEXT);
        Optional<String> statusText = query.string("status", MAX_TEXT);
        Optional<String> assignee = query.string("assignee", MAX_TEXT);
        Optional<String> createdBy = query.string("created_by", MAX_TEXT);
        Optional<String> label = query.string("label", MAX_TEXT);
        Optional<String> type = query.string("type", MAX_TEXT);
        Optional<String> q = query.string("q", MAX_TEXT);
        int limit = query.integer("limit", PageRequest.DEFAULT_LIMIT, 1, PageRequest.MAX_LIMIT);
        type.filter(t -> !TYPES.contains(t)).ifPresent(bad -> query.reject(new Violation("literal_error",
                List.of("query", "type"), "Input should be " + BodyFields.expectedList(TYPES), bad,
                        Map.of("expected", BodyFields.expectedList(TYPES)))));
        query.validate();
        checkRepo(repo);
        checkBranch(branch);
        Set<String> statuses = statuses(statusText);
        PageRequest request = PageRequest.of(limit, ctx.queryParam("cursor"));
        Principal principal = auth.project(ctx);
        BeadStore.IssueFilter filter = new BeadStore.IssueFilter(repo, branch, statuses, assignee, createdBy, label,
                type, q.filter(text -> !text.isEmpty()));
        Page<BeadIssue> page = services.get().beadReads().list(principal, filter, request);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("issues", page.items().stream().map(issue -> {
            Map<String, Object> view = listed(issue);
            view.put("reservations", List.of());
            return view;
        }).toList());
        response.put("count", page.items().size());
        response.put("has_more", page.hasMore());
        response.put("next_cursor", page.nextCursor().orElse(null));
        response.put("synced_at", null);
        ctx.json(response);
    }

    private void one(Context ctx) {
        QueryParams query = new QueryParams(ctx);
        Optional<String> repo = query.string("repo", MAX_TEXT);
        Optional<String> branch = query.string("branch", MAX_TEXT);
        query.validate();
        checkRepo(repo);
        checkBranch(branch);
        Principal principal = auth.project(ctx);
        BeadIssue issue = services.get().beadReads().find(principal, ctx.pathParam("bead_id"), repo, branch);
        ctx.json(issueView(principal, issue));
    }

    /** The body of {@code GET /v1/beads/issues/{bead_id}}. */
    static Map<String, Object> issueView(Principal principal, BeadIssue issue) {
        Map<String, Object> view = listed(issue);
        view.put("description", issue.description());
        view.put("project_id", principal.project().toString());
        return view;
    }

    private void ready(Context ctx) {
        QueryParams query = new QueryParams(ctx);
        String workspace = query.requiredString("workspace_id");
        if (workspace != null) {
            query.uuid("workspace_id"); // validated only (§4.6): no binding check
        }
        Optional<String> repo = query.string("repo", MAX_TEXT);
        Optional<String> branch = query.string("branch", MAX_TEXT);
        int limit = query.integer("limit", BeadReads.DEFAULT_READY_LIMIT, 1, Integer.MAX_VALUE);
        query.validate();
        checkRepo(repo);
        checkBranch(branch);
        Principal principal = auth.project(ctx);
        ctx.json(readyView(services.get().beadReads().ready(principal, repo, branch, limit)));
    }

    /** The body of {@code GET /v1/beads/ready}. */
    static Map<String, Object> readyView(List<BeadIssue> ready) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("issues", ready.stream().map(issue -> {
            Map<String, Object> view = head(issue);
            view.put("blocked_by", issue.blockedBy().stream().map(BeadReadRoutes::ref).toList());
            view.put("current_reservation", null);
            return view;
        }).toList());
        response.put("count", ready.size());
        return response;
    }

    /** The first fields of every issue view, the ready list's included: bead id through type. */
    private static Map<String, Object> head(BeadIssue issue) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("bead_id", issue.beadId());
        view.put("repo", issue.repo());
        view.put("branch", issue.branch());
        view.put("title", issue.title());
        view.put("status", issue.status());
        view.put("priority", issue.priority());
        view.put("type", issue.issueType());
        return view;
    }

    /** The fields every issue view shares, through {@code current_reservation}. */
    private static Map<String, Object> listed(BeadIssue issue) {
        Map<String, Object> view = head(issue);
        view.put("assignee", issue.assignee());
        view.put("created_by", issue.createdBy());
        view.put("labels", issue.labels() == null ? List.of() : issue.labels());
        view.put("blocked_by", issue.blockedBy().stream().map(BeadReadRoutes::ref).toList());
        view.put("parent_id", issue.parentId() == null ? null : ref(issue.parentId()));
        view.put("created_at", time(issue.createdAt()));
        view.put("updated_at", time(issue.updatedAt()));
        view.put("current_reservation", null);
        return view;
    }

    private static Map<String, Object> ref(BeadRef ref) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("repo", ref.repo());
        view.put("branch", ref.branch());
        view.put("bead_id", ref.beadId());
        return view;
    }

    private static String time(Instant instant) {
        return instant == null ? null : WireTime.offset(instant);
    }

    /** 422 {@code Invalid repo: <first 50>} for a repo that is not a canonical origin. */
    static void checkRepo(Optional<String> repo) {
        repo.filter(r -> !CanonicalOrigin.isWellFormed(r)).ifPresent(bad -> {
            throw new DomainError.Invalid("Invalid repo: " + CodePoints.prefix(bad, 50));
        });
    }

    /** 422 {@code Invalid branch name: <first 50>}. */
    static void checkBranch(Optional<String> branch) {
        branch.filter(b -> !BeadIds.isValidBranch(b)).ifPresent(bad -> {
            throw new DomainError.Invalid("Invalid branch name: " + CodePoints.prefix(bad, 50));
        });
    }

    /** The {@code status} CSV: 422 {@code Invalid status: <bad>. Must be one of: closed, in_progress, open}. */
    static Set<String> statuses(Optional<String> csv) {
        if (csv.isEmpty()) {
            return Set.of();
        }
        Set<String> statuses = new LinkedHashSet<>();
        for (String part : Arrays.stream(csv.get().split(",", -1)).map(String::strip).filter(p -> !p.isEmpty()).toList()) {
            if (!STATUSES.contains(part)) {
                throw new DomainError.Invalid("Invalid status: " + part + ". Must be one of: " + String.join(", ", STATUSES));
            }
            statuses.add(part);
        }
        return statuses;
    }
}
