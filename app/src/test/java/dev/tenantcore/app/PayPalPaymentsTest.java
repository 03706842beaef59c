package dev.tenantcore.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Orders;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ProviderTest;
import dev.tenantcore.app.support.Webhooks;
import dev.tenantcore.command.payments.provider.PaymentProvider;
import dev.tenantcore.command.payments.provider.ProviderCredentials;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class PayPalPaymentsTest extends ProviderTest {

    private static final String API_BASE_PROPERTY = "app.payments.paypal.api-base";
    private static final Map<String, Object> ADDRESS = Map.of(
            "name", "Alice", "line1", "1 Main St", "city", "Springfield", "postalCode", "12345", "country", "US");

    static WireMockServer paypal;

    @Autowired
    List<PaymentProvider> providers;

    App app;

    /** One tenant's PayPal REST app and webhook, as the stub knows them. */
    private record App(String clientId, String secret, String webhookId, String token, String webhookPath) {}

    @BeforeAll
    static void startPayPalStub() {
        paypal = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        paypal.start();
        // Read by the PayPal provider on every call, so the shared application context follows it.
        System.setProperty(API_BASE_PROPERTY, paypal.baseUrl());
        // Whatever no tenant's stub below recognizes does not verify.
        paypal.stubFor(post(urlEqualTo("/v1/notifications/verify-webhook-signature"))
                .atPriority(10)
                .willReturn(okJson("{\"verification_status\": \"FAILURE\"}")));
    }

    @AfterAll
    static void stopPayPalStub() {
        System.clearProperty(API_BASE_PROPERTY);
        paypal.stop();
    }

    @BeforeEach
    void setUpMore() {
        app = configurePayPal(shop, owner);
    }

    private static String random() {
        return UUID.randomUUID().toString().replace("-", "").toUpperCase();
    }

    private App configurePayPal(Platform.Shop in, String token) {
        String clientId = "AZ" + random();
        String secret = "EL" + random();
        String webhookId = "WHK" + random().substring(0, 14);
        String accessToken = "A21AA" + random();
        paypal.stubFor(post(urlEqualTo("/v1/oauth2/token"))
                .withHeader("Authorization", equalTo(basic(clientId, secret)))
                .withRequestBody(equalTo("grant_type=client_credentials"))
                .willReturn(okJson("""
                        {"access_token": "%s", "token_type": "Bearer", "app_id": "APP-80W284485P519543T",
                         "expires_in": 32400}""".formatted(accessToken))));
        // PayPal verifies a delivery only for the webhook (and app) it was sent for; here, a delivery
        // "signed for" a webhook carries the signature sig-<webhook id>.
        paypal.stubFor(post(urlEqualTo("/v1/notifications/verify-webhook-signature"))
                .atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + accessToken))
                .withRequestBody(matchingJsonPath("$.webhook_id", equalTo(webhookId)))
                .withRequestBody(matchingJsonPath("$.transmission_sig", equalTo("sig-" + webhookId)))
                .willReturn(okJson("{\"verification_status\": \"SUCCESS\"}")));
        String path = saveSettings(
                in,
                token,
                "paypal",
                Map.of("enabled", true, "publishableKey", clientId, "secretKey", secret, "webhookSecret", webhookId));
        return new App(clientId, secret, webhookId, accessToken, path);
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** A customer's pending order and its PayPal payment, opened against the stub. */
    private record Opened(String paymentId, String orderId, long amountMinor) {}

    private Opened openPayPalPayment() {
        String alice = customer();
        String mug = platform.newProduct(
                        shop, owner, "mug-" + UUID.randomUUID().toString().substring(0, 8), 1250)
                .get("id")
                .asText();
        Api.Response placed = api.post("/api/v1/orders")
                .origin(shop.domain())
                .bearer(alice)
                .header("Prefer", "return=representation")
                .json(Map.of("lines", List.of(Map.of("productId", mug, "quantity", 2)), "billing", ADDRESS))
                .send();
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        long total = placed.json().get("totals").get("totalMinor").asLong();

        String order = random().substring(0, 17);
        String orderJson = """
                {"id": "%s", "status": "CREATED", "links": [
                  {"href": "https://api-m.paypal.com/v2/checkout/orders/%s", "rel": "self", "method": "GET"},
                  {"href": "https://www.paypal.com/checkoutnow?token=%s", "rel": "approve", "method": "GET"},
                  {"href": "https://api-m.paypal.com/v2/checkout/orders/%s/capture", "rel": "capture",
                   "method": "POST"}]}
                """.formatted(order, order, order, order);
        paypal.stubFor(post(urlEqualTo("/v2/checkout/orders"))
                .withHeader("Authorization", equalTo("Bearer " + app.token()))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody(orderJson)));
        // Read back once the payment opened, for the page the buyer approves it on.
        paypal.stubFor(get(urlEqualTo("/v2/checkout/orders/" + order))
                .withHeader("Authorization", equalTo("Bearer " + app.token()))
                .willReturn(okJson(orderJson)));

        Api.Response created = pay(alice, placed.json().get("id").asText(), "paypal");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("providerPaymentId").asText()).isEqualTo(order);
        assertThat(created.json().get("status").asText()).isEqualTo("pending");
        assertThat(created.header("Payment-Checkout-Url"))
                .isEqualTo("https://www.paypal.com/checkoutnow?token=" + order);
        return new Opened(created.json().get("id").asText(), order, total);
    }

    /** PayPal's answer to capturing the order: one completed capture. */
    private String stubCapture(Opened opened) {
        String capture = random().substring(0, 17);
        paypal.stubFor(post(urlEqualTo("/v2/checkout/orders/" + opened.orderId() + "/capture"))
                .withHeader("Authorization", equalTo("Bearer " + app.token()))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody(capturedOrder(opened, capture))));
        return capture;
    }

    private static String capturedOrder(Opened opened, String capture) {
        return """
                {"id": "%s", "status": "COMPLETED", "purchase_units": [{"reference_id": "default",
                  "payments": {"captures": [{"id": "%s", "status": "COMPLETED",
                    "amount": {"currency_code": "EUR", "value": "%s"}}]}}]}
                """.formatted(opened.orderId(), capture, decimal(opened.amountMinor()));
    }

    private static String decimal(long minor) {
        return BigDecimal.valueOf(minor, 2).toPlainString();
    }

    private static String event(String id, String type, String resource) {
        return """
                {"id": "%s", "event_version": "1.0", "create_time": "%s", "event_type": "%s",
                 "summary": "PayPal event", "resource": %s}
                """.formatted(id, Instant.now(), type, resource);
    }

    private static String approved(String id, Opened opened) {
        return event(id, "CHECKOUT.ORDER.APPROVED", """
                {"id": "%s", "intent": "CAPTURE", "status": "APPROVED",
                 "purchase_units": [{"custom_id": "%s", "amount": {"currency_code": "EUR", "value": "%s"}}]}
                """.formatted(
                        opened.orderId(), opened.paymentId(), decimal(opened.amountMinor())));
    }

    @Test
    @DisplayName("a PayPal payment opens an order for the exact total with the tenant's own credentials")
    void opensOrder() {
        Opened opened = openPayPalPayment();

        paypal.verify(postRequestedFor(urlEqualTo("/v2/checkout/orders"))
                .withHeader("Authorization", equalTo("Bearer " + app.token()))
                .withHeader("PayPal-Request-Id", equalTo("payment-" + opened.paymentId()))
                .withRequestBody(equalToJson("""
                        {"intent": "CAPTURE", "purchase_units": [
                          {"custom_id": "%s", "amount": {"currency_code": "EUR", "value": "%s"}}]}
                        """.formatted(opened.paymentId(), decimal(opened.amountMinor())))));
        paypal.verify(postRequestedFor(urlEqualTo("/v1/oauth2/token"))
                .withHeader("Authorization", equalTo(basic(app.clientId(), app.secret()))));
        List<LoggedRequest> sent = paypal.findAll(anyRequestedFor(anyUrl()));
        assertThat(sent).isNotEmpty().allSatisfy(request -> {
            assertThat(request.getBodyAsString()).doesNotContain(app.webhookId());
        });
    }

    @Test
    @DisplayName("an approved order is captured and the payment paid, once, however often the approval arrives")
    void approvalCapturesOnce() {
        Opened opened = openPayPalPayment();
        stubCapture(opened);
        String eventId = "WH-" + random();
        String payload = approved(eventId, opened);

        Api.Response delivered =
                webhooks.payPal(app.webhookPath(), payload, Webhooks.payPalHeaders(app.webhookId(), Instant.now()));
        assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
        assertThat(delivered.json().get("result").asText()).isEqualTo("processed");
        paypal.verify(postRequestedFor(urlEqualTo("/v2/checkout/orders/" + opened.orderId() + "/capture"))
                .withHeader("Authorization", equalTo("Bearer " + app.token()))
                .withHeader("PayPal-Request-Id", equalTo("capture-" + opened.orderId())));
        awaitPaymentStatus(opened.paymentId(), "paid");
        long version = payment(opened.paymentId()).get("version").asLong();

        Api.Response replayed =
                webhooks.payPal(app.webhookPath(), payload, Webhooks.payPalHeaders(app.webhookId(), Instant.now()));
        assertThat(replayed.status()).as(replayed.toString()).isEqualTo(200);
        assertThat(replayed.json().get("result").asText()).isEqualTo("duplicate");
        assertThat(recordedEvents(shop, eventId)).isEqualTo(1);

        // PayPal's own word on the capture comes later, and changes nothing.
        String completedId = "WH-" + random();
        String completed = event(completedId, "PAYMENT.CAPTURE.COMPLETED", """
                {"id": "CAP1", "status": "COMPLETED", "supplementary_data": {"related_ids": {"order_id": "%s"}}}
                """.formatted(opened.orderId()));
        Api.Response late =
                webhooks.payPal(app.webhookPath(), completed, Webhooks.payPalHeaders(app.webhookId(), Instant.now()));
        assertThat(late.status()).as(late.toString()).isEqualTo(200);
        assertThat(late.json().get("result").asText()).isEqualTo("refused");
        assertThat(recordedEvents(shop, completedId)).isEqualTo(1);
        assertThat(payment(opened.paymentId()).get("status").asText()).isEqualTo("paid");
        assertThat(payment(opened.paymentId()).get("version").asLong()).isEqualTo(version);
    }

    @Test
    @DisplayName(
            "an expired order's PayPal order is left to expire uncaptured: an approval that comes later captures nothing")
    void expiredOrderIsNeverCaptured() {
        Opened opened = openPayPalPayment();
        stubCapture(opened);
        String orderId = payment(opened.paymentId()).get("orderId").asText();

        closePaymentWindow(orderId);
        Orders.awaitStatus(api, shop, owner, orderId, "expired");
        awaitPaymentStatus(opened.paymentId(), "failed");

        // The buyer approves on PayPal's page after the window closed.
        String eventId = "WH-" + random();
        Api.Response approval = webhooks.payPal(
                app.webhookPath(), approved(eventId, opened), Webhooks.payPalHeaders(app.webhookId(), Instant.now()));
        assertThat(approval.status()).as(approval.toString()).isEqualTo(200);
        assertThat(approval.json().get("result").asText()).isEqualTo("refused");
        paypal.verify(0, postRequestedFor(urlPathMatching("/v2/checkout/orders/.*/capture")));
        // Orders v2 has no call that cancels a created order: nothing else was asked of PayPal.
        paypal.verify(0, postRequestedFor(urlPathMatching("/v2/checkout/orders/" + opened.orderId() + "/.*")));
        assertThat(payment(opened.paymentId()).get("status").asText()).isEqualTo("failed");
    }

    @Test
    @DisplayName("unverified, stale, incomplete or foreign-tenant deliveries are refused and record nothing")
    void refusesUnverifiedDeliveries() {
        Opened opened = openPayPalPayment();
        stubCapture(opened);
        String eventId = "WH-" + random();
        String payload = approved(eventId, opened);
        Instant now = Instant.now();

        Api.Response forged = webhooks.payPal(app.webhookPath(), payload, Webhooks.payPalHeaders("WHKGUESSED", now));
        assertThat(forged.status()).as(forged.toString()).isEqualTo(400);
        assertThat(forged.code()).isEqualTo("invalid_signature");

        Api.Response stale = webhooks.payPal(
                app.webhookPath(), payload, Webhooks.payPalHeaders(app.webhookId(), now.minusSeconds(600)));
        assertThat(stale.status()).isEqualTo(400);
        assertThat(stale.code()).isEqualTo("invalid_signature");

        Map<String, String> incomplete = Webhooks.payPalHeaders(app.webhookId(), now);
        incomplete.remove("PAYPAL-CERT-URL");
        Api.Response missing = webhooks.payPal(app.webhookPath(), payload, incomplete);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("detail")).isEqualTo(forged.json().get("detail"));

        // Another tenant with its own PayPal app: its genuine deliveries cannot move this payment.
        Platform.Shop other = platform.newShop();
        App theirs = configurePayPal(other, platform.ownerToken(other));
        Api.Response viaOwnEndpoint =
                webhooks.payPal(theirs.webhookPath(), payload, Webhooks.payPalHeaders(theirs.webhookId(), now));
        assertThat(viaOwnEndpoint.status()).as(viaOwnEndpoint.toString()).isEqualTo(200);
        assertThat(viaOwnEndpoint.json().get("result").asText()).isEqualTo("ignored");
        Api.Response viaThisEndpoint =
                webhooks.payPal(app.webhookPath(), payload, Webhooks.payPalHeaders(theirs.webhookId(), now));
        assertThat(viaThisEndpoint.status()).isEqualTo(400);

        assertThat(recordedEvents(shop, eventId)).isZero();
        paypal.verify(0, postRequestedFor(urlEqualTo("/v2/checkout/orders/" + opened.orderId() + "/capture")));
        assertThat(payment(opened.paymentId()).get("status").asText()).isEqualTo("pending");
        assertThat(payment(opened.paymentId()).get("version").asLong())
                .as("moved by its opening only")
                .isEqualTo(1);
    }

    @Test
    @DisplayName("a refund goes to the order's capture, and a capture refunded in full refunds the payment")
    void refunds() {
        Opened opened = openPayPalPayment();
        String capture = stubCapture(opened);
        webhooks.payPal(
                app.webhookPath(),
                approved("WH-" + random(), opened),
                Webhooks.payPalHeaders(app.webhookId(), Instant.now()));
        awaitPaymentStatus(opened.paymentId(), "paid");

        paypal.stubFor(get(urlEqualTo("/v2/checkout/orders/" + opened.orderId()))
                .withHeader("Authorization", equalTo("Bearer " + app.token()))
                .willReturn(okJson(capturedOrder(opened, capture))));
        paypal.stubFor(post(urlEqualTo("/v2/payments/captures/" + capture + "/refund"))
                .withHeader("Authorization", equalTo("Bearer " + app.token()))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": \"1JU08902781691411\", \"status\": \"COMPLETED\"}")));
        PaymentProvider provider = providers.stream()
                .filter(p -> p.kind() == PaymentProviderKind.PAYPAL)
                .findFirst()
                .orElseThrow();
        provider.refund(
                new ProviderCredentials(app.clientId(), app.secret(), app.webhookId(), null, null),
                opened.orderId(),
                Money.of(opened.amountMinor(), "EUR"),
                UUID.randomUUID());
        paypal.verify(postRequestedFor(urlEqualTo("/v2/payments/captures/" + capture + "/refund"))
                .withHeader("PayPal-Request-Id", matching("refund-.+"))
                .withRequestBody(matchingJsonPath("$.amount.value", equalTo(decimal(opened.amountMinor())))));

        paypal.stubFor(get(urlEqualTo("/v2/payments/captures/" + capture))
                .withHeader("Authorization", equalTo("Bearer " + app.token()))
                .willReturn(okJson("""
                        {"id": "%s", "status": "REFUNDED", "amount": {"currency_code": "EUR", "value": "%s"},
                         "supplementary_data": {"related_ids": {"order_id": "%s"}}}
                        """.formatted(capture, decimal(opened.amountMinor()), opened.orderId()))));
        String refunded = event(
                "WH-" + random(), "PAYMENT.CAPTURE.REFUNDED", """
                {"id": "1JU08902781691411", "status": "COMPLETED",
                 "amount": {"currency_code": "EUR", "value": "%s"},
                 "links": [{"href": "https://api.paypal.com/v2/payments/captures/%s", "rel": "up", "method": "GET"}]}
                """.formatted(decimal(opened.amountMinor()), capture));
        Api.Response delivered =
                webhooks.payPal(app.webhookPath(), refunded, Webhooks.payPalHeaders(app.webhookId(), Instant.now()));
        assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
        assertThat(delivered.json().get("result").asText()).isEqualTo("processed");
        awaitPaymentStatus(opened.paymentId(), "refunded");
        assertThat(payment(opened.paymentId()).get("refundedMinor").asLong()).isEqualTo(opened.amountMinor());
    }
}
