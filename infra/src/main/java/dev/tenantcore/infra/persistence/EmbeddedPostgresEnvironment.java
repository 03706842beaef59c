package dev.tenantcore.infra.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.logging.Log;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * Points the application at a PostgreSQL server before any bean is created.
 *
 * <p>With {@code DATABASE_URL} (or {@code spring.datasource.url}) set, that server is used as it
 * is. Otherwise a real PostgreSQL 15 is started from jars, with its data kept in
 * {@code app.embedded-db.data-dir} across restarts, and two roles are created the way production
 * should have them: an owner that runs migrations and a runtime role that owns nothing and cannot
 * bypass row-level security.
 *
 * <p>A kept server never blocks the next start: a server left running by an application that was
 * killed is stopped first ({@link LeftoverPostmaster}), and a watchdog stops the server soon after
 * its JVM dies, however it dies ({@link PostmasterWatchdog}).
 */
public class EmbeddedPostgresEnvironment implements EnvironmentPostProcessor, Ordered {

    public static final String DATABASE = "tenantcore";
    public static final String OWNER_ROLE = "tenantcore_owner";
    public static final String APP_ROLE = "tenantcore_app";

    /** How long a left-over server may take to stop, and a kept server (crash recovery) to start. */
    private static final Duration SERVER_WAIT = Duration.ofSeconds(60);

    private static final Map<Path, Server> RUNNING = new ConcurrentHashMap<>();

    private final Log log;

    /**
     * The server starts before logging is set up, so what it reports waits for it. The only
     * constructor: Spring Boot would take a no-argument one if there were one. Outside an
     * application (tests), {@code Supplier::get} logs at once.
     */
    public EmbeddedPostgresEnvironment(DeferredLogFactory logs) {
        this.log = logs.getLog(EmbeddedPostgresEnvironment.class);
    }

    /** A started server and, for kept data, the watchdog that stops it if this JVM dies. */
    private record Server(EmbeddedPostgres postgres, Optional<Process> watchdog) {}

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> props = new HashMap<>();
        String databaseUrl = env.getProperty("DATABASE_URL");
        if (databaseUrl != null && !databaseUrl.isBlank()) {
            props.putAll(ExternalDatabase.properties(databaseUrl, env));
        } else if (env.getProperty("spring.datasource.url") == null
                && env.getProperty("app.embedded-db.enabled", Boolean.class, true)) {
            props.putAll(embedded(env, application));
        }
        if (!props.isEmpty()) {
            env.getPropertySources().addFirst(new MapPropertySource("tenantcoreDatabase", props));
        }
    }

    private Map<String, Object> embedded(ConfigurableEnvironment env, SpringApplication application) {
        boolean ephemeral = env.getProperty("app.embedded-db.ephemeral", Boolean.class, false);
        Path dataDir = ephemeral
                ? temporaryDirectory()
                : Path.of(env.getProperty("app.embedded-db.data-dir", "data/postgres"))
                        .toAbsolutePath();
        int port = env.getProperty("app.embedded-db.port", Integer.class, 0);
        EmbeddedPostgres pg = RUNNING.computeIfAbsent(dataDir, dir -> start(dir, port, ephemeral, log))
                .postgres();
        // The server lives as long as the application: stopping the application stops PostgreSQL
        // cleanly, and the next start finds its data directory as it was left.
        // It is stopped as the first registered disposable, so after every bean that uses it.
        application.addInitializers(context -> ((DefaultSingletonBeanRegistry) context.getBeanFactory())
                .registerDisposableBean("embeddedPostgres", () -> stop(dataDir)));
        String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/" + DATABASE;
        Map<String, Object> props = new HashMap<>();
        props.put("spring.datasource.url", url);
        props.put("spring.datasource.username", APP_ROLE);
        props.put("spring.datasource.password", "");
        props.put("spring.flyway.url", url);
        props.put("spring.flyway.user", OWNER_ROLE);
        props.put("spring.flyway.password", "");
        props.put("app.embedded-db.actual-port", pg.getPort());
        return props;
    }

    static void stop(Path dataDir) {
        Server server = RUNNING.remove(dataDir);
        if (server != null) {
            try {
                server.postgres().close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                // Only now: until the server has stopped, a JVM dying mid-stop still leaves it covered.
                server.watchdog().ifPresent(Process::destroy);
            }
        }
    }

    private static Server start(Path dataDir, int port, boolean ephemeral, Log log) {
        try {
            Files.createDirectories(dataDir);
            // A server that a killed application left on this directory would keep it, and this
            // start would fail after waiting for a server that cannot start.
            LeftoverPostmaster.clear(dataDir, SERVER_WAIT, log);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    // Spring closes the context on shutdown and stops PostgreSQL last; a hook of
                    // the library's own would race with it and cut connections still in use.
                    .setRegisterShutdownHook(false)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("listen_addresses", "localhost");
            if (!ephemeral) {
                // The library turns durability off for test speed; kept data must survive a crash.
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
                // After a crash of the server, its start replays the write-ahead log first.
                builder.setPGStartupWait(SERVER_WAIT);
            }
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres pg = builder.start();
            createRolesAndDatabase(pg);
            Optional<Process> watchdog = Optional.empty();
            if (ephemeral) {
                // One hook, in this order: a throw-away server (tests) never outlives its JVM, and its
                // files go only once it has stopped.
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    stop(dataDir);
                    FileSystemUtils.deleteRecursively(dataDir.toFile());
                }));
            } else {
                // Kept data only: that is the directory a next start would find taken; a throw-away
                // directory is never started again.
                long postmaster = LeftoverPostmaster.PidFile.read(dataDir)
                        .orElseThrow(() -> new IllegalStateException("the started PostgreSQL wrote no postmaster.pid"))
                        .pid();
                watchdog = PostmasterWatchdog.start(dataDir, postmaster, log);
            }
            return new Server(pg, watchdog);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    private static void createRolesAndDatabase(EmbeddedPostgres pg) {
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN "
                    + "IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + OWNER_ROLE + "') THEN "
                    + "CREATE ROLE " + OWNER_ROLE + " LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE; END IF; "
                    + "IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + APP_ROLE + "') THEN "
                    + "CREATE ROLE " + APP_ROLE + " LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB; END IF; "
                    + "END $$");
            try (var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE DATABASE " + DATABASE + " OWNER " + OWNER_ROLE);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the embedded PostgreSQL", e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            Path base = Path.of(System.getProperty("ot.epg.working-dir", System.getProperty("java.io.tmpdir")));
            Files.createDirectories(base);
            return Files.createTempDirectory(base, "pgdata-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
