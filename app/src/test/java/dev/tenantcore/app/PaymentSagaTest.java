package dev.tenantcore.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.api.invoicing.InvoiceId;
import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Orders;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ProviderTest;
import dev.tenantcore.app.support.StripeStub;
import dev.tenantcore.app.support.Webhooks;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The payment saga over HTTP, against the real database, the durable deadline scheduler and a
 * local stub of Stripe's API: orders get their payment opened, paid, expired, cancelled and
 * refunded without anyone calling the payments API by hand.
 */
class PaymentSagaTest extends ProviderTest {

    @RegisterExtension
    static final StripeStub stripe = new StripeStub();

    @Test
    @DisplayName("a customer pays through Stripe, gets an invoice, cancels and is refunded through Stripe")
    void stripeEndToEnd() {
        StripeAccount account = enableStripe();
        String intent = account.intent();

        String alice = customer();
        String product = product(5);
        Api.Response placed = place(alice, product, 2, "stripe");
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        String orderId = placed.json().get("id").asText();
        long total = placed.json().get("totals").get("totalMinor").asLong();

        // The saga opened the payment at Stripe with the tenant's key, for the order's total.
        JsonNode payment = awaitPayment(alice, orderId);
        assertThat(payment.get("provider").asText()).isEqualTo("stripe");
        assertThat(payment.get("providerPaymentId").asText()).isEqualTo(intent);
        assertThat(payment.get("amount").get("amountMinor").asLong()).isEqualTo(total);
        stripe.verify(postRequestedFor(urlEqualTo("/v1/payment_intents"))
                .withRequestBody(containing("amount=" + total))
                .withRequestBody(containing("currency=eur")));

        // The buyer reads what Stripe.js needs; another customer cannot.
        String paymentId = payment.get("id").asText();
        Api.Response checkout = checkout(shop, alice, paymentId);
        assertThat(checkout.status()).as(checkout.toString()).isEqualTo(200);
        assertThat(checkout.json().get("clientSecret").asText()).isEqualTo(intent + "_secret_x");
        assertThat(checkout.json().get("publishableKey").asText()).isEqualTo("pk_test_1");
        assertThat(checkout.header("Cache-Control")).contains("no-store");
        Api.Response peek = checkout(shop, customer(), paymentId);
        assertThat(peek.status()).isEqualTo(404);

        // Stripe reports the payment succeeded: the order becomes paid and is invoiced.
        Api.Response delivered = deliverSucceeded(account);
        assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
        awaitOrderStatus(owner, orderId, "paid");
        String invoiceId =
                InvoiceId.forOrder(new OrderId(UUID.fromString(orderId))).toString();
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Api.Response invoice = api.get("/api/v1/invoices/" + invoiceId)
                    .origin(shop.domain())
                    .bearer(owner)
                    .send();
            assertThat(invoice.status()).as(invoice.toString()).isEqualTo(200);
            assertThat(invoice.json().get("status").asText()).isEqualTo("paid");
        });

        // Staff cancel the paid order: Stripe refunds it, the order ends refunded, a credit note follows.
        Api.Response cancelled =
                submit(owner, "/api/v1/orders/" + orderId + "/cancel", Map.of("reason", "customer asked"));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        awaitOrderStatus(owner, orderId, "refunded");
        stripe.verify(postRequestedFor(urlEqualTo("/v1/refunds"))
                .withRequestBody(containing("payment_intent=" + intent))
                .withRequestBody(containing("amount=" + total)));
        JsonNode refunded = payment(owner, paymentId);
        assertThat(refunded.get("status").asText()).isEqualTo("refunded");
        assertThat(refunded.get("refundedMinor").asLong()).isEqualTo(total);
        String creditNoteId = InvoiceId.creditNoteForOrder(new OrderId(UUID.fromString(orderId)))
                .toString();
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(api.get("/api/v1/invoices/" + creditNoteId)
                                .origin(shop.domain())
                                .bearer(owner)
                                .send()
                                .status())
                        .isEqualTo(200));
    }

    @Test
    @DisplayName("with manual payments, staff confirming the saga's payment makes the order paid")
    void manualPayment() {
        String alice = customer();
        Api.Response placed = place(alice, product(5), 1, null);
        String orderId = placed.json().get("id").asText();
        JsonNode payment = awaitPayment(alice, orderId);
        assertThat(payment.get("provider").asText()).isEqualTo("manual");
        assertThat(payment.get("status").asText()).isEqualTo("pending");

        Api.Response paid =
                transition(owner, "/api/v1/payments/" + payment.get("id").asText() + "/mark-paid");
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        awaitOrderStatus(alice, orderId, "paid");
        // The saga closes the window on the same OrderPaid event the orders projection shows, in a
        // processor of its own: either may come first.
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(scheduledDeadlinesFor(orderId))
                        .as("the paid order's payment window is closed")
                        .isZero());
    }

    @Test
    @DisplayName("a failed payment cancels the order when the tenant says so, and its stock comes back")
    void failedPaymentCancels() {
        changeCheckout(Map.of("onPaymentFailure", "cancel_order"));
        String alice = customer();
        String product = product(3);
        String orderId = place(alice, product, 3, null).json().get("id").asText();
        assertThat(place(alice, product, 1, null).code()).isEqualTo("out_of_stock");
        JsonNode payment = awaitPayment(alice, orderId);

        Api.Response failed = submit(
                owner,
                "/api/v1/payments/" + payment.get("id").asText() + "/mark-failed",
                Map.of("reason", "the transfer bounced"));
        assertThat(failed.status()).as(failed.toString()).isEqualTo(200);
        awaitOrderStatus(alice, orderId, "cancelled");
        assertThat(place(alice, product, 3, null).status()).isEqualTo(201);
    }

    @Test
    @DisplayName("an order still unpaid when its payment window closes expires, and its stock comes back")
    void expires() {
        String alice = customer();
        String product = product(2);
        String orderId = place(alice, product, 2, null).json().get("id").asText();
        JsonNode payment = awaitPayment(alice, orderId);
        assertThat(scheduledDeadlinesFor(orderId))
                .as("one durable payment window")
                .isEqualTo(1);

        // The window is 30 minutes: the test moves the stored deadline to now instead of waiting.
        closePaymentWindow(orderId);
        awaitOrderStatus(alice, orderId, "expired");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(payment(owner, payment.get("id").asText())
                                .get("status")
                                .asText())
                        .isEqualTo("failed"));
        assertThat(scheduledDeadlinesFor(orderId)).isZero();
        assertThat(place(alice, product, 2, null).status()).isEqualTo(201);

        Api.Response late =
                transition(owner, "/api/v1/payments/" + payment.get("id").asText() + "/mark-paid");
        assertThat(late.status()).as("an expired order's payment is closed").isEqualTo(409);
    }

    @Test
    @DisplayName(
            "an expired order's PaymentIntent is cancelled at Stripe, and money that still arrives for it is refunded in full")
    void expiredStripePaymentIsCancelled() {
        StripeAccount account = enableStripe();
        String intent = account.intent();
        stripe.stubFor(
                post(urlEqualTo("/v1/payment_intents/" + intent + "/cancel")).willReturn(json("""
                        {"id": "%s", "object": "payment_intent", "status": "canceled",
                         "cancellation_reason": "abandoned"}
                        """.formatted(intent))));
        String alice = customer();
        Api.Response placed = place(alice, product(2), 1, "stripe");
        String orderId = placed.json().get("id").asText();
        long total = placed.json().get("totals").get("totalMinor").asLong();
        String paymentId = awaitPayment(alice, orderId).get("id").asText();

        closePaymentWindow(orderId);
        awaitOrderStatus(alice, orderId, "expired");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        stripe.verify(postRequestedFor(urlEqualTo("/v1/payment_intents/" + intent + "/cancel"))
                                .withHeader("Authorization", equalTo("Bearer " + account.secretKey()))
                                .withHeader("Idempotency-Key", equalTo("cancel-" + intent))
                                .withRequestBody(containing("cancellation_reason=abandoned"))));
        assertThat(payment(owner, paymentId).get("status").asText()).isEqualTo("failed");

        // The buyer paid while it was being cancelled: Stripe reports the money after all.
        Api.Response delivered = deliverSucceeded(account);
        assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
        assertThat(delivered.json().get("result").asText()).isEqualTo("processed");
        awaitPaymentStatus(paymentId, "refunded");
        stripe.verify(postRequestedFor(urlEqualTo("/v1/refunds"))
                .withRequestBody(containing("payment_intent=" + intent))
                .withRequestBody(containing("amount=" + total)));
        assertThat(payment(owner, paymentId).get("refundedMinor").asLong()).isEqualTo(total);
        awaitOrderStatus(owner, orderId, "expired");
    }

    @Test
    @DisplayName(
            "an order naming a provider the shop has not enabled, or one that does not exist, is refused and reserves nothing")
    void unknownOrDisabledProvider() {
        String alice = customer();
        String product = product(1);
        for (String provider : List.of("paypal", "barter")) {
            Api.Response refused = place(alice, product, 1, provider);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("validation_failed");
        }
        assertThat(place(alice, product, 1, "manual").status())
                .as("the one in stock is still there")
                .isEqualTo(201);
    }

    @Test
    @DisplayName("another tenant's staff can neither see how to pay nor refund a payment")
    void otherTenant() {
        String paymentId = pendingOrder(1).paymentId();
        Platform.Shop other = platform.newShop();
        String intruder = platform.ownerToken(other);

        assertThat(checkout(other, intruder, paymentId).status()).isEqualTo(404);
        assertThat(refund(other, intruder, paymentId, Map.of()).status()).isEqualTo(404);
        assertThat(checkout(shop, intruder, paymentId).status())
                .as("a token of another tenant on this tenant's domain")
                .isEqualTo(403);
    }

    @Test
    @DisplayName("staff refund part of a paid payment, and never more than remains")
    void partialRefund() {
        Pending pending = pendingOrder(2);
        String orderId = pending.orderId();
        String paymentId = pending.paymentId();
        transition(owner, "/api/v1/payments/" + paymentId + "/mark-paid");
        awaitOrderStatus(owner, orderId, "paid");

        Api.Response partial = refund(shop, owner, paymentId, Map.of("amountMinor", 500, "reason", "scratched"));
        assertThat(partial.status()).as(partial.toString()).isEqualTo(200);
        assertThat(partial.json().get("refundedMinor").asLong()).isEqualTo(500);
        assertThat(partial.json().get("status").asText()).isEqualTo("paid");

        Api.Response tooMuch = refund(shop, owner, paymentId, Map.of("amountMinor", 1_000_000));
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.code()).isEqualTo("validation_failed");
        assertThat(payment(owner, paymentId).get("refundedMinor").asLong()).isEqualTo(500);
    }

    /** The shop's Stripe account as the tests enable it, and the PaymentIntent the stub opens for it. */
    private record StripeAccount(String secretKey, String webhookSecret, String webhookPath, String intent) {}

    /**
     * Enables Stripe for the shop and stubs what its payments ask of Stripe with the shop's key:
     * opening one PaymentIntent, reading it back, and refunding it.
     */
    private StripeAccount enableStripe() {
        String secretKey = "sk_test_" + UUID.randomUUID().toString().replace("-", "");
        String webhookSecret = "whsec_" + UUID.randomUUID().toString().replace("-", "");
        String webhookPath =
                saveSettings(shop, owner, "stripe", ProviderTest.stripeSettings("pk_test_1", secretKey, webhookSecret));
        String intent = "pi_" + UUID.randomUUID().toString().replace("-", "");
        stripe.stubFor(post(urlEqualTo("/v1/payment_intents"))
                .withHeader("Authorization", equalTo("Bearer " + secretKey))
                .willReturn(json("""
                        {"id": "%s", "object": "payment_intent", "client_secret": "%s_secret_x",
                         "status": "requires_payment_method"}
                        """.formatted(intent, intent))));
        stripe.stubFor(get(urlEqualTo("/v1/payment_intents/" + intent))
                .withHeader("Authorization", equalTo("Bearer " + secretKey))
                .willReturn(json("""
                        {"id": "%s", "object": "payment_intent", "client_secret": "%s_secret_x",
                         "status": "requires_payment_method"}
                        """.formatted(intent, intent))));
        stripe.stubFor(post(urlEqualTo("/v1/refunds"))
                .withHeader("Authorization", equalTo("Bearer " + secretKey))
                .willReturn(json("""
                        {"id": "re_1", "object": "refund", "status": "succeeded"}""")));
        return new StripeAccount(secretKey, webhookSecret, webhookPath, intent);
    }

    /** Stripe telling the shop, signed, that the PaymentIntent succeeded. */
    private Api.Response deliverSucceeded(StripeAccount account) {
        String payload = """
                {"id": "evt_%s", "object": "event", "type": "payment_intent.succeeded",
                 "data": {"object": {"id": "%s", "object": "payment_intent"}}}
                """.formatted(UUID.randomUUID().toString().replace("-", ""), account.intent());
        return webhooks.stripe(
                account.webhookPath(), payload, Webhooks.stripeSignature(account.webhookSecret(), payload));
    }

    /** A customer's pending order of {@code quantity} from 5 in stock, and the payment the saga opened for it. */
    private record Pending(String orderId, String paymentId) {}

    private Pending pendingOrder(int quantity) {
        String customer = customer();
        String orderId =
                place(customer, product(5), quantity, null).json().get("id").asText();
        return new Pending(orderId, awaitPayment(customer, orderId).get("id").asText());
    }

    /** Asks for a refund of the payment as {@code token} at {@code at}, answering with the payment. */
    private Api.Response refund(Platform.Shop at, String token, String paymentId, Map<String, Object> body) {
        return api.post("/api/v1/payments/" + paymentId + "/refunds")
                .in(at, token)
                .returningRepresentation()
                .json(body)
                .send();
    }

    /** What the buyer's browser needs to pay, as {@code token} at {@code at} asks for it. */
    private Api.Response checkout(Platform.Shop at, String token, String paymentId) {
        return api.get("/api/v1/payments/" + paymentId + "/checkout")
                .in(at, token)
                .send();
    }

    private void changeCheckout(Map<String, Object> checkout) {
        Api.Response changed = api.put("/api/v1/tenant/settings")
                .origin(shop.domain())
                .bearer(owner)
                .json(withCheckout(Platform.settings("Shop", 0), checkout))
                .send();
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        // The saga reads the policy from the tenant directory, which follows the settings a moment later.
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(api.get("/api/v1/tenant/settings")
                                .origin(shop.domain())
                                .bearer(owner)
                                .send()
                                .json()
                                .get("checkout")
                                .get("onPaymentFailure")
                                .asText())
                        .isEqualTo(checkout.get("onPaymentFailure")));
    }

    private static Map<String, Object> withCheckout(Map<String, Object> settings, Map<String, Object> checkout) {
        Map<String, Object> body = new HashMap<>(settings);
        body.put("checkout", checkout);
        return body;
    }

    private int scheduledDeadlinesFor(String orderId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM scheduled_tasks WHERE position(convert_to(?, 'UTF8') in task_data) > 0",
                Integer.class,
                orderId);
    }

    private String product(int stock) {
        String slug = "p-" + UUID.randomUUID().toString().substring(0, 8);
        return platform.newProduct(shop, owner, slug, 1250, stock).get("id").asText();
    }

    private Api.Response place(String customer, String product, int quantity, String provider) {
        return Orders.place(api, shop, customer, Orders.body(product, quantity, Orders.billingAddress("ES"), provider));
    }

    /** The payment the saga opened for the order, once its provider answered. */
    private JsonNode awaitPayment(String token, String orderId) {
        return Orders.awaitSagaPayment(api, shop, token, orderId);
    }

    private void awaitOrderStatus(String token, String orderId, String status) {
        Orders.awaitStatus(api, shop, token, orderId, status);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }
}
