package dev.tenantcore.infra.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.commons.logging.Log;

/**
 * The PostgreSQL server an application that ended without stopping it (killed, OOM-killed, its
 * machine's power cut while the server survived in another container of the pod) left on the
 * embedded data directory. Such a server keeps the data directory, and the next start would fail
 * to start its own: found through {@code postmaster.pid}, it is stopped with a fast shutdown (a
 * checkpoint, so the next start needs no recovery) before the next one starts.
 *
 * <p>Stopped, not adopted: a left-over server runs with the settings and the port of the start
 * that launched it, which need not be this start's, and nothing in this process could stop it at
 * the end as it stops its own; a fast shutdown takes about a second.
 *
 * <p>Only a process that really is a postmaster of this directory is ever signalled: the pid in the
 * file may since belong to any process. On Linux a postmaster's working directory is its data
 * directory, which {@code /proc/<pid>/cwd} shows; elsewhere the process must be a {@code postgres}
 * started when the pid file says its postmaster started, and the file must name this directory.
 */
final class LeftoverPostmaster {

    /** A process started further from the pid file's start time than this is another process. */
    private static final Duration START_TIME_TOLERANCE = Duration.ofSeconds(2);

    /** What the pid file says of the server that wrote it. */
    enum Finding {
        /** No pid file: the last server stopped cleanly (or never ran). */
        NONE,
        /** The process is gone: PostgreSQL deals with a stale pid file itself. */
        DEAD,
        /** The pid now belongs to a process that is not a server of this directory. */
        UNRELATED,
        /** A postmaster serving this data directory, left by an application that ended. */
        SERVING_THIS_DIRECTORY,
        /** Alive, and this platform does not tell what it is. */
        UNKNOWN
    }

    /**
     * The first lines of {@code postmaster.pid}, as PostgreSQL writes them: pid, data directory,
     * start time in epoch seconds, port.
     */
    record PidFile(long pid, Path dataDirectory, long startedEpochSecond, int port) {

        static Optional<PidFile> read(Path dataDir) {
            List<String> lines;
            try {
                lines = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                return Optional.of(new PidFile(
                        Long.parseLong(lines.get(0).trim()),
                        Path.of(lines.get(1).trim()),
                        Long.parseLong(lines.get(2).trim()),
                        Integer.parseInt(lines.get(3).trim())));
            } catch (RuntimeException e) {
                // A server killed while writing the file leaves it incomplete; no process stands
                // behind an incomplete file, and PostgreSQL overwrites it when it starts.
                return Optional.empty();
            }
        }
    }

    private LeftoverPostmaster() {}

    /**
     * Makes the data directory free for a new server: stops the postmaster of this directory that
     * an ended application left running (waiting at most {@code bound} for it to exit), and removes
     * a pid file whose pid now belongs to an unrelated process, which PostgreSQL would take for a
     * running server. Never signals any other process. {@code log} tells the operator what was
     * found (the application's logging is not set up yet when the server starts).
     *
     * @throws IllegalStateException when the server does not stop within the bound, or when the pid
     *     file names a live process this platform cannot identify
     */
    static Finding clear(Path dataDir, Duration bound, Log log) {
        Optional<PidFile> pidFile = PidFile.read(dataDir);
        if (pidFile.isEmpty()) {
            return Finding.NONE;
        }
        PidFile file = pidFile.get();
        Optional<ProcessHandle> process = ProcessHandle.of(file.pid()).filter(ProcessHandle::isAlive);
        Finding finding = process.map(p -> judge(dataDir, file, p)).orElse(Finding.DEAD);
        switch (finding) {
            case DEAD -> awaitOrphanedServerProcesses(dataDir, bound, log);
            case SERVING_THIS_DIRECTORY -> {
                if (lockedByARunningApplication(dataDir)) {
                    throw new IllegalStateException("The embedded PostgreSQL's data directory " + dataDir
                            + " is in use by another running application (its server has pid " + file.pid()
                            + ", port " + file.port() + "); stop that application or give this one another"
                            + " app.embedded-db.data-dir");
                }
                stop(dataDir, process.get(), bound, log);
            }
            case UNRELATED -> {
                log.warn(dataDir.resolve("postmaster.pid") + " names pid " + file.pid()
                        + ", which now belongs to another process ("
                        + process.get().info().command().orElse("unknown command")
                        + "); that process is left alone and the stale pid file removed");
                deletePidFile(dataDir);
                awaitOrphanedServerProcesses(dataDir, bound, log);
            }
            case UNKNOWN ->
                throw new IllegalStateException("The embedded PostgreSQL's data directory " + dataDir
                        + " has a postmaster.pid naming pid " + file.pid() + ", which is alive, and this system does"
                        + " not say whether it is a PostgreSQL server of that directory. If it is, stop it"
                        + " (pg_ctl stop -D " + dataDir + "); if it is not, delete "
                        + dataDir.resolve("postmaster.pid"));
            default -> {}
        }
        return finding;
    }

