package dev.agenthub.http.v1;

import dev.agenthub.http.docs.ApiRoutes;
import dev.agenthub.http.docs.Operation;
import dev.agenthub.http.support.BodyFields;
import dev.agenthub.http.support.JsonBodies;
import dev.agenthub.protocol.contacts.Contact;
import dev.agenthub.protocol.contacts.ContactAddress;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.Uuids;
import dev.agenthub.protocol.kernel.time.WireTime;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/** The address-book routes of §4.18; any key of the project may use them (auth B). */
public final class ContactRoutes {

    private static final Set<String> CREATE_FIELDS = Set.of("contact_address", "label");

    private final Supplier<CoordinationServices> services;
    private final JsonBodies bodies;
    private final V1Auth auth;

    public ContactRoutes(Supplier<CoordinationServices> services, JsonBodies bodies) {
        this.services = services;
        this.bodies = bodies;
        this.auth = new V1Auth(services);
    }

    public void register(ApiRoutes routes) {
        routes.post("/v1/contacts", Operation.of("contacts", "Add an address to the project's contacts")
                .respond(401, "Authentication required").respond(409, "Contact already exists")
                .respond(422, "Validation failed"), this::create);
        routes.get("/v1/contacts", Operation.of("contacts", "The project's contacts, by address")
                .respond(401, "Authentication required"), this::list);
        routes.delete("/v1/contacts/{contact_id}", Operation.of("contacts", "Remove a contact of the project")
                .respond(401, "Authentication required").respond(404, "Contact not found")
                .respond(422, "Invalid id format"), this::delete);
    }

    private void create(Context ctx) {
        BodyFields body = bodies.fields(ctx);
        body.forbidUnknownKeys(CREATE_FIELDS);
        String address = IdentityRoutes.trimmed(body.requiredString("contact_address", 1, ContactAddress.MAX_LENGTH));
        String label = body.nullableString("label", Integer.MAX_VALUE, null);
        if (address != null && address.isEmpty()) {
            body.reject("contact_address", "contact_address must not be empty");
        } else if (address != null && !ContactAddress.valid(address)) {
            body.reject("contact_address", "Invalid contact_address format");
        }
        body.validate();
        Principal principal = auth.project(ctx);
        ctx.json(view(services.get().contacts().add(principal.project(), address, label)));
    }

    private void list(Context ctx) {
        Principal principal = auth.project(ctx);
        List<Map<String, Object>> contacts = services.get().contacts().list(principal.project()).stream()
                .map(ContactRoutes::view).toList();
        ctx.json(Map.of("contacts", contacts));
    }

    private void delete(Context ctx) {
        UUID id = Uuids.parse(ctx.pathParam("contact_id")).orElseThrow(() -> new DomainError.Invalid("Invalid id format"));
        Principal principal = auth.project(ctx);
        services.get().contacts().remove(principal.project(), id);
        ctx.json(Map.of("deleted", true));
    }

    private static Map<String, Object> view(Contact contact) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("contact_id", contact.id().toString());
        view.put("contact_address", contact.address());
        view.put("label", contact.label());
        view.put("created_at", WireTime.zulu(contact.createdAt()));
        return view;
    }
}
