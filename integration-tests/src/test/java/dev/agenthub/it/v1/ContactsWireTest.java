package dev.agenthub.it.v1;

import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.V1Client.Identity;
import dev.agenthub.it.support.V1HubTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.agenthub.it.support.V1Client.assertBody;
import static org.assertj.core.api.Assertions.assertThat;

/** Contacts (§4.18) and the contacts_only delivery rule (§9.1) over HTTP, whole bodies compared. Each test has its own project. */
class ContactsWireTest extends V1HubTest {

    private static final String NOW_Z = "2026-02-07T11:14:49.123456Z";
    private static final String REFUSED = "{\"detail\":\"Recipient only accepts messages from contacts\"}";

    private Response add(Identity caller, String body) {
        return client.post("/v1/contacts", body, caller.bearer());
    }

    private String addOk(Identity caller, String address) {
        Response added = add(caller, "{\"contact_address\":\"%s\"}".formatted(address));
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        return added.json().get("contact_id").asText();
    }

    private void contactsOnly(Identity agent) {
        Response patched = client.patch("/v1/agents/me", "{\"access_mode\":\"contacts_only\"}", agent.bearer());
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    }

    @Test
    void createListAndDelete() {
        clock.set(NOW);
        Identity alice = client.init("contacts-crud", "alice");
        Response first = add(alice, "{\"contact_address\":\"  zeta/bob \",\"label\":\"Bob ✓\"}");
        String bob = first.json().get("contact_id").asText();
        assertBody(first, 200, "{\"contact_id\":\"%s\",\"contact_address\":\"zeta/bob\",\"label\":\"Bob ✓\",\"created_at\":\"%s\"}"
                .formatted(bob, NOW_Z));
        clock.advance(Duration.ofSeconds(1));
        Response second = add(alice, "{\"contact_address\":\"Zeta\",\"label\":null}");
        String upper = second.json().get("contact_id").asText();
        assertBody(second, 200, "{\"contact_id\":\"%s\",\"contact_address\":\"Zeta\",\"label\":null,\"created_at\":\"2026-02-07T11:14:50.123456Z\"}"
                .formatted(upper));
        String slug = addOk(alice, "contacts-crud");

        assertBody(client.get("/v1/contacts", alice.bearer()), 200, """
                {"contacts":[
                 {"contact_id":"%s","contact_address":"Zeta","label":null,"created_at":"2026-02-07T11:14:50.123456Z"},
                 {"contact_id":"%s","contact_address":"contacts-crud","label":null,"created_at":"2026-02-07T11:14:50.123456Z"},
                 {"contact_id":"%s","contact_address":"zeta/bob","label":"Bob ✓","created_at":"%s"}]}"""
                .formatted(upper, slug, bob, NOW_Z)); // byte order: upper case first

        assertBody(client.delete("/v1/contacts/" + bob.toUpperCase().replace("-", ""), alice.bearer()), 200, "{\"deleted\":true}");
        assertBody(client.delete("/v1/contacts/" + bob, alice.bearer()), 404, "{\"detail\":\"Contact not found\"}");
        assertThat(addresses(client.get("/v1/contacts", alice.bearer()))).containsExactly("Zeta", "contacts-crud");
        assertBody(client.get("/v1/contacts", client.init("contacts-crud-empty", "dave").bearer()), 200, "{\"contacts\":[]}");
    }

    @Test
    void anAddressIsUniqueWithinAProject() {
        clock.set(NOW);
        Identity alice = client.init("contacts-dup", "alice");
        Identity other = client.init("contacts-dup-other", "carol");
        addOk(alice, "team/bob");
        assertBody(add(alice, "{\"contact_address\":\"team/bob\",\"label\":\"again\"}"), 409, "{\"detail\":\"Contact already exists\"}");
        assertBody(add(alice, "{\"contact_address\":\" team/bob\"}"), 409, "{\"detail\":\"Contact already exists\"}");
        addOk(alice, "team/Bob");
        addOk(other, "team/bob");
        assertThat(addresses(client.get("/v1/contacts", alice.bearer()))).containsExactly("team/Bob", "team/bob");
    }

