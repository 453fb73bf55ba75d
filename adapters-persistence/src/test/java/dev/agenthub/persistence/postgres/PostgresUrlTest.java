package dev.agenthub.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PostgresUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:postgresql://localhost:5432/hub",
            "jdbc:postgresql://db.example/hub?user=hub&ssl=true",
            "jdbc:postgresql://host1:5432,host2:5433/hub?targetServerType=primary",
            "jdbc:postgresql:hub",
    })
    void jdbcUrlsPassThroughUnchanged(String url) {
        PostgresUrl parsed = PostgresUrl.parse(url);
        assertThat(parsed.jdbcUrl()).isEqualTo(url);
        assertThat(parsed.user()).isNull();
        assertThat(parsed.password()).isNull();
    }

    @Test
    void jdbcUrlIsTrimmed() {
        assertThat(PostgresUrl.parse("  jdbc:postgresql://localhost/hub\n").jdbcUrl())
                .isEqualTo("jdbc:postgresql://localhost/hub");
    }

    @Test
    void libpqUrlBecomesJdbcWithDecodedCredentials() {
        PostgresUrl parsed = PostgresUrl.parse("postgresql://user:p%40ss@db.example:6543/hub?sslmode=require");

        assertThat(parsed.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/hub?sslmode=require");
        assertThat(parsed.user()).isEqualTo("user");
        assertThat(parsed.password()).isEqualTo("p@ss");
    }

    @ParameterizedTest
    @CsvSource({
            "postgres://hub:secret@db:5432/hub,                      jdbc:postgresql://db:5432/hub",
            "postgresql+asyncpg://hub:secret@db:5432/hub,            jdbc:postgresql://db:5432/hub",
            "postgresql+psycopg://hub:secret@db/hub,                 jdbc:postgresql://db/hub",
            "postgresql://hub:secret@db/hub,                         jdbc:postgresql://db/hub",
    })
    void everyLibpqAndSqlAlchemySpelling(String url, String jdbc) {
        PostgresUrl parsed = PostgresUrl.parse(url);
        assertThat(parsed.jdbcUrl()).isEqualTo(jdbc);
        assertThat(parsed.user()).isEqualTo("hub");
        assertThat(parsed.password()).isEqualTo("secret");
    }

    @ParameterizedTest
    @CsvSource({
            "postgresql://db.example,              jdbc:postgresql://db.example/postgres",
            "postgresql://db.example/,             jdbc:postgresql://db.example/postgres",
            "postgresql://u:p@db.example:5433,     jdbc:postgresql://db.example:5433/postgres",
            "postgres://db.example/?sslmode=off,   jdbc:postgresql://db.example/postgres?sslmode=off",
    })
    void databaseDefaultsToPostgres(String url, String jdbc) {
        assertThat(PostgresUrl.parse(url).jdbcUrl()).isEqualTo(jdbc);
    }

    @Test
    void credentialsAreOptional() {
        PostgresUrl none = PostgresUrl.parse("postgresql://localhost/hub");
        assertThat(none.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/hub");
        assertThat(none.user()).isNull();
        assertThat(none.password()).isNull();

        PostgresUrl userOnly = PostgresUrl.parse("postgresql://alice@localhost/hub");
        assertThat(userOnly.user()).isEqualTo("alice");
        assertThat(userOnly.password()).isNull();
    }

    @Test
    void credentialsNeverStayInTheJdbcUrl() {
        PostgresUrl parsed = PostgresUrl.parse("postgresql://alice:hunter2@localhost:5432/hub");
        assertThat(parsed.jdbcUrl()).doesNotContain("alice", "hunter2", "@");
    }

    @Test
    void percentEncodedCharactersInCredentialsAreDecoded() {
        PostgresUrl parsed = PostgresUrl.parse("postgresql://us%3Aer:p%3Aw%2Fd%25%23%20x@localhost/hub");
        assertThat(parsed.user()).isEqualTo("us:er");
        assertThat(parsed.password()).isEqualTo("p:w/d%# x");
    }

    @Test
    void passwordMayContainAColon() {
        PostgresUrl parsed = PostgresUrl.parse("postgresql://alice:a:b:c@localhost/hub");
        assertThat(parsed.user()).isEqualTo("alice");
        assertThat(parsed.password()).isEqualTo("a:b:c");
    }

    @Test
    void queryIsKeptVerbatim() {
        assertThat(PostgresUrl.parse("postgresql://h/hub?sslmode=verify-full&application_name=agent%20hub").jdbcUrl())
                .isEqualTo("jdbc:postgresql://h/hub?sslmode=verify-full&application_name=agent%20hub");
    }

    @Test
    void ipv6Host() {
        assertThat(PostgresUrl.parse("postgresql://u:p@[::1]:5432/hub").jdbcUrl())
                .isEqualTo("jdbc:postgresql://[::1]:5432/hub");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "   ",
            "mysql://user:pass@localhost:3306/hub",
            "sqlite:///x",
            "sqlite:///tmp/hub.db",
            "jdbc:mysql://localhost/hub",
            "jdbc:h2:mem:hub",
            "http://localhost:5432/hub",
            "garbage",
            "localhost:5432/hub",
            "postgresql:hub",
            "postgresqlx://localhost/hub",
            "POSTGRESQL://localhost/hub",
            "://localhost/hub",
    })
    void anythingElseIsAnIllegalArgument(String url) {
        assertThatIllegalArgumentException().isThrownBy(() -> PostgresUrl.parse(url))
                .withMessageContaining("PostgreSQL");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "postgresql:///hub",
            "postgresql://user:pw@/hub",
            "postgresql://bad host/hub",
            "postgresql://h/hub?bad=%zz",
    })
    void malformedPostgresqlUrlsAreIllegalArguments(String url) {
        assertThatIllegalArgumentException().isThrownBy(() -> PostgresUrl.parse(url));
    }

    @Test
    void errorsNeverEchoThePassword() {
        assertThatIllegalArgumentException().isThrownBy(() -> PostgresUrl.parse("mysql://u:hunter2@h/db"))
                .withMessageNotContaining("hunter2");
        assertThatIllegalArgumentException().isThrownBy(() -> PostgresUrl.parse("postgresql://u:hunter2@/db"))
                .withMessageNotContaining("hunter2");
    }

    @Test
    void toStringNeverContainsThePassword() {
        PostgresUrl parsed = PostgresUrl.parse("postgresql://alice:hunter2@db.example:6543/hub");
        assertThat(parsed.toString()).doesNotContain("hunter2").contains("jdbc:postgresql://db.example:6543/hub", "alice");

        PostgresUrl anonymous = PostgresUrl.parse("postgresql://db.example/hub");
        assertThat(anonymous.toString()).isEqualTo("jdbc:postgresql://db.example/hub");

        PostgresUrl constructed = new PostgresUrl("jdbc:postgresql://h/db", "bob", "s3cr3t-pw");
        assertThat(constructed.toString()).doesNotContain("s3cr3t-pw");
    }

    @Test
    void jdbcUrlIsRequired() {
        assertThatNullPointerException().isThrownBy(() -> new PostgresUrl(null, "u", "p"));
    }

    @Test
    void plusInCredentialsIsALiteralPlus() {
        PostgresUrl parsed = PostgresUrl.parse("postgresql://hub+ro:pa+ss@db.example/hub");
        assertThat(parsed.user()).isEqualTo("hub+ro");
        assertThat(parsed.password()).isEqualTo("pa+ss");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:postgresql://db.example/hub?user=hub&password=hunter2",
            "postgresql://db.example/hub?user=hub&password=hunter2",
    })
    void toStringHidesAPasswordInTheQueryString(String url) {
        assertThat(PostgresUrl.parse(url).toString()).doesNotContain("hunter2");
    }

    @Test
    void hostWithAnUnderscore() {
        PostgresUrl parsed = PostgresUrl.parse("postgresql://hub:pw@db_primary:5432/hub");
        assertThat(parsed.jdbcUrl()).isEqualTo("jdbc:postgresql://db_primary:5432/hub");
        assertThat(parsed.user()).isEqualTo("hub");
        assertThat(parsed.password()).isEqualTo("pw");
    }
}