    /** What the live process {@code process}, named by this directory's pid file, is. */
    static Finding judge(Path dataDir, PidFile file, ProcessHandle process) {
        Path proc = Path.of("/proc", Long.toString(process.pid()));
        if (Files.isDirectory(proc)) {
            return isPostgres(process) && sameFile(proc.resolve("cwd"), dataDir)
                    ? Finding.SERVING_THIS_DIRECTORY
                    : Finding.UNRELATED;
        }
        ProcessHandle.Info info = process.info();
        if (info.command().isEmpty()) {
            return Finding.UNKNOWN;
        }
        Optional<Instant> started = info.startInstant();
        boolean startedWhenTheFileSays = started.isEmpty()
                || Duration.between(Instant.ofEpochSecond(file.startedEpochSecond()), started.get())
                                .abs()
                                .compareTo(START_TIME_TOLERANCE)
                        <= 0;
        return isPostgres(process) && startedWhenTheFileSays && sameFile(file.dataDirectory(), dataDir)
                ? Finding.SERVING_THIS_DIRECTORY
                : Finding.UNRELATED;
    }

    /**
     * The library that starts the server holds a lock on {@code epg-lock} in the data directory for
     * as long as its application runs (it is released with the process, however that ends): a
     * server whose lock cannot be taken belongs to a live application and is not left over.
     */
    static boolean lockedByARunningApplication(Path dataDir) {
        Path lockFile = dataDir.resolve("epg-lock");
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (OverlappingFileLockException e) {
            return true; // held by this very JVM
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        Optional<String> command = process.info().command();
        if (command.isEmpty()) {
            // Linux: a deleted binary (its extraction directory cleaned up) hides the command; the
            // postmaster keeps its original arguments, the binary's path first.
            try {
                String cmdline = Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
                command = Optional.of(cmdline.split("\0", 2)[0]).filter(c -> !c.isEmpty());
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
        return command.map(c -> c.endsWith(" (deleted)") ? c.substring(0, c.length() - " (deleted)".length()) : c)
                .map(c -> Path.of(c).getFileName().toString().toLowerCase(Locale.ROOT))
                .filter(name -> name.equals("postgres") || name.equals("postgres.exe"))
                .isPresent();
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException | SecurityException e) {
            // Not readable: another user's process, and PostgreSQL serves only its own user's directories.
            return false;
        }
    }

    /**
     * A fast shutdown: SIGINT to the postmaster (Java can send only SIGTERM, a smart shutdown that
     * would wait for every client, or SIGKILL). {@code pg_ctl} would do the same, but it refuses to
     * run as root, which the library avoids with a user namespace; on Windows, which has no
     * signals, the server's own {@code pg_ctl} does it.
     */
    private static void stop(Path dataDir, ProcessHandle postmaster, Duration bound, Log log) {
        log.warn("A PostgreSQL server (pid " + postmaster.pid() + ") left running on " + dataDir
                + " by an application that ended is being stopped");
        long startedAt = System.nanoTime();
        List<String> command = isWindows()
                ? List.of(
                        postmaster
                                .info()
                                .command()
                                .map(c ->
                                        Path.of(c).resolveSibling("pg_ctl.exe").toString())
                                .orElse("pg_ctl.exe"),
                        "stop",
                        "-D",
                        dataDir.toString(),
                        "-m",
                        "fast",
                        "-w",
                        "-t",
                        Long.toString(Math.max(1, bound.toSeconds())))
                : List.of("/bin/sh", "-c", "kill -INT \"$1\"", "stop-postmaster", Long.toString(postmaster.pid()));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            // Its exit status says nothing that the postmaster's own exit does not say better.
            process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
            postmaster.onExit().get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the PostgreSQL server left running on " + dataDir, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("The PostgreSQL server (pid " + postmaster.pid() + ") left running on "
                    + dataDir + " did not stop within " + bound.toSeconds() + " s; stop it and start again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the PostgreSQL server left on " + dataDir, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        log.info("The left-over PostgreSQL server stopped in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt) + " ms");
    }

    static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /**
     * A postmaster killed outright leaves its backends and background processes for a moment: they
     * notice its death and exit on their own, but while they are attached to its shared memory a
     * new server refuses to start ("pre-existing shared memory block is still in use"). Each has
     * the data directory as its working directory, which Linux shows; elsewhere nothing is waited for.
     */
    private static void awaitOrphanedServerProcesses(Path dataDir, Duration bound, Log log) {
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return;
        }
        long deadline = System.nanoTime() + bound.toNanos();
        List<ProcessHandle> orphans = ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> isPostgres(p) && sameFile(Path.of("/proc", Long.toString(p.pid()), "cwd"), dataDir))
                .toList();
        for (ProcessHandle orphan : orphans) {
            try {
                orphan.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                log.warn("PostgreSQL process " + orphan.pid() + " of the killed server on " + dataDir
                        + " is still running");
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    private static void deletePidFile(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve("postmaster.pid"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
