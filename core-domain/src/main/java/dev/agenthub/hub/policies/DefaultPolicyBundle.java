package dev.agenthub.hub.policies;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * The shipped default bundle (wire spec §11.4) from its markdown documents, without any I/O: the composition
 * root reads the documents and hands their names and texts in. A document starts with a metadata block,
 *
 * <pre>
 * ---
 * id: tracking.bdh-only
 * title: Use bdh for tracking
 * ---
 * markdown body…
 * </pre>
 *
 * and the body is the invariant's {@code body_md} or the role's {@code playbook_md}. Documents load in file-name
 * order; {@code adapters} is {@code {}}.
 */
public final class DefaultPolicyBundle {

    private static final String FENCE = "---";

    private DefaultPolicyBundle() {
    }

    /** One markdown document: its file name (which orders it) and its text. */
    public record Document(String name, String text) {
        public Document {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * The bundle of these invariant and role documents.
     *
     * @throws IllegalArgumentException naming the document, when one lacks the metadata block, its {@code id}
     *                                  or {@code title}, or two documents of a kind share an id
     */
    public static PolicyBundle parse(List<Document> invariantDocuments, List<Document> roleDocuments) {
        List<PolicyBundle.Invariant> invariants = new ArrayList<>();
        for (Parsed parsed : parsedInOrder(invariantDocuments)) {
            if (invariants.stream().anyMatch(i -> i.id().equals(parsed.id()))) {
                throw new IllegalArgumentException(parsed.name() + ": duplicate invariant id " + parsed.id());
            }
            invariants.add(new PolicyBundle.Invariant(parsed.id(), parsed.title(), parsed.body()));
        }
        SequencedMap<String, PolicyBundle.Role> roles = new LinkedHashMap<>();
        for (Parsed parsed : parsedInOrder(roleDocuments)) {
            if (roles.putIfAbsent(parsed.id(), new PolicyBundle.Role(parsed.title(), parsed.body())) != null) {
                throw new IllegalArgumentException(parsed.name() + ": duplicate role id " + parsed.id());
            }
        }
        return new PolicyBundle(invariants, roles, new LinkedHashMap<>());
    }

    private record Parsed(String name, String id, String title, String body) {
    }

    private static List<Parsed> parsedInOrder(List<Document> documents) {
        return documents.stream().sorted(Comparator.comparing(Document::name)).map(DefaultPolicyBundle::parse).toList();
    }

    private static Parsed parse(Document document) {
        List<String> lines = document.text().replace("\r\n", "\n").lines().toList();
        if (lines.isEmpty() || !lines.getFirst().strip().equals(FENCE)) {
            throw new IllegalArgumentException(document.name() + ": no metadata block (a first line of ---)");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        int end = -1;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().equals(FENCE)) {
                end = i;
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                metadata.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        if (end < 0) {
            throw new IllegalArgumentException(document.name() + ": the metadata block is not closed with ---");
        }
        String id = required(document, metadata, "id");
        String title = required(document, metadata, "title");
        String body = String.join("\n", lines.subList(end + 1, lines.size())).strip();
        return new Parsed(document.name(), id, title, body.isEmpty() ? "" : body + "\n");
    }

    private static String required(Document document, Map<String, String> metadata, String key) {
        String value = metadata.get(key);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(document.name() + ": metadata has no " + key);
        }
        return value;
    }
}
