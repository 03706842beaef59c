package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.ApiTest;
import dev.tenantcore.app.support.Platform;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

class SnapshotTest extends ApiTest {

    @Autowired
    JdbcTemplate jdbc;

    @Value("${app.axon.snapshot-threshold:20}")
    int threshold;

    @Test
    @DisplayName("an aggregate loaded from its snapshot keeps its whole state and its tenant")
    void aggregateSurvivesSnapshot() {
        Platform.Shop shop = platform.newShop();
        String owner = platform.ownerToken(shop);
        String id = platform.newProduct(shop, owner, "snap", 100).get("id").asText();
        for (int price = 101; price <= 101 + threshold; price++) {
            Api.Response changed = api.patch("/api/v1/products/" + id)
                    .in(shop, owner)
                    .json(Map.of("price", Map.of("amountMinor", price, "currency", "EUR")))
                    .send();
            changed.assertStatus(200);
        }
        Integer snapshots = jdbc.queryForObject(
                "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?", Integer.class, id);
        assertThat(snapshots).as("a snapshot was taken").isPositive();

        // The next commands load the aggregate from the snapshot.
        Api.Response renamed = api.patch("/api/v1/products/" + id)
                .in(shop, owner)
                .returningRepresentation()
                .json(Map.of("name", "Renamed"))
                .send();
        renamed.assertStatus(200);
        JsonNode product = renamed.json();
        assertThat(product.get("slug").asText()).isEqualTo("snap");
        assertThat(product.get("price").get("amountMinor").asLong()).isEqualTo(101 + threshold);
        assertThat(product.get("stock").asInt()).isEqualTo(5);
        assertThat(product.get("version").asLong()).isEqualTo(threshold + 2);

        Platform.Shop other = platform.newShop();
        assertThat(api.patch("/api/v1/products/" + id)
                        .in(other, platform.ownerToken(other))
                        .json(Map.of("name", "stolen"))
                        .send()
                        .status())
                .as("the tenant guard holds after a snapshot")
                .isEqualTo(404);
    }
}
