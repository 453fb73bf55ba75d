package dev.agenthub.server;

import ch.qos.logback.classic.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar agent-hub.jar}: reads the configuration from the environment, starts the hub, and stops it cleanly
 * on SIGTERM/SIGINT (in-flight requests drain, the embedded PostgreSQL shuts down).
 *
 * <p>{@code java -jar agent-hub.jar worker} runs job workers only (wire spec agenthub §8): no HTTP listener, the
 * workers always on ({@code AGENT_HUB_JOB_WORKER_CONCURRENCY} of them), on the database of {@code AGENT_HUB_DATABASE_URL}
 * (required: a worker shares the servers' database). SIGTERM/SIGINT stop it; the job in flight returns to the queue.
 *
 * <p>Exit status 2 for invalid configuration or arguments, 1 when startup fails.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        boolean workerMode = args.length == 1 && args[0].equals("worker");
        if (args.length > 1 || (args.length == 1 && !workerMode)) {
            System.err.println("agent-hub: usage: java -jar agent-hub.jar [worker]");
            System.exit(2);
            return;
        }
        HubConfig config;
        try {
            config = HubConfig.fromEnvironment();
            if (workerMode) {
                config = workerConfig(config);
            }
        } catch (ConfigException e) {
            System.err.println("agent-hub: " + e.getMessage());
            System.exit(2);
            return;
        }
        setRootLogLevel(config.logLevel());
        Logger log = LoggerFactory.getLogger(Main.class);
        AgentHub.Builder builder = AgentHub.builder().config(config);
        if (workerMode) {
            builder.withoutHttpServer();
        }
        AgentHub hub = builder.build();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            hub.close();
            stopped.countDown();
        }, "agent-hub-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            hub.start();
        } catch (Throwable e) {
            log.error("Agent Hub failed to start: {}", e.getMessage(), e);
            Runtime.getRuntime().removeShutdownHook(shutdown);
            hub.close();
            System.exit(1);
        }
        if (workerMode) {
            // the workers are daemon threads: keep the JVM up until a signal closes the hub
            log.info("Agent Hub worker running {} job worker(s); SIGTERM or SIGINT stops it",
                    config.jobWorkers().concurrency());
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The worker mode's configuration: the workers on, and an external database required. */
    static HubConfig workerConfig(HubConfig config) {
        if (config.databaseUrl().isEmpty()) {
            throw new ConfigException(java.util.List.of("worker mode needs AGENT_HUB_DATABASE_URL: the PostgreSQL "
                    + "database the servers use (a worker's own embedded database would have no jobs)"));
        }
        return config.withJobWorkers(config.jobWorkers().withEnabled(true));
    }

    private static void setRootLogLevel(String level) {
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(Level.toLevel(level, Level.INFO));
        }
    }
}
