package dev.agenthub.hub.policies;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * The content of a policy version (wire spec §11.1): invariants in order, role playbooks by role id in order,
 * and the adapters object, kept as plain JSON values ({@code Map}, {@code List}, {@code String}, {@code Long},
 * {@code BigDecimal}, {@code Boolean}, null). Fields are never null: what a bundle leaves out is filled in as
 * §11.3 reads it (an empty text, a role's id as its title).
 */
public record PolicyBundle(List<Invariant> invariants, SequencedMap<String, Role> roles,
                           SequencedMap<String, Object> adapters) {

    public PolicyBundle {
        invariants = List.copyOf(invariants);
        roles = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(Objects.requireNonNull(roles, "roles")));
        adapters = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(Objects.requireNonNull(adapters, "adapters")));
    }

    /** One rule every agent follows. */
    public record Invariant(String id, String title, String bodyMd) {
        public Invariant {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(bodyMd, "bodyMd");
        }
    }

    /** The playbook of one role. */
    public record Role(String title, String playbookMd) {
        public Role {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(playbookMd, "playbookMd");
        }
    }

    /** The bundle as plain JSON values, in the wire shape and order of §11.1 (what a store keeps). */
    public SequencedMap<String, Object> toPlain() {
        SequencedMap<String, Object> plain = new LinkedHashMap<>();
        plain.put("invariants", invariants.stream().map(i -> {
            SequencedMap<String, Object> one = new LinkedHashMap<>();
            one.put("id", i.id());
            one.put("title", i.title());
            one.put("body_md", i.bodyMd());
            return (Object) one;
        }).toList());
        SequencedMap<String, Object> roleMap = new LinkedHashMap<>();
        roles.forEach((id, role) -> {
            SequencedMap<String, Object> one = new LinkedHashMap<>();
            one.put("title", role.title());
            one.put("playbook_md", role.playbookMd());
            roleMap.put(id, one);
        });
        plain.put("roles", roleMap);
        plain.put("adapters", adapters);
        return plain;
    }

    /**
     * Reads a bundle from plain JSON values (the inverse of {@link #toPlain()}, and lenient as §11.3 is): a
     * missing or non-text invariant field becomes {@code ""}, a missing role title the role's id, a missing
     * playbook {@code ""}; entries that are not objects and unknown keys are dropped.
     */
    public static PolicyBundle fromPlain(Map<?, ?> plain) {
        List<Invariant> invariants = new java.util.ArrayList<>();
        if (plain.get("invariants") instanceof List<?> list) {
            for (Object element : list) {
                if (element instanceof Map<?, ?> map) {
                    invariants.add(new Invariant(text(map.get("id"), ""), text(map.get("title"), ""),
                            text(map.get("body_md"), "")));
                }
            }
        }
        SequencedMap<String, Role> roles = new LinkedHashMap<>();
        if (plain.get("roles") instanceof Map<?, ?> map) {
            map.forEach((id, value) -> {
                if (value instanceof Map<?, ?> role) {
                    roles.put(String.valueOf(id), new Role(text(role.get("title"), String.valueOf(id)),
                            text(role.get("playbook_md"), "")));
                }
            });
        }
        SequencedMap<String, Object> adapters = new LinkedHashMap<>();
        if (plain.get("adapters") instanceof Map<?, ?> map) {
            map.forEach((key, value) -> adapters.put(String.valueOf(key), value));
        }
        return new PolicyBundle(invariants, roles, adapters);
    }

    private static String text(Object value, String fallback) {
        return value instanceof String s ? s : fallback;
    }
}
