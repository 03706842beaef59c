package dev.tenantcore.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Orders;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ProviderTest;
import dev.tenantcore.app.support.Webhooks;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Crypto payments against a stub of a tenant's BTCPay Server (Greenfield API v1). Tests allow
 * private addresses, so the stub's plain-http loopback URL is a valid server URL here; the refusal
 * of such URLs outside tests is proven by BtcPayServersTest and BtcPayPaymentProviderTest.
 */
class BtcPayPaymentsTest extends ProviderTest {

    private static final Map<String, Object> ADDRESS = Map.of(
            "name", "Alice", "line1", "1 Main St", "city", "Springfield", "postalCode", "12345", "country", "US");

    static WireMockServer btcpay;

    String storeId;
    String apiKey;
    String webhookSecret;
    String webhookPath;

    @BeforeAll
    static void startBtcPayStub() {
        btcpay = new WireMockServer(
                options().dynamicPort().bindAddress("127.0.0.1").templatingEnabled(true));
        btcpay.start();
    }

    @AfterAll
    static void stopBtcPayStub() {
        btcpay.stop();
    }

    @BeforeEach
    void setUpMore() {
        storeId = randomId();
        apiKey = "key" + randomId();
        webhookSecret = "whsec" + randomId();
        webhookPath = configureCrypto(shop, owner, storeId, apiKey, webhookSecret);
    }

    private static String randomId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private Api.Response putCrypto(Platform.Shop in, String token, Map<String, Object> body) {
        return api.put("/api/v1/payment-providers/crypto")
                .origin(in.domain())
                .bearer(token)
                .json(body)
                .send();
    }

    private static Map<String, Object> settings(String server, String store, String key, String secret) {
        Map<String, Object> body = new HashMap<>();
        body.put("enabled", true);
        body.put("serverUrl", server);
        body.put("accountId", store);
        body.put("secretKey", key);
        body.put("webhookSecret", secret);
        return body;
    }

    private String configureCrypto(Platform.Shop in, String token, String store, String key, String secret) {
        Api.Response saved = putCrypto(in, token, settings(btcpay.baseUrl() + "/", store, key, secret));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(saved.json().get("serverUrl").asText()).isEqualTo(btcpay.baseUrl());
        assertThat(saved.json().get("accountId").asText()).isEqualTo(store);
        assertThat(saved.body()).doesNotContain(key).doesNotContain(secret);
        String path = saved.json().get("webhookPath").asText();
        assertThat(path).startsWith("/api/v1/webhooks/crypto/").doesNotContain(in.id());
        return path;
    }

    private record Order(String customer, String id, long totalMinor, String currency) {}

    private Order placeOrder() {
        String alice = customer();
        JsonNode placed = placeOrder(alice, 3);
        JsonNode totals = placed.get("totals");
        return new Order(
                alice,
                placed.get("id").asText(),
                totals.get("totalMinor").asLong(),
                totals.get("currency").asText());
    }

    private String invoicesPath() {
        return "/api/v1/stores/" + storeId + "/invoices";
    }

    /** A customer's pending order and its crypto payment, opened against the stub as a new invoice. */
    private record Opened(String paymentId, String invoiceId, Order order) {}

    /** A JSON answer filled in from the request (WireMock's response templating). */
    private static ResponseDefinitionBuilder templatedJson(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withTransformers("response-template")
                .withBody(body);
    }

