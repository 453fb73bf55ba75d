package dev.agenthub.it.http;

import dev.agenthub.it.support.HttpProbe;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.server.AgentHub;
import dev.agenthub.server.HubConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** What /health and /health/ready say when the database stops answering, and again when it is back. */
@ExtendWith(TestInfrastructure.class)
class DatabaseOutageTest {

    @Test
    void readinessFailsWhileTheDatabaseIsUnreachable(TestDatabase database) {
        SwitchableDataSource dataSource = new SwitchableDataSource(database.dataSource());
        try (AgentHub hub = AgentHub.builder()
                .config(HubConfig.fromEnvironment(Map.of("AGENT_HUB_PORT", "0")))
                .dataSource(dataSource)
                .build()
                .start()) {
            HttpProbe http = new HttpProbe(hub.url());
            assertThat(http.get("/health/ready").status()).isEqualTo(200);

            dataSource.down.set(true);
            HttpProbe.Response health = http.get("/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("status").asText()).isEqualTo("unhealthy");
            assertThat(health.json().path("checks").path("database").asText()).isEqualTo("error: connection refused (test)");
            assertThat(health.json().path("checks").path("redis").asText()).isEqualTo("ok");
            HttpProbe.Response ready = http.get("/health/ready");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.body()).isEqualTo("{\"detail\":\"Database not ready\"}");
            assertThat(http.get("/health/live").status()).isEqualTo(200);

            dataSource.down.set(false);
            assertThat(http.get("/health/ready").status()).isEqualTo(200);
            assertThat(http.get("/health").json().path("status").asText()).isEqualTo("ok");
        }
    }

    /** A real PostgreSQL DataSource whose connections can be made to fail, as when the server goes away. */
    private static final class SwitchableDataSource implements DataSource {
        private final DataSource delegate;
        final AtomicBoolean down = new AtomicBoolean();

        SwitchableDataSource(DataSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (down.get()) {
                throw new SQLTransientConnectionException("connection refused (test)");
            }
            return delegate.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return delegate.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            delegate.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            delegate.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return delegate.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return delegate.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return delegate.isWrapperFor(iface);
        }
    }
}
