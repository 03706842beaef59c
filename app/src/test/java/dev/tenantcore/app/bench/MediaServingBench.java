package dev.tenantcore.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.IntegrationTest;
import dev.tenantcore.app.support.MediaFiles;
import dev.tenantcore.app.support.Multipart;
import dev.tenantcore.app.support.Platform;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A cached image variant served by {@code GET /api/v1/public/media/{id}} against the very same
 * bytes served as a static file by the same JVM, through the same server, filters and tenant
 * resolution (a resource handler below {@code /api/v1/public/}): requests per second of each and
 * their ratio. Run by {@code bash bench/media.sh} (see bench/README.md), never by the build.
 */
@IntegrationTest
@Import(MediaServingBench.StaticFiles.class)
@EnabledIfSystemProperty(named = "bench.media", matches = "true")
class MediaServingBench {

    static final Path STATIC = Path.of("target/bench-static").toAbsolutePath();
    static final String STATIC_PATH = "/api/v1/public/bench-static/";

    /** The static file's server: Spring MVC's resource handler, as an application serves its assets. */
    @TestConfiguration
    static class StaticFiles implements WebMvcConfigurer {
        @Override
        public void addResourceHandlers(ResourceHandlerRegistry registry) {
            registry.addResourceHandler(STATIC_PATH + "**")
                    .addResourceLocations(STATIC.toUri().toString());
        }
    }

    private static final int CLIENTS = Integer.getInteger("bench.clients", 8);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 10);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @LocalServerPort
    int port;

    @Test
    @DisplayName("a cached variant is served nearly as fast as the same bytes from a static file")
    void cachedVariantAgainstStaticFile() throws Exception {
        Api api = new Api(port);
        Platform platform = new Platform(api);
        Platform.Shop shop = platform.newShop();
        String owner = platform.ownerToken(shop);
        String id = MediaFiles.upload(
                        api,
                        shop,
                        owner,
                        new Multipart().file("bench.jpg", "image/jpeg", MediaFiles.image("jpeg", 1600, 1200)))
                .assertStatus(201)
                .json()
                .get("id")
                .asText();
        String variant = "/api/v1/public/media/" + id + "?w=512&h=512&fit=contain&format=jpeg";
        HttpResponse<byte[]> first = MediaFiles.fetch(port, shop.domain(), variant, java.util.Map.of());
        assertThat(first.statusCode()).isEqualTo(200);
        Files.createDirectories(STATIC);
        Files.write(STATIC.resolve("variant.jpg"), first.body());
        String file = STATIC_PATH + "variant.jpg";
        byte[] fromFile =
                MediaFiles.fetch(port, shop.domain(), file, java.util.Map.of()).body();
        assertThat(fromFile).as("the static file serves the same bytes").isEqualTo(first.body());

        String origin = "http://" + shop.domain() + ":3000";
        // Alternated, so that a slower or busier moment of a shared machine weighs on both.
        double image1 = rate(variant, origin);
        double static1 = rate(file, origin);
        double image2 = rate(variant, origin);
        double static2 = rate(file, origin);
        double image = (image1 + image2) / 2;
        double plain = (static1 + static2) / 2;
        String report = String.format(
                "| measure | value | baseline | ratio | target |%n|---|---|---|---|---|%n"
                        + "| cached variant (%d bytes), %d clients (req/s) | %.0f | static file, same bytes, same JVM: %.0f"
                        + " | %.2f | ≥ 0.8 |%n%nruns: image %.0f / %.0f, static %.0f / %.0f req/s; %d s each after %d s"
                        + " warm-up; load average %s; %s%n",
                first.body().length,
                CLIENTS,
                image,
                plain,
                image / plain,
                image1,
                image2,
                static1,
                static2,
                SECONDS,
                WARMUP,
                loadAverage(),
                Instant.now());
        System.out.println(report);
        Path results = Path.of("..", "bench", "results");
        Files.createDirectories(results);
        Files.writeString(results.resolve("media-" + Instant.now().toString().replace(':', '-') + ".md"), report);
    }

    /** Requests per second that {@link #CLIENTS} clients get answered with 200, after a warm-up. */
    private double rate(String path, String origin) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Origin", origin)
                .timeout(Duration.ofSeconds(30))
                .build();
        load(request, WARMUP);
        return load(request, SECONDS) / (double) SECONDS;
    }

    private long load(HttpRequest request, int seconds) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<Long>> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(pool.submit(() -> {
                    long ok = 0;
                    while (running.get()) {
                        HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() == 200) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            Thread.sleep(seconds * 1000L);
            running.set(false);
            long total = 0;
            for (Future<Long> client : clients) {
                total += client.get();
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return String.join(" ", Arrays.asList(fields).subList(0, 3));
        } catch (IOException e) {
            return "unknown";
        }
    }
}
