package dev.tenantcore.app.support.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** How the tests pick their PostgreSQL; no Docker engine is needed to prove it. */
class DatabaseChoiceTest {

    private static final BooleanSupplier DOCKER = () -> true;
    private static final BooleanSupplier NO_DOCKER = () -> false;

    @Nested
    @DisplayName("the choice")
    class Choice {

        @Test
        @DisplayName("an explicit URL wins, without asking for Docker")
        void explicitWins() {
            AtomicInteger asked = new AtomicInteger();
            assertThat(DatabaseChoice.choose(true, "testcontainers", () -> asked.incrementAndGet() > 0))
                    .isEqualTo(DatabaseChoice.EXPLICIT);
            assertThat(asked).hasValue(0);
        }

        @Test
        @DisplayName("unset, it takes Testcontainers when Docker answers and the embedded server when not")
        void automatic() {
            assertThat(DatabaseChoice.choose(false, null, DOCKER)).isEqualTo(DatabaseChoice.TESTCONTAINERS);
            assertThat(DatabaseChoice.choose(false, " ", NO_DOCKER)).isEqualTo(DatabaseChoice.EMBEDDED);
            assertThat(DatabaseChoice.choose(false, "AUTO", DOCKER)).isEqualTo(DatabaseChoice.TESTCONTAINERS);
        }

        @Test
        @DisplayName("forced to embedded, it stays embedded even with Docker")
        void forcedEmbedded() {
            assertThat(DatabaseChoice.choose(false, "embedded", DOCKER)).isEqualTo(DatabaseChoice.EMBEDDED);
        }

        @Test
        @DisplayName("forced to Testcontainers without Docker, it fails and says why instead of falling back")
        void forcedContainersWithoutDocker() {
            assertThat(DatabaseChoice.choose(false, "testcontainers", DOCKER)).isEqualTo(DatabaseChoice.TESTCONTAINERS);
            assertThatThrownBy(() -> DatabaseChoice.choose(false, "testcontainers", NO_DOCKER))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no Docker engine answers");
        }

        @Test
        @DisplayName("an unknown value is refused")
        void unknownValue() {
            assertThatThrownBy(() -> DatabaseChoice.choose(false, "h2", DOCKER))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'h2'");
        }
    }

    @Nested
    @DisplayName("the wiring")
    class Wiring {

        private static final Map<String, Object> CONTAINER = ContainerDatabase.settings(
                "jdbc:postgresql://localhost:15432/tenantcore", "owner-secret", "app-secret");

        @Test
        @DisplayName("with Docker, the shared throw-away database becomes the container, as an external server")
        void containerReplacesTheThrowAwayDatabase() {
            MockEnvironment env = new MockEnvironment().withProperty("app.embedded-db.ephemeral", "true");
            new TestDatabaseEnvironment(DOCKER, () -> CONTAINER).postProcessEnvironment(env, new SpringApplication());
            assertThat(env.getProperty("DATABASE_URL")).isEqualTo("jdbc:postgresql://localhost:15432/tenantcore");
            assertThat(env.getProperty("DATABASE_USERNAME")).isEqualTo("tenantcore_app");
            assertThat(env.getProperty("DATABASE_OWNER_USERNAME")).isEqualTo("tenantcore_owner");
        }

        @Test
        @DisplayName("an application on a data directory of its own, or joining another's database, keeps it")
        void ownDatabasesAreKept() {
            for (MockEnvironment env : new MockEnvironment[] {
                new MockEnvironment().withProperty("app.embedded-db.ephemeral", "false"),
                new MockEnvironment()
                        .withProperty("app.embedded-db.ephemeral", "true")
                        .withProperty("app.embedded-db.enabled", "false")
            }) {
                new TestDatabaseEnvironment(DOCKER, () -> CONTAINER)
                        .postProcessEnvironment(env, new SpringApplication());
                assertThat(env.getProperty("DATABASE_URL")).isNull();
            }
        }

        @Test
        @DisplayName("forced to embedded, the container is never started")
        void forcedEmbeddedStartsNoContainer() {
            MockEnvironment env = new MockEnvironment()
                    .withProperty("app.embedded-db.ephemeral", "true")
                    .withProperty(DatabaseChoice.SETTING, "embedded");
            new TestDatabaseEnvironment(DOCKER, () -> {
                        throw new AssertionError("no container may start");
                    })
                    .postProcessEnvironment(env, new SpringApplication());
            assertThat(env.getProperty("DATABASE_URL")).isNull();
        }

        @Test
        @DisplayName("the container's first-start script makes the roles production needs")
        void containerScriptMakesProductionRoles() throws Exception {
            try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                    Connection connection = postgres.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement()) {
                // psql runs the script statement by statement, as here: CREATE DATABASE cannot share a transaction.
                for (String sql : ContainerDatabase.rolesAndDatabase("owner-secret", "app-secret")
                        .split(";")) {
                    if (!sql.isBlank()) {
                        statement.execute(sql);
                    }
                }
                try (ResultSet roles = statement.executeQuery("""
                        SELECT rolname, rolsuper, rolbypassrls, rolcreaterole FROM pg_roles
                         WHERE rolname IN ('tenantcore_owner', 'tenantcore_app') ORDER BY rolname
                        """)) {
                    int found = 0;
                    while (roles.next()) {
                        found++;
                        assertThat(roles.getBoolean("rolsuper"))
                                .as(roles.getString("rolname"))
                                .isFalse();
                        assertThat(roles.getBoolean("rolbypassrls"))
                                .as(roles.getString("rolname"))
                                .isFalse();
                        assertThat(roles.getBoolean("rolcreaterole"))
                                .as(roles.getString("rolname"))
                                .isFalse();
                    }
                    assertThat(found).isEqualTo(2);
                }
                try (ResultSet owner = statement.executeQuery(
                        "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'tenantcore'")) {
                    assertThat(owner.next()).isTrue();
                    assertThat(owner.getString(1)).isEqualTo("tenantcore_owner");
                }
            }
        }
    }
}
