package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.IntegrationTest;
import dev.tenantcore.app.support.Platform;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What commands record about a tenant in their events (the tax rate of an order, the seller of an
 * invoice) is in force as soon as the tenant's change is accepted: the tenant read model is stopped
 * here, so a command that read it would record the old value.
 */
@IntegrationTest
class TenantFactsTest {

    private static final Map<String, Object> ADDRESS = Map.of(
            "name", "Alice", "line1", "1 Main St", "city", "Springfield", "postalCode", "12345", "country", "US");

    @LocalServerPort
    int port;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    Api api;
    Platform platform;
    Platform.Shop shop;
    String owner;
    EventProcessor tenantProjection;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        platform = new Platform(api);
        shop = platform.newShop();
        owner = platform.ownerToken(shop);
        tenantProjection = processing.eventProcessorByProcessingGroup("tenants").orElseThrow();
    }

    @AfterEach
    void restartTheProjection() {
        tenantProjection.start();
    }

    private Api.Response changeSettings(String displayName, int taxRateBasisPoints) {
        return api.put("/api/v1/tenant/settings")
                .in(shop, owner)
                .json(Platform.settings(displayName, taxRateBasisPoints))
                .send();
    }

    private int publishedTaxRate() {
        return api.get("/api/v1/public/settings")
                .origin(shop.domain())
                .send()
                .json()
                .get("taxRateBasisPoints")
                .asInt();
    }

    /** The order as the order projection (which keeps running) shows it. */
    private JsonNode order(String id) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> api.get("/api/v1/orders/" + id).in(shop, owner).send(), r -> r.status() == 200)
                .json();
    }

    @Test
    @DisplayName("an order placed right after a tax change takes the new rate while the tenant projection is stopped")
    void orderTakesTheNewRateAtOnce() {
        String mug = platform.newProduct(shop, owner, "mug", 1250, 10).get("id").asText();
        String alice = platform.newCustomer(shop).id();
        tenantProjection.shutDown();

        for (int rate : List.of(2100, 1000)) {
            Api.Response changed = changeSettings("Shop", rate);
            changed.assertStatus(200);
            Api.Response placed = api.post("/api/v1/orders")
                    .in(shop, owner)
                    .returningRepresentation()
                    .json(Map.of(
                            "customerId", alice,
                            "lines", List.of(Map.of("productId", mug, "quantity", 2)),
                            "billing", ADDRESS))
                    .send();
            placed.assertStatus(201);
            JsonNode totals = order(placed.json().get("id").asText()).get("totals");
            assertThat(totals.get("taxRateBasisPoints").asInt()).isEqualTo(rate);
            assertThat(totals.get("taxMinor").asLong()).isEqualTo(2500L * rate / 10_000);
        }
        assertThat(publishedTaxRate())
                .as("the read model has not seen the changes")
                .isZero();
    }

    @Test
    @DisplayName(
            "an invoice drafted right after a new display name names the tenant so while the projection is stopped")
    void invoiceTakesTheNewSellerNameAtOnce() {
        tenantProjection.shutDown();
        Api.Response changed = changeSettings("Luna Consulting", 0);
        changed.assertStatus(200);

        Api.Response drafted = api.post("/api/v1/invoices")
                .in(shop, owner)
                .returningRepresentation()
                .json(Map.of(
                        "currency",
                        "EUR",
                        "buyer",
                        Map.of("name", "Client"),
                        "lines",
                        List.of(Map.of(
                                "description",
                                "Advice",
                                "quantity",
                                1,
                                "unitPriceMinor",
                                1000,
                                "taxRateBasisPoints",
                                0))))
                .send();
        drafted.assertStatus(201);
        assertThat(drafted.json().get("seller").get("name").asText()).isEqualTo("Luna Consulting");
    }

    @Test
    @DisplayName("the migration's backfill from the event store gives what the aggregate wrote")
    void backfillMatchesTheAggregate() throws Exception {
        Api.Response changed = changeSettings("Luna Consulting", 1900);
        changed.assertStatus(200);
        String migration = new String(
                new ClassPathResource("db/migration/V14__tenant_facts.sql")
                        .getInputStream()
                        .readAllBytes(),
                StandardCharsets.UTF_8);
        List<String> backfill = Arrays.stream(migration.split(";"))
                .map(s -> s.replaceAll("(?m)^--.*$", "").strip())
                .filter(s -> s.startsWith("INSERT") || s.startsWith("UPDATE"))
                .map(s -> s.replaceAll("\\btenant_facts\\b", "tenant_facts_backfill"))
                .toList();
        assertThat(backfill).hasSize(2);
        String columns =
                "name, display_name, tax_rate_basis_points, default_provider, payment_window_minutes, on_payment_failure";

        List<Map<String, Object>> rebuilt = new TransactionTemplate(transactionManager).execute(status -> {
            jdbc.execute("CREATE TEMP TABLE tenant_facts_backfill (LIKE tenant_facts INCLUDING ALL) ON COMMIT DROP");
            backfill.forEach(jdbc::execute);
            return jdbc.queryForList("SELECT " + columns + " FROM tenant_facts_backfill WHERE id = ?::uuid", shop.id());
        });
        List<Map<String, Object>> written =
                jdbc.queryForList("SELECT " + columns + " FROM tenant_facts WHERE id = ?::uuid", shop.id());

        assertThat(written).hasSize(1);
        assertThat(written.get(0)).containsEntry("display_name", "Luna Consulting");
        assertThat(rebuilt).isEqualTo(written);
    }
}
