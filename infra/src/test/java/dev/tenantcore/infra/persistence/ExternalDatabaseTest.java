package dev.tenantcore.infra.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ExternalDatabaseTest {

    @Test
    @DisplayName("a postgres:// URL becomes a JDBC URL with the runtime role's credentials")
    void herokuStyleUrl() {
        var props = ExternalDatabase.properties(
                "postgres://app:s3cret@db.internal:6432/tenantcore?sslmode=require", new MockEnvironment());
        assertThat(props)
                .containsEntry("spring.datasource.url", "jdbc:postgresql://db.internal:6432/tenantcore?sslmode=require")
                .containsEntry("spring.datasource.username", "app")
                .containsEntry("spring.datasource.password", "s3cret")
                .doesNotContainKey("spring.flyway.user");
    }

    @Test
    @DisplayName("a JDBC URL is taken as it is, and the owner credentials go to the migrations")
    void jdbcUrlWithOwner() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("DATABASE_USERNAME", "tenantcore_app")
                .withProperty("DATABASE_PASSWORD", "app-pw")
                .withProperty("DATABASE_OWNER_USERNAME", "tenantcore_owner")
                .withProperty("DATABASE_OWNER_PASSWORD", "owner-pw");
        var props = ExternalDatabase.properties("jdbc:postgresql://localhost:5432/tenantcore", env);
        assertThat(props)
                .containsEntry("spring.datasource.url", "jdbc:postgresql://localhost:5432/tenantcore")
                .containsEntry("spring.datasource.username", "tenantcore_app")
                .containsEntry("spring.flyway.url", "jdbc:postgresql://localhost:5432/tenantcore")
                .containsEntry("spring.flyway.user", "tenantcore_owner")
                .containsEntry("spring.flyway.password", "owner-pw");
    }
}
