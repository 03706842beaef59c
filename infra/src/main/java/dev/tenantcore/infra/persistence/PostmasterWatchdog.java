package dev.tenantcore.infra.persistence;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.commons.logging.Log;

/**
 * Stops a kept embedded PostgreSQL soon after the JVM that started it is gone, however it ended
 * ({@code kill -9}, the OOM killer): the server runs detached from the JVM (its {@code pg_ctl}
 * daemonizes it), so nothing else would stop it, and it would hold the data directory.
 *
 * <p>The watchdog is a tiny shell process that blocks reading a pipe whose only writer is this JVM.
 * The kernel closes that pipe when the JVM dies, so the read ends at that moment, without polling
 * and without a second JVM; the shell then asks the postmaster for a fast shutdown (SIGINT), but
 * only if the data directory's pid file still names that postmaster (never a server a later start
 * launched). It ignores the terminal's interrupt and hang-up: those reach the application too, which
 * then stops the server itself and ends the watchdog.
 *
 * <p>Not on Windows (no POSIX shell): there the next start stops a left-over server instead
 * ({@link LeftoverPostmaster}), as it does everywhere when the watchdog itself was killed.
 */
final class PostmasterWatchdog {

    // $1: data directory, $2: postmaster pid. Only shell built-ins, so nothing else must be installed.
    private static final String SCRIPT = "trap '' INT HUP\n"
            + "while read -r _; do :; done\n"
            + "p=\n"
            + "{ read -r p < \"$1/postmaster.pid\"; } 2>/dev/null\n"
            + "[ \"$p\" = \"$2\" ] && kill -INT \"$2\"\n"
            + "exit 0\n";

    private PostmasterWatchdog() {}

    /** The watchdog process; this JVM must keep it referenced (its pipe) until it stops the server itself. */
    static Optional<Process> start(Path dataDir, long postmasterPid, Log log) {
        if (LeftoverPostmaster.isWindows()) {
            return Optional.empty();
        }
        try {
            Process watchdog = new ProcessBuilder(
                            "/bin/sh",
                            "-c",
                            SCRIPT,
                            "tenantcore-postgres-watchdog",
                            dataDir.toString(),
                            Long.toString(postmasterPid))
                    // Its stdin stays the pipe from this JVM; its output must not keep the
                    // application's own output streams open after the application ended.
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return Optional.of(watchdog);
        } catch (IOException e) {
            log.warn("No watchdog for the embedded PostgreSQL (" + e + "): if this application is killed, its"
                    + " next start stops the server it left");
            return Optional.empty();
        }
    }
}
