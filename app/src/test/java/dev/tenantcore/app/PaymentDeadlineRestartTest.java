package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Orders;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.Restarts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Payment windows are durable deadlines in PostgreSQL: stopping the application neither loses nor
 * doubles them, and the saga they belong to carries on in the next run.
 */
class PaymentDeadlineRestartTest {

    private static final String FOR_ORDER = "position(convert_to(?, 'UTF8') in task_data) > 0";

    @Test
    @DisplayName("a payment window set before a restart fires once after it and expires the order")
    void deadlineSurvivesRestart() throws Exception {
        Path dataDir = Restarts.dataDirectory("deadline-");
        Platform.Shop shop;
        String customer;
        String product;
        String expiring;
        String paying;
        try (ConfigurableApplicationContext first = Restarts.start(dataDir)) {
            Api api = Restarts.api(first);
            Platform platform = new Platform(api);
            shop = platform.newShop();
            String owner = platform.ownerToken(shop);
            product = platform.newProduct(
                            shop, owner, "kept-" + UUID.randomUUID().toString().substring(0, 8), 900)
                    .get("id")
                    .asText();
            customer = register(api, shop);
            expiring = place(api, shop, customer, product, 2);
            paying = place(api, shop, customer, product, 1);
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(count(jdbc, expiring)).isEqualTo(1);
                assertThat(count(jdbc, paying)).isEqualTo(1);
            });
        }
        try (ConfigurableApplicationContext second = Restarts.start(dataDir)) {
            Api api = Restarts.api(second);
            Platform platform = new Platform(api);
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            assertThat(count(jdbc, expiring)).as("not lost, not doubled").isEqualTo(1);
            assertThat(count(jdbc, paying)).isEqualTo(1);

            // The first order's window closes now; the second is paid through the saga of the first run.
            assertThat(jdbc.update("UPDATE scheduled_tasks SET execution_time = now() WHERE " + FOR_ORDER, expiring))
                    .isEqualTo(1);
            String owner = platform.ownerToken(shop);
            String payment =
                    Orders.awaitSagaPayment(api, shop, owner, paying).get("id").asText();
            assertThat(api.post("/api/v1/payments/" + payment + "/mark-paid")
                            .origin(shop.domain())
                            .bearer(owner)
                            .send()
                            .status())
                    .isEqualTo(200);

            Orders.awaitStatus(api, shop, owner, expiring, "expired");
            Orders.awaitStatus(api, shop, owner, paying, "paid");
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(count(jdbc, expiring)).as("fired and gone").isZero();
                assertThat(count(jdbc, paying)).as("cancelled once paid").isZero();
            });
            Api.Response history = api.get("/api/v1/orders/" + expiring)
                    .origin(shop.domain())
                    .bearer(owner)
                    .send();
            assertThat(history.json().get("history").findValuesAsText("to"))
                    .as("expired exactly once")
                    .containsExactly("pending", "expired");
        }
    }

    private static int count(JdbcTemplate jdbc, String orderId) {
        return jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks WHERE " + FOR_ORDER, Integer.class, orderId);
    }

    private static String register(Api api, Platform.Shop shop) {
        Api.Response registered = api.post("/api/v1/auth/register")
                .origin(shop.domain())
                .json(Map.of("email", "c@" + shop.domain(), "password", "customer-password-1", "displayName", "C"))
                .send();
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return registered.json().get("accessToken").asText();
    }

    private static String place(Api api, Platform.Shop shop, String customer, String product, int quantity) {
        Api.Response placed =
                Orders.place(api, shop, customer, Orders.body(product, quantity, Orders.billingAddress("ES"), null));
        placed.assertStatus(201);
        return placed.json().get("id").asText();
    }
}
