package dev.agenthub.git.shell.archfixture;

import java.io.IOException;

/** Fixture: code in {@code dev.agenthub.git.shell}, the one package allowed to start a process. */
public final class RunsTheValidationShell {

    private RunsTheValidationShell() {
    }

    public static Process run(String command) throws IOException {
        Process viaBuilder = new ProcessBuilder("sh", "-c", command).start();
        Runtime.getRuntime().exec(new String[] {"sh", "-c", command});
        return viaBuilder;
    }
}