    private Opened openCryptoPayment() {
        Order order = placeOrder();
        String invoice = "INV" + randomId().substring(0, 20);
        btcpay.stubFor(get(urlPathEqualTo(invoicesPath())).willReturn(okJson("[]")));
        btcpay.stubFor(post(urlEqualTo(invoicesPath()))
                .withHeader("Authorization", equalTo("token " + apiKey))
                .willReturn(templatedJson("""
                                {"id": "%s", "storeId": "%s", "amount": "{{jsonPath request.body '$.amount'}}",
                                 "currency": "{{jsonPath request.body '$.currency'}}", "status": "New",
                                 "checkoutLink": "%s/i/%s",
                                 "metadata": {"orderId": "{{jsonPath request.body '$.metadata.orderId'}}"}}
                                """.formatted(invoice, storeId, btcpay.baseUrl(), invoice))));
        // Read back once the payment opened, for the checkout page the buyer pays on.
        btcpay.stubFor(get(urlEqualTo(invoicesPath() + "/" + invoice))
                .willReturn(okJson("""
                        {"id": "%s", "storeId": "%s", "status": "New", "checkoutLink": "%s/i/%s"}
                        """.formatted(invoice, storeId, btcpay.baseUrl(), invoice))));
        Api.Response created = pay(order.customer(), order.id(), "crypto");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("providerPaymentId").asText()).isEqualTo(invoice);
        assertThat(created.json().get("status").asText()).isEqualTo("pending");
        assertThat(created.header("Payment-Checkout-Url")).isEqualTo(btcpay.baseUrl() + "/i/" + invoice);
        return new Opened(created.json().get("id").asText(), invoice, order);
    }

    private String event(
            String type, String deliveryId, String originalDeliveryId, long timestamp, String store, String invoiceId) {
        return """
                {
                  "deliveryId": "%s",
                  "webhookId": "WH1",
                  "originalDeliveryId": %s,
                  "isRedelivery": %s,
                  "type": "%s",
                  "timestamp": %d,
                  "storeId": "%s",
                  "invoiceId": "%s",
                  "metadata": {}
                }""".formatted(
                        deliveryId,
                        originalDeliveryId == null ? "null" : "\"" + originalDeliveryId + "\"",
                        originalDeliveryId != null,
                        type,
                        timestamp,
                        store,
                        invoiceId);
    }

    @Test
    @DisplayName("enabling crypto needs a well-formed https server URL and the BTCPay store id")
    void settingsValidation() {
        String key = "key" + randomId();
        String secret = "whsec" + randomId();
        Map<String, Map<String, Object>> invalid = new HashMap<>();
        Map<String, Object> noServer = settings(null, storeId, key, secret);
        noServer.remove("serverUrl");
        invalid.put("no server URL", noServer);
        Map<String, Object> noStore = settings(btcpay.baseUrl(), null, key, secret);
        noStore.remove("accountId");
        invalid.put("no store id", noStore);
        invalid.put("blank store id", settings(btcpay.baseUrl(), " ", key, secret));
        invalid.put("not http(s)", settings("ftp://127.0.0.1/", storeId, key, secret));
        invalid.put("relative", settings("/btcpay", storeId, key, secret));
        invalid.put("user-info", settings("http://admin:pw@127.0.0.1:" + btcpay.port(), storeId, key, secret));
        invalid.put("query", settings(btcpay.baseUrl() + "/?a=b", storeId, key, secret));
        invalid.put("fragment", settings(btcpay.baseUrl() + "/#x", storeId, key, secret));
        invalid.forEach((name, body) -> {
            Api.Response refused = putCrypto(shop, owner, body);
            assertThat(refused.status()).as(name + ": " + refused).isEqualTo(400);
            assertThat(refused.code()).as(name).isEqualTo("validation_failed");
        });

        // None of the refused requests replaced the settings saved in setUp.
        Api.Response listed = api.get("/api/v1/payment-providers")
                .origin(shop.domain())
                .bearer(owner)
                .send();
        JsonNode crypto = null;
        for (JsonNode item : listed.json().get("items")) {
            if (item.get("provider").asText().equals("crypto")) {
                crypto = item;
            }
        }
        assertThat(crypto).isNotNull();
        assertThat(crypto.get("serverUrl").asText()).isEqualTo(btcpay.baseUrl());
        assertThat(crypto.get("accountId").asText()).isEqualTo(storeId);

        // Switching crypto off needs neither.
        Api.Response off = putCrypto(shop, owner, Map.of("enabled", false));
        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        assertThat(off.json().get("serverUrl").isNull()).isTrue();
    }

    @Test
    @DisplayName("a crypto payment opens an invoice for the order's exact total in the tenant's store with its API key")
    void opensInvoice() {
        Opened opened = openCryptoPayment();
        Order order = opened.order();
        String amount = java.math.BigDecimal.valueOf(
                        order.totalMinor(),
                        java.util.Currency.getInstance(order.currency()).getDefaultFractionDigits())
                .toPlainString();

        btcpay.verify(getRequestedFor(urlEqualTo(invoicesPath() + "?orderId=" + opened.paymentId()))
                .withHeader("Authorization", equalTo("token " + apiKey)));
        btcpay.verify(postRequestedFor(urlEqualTo(invoicesPath()))
                .withHeader("Authorization", equalTo("token " + apiKey))
                .withRequestBody(equalToJson("""
                        {"amount": "%s", "currency": "%s", "metadata": {"orderId": "%s"}}
                        """.formatted(amount, order.currency(), opened.paymentId()))));
        // Looking for an invoice of the payment, opening it, and reading its checkout page back.
        List<LoggedRequest> sent =
                btcpay.findAll(anyRequestedFor(urlPathMatching("/api/v1/stores/" + storeId + "/.*")));
        assertThat(sent).hasSize(3);
        assertNeverSent(sent, webhookSecret);
    }

    @Test
    @DisplayName("a retried create finds the invoice already opened for the payment and opens no second one")
    void retriedCreateReusesInvoice() {
        Order order = placeOrder();
        // BTCPay already holds an invoice whose metadata names the payment being opened, as after a
        // create whose answer was lost: the listing by orderId finds it.
        btcpay.stubFor(get(urlPathEqualTo(invoicesPath()))
                .withHeader("Authorization", equalTo("token " + apiKey))
                .willReturn(templatedJson("""
                                [{"id": "INV-EARLIER", "storeId": "%s", "status": "New",
                                  "checkoutLink": "%s/i/INV-EARLIER",
                                  "metadata": {"orderId": "{{request.query.orderId}}"}}]
                                """.formatted(storeId, btcpay.baseUrl()))));

        Api.Response created = pay(order.customer(), order.id(), "crypto");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("providerPaymentId").asText()).isEqualTo("INV-EARLIER");
        btcpay.verify(getRequestedFor(urlEqualTo(
                invoicesPath() + "?orderId=" + created.json().get("id").asText())));
        btcpay.verify(0, postRequestedFor(urlPathMatching("/api/v1/stores/" + storeId + "/.*")));
    }

    @Test
    @DisplayName("a signed InvoiceSettled pays the payment, once, however often BTCPay redelivers it")
    void settledPaysOnce() {
        Opened opened = openCryptoPayment();
        String deliveryId = "DLV" + randomId();
        long now = Instant.now().getEpochSecond();
        String payload = event("InvoiceSettled", deliveryId, null, now, storeId, opened.invoiceId());

        Api.Response delivered =
                webhooks.btcPay(webhookPath, payload, Webhooks.btcPaySignature(webhookSecret, payload));
        assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
        assertThat(delivered.json().get("result").asText()).isEqualTo("processed");
        awaitPaymentStatus(opened.paymentId(), "paid");
        long version = payment(opened.paymentId()).get("version").asLong();

        // BTCPay's redelivery: a new delivery id, the original one named, the original timestamp.
        String redelivery = event("InvoiceSettled", "DLV" + randomId(), deliveryId, now, storeId, opened.invoiceId());
        Api.Response again =
                webhooks.btcPay(webhookPath, redelivery, Webhooks.btcPaySignature(webhookSecret, redelivery));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("result").asText()).isEqualTo("duplicate");
        Api.Response replayed = webhooks.btcPay(webhookPath, payload, Webhooks.btcPaySignature(webhookSecret, payload));
        assertReplayIgnored(replayed, deliveryId, opened.paymentId(), version);
    }

    @Test
    @DisplayName("an InvoiceExpired fails the payment with the event type as its reason")
    void expiredFails() {
        Opened opened = openCryptoPayment();
        String payload = event(
                "InvoiceExpired",
                "DLV" + randomId(),
                null,
                Instant.now().getEpochSecond(),
                storeId,
                opened.invoiceId());
        assertThat(webhooks.btcPay(webhookPath, payload, Webhooks.btcPaySignature(webhookSecret, payload))
                        .status())
                .isEqualTo(200);
        awaitPaymentStatus(opened.paymentId(), "failed");
        assertThat(payment(opened.paymentId()).get("failureReason").asText()).isEqualTo("InvoiceExpired");
    }

    @Test
    @DisplayName(
            "an expired order's invoice is marked invalid at BTCPay, and money that still settles on it is refunded")
    void expiredInvoiceMarkedInvalid() {
        Opened opened = openCryptoPayment();
        String invoice = invoicesPath() + "/" + opened.invoiceId();
        btcpay.stubFor(
                post(urlEqualTo(invoice + "/status")).willReturn(okJson("""
                        {"id": "%s", "storeId": "%s", "status": "Invalid"}""".formatted(opened.invoiceId(), storeId))));
        btcpay.stubFor(post(urlEqualTo(invoice + "/refund")).willReturn(okJson("""
                {"id": "PP1", "name": "Refund", "currency": "EUR"}""")));

        closePaymentWindow(opened.order().id());
        Orders.awaitStatus(api, shop, owner, opened.order().id(), "expired");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> btcpay.verify(postRequestedFor(urlEqualTo(invoice + "/status"))
                        .withHeader("Authorization", equalTo("token " + apiKey))
                        .withRequestBody(equalToJson("""
                                {"status": "Invalid"}"""))));
        awaitPaymentStatus(opened.paymentId(), "failed");

        // The buyer paid while it was being closed, and BTCPay settled it after all: the money goes back.
        String payload = event(
                "InvoiceSettled",
                "DLV" + randomId(),
                null,
                Instant.now().getEpochSecond(),
                storeId,
                opened.invoiceId());
        Api.Response settled = webhooks.btcPay(webhookPath, payload, Webhooks.btcPaySignature(webhookSecret, payload));
        assertThat(settled.status()).as(settled.toString()).isEqualTo(200);
        assertThat(settled.json().get("result").asText()).isEqualTo("processed");
        awaitPaymentStatus(opened.paymentId(), "refunded");
        btcpay.verify(postRequestedFor(urlEqualTo(invoice + "/refund")).withRequestBody(equalToJson("""
                        {"refundVariant": "Custom", "customAmount": "%s", "customCurrency": "%s"}""".formatted(
                java.math.BigDecimal.valueOf(
                                opened.order().totalMinor(),
                                java.util.Currency.getInstance(opened.order().currency())
                                        .getDefaultFractionDigits())
                        .toPlainString(),
                opened.order().currency()))));
    }

    @Test
    @DisplayName("forged, stale, wrong-store or another tenant's deliveries are refused and record nothing")
    void refusesUnverifiedDeliveries() {
        Opened opened = openCryptoPayment();
        String deliveryId = "DLV" + randomId();
        long now = Instant.now().getEpochSecond();
        String payload = event("InvoiceSettled", deliveryId, null, now, storeId, opened.invoiceId());

        Api.Response forged = webhooks.btcPay(webhookPath, payload, Webhooks.btcPaySignature("whsec-guessed", payload));
        assertThat(forged.status()).as(forged.toString()).isEqualTo(400);
        assertThat(forged.code()).isEqualTo("invalid_signature");

        Api.Response unsigned = api.post(webhookPath)
                .header("Content-Type", "application/json")
                .raw(payload)
                .send();
        assertThat(unsigned.status()).isEqualTo(400);

        String stale = event("InvoiceSettled", deliveryId, null, now - 600, storeId, opened.invoiceId());
        Api.Response staleDelivery =
                webhooks.btcPay(webhookPath, stale, Webhooks.btcPaySignature(webhookSecret, stale));
        assertThat(staleDelivery.status()).isEqualTo(400);
        assertThat(staleDelivery.code()).isEqualTo("invalid_signature");

        String wrongStore = event("InvoiceSettled", deliveryId, null, now, "SomeOtherStore", opened.invoiceId());
        Api.Response wrongStoreDelivery =
                webhooks.btcPay(webhookPath, wrongStore, Webhooks.btcPaySignature(webhookSecret, wrongStore));
        assertThat(wrongStoreDelivery.status()).isEqualTo(400);
        assertThat(wrongStoreDelivery.json().get("detail"))
                .isEqualTo(forged.json().get("detail"));

        // Another tenant, with its own BTCPay store and webhook secret, cannot move this tenant's payment.
        Platform.Shop other = platform.newShop();
        String otherStore = randomId();
        String otherSecret = "whsec" + randomId();
        String otherPath =
                configureCrypto(other, platform.ownerToken(other), otherStore, "key" + randomId(), otherSecret);
        Api.Response signedByOther =
                webhooks.btcPay(webhookPath, payload, Webhooks.btcPaySignature(otherSecret, payload));
        assertThat(signedByOther.status()).isEqualTo(400);
        Api.Response thisStoreViaOther =
                webhooks.btcPay(otherPath, payload, Webhooks.btcPaySignature(otherSecret, payload));
        assertThat(thisStoreViaOther.status()).isEqualTo(400);
        String otherEvent = event("InvoiceSettled", deliveryId, null, now, otherStore, opened.invoiceId());
        Api.Response viaOwnEndpoint =
                webhooks.btcPay(otherPath, otherEvent, Webhooks.btcPaySignature(otherSecret, otherEvent));
        assertThat(viaOwnEndpoint.status()).as(viaOwnEndpoint.toString()).isEqualTo(200);
        assertThat(viaOwnEndpoint.json().get("result").asText()).isEqualTo("ignored");

        assertThat(recordedEvents(shop, deliveryId)).isZero();
        assertThat(payment(opened.paymentId()).get("status").asText()).isEqualTo("pending");
        assertThat(payment(opened.paymentId()).get("version").asLong())
                .as("moved by its opening only")
                .isEqualTo(1);
        assertThat(btcpay.findAll(anyRequestedFor(anyUrl())).stream()
                        .filter(r -> r.getUrl().startsWith("/api/v1/stores/" + otherStore))
                        .toList())
                .isEmpty();
    }
}
