package dev.agenthub.orchestration.projects;

/**
 * What else a new project needs, run by {@link Projects#create} inside the creating transaction (the composition root
 * supplies it; e.g. the default automation policy of wire spec agenthub §5). Keeps the projects package free of the
 * capabilities that build on it.
 */
@FunctionalInterface
public interface ProjectSetup {

    /** Prepares the just-inserted project; a failure undoes the creation. */
    void prepare(Project project);
}
