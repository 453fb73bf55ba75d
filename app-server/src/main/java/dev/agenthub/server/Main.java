package dev.agenthub.server;

import ch.qos.logback.classic.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar agent-hub.jar}: reads the configuration from the environment, starts the hub, and
 * stops it cleanly on SIGTERM/SIGINT (in-flight requests drain, the embedded PostgreSQL shuts down).
 * Exit status 2 for invalid configuration, 1 when startup fails.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        HubConfig config;
        try {
            config = HubConfig.fromEnvironment();
        } catch (ConfigException e) {
            System.err.println("agent-hub: " + e.getMessage());
            System.exit(2);
            return;
        }
        setRootLogLevel(config.logLevel());
        Logger log = LoggerFactory.getLogger(Main.class);
        AgentHub hub = AgentHub.builder().config(config).build();
        Thread shutdown = new Thread(hub::close, "agent-hub-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            hub.start();
        } catch (Throwable e) {
            log.error("Agent Hub failed to start: {}", e.getMessage(), e);
            Runtime.getRuntime().removeShutdownHook(shutdown);
            hub.close();
            System.exit(1);
        }
    }

    private static void setRootLogLevel(String level) {
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(Level.toLevel(level, Level.INFO));
        }
    }
}
