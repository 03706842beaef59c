package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.Restarts;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The embedded PostgreSQL keeps its data in a directory: stopping and starting loses nothing. */
class RestartTest {

    @Test
    @DisplayName("a tenant and its products survive a restart of the application on the same data directory")
    void dataSurvivesRestart() throws Exception {
        Path dataDir = Restarts.dataDirectory("restart-");
        String slug;
        String domain;
        try (ConfigurableApplicationContext first = Restarts.start(dataDir)) {
            Api api = Restarts.api(first);
            Platform platform = new Platform(api);
            Platform.Shop shop = platform.newShop();
            platform.newProduct(shop, platform.ownerToken(shop), "kept", 4200);
            slug = shop.slug();
            domain = shop.domain();
        }
        try (ConfigurableApplicationContext second = Restarts.start(dataDir)) {
            Api api = Restarts.api(second);
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
}
