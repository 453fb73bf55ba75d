package dev.agenthub.server;

import dev.agenthub.hub.policies.DefaultPolicyBundle;
import dev.agenthub.hub.policies.PolicyBundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the shipped default policy bundle (wire spec §11.4) from the class path: the markdown documents listed in
 * {@code policies/index.txt} next to this class, {@code invariants/…} and {@code roles/…}. The parsing is the
 * domain's ({@link DefaultPolicyBundle}); this class only does the I/O, on every call, so a reset reloads them.
 */
final class DefaultPolicies {

    private static final String FOLDER = "policies/";

    private DefaultPolicies() {
    }

    /**
     * The default bundle.
     *
     * @throws UncheckedIOException when the index or a listed document cannot be read
     * @throws IllegalArgumentException when a document is malformed
     */
    static PolicyBundle load() {
        List<DefaultPolicyBundle.Document> invariants = new ArrayList<>();
        List<DefaultPolicyBundle.Document> roles = new ArrayList<>();
        for (String line : read("index.txt").lines().toList()) {
            String path = line.strip();
            if (path.isEmpty() || path.startsWith("#")) {
                continue;
            }
            DefaultPolicyBundle.Document document = new DefaultPolicyBundle.Document(
                    path.substring(path.lastIndexOf('/') + 1), read(path));
            if (path.startsWith("invariants/")) {
                invariants.add(document);
            } else if (path.startsWith("roles/")) {
                roles.add(document);
            } else {
                throw new IllegalArgumentException("not an invariant or role document: " + path);
            }
        }
        return DefaultPolicyBundle.parse(invariants, roles);
    }

    private static String read(String path) {
        try (InputStream in = DefaultPolicies.class.getResourceAsStream(FOLDER + path)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("missing resource " + FOLDER + path));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
