package dev.tenantcore.app.support.database;

import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.testcontainers.DockerClientFactory;

/**
 * Points the tests' shared application at PostgreSQL in Testcontainers when {@link DatabaseChoice}
 * says so, before the application's own {@code EmbeddedPostgresEnvironment} would start an
 * embedded server. It sets {@code DATABASE_URL} and the role credentials, so the application
 * connects exactly as it does to any external server.
 *
 * <p>Only the test profile's throw-away database is replaced: an application that a test starts
 * on a data directory of its own (restarts, crashes) or that joins another one's database keeps
 * what it asked for.
 */
public class TestDatabaseEnvironment implements EnvironmentPostProcessor, Ordered {

    private final BooleanSupplier docker;
    private final Supplier<Map<String, Object>> container;

    public TestDatabaseEnvironment() {
        this(
                () -> DockerClientFactory.instance().isDockerAvailable(),
                () -> ContainerDatabase.shared().settings());
    }

    TestDatabaseEnvironment(BooleanSupplier docker, Supplier<Map<String, Object>> container) {
        this.docker = docker;
        this.container = container;
    }

    @Override
    public int getOrder() {
        // Before EmbeddedPostgresEnvironment, which runs last and reads DATABASE_URL.
        return Ordered.LOWEST_PRECEDENCE - 1;
    }

    /** Whether {@code env} is the test profile's throw-away application (not one a test starts on a directory). */
    public static boolean throwAway(ConfigurableEnvironment env) {
        return env.getProperty("app.embedded-db.ephemeral", Boolean.class, false)
                && env.getProperty("app.embedded-db.enabled", Boolean.class, true);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!throwAway(env)) {
            return;
        }
        boolean explicitUrl = env.containsProperty("DATABASE_URL") || env.containsProperty("spring.datasource.url");
        String forced = env.getProperty(DatabaseChoice.SETTING, env.getProperty("TENANTCORE_TEST_DATABASE"));
        if (DatabaseChoice.choose(explicitUrl, forced, docker) == DatabaseChoice.TESTCONTAINERS) {
            env.getPropertySources().addFirst(new MapPropertySource("testcontainersDatabase", container.get()));
        }
    }
}
