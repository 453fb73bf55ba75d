package dev.agenthub.http.v1;

import dev.agenthub.hub.audit.AuditTrail;
import dev.agenthub.hub.bdh.BdhCoordination;
import dev.agenthub.hub.beads.BeadReads;
import dev.agenthub.hub.beads.BeadUploads;
import dev.agenthub.hub.claims.ClaimListing;
import dev.agenthub.hub.escalations.Escalations;
import dev.agenthub.hub.notifications.Subscriptions;
import dev.agenthub.hub.init.InitService;
import dev.agenthub.hub.policies.Policies;
import dev.agenthub.hub.repos.Repos;
import dev.agenthub.hub.status.Status;
import dev.agenthub.hub.tasks.Tasks;
import dev.agenthub.hub.team.WorkspaceDirectory;
import dev.agenthub.hub.team.WorkspaceLifecycle;
import dev.agenthub.hub.workspaces.Workspaces;
import dev.agenthub.protocol.agents.Agents;
import dev.agenthub.protocol.chat.Chat;
import dev.agenthub.protocol.contacts.Contacts;
import dev.agenthub.protocol.conversations.Conversations;
import dev.agenthub.protocol.live.LiveStreams;
import dev.agenthub.protocol.identity.Actors;
import dev.agenthub.protocol.identity.Authenticator;
import dev.agenthub.protocol.mail.Mail;
import dev.agenthub.protocol.projects.Projects;
import dev.agenthub.protocol.reservations.Reservations;

import java.util.Objects;

/** The use cases behind the {@code /v1} routes, built by the composition root when the hub starts. */
public record CoordinationServices(Authenticator authenticator, Actors actors, InitService init, Projects projects,
                                   Agents agents, Reservations reservations, Mail mail, Chat chat,
                                   LiveStreams live, Contacts contacts,
                                   Conversations conversations, Repos repos, Workspaces workspaces,
                                   WorkspaceDirectory workspaceDirectory, WorkspaceLifecycle workspaceLifecycle,
                                   BdhCoordination bdh, BeadUploads beadUploads,
                                   Status status, ClaimListing claimListing, BeadReads beadReads,
                                   Policies policies, Escalations escalations, Subscriptions subscriptions,
                                   Tasks tasks,
                                   AuditTrail auditTrail) {

    public CoordinationServices {
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(actors, "actors");
        Objects.requireNonNull(init, "init");
        Objects.requireNonNull(projects, "projects");
        Objects.requireNonNull(agents, "agents");
        Objects.requireNonNull(reservations, "reservations");
        Objects.requireNonNull(mail, "mail");
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(contacts, "contacts");
        Objects.requireNonNull(conversations, "conversations");
        Objects.requireNonNull(repos, "repos");
        Objects.requireNonNull(workspaces, "workspaces");
        Objects.requireNonNull(workspaceDirectory, "workspaceDirectory");
        Objects.requireNonNull(workspaceLifecycle, "workspaceLifecycle");
        Objects.requireNonNull(bdh, "bdh");
        Objects.requireNonNull(beadUploads, "beadUploads");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(claimListing, "claimListing");
        Objects.requireNonNull(beadReads, "beadReads");
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(escalations, "escalations");
        Objects.requireNonNull(subscriptions, "subscriptions");
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(auditTrail, "auditTrail");
    }
}
