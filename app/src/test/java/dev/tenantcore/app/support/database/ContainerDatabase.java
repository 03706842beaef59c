package dev.tenantcore.app.support.database;

import java.util.Map;
import java.util.UUID;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.images.builder.Transferable;

/**
 * PostgreSQL 15 in a container, prepared as production should be: a database owned by an owner
 * role that runs the migrations, and a runtime role that owns nothing and cannot bypass row-level
 * security. One container serves the whole test JVM; Testcontainers' reaper removes it after.
 */
final class ContainerDatabase {

    static final String IMAGE = "postgres:15-alpine";

    private static ContainerDatabase started;

    private final String ownerPassword = UUID.randomUUID().toString();
    private final String appPassword = UUID.randomUUID().toString();
    private final PostgreSQLContainer<?> container;

    private ContainerDatabase() {
        container = new PostgreSQLContainer<>(IMAGE)
                .withCopyToContainer(
                        Transferable.of(rolesAndDatabase(ownerPassword, appPassword)),
                        "/docker-entrypoint-initdb.d/10-tenantcore.sql");
    }

    static synchronized ContainerDatabase shared() {
        if (started == null) {
            ContainerDatabase database = new ContainerDatabase();
            database.container.start();
            started = database;
        }
        return started;
    }

    /** The settings the application reads for an external PostgreSQL (see ExternalDatabase). */
    Map<String, Object> settings() {
        return settings(
                "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/tenantcore",
                ownerPassword,
                appPassword);
    }

    static Map<String, Object> settings(String jdbcUrl, String ownerPassword, String appPassword) {
        return Map.of(
                "DATABASE_URL", jdbcUrl,
                "DATABASE_USERNAME", "tenantcore_app",
                "DATABASE_PASSWORD", appPassword,
                "DATABASE_OWNER_USERNAME", "tenantcore_owner",
                "DATABASE_OWNER_PASSWORD", ownerPassword);
    }

    /** Run by the image's entrypoint as the superuser, once, when the container's database is created. */
    static String rolesAndDatabase(String ownerPassword, String appPassword) {
        return """
                CREATE ROLE tenantcore_owner LOGIN PASSWORD '%s' NOSUPERUSER NOBYPASSRLS NOCREATEROLE;
                CREATE ROLE tenantcore_app LOGIN PASSWORD '%s' NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB;
                CREATE DATABASE tenantcore OWNER tenantcore_owner;
                """.formatted(ownerPassword, appPassword);
    }
}
