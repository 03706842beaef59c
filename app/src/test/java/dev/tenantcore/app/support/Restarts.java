package dev.tenantcore.app.support;

import dev.tenantcore.app.TenantcoreApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

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

    public static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(TenantcoreApplication.class)
                .profiles("test")
                // Arguments, not default properties: they must win over the test profile's ephemeral database.
                .run("--server.port=0", "--app.embedded-db.ephemeral=false", "--app.embedded-db.data-dir=" + dataDir);
    }

    /** The API of a started application, on the port it chose. */
    public static Api api(ConfigurableApplicationContext context) {
        return new Api(((WebServerApplicationContext) context).getWebServer().getPort());
    }
}
