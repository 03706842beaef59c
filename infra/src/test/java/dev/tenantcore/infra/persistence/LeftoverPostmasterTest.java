package dev.tenantcore.infra.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;

/**
 * The kept embedded PostgreSQL after an application ended without stopping it: real servers on a
 * real data directory. A server "left running" is started here as a killed application leaves one:
 * running on the directory, detached, and no live application holding the directory's lock.
 */
@DisplayName("The embedded PostgreSQL's data directory, after an application ended without stopping its server,")
class LeftoverPostmasterTest {

    private static final Log LOG = LogFactory.getLog(LeftoverPostmasterTest.class);

    private final List<ConfigurableApplicationContext> applications = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private Path dataDir;

    @BeforeEach
    void dataDirectory() throws IOException {
        Path base = Path.of(System.getProperty("ot.epg.working-dir", "target"));
        Files.createDirectories(base);
        dataDir = Files.createTempDirectory(base, "leftover-").resolve("postgres");
    }

    @AfterEach
    void stopEverything() throws Exception {
        applications.forEach(ConfigurableApplicationContext::close);
        processes.forEach(Process::destroy);
        // A server a failing test left: never leak one into the build machine.
        if (Files.exists(dataDir.resolve("postmaster.pid"))) {
            ProcessHandle.of(pidFileLine(0))
                    .filter(p -> p.info().command().orElse("").endsWith("postgres"))
                    .ifPresent(ProcessHandle::destroy);
        }
    }

    @Test
    @DisplayName("a server left running by a killed application is stopped, and the next start serves the same data")
    void leftoverServerIsStopped() throws Exception {
        long leftover = leaveServerRunning();

        String url = start();

        assertThat(ProcessHandle.of(leftover).filter(ProcessHandle::isAlive))
                .as("the left-over server")
                .isEmpty();
        assertThat(marker(url)).isEqualTo("written before the crash");
    }

    @Test
    @DisplayName("a server killed with its application is recovered by the next start")
    void killedServerIsRecovered() throws Exception {
        long leftover = leaveServerRunning();
        ProcessHandle.of(leftover).orElseThrow().destroyForcibly();
        ProcessHandle.of(leftover).ifPresent(p -> p.onExit().join());

        String url = start();

        assertThat(marker(url)).isEqualTo("written before the crash");
    }

