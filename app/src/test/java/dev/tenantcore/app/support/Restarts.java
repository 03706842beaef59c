package dev.tenantcore.app.support;

import dev.tenantcore.app.TenantcoreApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The application started, stopped and started again on one durable data directory, as an
 * operator's restart finds it. Each start is a context of its own, outside the shared test context.
 */
public final class Restarts {

    private Restarts() {}

    /** A fresh data directory under the build's working directory for embedded databases. */
    public static Path dataDirectory(String prefix) throws IOException {
        Path parent = Files.createDirectories(Path.of(System.getProperty("ot.epg.working-dir", "target")));
        return Files.createTempDirectory(parent, prefix);
    }

    public static ConfigurableApplicationContext start(Path dataDir, String... settings) {
        // Arguments, not default properties: they must win over the test profile's ephemeral database.
        return run(
                settings,
                "--server.port=0",
                "--app.embedded-db.ephemeral=false",
                "--app.embedded-db.data-dir=" + dataDir);
    }

    /**
     * Another node on the database of a running application, as a second instance behind the same
     * load balancer: it starts no database of its own and leaves the platform administrator to the
     * first.
     */
    public static ConfigurableApplicationContext join(Environment running, String... settings) {
        return run(
                settings,
                "--server.port=0",
                "--app.embedded-db.enabled=false",
                "--app.bootstrap.admin-email=",
                "--spring.datasource.url=" + running.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + running.getProperty("spring.datasource.username"),
                "--spring.datasource.password=" + running.getProperty("spring.datasource.password", ""),
                "--spring.flyway.url=" + running.getProperty("spring.flyway.url"),
                "--spring.flyway.user=" + running.getProperty("spring.flyway.user"),
                "--spring.flyway.password=" + running.getProperty("spring.flyway.password", ""));
    }

    /**
     * A setting given in {@code settings} replaces the base's of the same name: Spring would join two
     * values of one command-line option with a comma.
     */
    private static ConfigurableApplicationContext run(String[] settings, String... base) {
        Map<String, String> arguments = new LinkedHashMap<>();
        Stream.concat(Stream.of(base), Stream.of(settings))
                .forEach(argument -> arguments.put(argument.split("=", 2)[0], argument));
        return new SpringApplicationBuilder(TenantcoreApplication.class)
                .profiles("test")
                .run(arguments.values().toArray(String[]::new));
    }

    /** The API of a started application, on the port it chose. */
    public static Api api(ConfigurableApplicationContext context) {
        return new Api(((WebServerApplicationContext) context).getWebServer().getPort());
    }
}
