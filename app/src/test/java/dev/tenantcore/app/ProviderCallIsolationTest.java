package dev.tenantcore.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Orders;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ProviderTest;
import dev.tenantcore.app.support.SilentServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * One tenant's provider cannot slow another tenant's payments: provider calls are limited per
 * tenant (a bulkhead) and each has a total time limit, however slowly its server answers.
 */
class ProviderCallIsolationTest extends ProviderTest {

    static WireMockServer btcpay;
    static SilentServer silent;

    @Value("${app.payments.provider-calls.time-limit:PT15S}")
    Duration timeLimit;

    @BeforeAll
    static void startServers() {
        btcpay = new WireMockServer(
                options().dynamicPort().bindAddress("127.0.0.1").templatingEnabled(true));
        btcpay.start();
        silent = SilentServer.start();
    }

    @AfterAll
    static void stopServers() {
        btcpay.stop();
        // The slow tenant's calls still queued now fail fast against a closed port.
        silent.close();
    }

    private static String randomId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static Map<String, Object> crypto(String serverUrl, String storeId) {
        return Map.of(
                "enabled",
                true,
                "serverUrl",
                serverUrl,
                "accountId",
                storeId,
                "secretKey",
                "key" + randomId(),
                "webhookSecret",
                "whsec" + randomId());
    }

    /** Places {@code count} crypto orders at {@code in}: their ids. */
    private List<String> placeCryptoOrders(Platform.Shop in, String ownerToken, int count) {
        String customer = platform.customerToken(in);
        String product = platform.newProduct(in, ownerToken, "mug-" + randomId().substring(0, 8), 1250, 100)
                .get("id")
                .asText();
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Api.Response placed = Orders.place(api, in, customer, Orders.body(product, 1, Orders.BILLING, "crypto"));
            placed.assertStatus(201);
            orders.add(placed.json().get("id").asText());
        }
        return orders;
    }

    private boolean opened(Platform.Shop in, String ownerToken, String orderId) {
        Api.Response payments = api.get("/api/v1/payments?orderId=" + orderId)
                .in(in, ownerToken)
                .send();
        if (payments.status() != 200 || payments.json().get("items").isEmpty()) {
            return false;
        }
        JsonNode payment = payments.json().get("items").get(0);
        return payment.hasNonNull("providerPaymentId");
    }

    @Test
    @DisplayName(
            "while one tenant's provider never answers, another tenant's payments still open within two seconds, and the silent calls end at the time limit")
    void slowProviderDoesNotSlowOtherTenants() {
        // Tenant A points its BTCPay Server at a server that accepts and never answers.
        Platform.Shop slow = platform.newShop();
        String slowOwner = platform.ownerToken(slow);
        saveSettings(slow, slowOwner, "crypto", crypto(silent.url(), "STORE" + randomId()));
        // Tenant B (this test's shop) has a BTCPay Server that answers at once.
        String store = "STORE" + randomId();
        String invoices = "/api/v1/stores/" + store + "/invoices";
        btcpay.stubFor(get(urlPathEqualTo(invoices)).willReturn(okJson("[]")));
        btcpay.stubFor(post(urlEqualTo(invoices))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withTransformers("response-template")
                        .withBody("""
                                {"id": "INV-{{jsonPath request.body '$.metadata.orderId'}}", "status": "New",
                                 "checkoutLink": "%s/i/x"}""".formatted(btcpay.baseUrl()))));
        saveSettings(shop, owner, "crypto", crypto(btcpay.baseUrl(), store));

        // A has several payments opening; its first calls hang at its server.
        placeCryptoOrders(slow, slowOwner, 6);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> silent.accepted() >= 2);

        // B's payments open at its provider all the same, within two seconds, and read as opened.
        List<String> orders = placeCryptoOrders(shop, owner, 3);
        Awaitility.await()
                .atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(btcpay.findAll(postRequestedFor(urlEqualTo(invoices))))
                        .as("invoices B's BTCPay Server opened")
                        .hasSize(3));
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(orders)
                        .as("B's payments read as opened")
                        .allMatch(order -> opened(shop, owner, order)));

        // A's silent calls were cut at the time limit, connection, headers and body together.
        Awaitility.await()
                .atMost(timeLimit.plusSeconds(5))
                .until(() -> silent.closed().size() >= 2);
        assertThat(silent.closed())
                .as("how long each of A's calls held its connection")
                .allSatisfy(open -> assertThat(open).isLessThan(timeLimit.plusSeconds(1)));
    }
}