    @Test
    @DisplayName("a server whose application still runs is left alone, and the start says why")
    void serverOfARunningApplicationIsLeftAlone() throws Exception {
        long server = leaveServerRunning();
        long port = pidFileLine(3);
        // The lock the library holds for as long as an application uses the directory.
        try (FileChannel channel = FileChannel.open(dataDir.resolve("epg-lock"), StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {

            assertThatThrownBy(this::start)
                    .hasMessageContaining("is in use by another running application")
                    .hasMessageContaining("pid " + server);
        }
        assertThat(ProcessHandle.of(server).filter(ProcessHandle::isAlive)).isPresent();
        assertThat(marker("jdbc:postgresql://localhost:" + port + "/" + EmbeddedPostgresEnvironment.DATABASE))
                .isEqualTo("written before the crash");
    }

    @Test
    @DisplayName("a pid file naming a live process that is no server of the directory leaves that process alone")
    void unrelatedProcessIsLeftAlone() throws Exception {
        String url = start();
        writeMarker(url);
        applications.remove(0).close();
        Process unrelated = new ProcessBuilder("sleep", "600").start();
        processes.add(unrelated);
        // As a server killed long ago left it, its pid since given to another process.
        Files.writeString(
                dataDir.resolve("postmaster.pid"),
                unrelated.pid() + "\n" + dataDir + "\n"
                        + Instant.now().minusSeconds(3600).getEpochSecond()
                        + "\n5432\n/tmp\nlocalhost\n  1234567     98304\nready   \n",
                StandardCharsets.UTF_8);

        url = start();

        assertThat(unrelated.isAlive()).as("the unrelated process").isTrue();
        assertThat(marker(url)).isEqualTo("written before the crash");
    }

    @Test
    @DisplayName("the watchdog stops a kept server as soon as the process that started it is gone")
    void watchdogStopsTheServerWhenItsJvmIsGone() throws Exception {
        long server = leaveServerRunning();
        Process watchdog = PostmasterWatchdog.start(dataDir, server, LOG).orElseThrow();
        processes.add(watchdog);

        // What the kernel does to the watchdog's pipe when the JVM dies, however it dies.
        watchdog.getOutputStream().close();

        ProcessHandle.of(server)
                .ifPresent(p -> p.onExit().orTimeout(30, TimeUnit.SECONDS).join());
        assertThat(watchdog.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(dataDir.resolve("postmaster.pid"))
                .as("a clean shutdown removes the pid file")
                .doesNotExist();
    }

    @Test
    @DisplayName("the watchdog never stops a server that a later start launched on the same directory")
    void watchdogSparesALaterServer() throws Exception {
        long server = leaveServerRunning();
        Process earlier = new ProcessBuilder("true").start();
        earlier.waitFor();
        Process watchdog = PostmasterWatchdog.start(dataDir, earlier.pid(), LOG).orElseThrow();
        processes.add(watchdog);

        watchdog.getOutputStream().close();

        assertThat(watchdog.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(server).filter(ProcessHandle::isAlive)).isPresent();
    }

    /** Starts the embedded server as the application does, on the kept directory; its JDBC URL. */
    private String start() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("app.embedded-db.data-dir", dataDir.toString())
                .withProperty("app.embedded-db.ephemeral", "false");
        SpringApplication application = new SpringApplication();
        new EmbeddedPostgresEnvironment(Supplier::get).postProcessEnvironment(env, application);
        // The application's context, reduced to what stops the server when it closes.
        GenericApplicationContext context = new GenericApplicationContext();
        for (ApplicationContextInitializer<?> initializer : application.getInitializers()) {
            @SuppressWarnings("unchecked")
            var typed = (ApplicationContextInitializer<ConfigurableApplicationContext>) initializer;
            typed.initialize(context);
        }
        context.refresh();
        applications.add(context);
        return env.getProperty("spring.datasource.url");
    }

    /**
     * A server running on the directory, with a row written, that no application holds: what a
     * killed application leaves. Started with the embedded binaries' own {@code pg_ctl}, detached.
     */
    private long leaveServerRunning() throws Exception {
        String url = start();
        writeMarker(url);
        long port = pidFileLine(3);
        Path binaries = Path.of(ProcessHandle.of(pidFileLine(0))
                        .orElseThrow()
                        .info()
                        .command()
                        .orElseThrow())
                .getParent();
        applications.remove(0).close();
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // pg_ctl refuses to run as root; the library runs it in a user namespace, and so does this.
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(
                binaries.resolve("pg_ctl").toString(),
                "start",
                "-D",
                dataDir.toString(),
                "-o",
                "-p " + port + " -F -c listen_addresses=localhost",
                "-l",
                dataDir.resolveSibling("leftover.log").toString(),
                "-w",
                "-t",
                "60"));
        Process pgCtl = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(pgCtl.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(pgCtl.exitValue()).as("pg_ctl start").isZero();
        long pid = pidFileLine(0);
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isPresent();
        return pid;
    }

    /** A numeric line of postmaster.pid: 0 the postmaster's pid, 3 its port. */
    private long pidFileLine(int line) throws IOException {
        return Long.parseLong(
                Files.readAllLines(dataDir.resolve("postmaster.pid")).get(line).trim());
    }

    private static void writeMarker(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, EmbeddedPostgresEnvironment.OWNER_ROLE, "");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE crash_marker (note text)");
            s.execute("INSERT INTO crash_marker VALUES ('written before the crash')");
        }
    }

    private static String marker(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, EmbeddedPostgresEnvironment.OWNER_ROLE, "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT note FROM crash_marker")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
