package dev.agenthub.persistence.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;

/** Builds the HikariCP pool the hub owns when it is given a URL rather than a {@code DataSource}. */
public final class ConnectionPools {

    private ConnectionPools() {
    }

    /**
     * A pool of at most {@code maxSize} connections to {@code url}, reporting {@code hikaricp_*} metrics
     * to {@code registry} (may be null).
     */
    public static HikariDataSource create(String poolName, PostgresUrl url, int maxSize, MeterRegistry registry) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) {
            config.setUsername(url.user());
        }
        if (url.password() != null) {
            config.setPassword(url.password());
        }
        config.setMaximumPoolSize(maxSize);
        config.setMinimumIdle(Math.min(2, maxSize));
        config.setConnectionTimeout(10_000);
        config.setValidationTimeout(3_000);
        config.setInitializationFailTimeout(15_000);
        config.addDataSourceProperty("ApplicationName", "agent-hub");
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        if (registry != null) {
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
        return new HikariDataSource(config);
    }
}
