package dev.tenantcore.app.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Adobe's S3Mock as a real S3-API server process, started from the jar the build fetched into
 * {@code target/s3mock} on free ports, with one bucket, its files under {@code target/}. One at a
 * time, stopped by its test class, or at the latest when the JVM ends.
 */
public final class S3MockServer {

    public static final String BUCKET = "media";
    private static S3MockServer running;

    private final Process process;
    private final int port;

    private S3MockServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The running server, started on the first call. */
    public static synchronized S3MockServer get() {
        if (running == null) {
            running = start();
            Runtime.getRuntime().addShutdownHook(new Thread(running.process::destroy));
        }
        return running;
    }

    /** Stops the server, if one runs; the next {@link #get} starts another. */
    public static synchronized void stop() {
        if (running != null) {
            running.process.destroy();
            running = null;
        }
    }

    /** Its plain-HTTP endpoint, as {@code app.storage.s3.endpoint} takes it. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    private static S3MockServer start() {
        Path jar = Path.of("target/s3mock/s3mock-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: the build's process-test-resources"
                    + " phase fetches it (maven-dependency-plugin, execution s3mock)");
        }
        try {
            // One directory per test JVM: the test forks each start their own server, and each
            // server deletes its files when it exits.
            long jvm = ProcessHandle.current().pid();
            Path root = Files.createDirectories(Path.of("target/s3mock/data-" + jvm));
            Path log = Path.of("target/s3mock/s3mock-" + jvm + ".log");
            int http = freePort();
            int https = freePort();
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(List.of(
                            java,
                            "-Xmx256m",
                            "-jar",
                            jar.toString(),
                            "--com.adobe.testing.s3mock.httpPort=" + http,
                            "--server.port=" + https,
                            "--com.adobe.testing.s3mock.region=us-east-1",
                            "--com.adobe.testing.s3mock.domain.initialBuckets=" + BUCKET,
                            "--com.adobe.testing.s3mock.domain.root=" + root.toAbsolutePath(),
                            "--com.adobe.testing.s3mock.domain.retainFilesOnExit=false"))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("S3Mock exited: see " + log.toAbsolutePath());
                        }
                        return accepts(http);
                    });
            return new S3MockServer(process, http);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