    @Test
    void bodiesAreStrictAndAddressesInProjectAddressForm() {
        Identity alice = client.init("contacts-422", "alice");
        assertBody(client.post("/v1/contacts", "{\"label\":\"x\",\"project_id\":\"p\"}", Map.of()), 422, """
                {"detail":[{"type":"missing","loc":["body","contact_address"],"msg":"Field required","input":{"label":"x","project_id":"p"}},
                 {"type":"extra_forbidden","loc":["body","project_id"],"msg":"Extra inputs are not permitted","input":"p"}]}""");
        assertBody(add(alice, "{\"contact_address\":\"bad address!\"}"), 422, """
                {"detail":[{"type":"value_error","loc":["body","contact_address"],"msg":"Value error, Invalid contact_address format","input":"bad address!"}]}""");
        assertBody(add(alice, "{\"contact_address\":\"team@bob\"}"), 422, """
                {"detail":[{"type":"value_error","loc":["body","contact_address"],"msg":"Value error, Invalid contact_address format","input":"team@bob"}]}""");
        assertBody(add(alice, "{\"contact_address\":\"   \"}"), 422, """
                {"detail":[{"type":"value_error","loc":["body","contact_address"],"msg":"Value error, contact_address must not be empty","input":"   "}]}""");
        assertBody(add(alice, "{\"contact_address\":\"\"}"), 422, """
                {"detail":[{"type":"string_too_short","loc":["body","contact_address"],"msg":"String should have at least 1 character","input":"","ctx":{"min_length":1}}]}""");
        String tooLong = "a".repeat(257);
        assertBody(add(alice, "{\"contact_address\":\"%s\"}".formatted(tooLong)), 422, """
                {"detail":[{"type":"string_too_long","loc":["body","contact_address"],"msg":"String should have at most 256 characters","input":"%s","ctx":{"max_length":256}}]}"""
                .formatted(tooLong));
        addOk(alice, "a".repeat(256));
        assertBody(add(alice, "{\"contact_address\":\"team\\u0000bob\",\"label\":\"x\\u0000\"}"), 422, """
                {"detail":[{"type":"value_error","loc":["body","contact_address"],"msg":"Value error, NUL characters are not allowed","input":"team\\u0000bob"},
                 {"type":"value_error","loc":["body","label"],"msg":"Value error, NUL characters are not allowed","input":"x\\u0000"}]}""");
        assertBody(add(alice, "{\"contact_address\":7,\"label\":false}"), 422, """
                {"detail":[{"type":"string_type","loc":["body","contact_address"],"msg":"Input should be a valid string","input":7},
                 {"type":"string_type","loc":["body","label"],"msg":"Input should be a valid string","input":false}]}""");
        assertBody(client.post("/v1/contacts", "{\"contact_address\":\"team\"}", Map.of("Authorization", "Bearer aw_sk_" + "0".repeat(64))),
                401, "{\"detail\":\"Invalid API key\"}");
        assertThat(addresses(client.get("/v1/contacts", alice.bearer()))).containsExactly("a".repeat(256));
    }

    @Test
    void deleteErrors() {
        Identity alice = client.init("contacts-del", "alice");
        assertBody(client.delete("/v1/contacts/not-a-uuid", Map.of()), 422, "{\"detail\":\"Invalid id format\"}");
        assertBody(client.delete("/v1/contacts/" + UUID.randomUUID(), alice.bearer()), 404, "{\"detail\":\"Contact not found\"}");
        assertBody(client.delete("/v1/contacts/" + UUID.randomUUID(), Map.of()), 401,
                "{\"detail\":\"Authentication required\"}");
    }

    @Test
    void anotherProjectNeverSeesOrDeletesOurContacts() {
        Identity alice = client.init("contacts-iso", "alice");
        Identity mallory = client.init("contacts-iso-other", "mallory");
        String ours = addOk(alice, "contacts-iso-other/mallory");
        assertBody(client.get("/v1/contacts", mallory.bearer()), 200, "{\"contacts\":[]}");
        assertBody(client.delete("/v1/contacts/" + ours, mallory.bearer()), 404, "{\"detail\":\"Contact not found\"}");
        assertThat(addresses(client.get("/v1/contacts", alice.bearer()))).containsExactly("contacts-iso-other/mallory");
    }

    @Test
    void contactsOnlyMailNeedsTheSendersAddressOrSlug() {
        clock.set(NOW);
        Identity alice = client.init("contacts-mail", "alice");
        Identity bob = client.init("contacts-mail", "bob");
        Identity carol = client.init("contacts-mail", "carol");
        contactsOnly(bob);

        assertBody(client.post("/v1/messages", "{\"to_alias\":\"bob\",\"body\":\"hi\"}", alice.bearer()), 403, REFUSED);
        assertBody(client.post("/v1/messages", "{\"to_agent_id\":\"%s\",\"body\":\"hi\"}".formatted(bob.agentId()), alice.bearer()),
                403, REFUSED);
        assertThat(inbox(bob)).as("nothing stored").isEmpty();
        assertThat(client.post("/v1/messages", "{\"to_alias\":\"alice\",\"body\":\"from a guarded agent\"}", bob.bearer()).status())
                .as("the restriction is on receiving").isEqualTo(200);
        assertThat(client.post("/v1/messages", "{\"to_alias\":\"bob\",\"body\":\"note to self\"}", bob.bearer()).status())
                .isEqualTo(200);

        String aliceContact = addOk(carol, "contacts-mail/alice"); // any key of the project edits its contacts
        assertThat(client.post("/v1/messages", "{\"to_alias\":\"bob\",\"body\":\"listed\"}", alice.bearer()).status()).isEqualTo(200);
        assertBody(client.post("/v1/messages", "{\"to_alias\":\"bob\",\"body\":\"not listed\"}", carol.bearer()), 403, REFUSED);

        String slugContact = addOk(alice, "contacts-mail");
        assertThat(client.post("/v1/messages", "{\"to_alias\":\"bob\",\"body\":\"the project is listed\"}", carol.bearer()).status())
                .isEqualTo(200);
        assertThat(inbox(bob)).containsExactly("the project is listed", "listed", "note to self");

        client.delete("/v1/contacts/" + slugContact, alice.bearer());
        client.delete("/v1/contacts/" + aliceContact, alice.bearer());
        assertBody(client.post("/v1/messages", "{\"to_alias\":\"bob\",\"body\":\"again\"}", alice.bearer()), 403, REFUSED);
        addOk(alice, "contacts-mail/ALICE");
        assertBody(client.post("/v1/messages", "{\"to_alias\":\"bob\",\"body\":\"again\"}", alice.bearer()), 403, REFUSED);
        client.patch("/v1/agents/me", "{\"access_mode\":\"open\"}", bob.bearer());
        assertThat(client.post("/v1/messages", "{\"to_alias\":\"bob\",\"body\":\"open again\"}", alice.bearer()).status()).isEqualTo(200);
    }

