package dev.agenthub.http.v1;

import dev.agenthub.http.mcp.McpArgs;
import dev.agenthub.http.mcp.McpError;
import dev.agenthub.http.mcp.McpTool;
import dev.agenthub.http.mcp.McpTool.Schema;
import dev.agenthub.http.mcp.McpToolbox;
import dev.agenthub.hub.escalations.Escalation;
import dev.agenthub.hub.escalations.Escalations;
import dev.agenthub.hub.notifications.Subscriptions;
import dev.agenthub.hub.repos.RepoId;
import dev.agenthub.hub.workspaces.Workspaces;
import dev.agenthub.protocol.agents.Agent;
import dev.agenthub.protocol.agents.AgentRules;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.mail.Mail;
import dev.agenthub.protocol.mail.MailMessage;
import dev.agenthub.protocol.presence.PresenceRecord;
import dev.agenthub.protocol.projects.Project;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The MCP tools of §4.19, each a thin translation onto the use cases behind the {@code /v1} routes, answering
 * with the same views. Auth B (the caller's project) for all; the mail tools also need the caller's agent (auth A)
 * and check {@code project_key} against the project slug and the name argument against the caller's alias (403).
 * The subscription tools are not served yet.
 */
public final class McpTools implements McpToolbox {

    private static final String PRINCIPAL = McpTools.class.getName() + ".principal";
    private static final List<String> IMPORTANCE = List.of("low", "normal", "high", "urgent");
    private static final int DEFAULT_INBOX_LIMIT = 20;

    private final Supplier<CoordinationServices> services;
    private final V1Auth auth;
    private final List<McpTool> tools;

    public McpTools(Supplier<CoordinationServices> services) {
        this.services = services;
        this.auth = new V1Auth(services);
        this.tools = List.of(
                new McpTool("register_agent", "Register (refresh) the presence of a workspace of the caller's project",
                        new Schema().required("workspace_id", "string", "The workspace's id (UUID)")
                                .required("alias", "string", "The workspace's agent alias")
                                .optional("human_name", "string", "The human behind the agent")
                                .optional("program", "string", "The coding agent program, e.g. claude-code")
                                .optional("model", "string", "The model the agent runs")
                                .optional("role", "string", "The agent's role").build(), this::registerAgent),
                new McpTool("list_agents", "The project's agents with their presence",
                        new Schema().required("workspace_id", "string", "The caller's workspace id (UUID)").build(),
                        this::listAgents),
                new McpTool("status", "Live agents, claims, conflicts and pending escalations of one workspace",
                        new Schema().required("workspace_id", "string", "The workspace id (UUID)").build(), this::status),
                new McpTool("get_ready_issues", "Open bead issues whose every blocker is closed, by priority",
                        new Schema().required("workspace_id", "string", "The caller's workspace id (UUID)")
                                .optional("repo", "string", "Only this repo (canonical origin)")
                                .optional("branch", "string", "Only this branch")
                                .optional("limit", "integer", "At most this many issues (default 10)").build(),
                        this::readyIssues),
                new McpTool("get_issue", "One synced bead issue",
                        new Schema().required("bead_id", "string", "The bead id, e.g. bd-12")
                                .optional("repo", "string", "The repo (canonical origin) when the id is ambiguous")
                                .optional("branch", "string", "The branch when the id is ambiguous").build(), this::issue),
                new McpTool("subscribe_to_bead", "Be mailed when a bead's status changes",
                        new Schema().required("workspace_id", "string", "The caller's workspace id (UUID)")
                                .required("bead_id", "string", "The bead id, e.g. bd-12")
                                .optional("repo", "string", "Only changes in this repo (canonical origin); any repo when absent")
                                .optional("event_types", "array", "status_change (default), priority_change, assignee_change or all")
                                .build(), this::subscribe),
                new McpTool("list_subscriptions", "The caller's bead subscriptions, newest first",
                        new Schema().required("workspace_id", "string", "The caller's workspace id (UUID)").build(),
                        this::subscriptions),
                new McpTool("unsubscribe", "Remove one of the caller's bead subscriptions",
                        new Schema().required("workspace_id", "string", "The caller's workspace id (UUID)")
                                .required("subscription_id", "string", "The subscription id (UUID)").build(),
                        this::unsubscribe),
                new McpTool("escalate", "Ask a human for a decision",
                        new Schema().required("workspace_id", "string", "The caller's workspace id (UUID)")
                                .required("alias", "string", "The caller's alias")
                                .required("subject", "string", "One line: what needs deciding")
                                .required("situation", "string", "The context the human needs")
                                .optional("options", "array", "The choices on offer")
                                .optional("expires_in_hours", "integer", "Hours until it expires (default "
                                        + Escalations.DEFAULT_EXPIRES_IN_HOURS + ")")
                                .optional("member_email", "string", "Who should answer").build(), this::escalate),
                new McpTool("get_escalation", "One escalation with its response, if any",
                        new Schema().required("escalation_id", "string", "The escalation id (UUID)")
                                .optional("workspace_id", "string", "Only if it belongs to this workspace (UUID)").build(),
                        this::escalation),
                new McpTool("ensure_project", "The caller's project (it exists once the caller is authenticated)",
                        new Schema().optional("project_key", "string", "Must be the project slug when given").build(),
                        this::ensureProject),
                new McpTool("send_message", "Send a mail message to agents of the project (MCP Agent Mail style)",
                        new Schema().required("project_key", "string", "The project slug")
                                .required("sender_name", "string", "The caller's alias")
                                .required("to", "array", "Recipient aliases")
                                .required("subject", "string", "The subject")
                                .required("body_md", "string", "The body (Markdown)")
                                .optional("importance", "string", "low, normal (default), high or urgent")
                                .optional("thread_id", "string", "The thread (UUID)").build(), this::sendMessage),
                new McpTool("fetch_inbox", "The caller's messages, newest first (MCP Agent Mail style)",
                        new Schema().required("project_key", "string", "The project slug")
                                .required("agent_name", "string", "The caller's alias")
                                .optional("limit", "integer", "At most this many (default 20, at most " + Mail.MAX_INBOX_LIMIT + ")")
                                .optional("urgent_only", "boolean", "Only high and urgent messages")
                                .optional("include_bodies", "boolean", "Include the bodies (default false)")
                                .optional("since_ts", "string", "Only messages created after this ISO-8601 time").build(),
                        this::fetchInbox),
                new McpTool("acknowledge_message", "Acknowledge a message to the caller (marks it read)",
                        new Schema().required("project_key", "string", "The project slug")
                                .required("agent_name", "string", "The caller's alias")
                                .required("message_id", "string", "The message id (UUID)").build(), this::acknowledge),
                new McpTool("mark_message_read", "Mark a message to the caller read (the same as acknowledging it)",
                        new Schema().required("project_key", "string", "The project slug")
                                .required("agent_name", "string", "The caller's alias")
                                .required("message_id", "string", "The message id (UUID)").build(), this::markRead),
                new McpTool("reply_message", "Reply to a message the caller received or sent, in its thread",
                        new Schema().required("project_key", "string", "The project slug")
                                .required("message_id", "string", "The message replied to (UUID)")
                                .required("sender_name", "string", "The caller's alias")
                                .required("body_md", "string", "The body (Markdown)")
                                .optional("to", "array", "Recipient aliases (default: the other party)")
                                .optional("subject_prefix", "string", "Prefixed to the subject (default Re:)").build(),
                        this::replyMessage));
    }

    @Override
    public List<McpTool> tools() {
        return tools;
    }

    @Override
    public void authenticate(Context ctx) {
        ctx.attribute(PRINCIPAL, auth.project(ctx));
    }

    @Override
    public Object status(Context ctx) {
        return StatusRoutes.view(services.get().status().snapshot(principal(ctx), Optional.empty(), Optional.empty()));
    }

    private Principal principal(Context ctx) {
        Principal principal = ctx.attribute(PRINCIPAL);
        return principal != null ? principal : auth.project(ctx);
    }

    private Object registerAgent(Context ctx, McpArgs args) {
        String workspaceId = args.requiredUuid("workspace_id").toString();
        String alias = args.requiredString("alias", AgentRules.MAX_ALIAS_LENGTH);
        if (!AgentRules.validAlias(alias)) {
            throw McpError.invalidParams("Invalid params: 'alias' has an invalid format");
        }
        String humanName = args.optionalString("human_name", AgentRules.MAX_HUMAN_NAME_LENGTH).orElse(null);
        String program = args.optionalString("program").orElse(null);
        String model = args.optionalString("model").orElse(null);
        String role = args.optionalString("role", AgentRules.MAX_ROLE_LENGTH).filter(r -> !r.isBlank())
                .map(r -> AgentRules.normaliseRole(r).orElseThrow(() -> McpError.invalidParams("Invalid params: 'role': "
                        + AgentRules.INVALID_ROLE))).orElse(null);
        Workspaces.Registered registered = services.get().workspaces().register(principal(ctx), workspaceId,
                new Workspaces.Refresh(humanName, program, model, null, null, role, null));
        PresenceRecord record = registered.record();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("workspace_id", registered.workspace().id().toString());
        view.put("alias", record.alias());
        view.put("human_name", record.attribute("human_name"));
        view.put("project_slug", registered.project().slug());
        view.put("program", program);
        view.put("model", model);
        view.put("role", record.attribute("role"));
        view.put("registered_at", WireTime.offset(record.lastSeen()));
        return view;
    }

    private Object listAgents(Context ctx, McpArgs args) {
        args.requiredUuid("workspace_id"); // validated only, as the ready list's (§4.6)
        Principal principal = principal(ctx);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("project_id", principal.project().toString());
        response.put("agents", services.get().agents().list(principal.project()).stream().map(AgentRoutes::view).toList());
        return response;
    }

    private Object status(Context ctx, McpArgs args) {
        AgentId workspace = new AgentId(args.requiredUuid("workspace_id"));
        return StatusRoutes.view(services.get().status().snapshot(principal(ctx), Optional.of(workspace), Optional.<RepoId>empty()));
    }

    private Object readyIssues(Context ctx, McpArgs args) {
        args.requiredUuid("workspace_id"); // validated only (§4.6): no binding check
        Optional<String> repo = args.optionalString("repo");
        Optional<String> branch = args.optionalString("branch");
        int limit = args.integer("limit", dev.agenthub.hub.beads.BeadReads.DEFAULT_READY_LIMIT, 1, Integer.MAX_VALUE);
        BeadReadRoutes.checkRepo(repo);
        BeadReadRoutes.checkBranch(branch);
        return BeadReadRoutes.readyView(services.get().beadReads().ready(principal(ctx), repo, branch, limit));
    }

    private Object issue(Context ctx, McpArgs args) {
        String beadId = args.requiredString("bead_id");
        Optional<String> repo = args.optionalString("repo");
        Optional<String> branch = args.optionalString("branch");
        BeadReadRoutes.checkRepo(repo);
        BeadReadRoutes.checkBranch(branch);
        Principal principal = principal(ctx);
        return BeadReadRoutes.issueView(principal, services.get().beadReads().find(principal, beadId, repo, branch));
    }

    private Object escalate(Context ctx, McpArgs args) {
        UUID workspace = args.requiredUuid("workspace_id");
        String alias = args.requiredString("alias", AgentRules.MAX_ALIAS_LENGTH);
        if (!AgentRules.validAlias(alias)) {
            throw McpError.invalidParams("Invalid params: 'alias' has an invalid format");
        }
        String subject = args.requiredString("subject");
        String situation = args.requiredString("situation");
        List<String> options = args.optionalStringList("options").orElse(null);
        int hours = args.integer("expires_in_hours", Escalations.DEFAULT_EXPIRES_IN_HOURS, 1,
                EscalationRoutes.MAX_EXPIRES_IN_HOURS);
        String memberEmail = args.optionalString("member_email").orElse(null);
        Escalation created = services.get().escalations().create(principal(ctx), new Escalations.Request(
                new AgentId(workspace), alias, subject, situation, options, hours, memberEmail));
        return EscalationRoutes.detail(created);
    }

    private Object subscribe(Context ctx, McpArgs args) {
        UUID workspace = args.requiredUuid("workspace_id");
        String beadId = args.requiredString("bead_id");
        String repo = args.optionalString("repo").filter(r -> !r.isEmpty()).orElse(null);
        List<String> eventTypes = args.optionalStringList("event_types").orElse(null);
        Subscriptions.checkBeadId(beadId);
        Subscriptions.eventTypes(eventTypes);
        return SubscriptionRoutes.view(services.get().subscriptions().subscribe(principal(ctx), new AgentId(workspace),
                beadId, repo, eventTypes));
    }

    private Object subscriptions(Context ctx, McpArgs args) {
        UUID workspace = args.requiredUuid("workspace_id");
        List<Map<String, Object>> listed = services.get().subscriptions().list(principal(ctx), new AgentId(workspace))
                .stream().map(SubscriptionRoutes::view).toList();
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("subscriptions", listed);
        response.put("count", listed.size());
        return response;
    }

    private Object unsubscribe(Context ctx, McpArgs args) {
        UUID workspace = args.requiredUuid("workspace_id");
        UUID id = args.requiredUuid("subscription_id");
        services.get().subscriptions().unsubscribe(principal(ctx), new AgentId(workspace), id);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("subscription_id", id.toString());
        response.put("deleted", true);
        return response;
    }

    private Object escalation(Context ctx, McpArgs args) {
        UUID id = args.requiredUuid("escalation_id");
        Optional<AgentId> workspace = args.optionalUuid("workspace_id").map(AgentId::new);
        return EscalationRoutes.detail(services.get().escalations().get(principal(ctx), id, workspace));
    }

    private Object ensureProject(Context ctx, McpArgs args) {
        Optional<String> key = args.optionalString("project_key");
        Project project = project(ctx, key);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("project_id", project.id().toString());
        response.put("slug", project.slug());
        response.put("name", project.name());
        return response;
    }

    private Object sendMessage(Context ctx, McpArgs args) {
        String key = args.requiredString("project_key");
        String sender = args.requiredString("sender_name");
        List<String> to = args.requiredStringList("to");
        String subject = args.requiredString("subject");
        String body = args.requiredString("body_md");
        MailMessage.Priority priority = MailMessage.Priority.fromWire(args.literal("importance", IMPORTANCE, "normal"));
        UUID thread = args.optionalUuid("thread_id").orElse(null);
        Agent actor = mailActor(ctx, key, "sender_name", sender);
        return deliver(actor, to, subject, body, priority, thread);
    }

    private Object replyMessage(Context ctx, McpArgs args) {
        String key = args.requiredString("project_key");
        UUID messageId = args.requiredUuid("message_id");
        String sender = args.requiredString("sender_name");
        String body = args.requiredString("body_md");
        Optional<List<String>> to = args.optionalStringList("to");
        String prefix = args.optionalString("subject_prefix").orElse("Re:");
        Agent actor = mailActor(ctx, key, "sender_name", sender);
        MailMessage original = services.get().mail().find(actor, messageId);
        String otherParty = original.to().equals(actor.id()) ? original.fromAlias() : original.toAlias();
        String subject = prefix.isEmpty() || original.subject().regionMatches(true, 0, prefix, 0, prefix.length())
                ? original.subject() : prefix + " " + original.subject();
        UUID thread = original.threadId() != null ? original.threadId() : original.id();
        return deliver(actor, to.filter(list -> !list.isEmpty()).orElse(List.of(otherParty)), subject, body,
                original.priority(), thread);
    }

    /** One message per recipient, in order; a failing recipient ends the call (those before it were sent). */
    private Map<String, Object> deliver(Agent actor, List<String> to, String subject, String body,
                                        MailMessage.Priority priority, UUID thread) {
        List<Map<String, Object>> deliveries = new ArrayList<>();
        for (String recipient : to) {
            MailMessage sent = services.get().mail().send(actor, new Mail.Send(null, recipient, subject, body, priority,
                    thread, null, null, null, null, null));
            Map<String, Object> delivery = new LinkedHashMap<>();
            delivery.put("to", sent.toAlias());
            delivery.put("message_id", sent.id().toString());
            delivery.put("delivered_at", WireTime.zulu(sent.createdAt()));
            deliveries.add(delivery);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("deliveries", deliveries);
        response.put("count", deliveries.size());
        response.put("subject", subject);
        response.put("thread_id", thread == null ? null : thread.toString());
        return response;
    }

    private Object fetchInbox(Context ctx, McpArgs args) {
        String key = args.requiredString("project_key");
        String name = args.requiredString("agent_name");
        int limit = args.integer("limit", DEFAULT_INBOX_LIMIT, 1, Mail.MAX_INBOX_LIMIT);
        boolean urgentOnly = args.bool("urgent_only", false);
        boolean includeBodies = args.bool("include_bodies", false);
        Optional<Instant> since = args.optionalTimestamp("since_ts");
        Agent actor = mailActor(ctx, key, "agent_name", name);
        // the filters apply to the newest MAX_INBOX_LIMIT messages, then the limit
        Mail.Inbox inbox = services.get().mail().inbox(actor, false, Mail.MAX_INBOX_LIMIT);
        List<Map<String, Object>> messages = inbox.messages().stream()
                .filter(m -> !urgentOnly || m.priority() == MailMessage.Priority.HIGH || m.priority() == MailMessage.Priority.URGENT)
                .filter(m -> since.isEmpty() || m.createdAt().isAfter(since.get()))
                .limit(limit)
                .map(m -> {
                    Map<String, Object> view = MailRoutes.element(inbox.projectSlug(), m);
                    if (!includeBodies) {
                        view.remove("body");
                    }
                    return view;
                }).toList();
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("messages", messages);
        response.put("count", messages.size());
        return response;
    }

    private Object acknowledge(Context ctx, McpArgs args) {
        Mail.Acknowledged acknowledged = acknowledged(ctx, args);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("message_id", acknowledged.message().id().toString());
        response.put("acknowledged", true);
        response.put("acknowledged_at", WireTime.zulu(acknowledged.acknowledgedAt()));
        return response;
    }

    private Object markRead(Context ctx, McpArgs args) {
        Mail.Acknowledged acknowledged = acknowledged(ctx, args);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("message_id", acknowledged.message().id().toString());
        response.put("read", true);
        response.put("read_at", WireTime.zulu(acknowledged.acknowledgedAt()));
        return response;
    }

    private Mail.Acknowledged acknowledged(Context ctx, McpArgs args) {
        String key = args.requiredString("project_key");
        String name = args.requiredString("agent_name");
        UUID messageId = args.requiredUuid("message_id");
        return services.get().mail().acknowledge(mailActor(ctx, key, "agent_name", name), messageId);
    }

    /** The caller's project, after checking {@code project_key} (when given) against its slug: 403 otherwise. */
    private Project project(Context ctx, Optional<String> key) {
        Project project = services.get().projects().current(principal(ctx).project());
        if (key.isPresent() && !key.get().equals(project.slug())) {
            throw new DomainError.Forbidden("project_key does not match the caller's project");
        }
        return project;
    }

    /** The caller's agent (auth A), after the project_key check and the name check: 403 when either differs. */
    private Agent mailActor(Context ctx, String key, String nameArgument, String name) {
        project(ctx, Optional.of(key));
        Agent actor = services.get().actors().require(principal(ctx));
        if (!actor.alias().equals(name)) {
            throw new DomainError.Forbidden(nameArgument + " does not match the caller's alias");
        }
        return actor;
    }
}
