package dev.agenthub.orchestration.forge;

/** The two forges a pull request can be synced to (wire spec agenthub §10). */
public enum Forge {
    GITHUB("github", "GitHub", "GITHUB_TOKEN"),
    GITLAB("gitlab", "GitLab", "GITLAB_TOKEN");

    private final String wireName;
    private final String label;
    private final String tokenVariable;

    Forge(String wireName, String label, String tokenVariable) {
        this.wireName = wireName;
        this.label = label;
        this.tokenVariable = tokenVariable;
    }

    /** The name in routes, the {@code remote} object and the database: {@code github} or {@code gitlab}. */
    public String wireName() {
        return wireName;
    }

    /** The name in error details: {@code GitHub} or {@code GitLab}. */
    public String label() {
        return label;
    }

    /** The environment variable holding the forge's token. */
    public String tokenVariable() {
        return tokenVariable;
    }

    /** The forge with this wire name. @throws IllegalArgumentException for any other text */
    public static Forge ofWireName(String name) {
        for (Forge forge : values()) {
            if (forge.wireName.equals(name)) {
                return forge;
            }
        }
        throw new IllegalArgumentException("unknown forge: " + name);
    }
}