    @Test
    void contactsOnlyChatStartAndSend() {
        clock.set(NOW);
        Identity alice = client.init("contacts-chat", "alice");
        Identity bob = client.init("contacts-chat", "bob");
        Identity carol = client.init("contacts-chat", "carol");
        contactsOnly(bob);

        assertBody(client.post("/v1/chat/sessions", "{\"to_aliases\":[\"bob\"],\"message\":\"ping\"}", alice.bearer()), 403, REFUSED);
        assertBody(client.post("/v1/chat/sessions", "{\"to_aliases\":[\"carol\",\"bob\"],\"message\":\"ping\"}", alice.bearer()), 403, REFUSED);
        assertBody(client.get("/v1/chat/sessions", alice.bearer()), 200, "{\"sessions\":[]}");
        assertBody(client.get("/v1/chat/sessions", bob.bearer()), 200, "{\"sessions\":[]}");

        addOk(alice, "contacts-chat/alice");
        Response started = client.post("/v1/chat/sessions", "{\"to_aliases\":[\"carol\",\"bob\"],\"message\":\"ping\"}", alice.bearer());
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String group = started.json().get("session_id").asText();

        assertBody(client.post("/v1/chat/sessions/" + group + "/messages", "{\"body\":\"me too\"}", carol.bearer()), 403, REFUSED);
        assertBody(client.post("/v1/chat/sessions", "{\"to_aliases\":[\"bob\",\"alice\"],\"message\":\"me too\"}", carol.bearer()), 403,
                REFUSED);
        assertThat(history(alice, group)).containsExactly("ping");
        assertThat(client.post("/v1/chat/sessions/" + group + "/messages", "{\"body\":\"pong\"}", bob.bearer()).status())
                .as("bob may send to open participants").isEqualTo(200);

        addOk(alice, "contacts-chat");
        assertThat(client.post("/v1/chat/sessions/" + group + "/messages", "{\"body\":\"me too\"}", carol.bearer()).status()).isEqualTo(200);
        assertThat(history(alice, group)).containsExactly("ping", "pong", "me too");

        // a session that began while the recipient was open: sending into it is checked too
        Identity dave = client.init("contacts-chat", "dave");
        String pair = client.post("/v1/chat/sessions", "{\"to_aliases\":[\"dave\"],\"message\":\"hello\"}", alice.bearer())
                .json().get("session_id").asText();
        contactsOnly(dave);
        client.get("/v1/contacts", alice.bearer()).json().get("contacts").forEach(contact ->
                client.delete("/v1/contacts/" + contact.get("contact_id").asText(), alice.bearer()));
        assertBody(client.post("/v1/chat/sessions/" + pair + "/messages", "{\"body\":\"still there?\"}", alice.bearer()), 403, REFUSED);
        assertBody(client.post("/v1/chat/sessions", "{\"to_aliases\":[\"dave\"],\"message\":\"still there?\"}", alice.bearer()), 403, REFUSED);
        assertThat(history(dave, pair)).containsExactly("hello");
        addOk(bob, "contacts-chat/alice");
        assertThat(client.post("/v1/chat/sessions/" + pair + "/messages", "{\"body\":\"still there?\"}", alice.bearer()).status())
                .isEqualTo(200);
        assertThat(client.post("/v1/chat/sessions/" + pair + "/messages", "{\"body\":\"yes\"}", dave.bearer()).status()).isEqualTo(200);
    }

    private List<String> inbox(Identity agent) {
        Response inbox = client.get("/v1/messages/inbox", agent.bearer());
        assertThat(inbox.status()).as(inbox.body()).isEqualTo(200);
        List<String> bodies = new ArrayList<>();
        inbox.json().get("messages").forEach(m -> bodies.add(m.get("body").asText()));
        return bodies;
    }

    private List<String> history(Identity agent, String session) {
        Response history = client.get("/v1/chat/sessions/" + session + "/messages", agent.bearer());
        assertThat(history.status()).as(history.body()).isEqualTo(200);
        List<String> bodies = new ArrayList<>();
        history.json().get("messages").forEach(m -> bodies.add(m.get("body").asText()));
        return bodies;
    }

    private static List<String> addresses(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> addresses = new ArrayList<>();
        response.json().get("contacts").forEach(c -> addresses.add(c.get("contact_address").asText()));
        return addresses;
    }
}
