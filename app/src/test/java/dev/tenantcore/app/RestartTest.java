package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The embedded PostgreSQL keeps its data in a directory: stopping and starting loses nothing. */
class RestartTest {

    @Test
    @DisplayName("a tenant and its products survive a restart of the application on the same data directory")
    void dataSurvivesRestart() throws Exception {
        Path dataDir =
                Files.createTempDirectory(Path.of(System.getProperty("ot.epg.working-dir", "target")), "restart-");
        String slug;
        String domain;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            Api api = new Api(port(first));
            Platform platform = new Platform(api);
            Platform.Shop shop = platform.newShop();
            platform.newProduct(shop, platform.ownerToken(shop), "kept", 4200);
            slug = shop.slug();
            domain = shop.domain();
        }
        try (ConfigurableApplicationContext second = start(dataDir)) {
            Api api = new Api(port(second));
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Api.Response products =
                        api.get("/api/v1/public/products").origin(domain).send();
                products.assertStatus(200);
                assertThat(products.json().get("items").get(0).get("slug").asText())
                        .isEqualTo("kept");
            });
            Api.Response tenants = api.get("/api/v1/platform/tenants?limit=100")
                    .bearer(new Platform(api).adminToken())
                    .send();
            assertThat(tenants.json().findValuesAsText("slug")).contains(slug);
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(TenantcoreApplication.class)
                .profiles("test")
                // Arguments, not default properties: they must win over the test profile's ephemeral database.
                .run("--server.port=0", "--app.embedded-db.ephemeral=false", "--app.embedded-db.data-dir=" + dataDir);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
