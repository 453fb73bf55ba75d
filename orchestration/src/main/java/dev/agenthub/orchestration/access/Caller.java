package dev.agenthub.orchestration.access;

import java.util.Objects;

/**
 * Who made an Agent Hub request ({@code /projects…}, {@code /auth…}), as the gates of wire spec §3 established it.
 * The HTTP gate decides; use cases only read the names and the role.
 */
public sealed interface Caller {

    /** Recorded subjects are cut to this length ({@code changed_by} ≤ 120, §5). */
    int MAX_NAME = 120;

    /** The role this caller acts with, e.g. for {@code override_gates} (§14 D3). */
    Role role();

    /** The reviewer, merger or closer name of §14 D3: {@code principal:<sub>}, {@code api-key} or {@code anonymous}. */
    String actorName();

    /**
     * The policy revision's {@code changed_by} (§5): {@code principal:<sub>} with a valid JWT, {@code api-key} for a
     * bearer that is an API key rather than a JWT (error-path hardening), else {@code system:api}.
     */
    String policyChangedBy();

    /** A valid bearer JWT. */
    record Principal(String subject, Role role) implements Caller {
        public Principal {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(role, "role");
        }

        @Override
        public String actorName() {
            String name = "principal:" + subject;
            return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
        }

        @Override
        public String policyChangedBy() {
            return actorName();
        }
    }

    /**
     * A configured API key and no JWT. {@code maxRole} is the key's ceiling (§14 D4).
     *
     * @param asBearer whether the key came in {@code Authorization: Bearer} rather than {@code X-API-Key}
     */
    record KeyHolder(Role maxRole, boolean asBearer) implements Caller {
        public KeyHolder {
            Objects.requireNonNull(maxRole, "maxRole");
        }

        @Override
        public Role role() {
            return maxRole;
        }

        @Override
        public String actorName() {
            return "api-key";
        }

        @Override
        public String policyChangedBy() {
            return asBearer ? "api-key" : "system:api";
        }
    }

    /** No gate identified anyone: the gates are off, so the caller may do everything an admin may. */
    record Anonymous() implements Caller {
        @Override
        public Role role() {
            return Role.ADMIN;
        }

        @Override
        public String actorName() {
            return "anonymous";
        }

        @Override
        public String policyChangedBy() {
            return "system:api";
        }
    }
}
