package dev.tenantcore.app.support.database;

import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Which PostgreSQL the tests' shared application runs on: a server named explicitly, else
 * PostgreSQL 15 in Testcontainers when a Docker engine answers, else the embedded server that the
 * build starts from jars. {@code -Dtenantcore.test-database=embedded|testcontainers} (or the
 * environment variable {@code TENANTCORE_TEST_DATABASE}) forces one of the two.
 */
public enum DatabaseChoice {
    /** {@code DATABASE_URL} or {@code spring.datasource.url} is set: that server, as it is. */
    EXPLICIT,
    TESTCONTAINERS,
    EMBEDDED;

    public static final String SETTING = "tenantcore.test-database";

    /**
     * @param explicitUrl whether a database URL was given
     * @param forced the setting's value, or null for automatic
     * @param docker whether a Docker engine answers; asked only when the choice depends on it
     */
    public static DatabaseChoice choose(boolean explicitUrl, String forced, BooleanSupplier docker) {
        if (explicitUrl) {
            return EXPLICIT;
        }
        String mode =
                forced == null || forced.isBlank() ? "auto" : forced.trim().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "auto" -> docker.getAsBoolean() ? TESTCONTAINERS : EMBEDDED;
            case "embedded" -> EMBEDDED;
            case "testcontainers" -> {
                if (!docker.getAsBoolean()) {
                    throw new IllegalStateException(SETTING + "=testcontainers, but no Docker engine answers; "
                            + "start one, or leave the setting unset to use the embedded PostgreSQL");
                }
                yield TESTCONTAINERS;
            }
            default ->
                throw new IllegalArgumentException(
                        SETTING + " must be auto, embedded or testcontainers, not '" + forced + "'");
        };
    }
}
