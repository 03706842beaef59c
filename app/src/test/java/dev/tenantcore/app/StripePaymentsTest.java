package dev.tenantcore.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Orders;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ProviderTest;
import dev.tenantcore.app.support.StripeStub;
import dev.tenantcore.app.support.Webhooks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StripePaymentsTest extends ProviderTest {

    @RegisterExtension
    static final StripeStub stripe = new StripeStub();

    String secretKey;
    String webhookSecret;
    String webhookPath;

    @BeforeEach
    void setUpMore() {
        secretKey = "sk_test_" + UUID.randomUUID().toString().replace("-", "");
        webhookSecret = "whsec_" + UUID.randomUUID().toString().replace("-", "");
        webhookPath = configureStripe(shop, owner, secretKey, webhookSecret);
    }

    private String configureStripe(Platform.Shop in, String token, String secret, String webhook) {
        return saveSettings(in, token, "stripe", stripeSettings("pk_test_1", secret, webhook));
    }

    /** A customer's pending order and its Stripe payment, opened against the stub. */
    private record Opened(String paymentId, String intentId, long amountMinor, String orderId) {}

    /** A customer's pending order of two mugs. */
    private record Placed(String customer, String orderId, long totalMinor) {}

    private Placed placeOrder() {
        String alice = customer();
        JsonNode order = placeOrder(alice, 2);
        return new Placed(
                alice,
                order.get("id").asText(),
                order.get("totals").get("totalMinor").asLong());
    }

    private Opened openStripePayment() {
        Placed order = placeOrder();
        long total = order.totalMinor();

        String intent = "pi_" + UUID.randomUUID().toString().replace("-", "");
        ResponseDefinitionBuilder intentJson = aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"id": "%s", "object": "payment_intent", "amount": %d, "currency": "eur",
                         "client_secret": "%s_secret_abc", "status": "requires_payment_method"}
                        """.formatted(intent, total, intent));
        stripe.stubFor(post(urlEqualTo("/v1/payment_intents"))
                .withHeader("Authorization", equalTo("Bearer " + secretKey))
                .willReturn(intentJson));
        // Read back once the payment opened, for what the buyer pays with.
        stripe.stubFor(get(urlEqualTo("/v1/payment_intents/" + intent))
                .withHeader("Authorization", equalTo("Bearer " + secretKey))
                .willReturn(intentJson));

        Api.Response created = pay(order.customer(), order.orderId(), "stripe");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("providerPaymentId").asText()).isEqualTo(intent);
        assertThat(created.json().get("status").asText()).isEqualTo("pending");
        assertThat(created.header("Payment-Client-Secret")).isEqualTo(intent + "_secret_abc");
        return new Opened(created.json().get("id").asText(), intent, total, order.orderId());
    }

    @Test
    @DisplayName(
            "a payment Stripe refuses to open answers 502 payment_provider_failed, asked once, and stays as failed")
    void refusedOpening() {
        Placed order = placeOrder();
        stripe.stubFor(post(urlEqualTo("/v1/payment_intents"))
                .withHeader("Authorization", equalTo("Bearer " + secretKey))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"error": {"type": "invalid_request_error", "code": "amount_too_small",
                                 "message": "Amount must be at least 50 cents"}}""")));

        Api.Response refused = pay(order.customer(), order.orderId(), "stripe");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(502);
        assertThat(refused.code()).isEqualTo("payment_provider_failed");
        stripe.verify(
                exactly(1),
                postRequestedFor(urlEqualTo("/v1/payment_intents"))
                        .withHeader("Authorization", equalTo("Bearer " + secretKey)));
        JsonNode attempts = api.get("/api/v1/payments?orderId=" + order.orderId())
                .origin(shop.domain())
                .bearer(order.customer())
                .send()
                .json()
                .get("items");
        JsonNode attempt = null;
        for (JsonNode payment : attempts) {
            if (payment.get("provider").asText().equals("stripe")) {
                attempt = payment;
            }
        }
        assertThat(attempt).as("the Stripe attempt in " + attempts).isNotNull();
        assertThat(attempt.get("status").asText()).isEqualTo("failed");
        assertThat(attempt.get("failureReason").asText()).isNotBlank();
        assertThat(attempt.hasNonNull("providerPaymentId")).isFalse();
    }

    @Test
    @DisplayName(
            "a payment Stripe opens slower than the answer waits is 'opening': checkout answers 409, then the secret")
    void slowOpening() {
        Placed order = placeOrder();
        String intent = "pi_" + UUID.randomUUID().toString().replace("-", "");
        ResponseDefinitionBuilder intentJson = aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"id": "%s", "object": "payment_intent", "client_secret": "%s_secret_slow",
                         "status": "requires_payment_method"}
                        """.formatted(intent, intent));
        // Longer than app.api.read-your-writes-timeout (5 s), shorter than the outbound read timeout.
        stripe.stubFor(post(urlEqualTo("/v1/payment_intents"))
                .withHeader("Authorization", equalTo("Bearer " + secretKey))
                .willReturn(intentJson.withFixedDelay(9_000)));
        stripe.stubFor(get(urlEqualTo("/v1/payment_intents/" + intent))
                .withHeader("Authorization", equalTo("Bearer " + secretKey))
                .willReturn(intentJson));

        Api.Response created = pay(order.customer(), order.orderId(), "stripe");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("status").asText()).isEqualTo("pending");
        assertThat(created.json().hasNonNull("providerPaymentId")).isFalse();
        assertThat(created.header("Payment-Client-Secret")).isNull();
        String checkoutPath = "/api/v1/payments/" + created.json().get("id").asText() + "/checkout";
        Api.Response opening = api.get(checkoutPath)
                .origin(shop.domain())
                .bearer(order.customer())
                .send();
        assertThat(opening.status()).as(opening.toString()).isEqualTo(409);
        assertThat(opening.code()).isEqualTo("payment_opening");
        Api.Response checkout = Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> api.get(checkoutPath)
                                .origin(shop.domain())
                                .bearer(order.customer())
                                .send(),
                        r -> r.status() == 200);
        assertThat(checkout.json().get("clientSecret").asText()).isEqualTo(intent + "_secret_slow");
    }

    private static String event(String id, String type, String object) {
        return """
                {"id": "%s", "object": "event", "type": "%s", "data": {"object": %s}}
                """.formatted(id, type, object);
    }

    private static String intentObject(String intent) {
        return """
                {"id": "%s", "object": "payment_intent"}""".formatted(intent);
    }

    /** A Stripe payment that Stripe reported succeeded, once the payment is paid. */
    private Opened paidStripePayment() {
        Opened opened = openStripePayment();
        String succeeded = event(
                "evt_" + UUID.randomUUID().toString().replace("-", ""),
                "payment_intent.succeeded",
                intentObject(opened.intentId()));
        assertThat(webhooks.stripe(webhookPath, succeeded, Webhooks.stripeSignature(webhookSecret, succeeded))
                        .status())
                .isEqualTo(200);
        awaitPaymentStatus(opened.paymentId(), "paid");
        return opened;
    }

    /** Stripe's refund API for one PaymentIntent answers with {@code status} and {@code body}. */
    private void stubRefunds(String intent, int status, String body) {
        stripe.stubFor(post(urlEqualTo("/v1/refunds"))
                .withHeader("Authorization", equalTo("Bearer " + secretKey))
                .withRequestBody(containing("payment_intent=" + intent))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    private Api.Response refund(String paymentId) {
        return api.post("/api/v1/payments/" + paymentId + "/refunds")
                .origin(shop.domain())
                .bearer(owner)
                .json(Map.of("reason", "returned"))
                .send();
    }

    /** Refunds {@code amountMinor} of the payment, as staff do through the API. */
    private Api.Response refund(String paymentId, long amountMinor) {
        return api.post("/api/v1/payments/" + paymentId + "/refunds")
                .origin(shop.domain())
                .bearer(owner)
                .json(Map.of("amountMinor", amountMinor, "reason", "goodwill"))
                .send();
    }

    private JsonNode order(String orderId) {
        Api.Response read = api.get("/api/v1/orders/" + orderId).in(shop, owner).send();
        read.assertStatus(200);
        return read.json();
    }

    @Test
    @DisplayName(
            "a full refund through /refunds moves the paid order to refunded, in its history and with a credit note;"
                    + " a partial refund leaves it paid")
    void fullRefundRefundsTheOrder() {
        Opened paid = paidStripePayment();
        Orders.awaitStatus(api, shop, owner, paid.orderId(), "paid");
        stubRefunds(paid.intentId(), 200, """
                {"id": "re_1", "object": "refund", "status": "succeeded"}""");

        long part = paid.amountMinor() / 4;
        refund(paid.paymentId(), part).assertStatus(200);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> payment(paid.paymentId()).get("refundedMinor").asLong() == part);
        Awaitility.await()
                .during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> order(paid.orderId()).get("status").asText().equals("paid"));

        refund(paid.paymentId()).assertStatus(200);
        awaitPaymentStatus(paid.paymentId(), "refunded");
        Orders.awaitStatus(api, shop, owner, paid.orderId(), "refunded");
        List<String> steps = new ArrayList<>();
        order(paid.orderId())
                .get("history")
                .forEach(h ->
                        steps.add(h.get("from").asText(null) + "→" + h.get("to").asText()));
        assertThat(steps).containsExactly("null→pending", "pending→paid", "paid→refunded");
        JsonNode creditNotes = Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(
                        () -> api.get("/api/v1/invoices?kind=credit_note")
                                .in(shop, owner)
                                .send()
                                .json()
                                .get("items"),
                        items -> items.size() == 1);
        assertThat(creditNotes.get(0).get("orderId").asText()).isEqualTo(paid.orderId());
        assertThat(creditNotes.get(0).get("totals").get("totalMinor").asLong()).isEqualTo(-paid.amountMinor());
    }

    @Test
    @DisplayName("a Stripe payment opens a PaymentIntent for the order's total with the tenant's secret key only")
    void createsPaymentIntent() {
        Opened opened = openStripePayment();

        stripe.verify(postRequestedFor(urlEqualTo("/v1/payment_intents"))
                .withHeader("Authorization", equalTo("Bearer " + secretKey))
                .withHeader("Idempotency-Key", equalTo("payment-" + opened.paymentId()))
                .withRequestBody(containing("amount=" + opened.amountMinor()))
                .withRequestBody(containing("currency=eur"))
                .withRequestBody(containing("metadata[payment_id]=" + opened.paymentId())
                        .or(containing("metadata%5Bpayment_id%5D=" + opened.paymentId()))));
        List<LoggedRequest> sent = stripe.findAll(anyRequestedFor(anyUrl()));
        assertNeverSent(sent, webhookSecret);
    }

    @Test
    @DisplayName("a correctly signed payment_intent.succeeded pays the payment, once, however often it is delivered")
    void signedWebhookPaysOnce() {
        Opened opened = openStripePayment();
        String eventId = "evt_" + UUID.randomUUID().toString().replace("-", "");
        String payload = event(eventId, "payment_intent.succeeded", intentObject(opened.intentId()));
        String signed = Webhooks.stripeSignature(webhookSecret, Instant.now().getEpochSecond(), payload);

        Api.Response delivered = webhooks.stripe(webhookPath, payload, signed);
        assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
        assertThat(delivered.json().get("result").asText()).isEqualTo("processed");
        awaitPaymentStatus(opened.paymentId(), "paid");
        long version = payment(opened.paymentId()).get("version").asLong();

        Api.Response replayed = webhooks.stripe(webhookPath, payload, signed);
        assertReplayIgnored(replayed, eventId, opened.paymentId(), version);
    }

    @Test
    @DisplayName("forged, stale or foreign-tenant deliveries are refused or ignored and move nothing")
    void refusesUnverifiedDeliveries() {
        Opened opened = openStripePayment();
        String eventId = "evt_" + UUID.randomUUID().toString().replace("-", "");
        String payload = event(eventId, "payment_intent.payment_failed", intentObject(opened.intentId()));
        long now = Instant.now().getEpochSecond();

        Api.Response forged =
                webhooks.stripe(webhookPath, payload, Webhooks.stripeSignature("whsec_guessed", now, payload));
        assertThat(forged.status()).as(forged.toString()).isEqualTo(400);
        assertThat(forged.code()).isEqualTo("invalid_signature");

        Api.Response stale =
                webhooks.stripe(webhookPath, payload, Webhooks.stripeSignature(webhookSecret, now - 600, payload));
        assertThat(stale.status()).isEqualTo(400);
        assertThat(stale.code()).isEqualTo("invalid_signature");

        Api.Response tampered = webhooks.stripe(
                webhookPath,
                payload.replace("payment_failed", "succeeded"),
                Webhooks.stripeSignature(webhookSecret, now, payload));
        assertThat(tampered.status()).isEqualTo(400);

        Api.Response unknownEndpoint = webhooks.stripe(
                "/api/v1/webhooks/stripe/" + UUID.randomUUID(),
                payload,
                Webhooks.stripeSignature(webhookSecret, now, payload));
        assertThat(unknownEndpoint.status()).isEqualTo(400);
        assertThat(unknownEndpoint.code()).isEqualTo(forged.code());
        assertThat(unknownEndpoint.json().get("detail")).isEqualTo(forged.json().get("detail"));

        // Another tenant, with its own Stripe account and secret, cannot move this tenant's payment.
        Platform.Shop other = platform.newShop();
        String otherSecret = "whsec_" + UUID.randomUUID().toString().replace("-", "");
        String otherPath = configureStripe(other, platform.ownerToken(other), "sk_test_other_key", otherSecret);
        Api.Response viaOwnEndpoint =
                webhooks.stripe(otherPath, payload, Webhooks.stripeSignature(otherSecret, now, payload));
        assertThat(viaOwnEndpoint.status()).isEqualTo(200);
        assertThat(viaOwnEndpoint.json().get("result").asText()).isEqualTo("ignored");
        Api.Response viaThisEndpoint =
                webhooks.stripe(webhookPath, payload, Webhooks.stripeSignature(otherSecret, now, payload));
        assertThat(viaThisEndpoint.status()).isEqualTo(400);

        assertThat(recordedEvents(shop, eventId)).isZero();
        assertThat(payment(opened.paymentId()).get("status").asText()).isEqualTo("pending");
        assertThat(payment(opened.paymentId()).get("version").asLong())
                .as("moved by its opening only")
                .isEqualTo(1);
    }

    @Test
    @DisplayName("a flood of bad deliveries at one tenant's webhook URL leaves another tenant's deliveries alone")
    void floodAtOneEndpointLeavesOthersAlone() {
        Platform.Shop other = platform.newShop();
        String otherSecret = "whsec_" + UUID.randomUUID().toString().replace("-", "");
        String otherPath = configureStripe(other, platform.ownerToken(other), "sk_test_other_key", otherSecret);
        String payload = event("evt_" + UUID.randomUUID().toString().replace("-", ""), "customer.created", "{}");
        long now = Instant.now().getEpochSecond();

        Api.Response first =
                webhooks.stripe(webhookPath, payload, Webhooks.stripeSignature("whsec_forged", now, payload));
        long limit = Long.parseLong(first.header("RateLimit-Limit"));
        Api.Response last = first;
        // The bucket refills gradually, so a few more than the limit may pass while the flood runs.
        for (long i = 1; i <= 2 * limit && last.status() != 429; i++) {
            last = webhooks.stripe(webhookPath, payload, Webhooks.stripeSignature("whsec_forged", now, payload));
        }
        assertThat(last.status()).as(last.toString()).isEqualTo(429);
        assertThat(last.code()).isEqualTo("rate_limited");

        Api.Response elsewhere =
                webhooks.stripe(otherPath, payload, Webhooks.stripeSignature(otherSecret, now, payload));
        assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(200);
        assertThat(Long.parseLong(elsewhere.header("RateLimit-Remaining"))).isEqualTo(limit - 1);
    }

    @Test
    @DisplayName("a verified delivery is kept with its raw body and headers for audit, under its tenant only")
    void keepsRawDeliveries() {
        String eventId = "evt_" + UUID.randomUUID().toString().replace("-", "");
        String payload = event(eventId, "customer.created", "{}");
        String signed = Webhooks.stripeSignature(webhookSecret, Instant.now().getEpochSecond(), payload);

        assertThat(webhooks.stripe(webhookPath, payload, signed).status()).isEqualTo(200);

        Map<String, Object> kept = asTenant(
                shop,
                () -> jdbc.queryForMap(
                        "SELECT body, headers::text AS headers, outcome FROM webhook_deliveries WHERE event_id = ?",
                        eventId));
        assertThat(kept.get("body")).isEqualTo(payload);
        assertThat((String) kept.get("headers")).contains("\"stripe-signature\": \"" + signed + "\"");
        assertThat(kept.get("outcome")).isEqualTo("ignored");
        Platform.Shop other = platform.newShop();
        assertThat(recordedEvents(other, eventId)).isZero();
    }

    @Test
    @DisplayName("payment_intent.payment_failed fails the payment and charge.refunded in full refunds it")
    void failsAndRefunds() {
        Opened failing = openStripePayment();
        String failed = event(
                "evt_" + UUID.randomUUID().toString().replace("-", ""), "payment_intent.payment_failed", """
                {"id": "%s", "object": "payment_intent", "last_payment_error": {"message": "Your card was declined."}}""".formatted(
                                failing.intentId()));
        long now = Instant.now().getEpochSecond();
        assertThat(webhooks.stripe(webhookPath, failed, Webhooks.stripeSignature(webhookSecret, now, failed))
                        .status())
                .isEqualTo(200);
        awaitPaymentStatus(failing.paymentId(), "failed");
        assertThat(payment(failing.paymentId()).get("failureReason").asText()).isEqualTo("Your card was declined.");

        // A failed payment cannot be paid: the event is acknowledged as refused, remembered, and moves nothing.
        String lateSuccessId = "evt_" + UUID.randomUUID().toString().replace("-", "");
        String lateSuccess = event(lateSuccessId, "payment_intent.succeeded", intentObject(failing.intentId()));
        Api.Response late =
                webhooks.stripe(webhookPath, lateSuccess, Webhooks.stripeSignature(webhookSecret, now, lateSuccess));
        assertThat(late.status()).as(late.toString()).isEqualTo(200);
        assertThat(late.json().get("result").asText()).isEqualTo("refused");
        assertThat(recordedEvents(shop, lateSuccessId)).isEqualTo(1);
        assertThat(payment(failing.paymentId()).get("status").asText()).isEqualTo("failed");

        Opened paying = openStripePayment();
        String succeeded = event(
                "evt_" + UUID.randomUUID().toString().replace("-", ""),
                "payment_intent.succeeded",
                intentObject(paying.intentId()));
        assertThat(webhooks.stripe(webhookPath, succeeded, Webhooks.stripeSignature(webhookSecret, now, succeeded))
                        .status())
                .isEqualTo(200);
        String refunded =
                event("evt_" + UUID.randomUUID().toString().replace("-", ""), "charge.refunded", """
                {"id": "ch_1", "object": "charge", "payment_intent": "%s", "amount": %d, "amount_refunded": %d}""".formatted(
                                paying.intentId(), paying.amountMinor(), paying.amountMinor()));
        assertThat(webhooks.stripe(webhookPath, refunded, Webhooks.stripeSignature(webhookSecret, now, refunded))
                        .status())
                .isEqualTo(200);
        awaitPaymentStatus(paying.paymentId(), "refunded");
        assertThat(payment(paying.paymentId()).get("refundedMinor").asLong()).isEqualTo(paying.amountMinor());
    }

    @Test
    @DisplayName("two refunds of one payment sent at once reach Stripe once: one is accepted, the other refused")
    void concurrentRefundsReachStripeOnce() throws Exception {
        Opened paid = paidStripePayment();
        stubRefunds(paid.intentId(), 200, """
                {"id": "re_1", "object": "refund", "status": "succeeded", "amount": %d}""".formatted(paid.amountMinor()));

        CountDownLatch start = new CountDownLatch(1);
        Callable<Api.Response> refundAtOnce = () -> {
            start.await();
            return refund(paid.paymentId());
        };
        ExecutorService callers = Executors.newFixedThreadPool(2);
        List<Api.Response> answers;
        try {
            List<Future<Api.Response>> sent = List.of(callers.submit(refundAtOnce), callers.submit(refundAtOnce));
            start.countDown();
            answers = List.of(sent.get(0).get(), sent.get(1).get());
        } finally {
            callers.shutdownNow();
        }

        assertThat(answers)
                .extracting(Api.Response::status)
                .as(answers.toString())
                .containsExactlyInAnyOrder(200, 409);
        Api.Response refused =
                answers.stream().filter(a -> a.status() == 409).findFirst().orElseThrow();
        // Refused while the first is pending, or (if that one was quicker) because nothing remains.
        assertThat(refused.code()).isIn("refund_pending", "invalid_state");
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> payment(paid.paymentId()).get("status").asText().equals("refunded"));
        assertThat(payment(paid.paymentId()).get("refundedMinor").asLong()).isEqualTo(paid.amountMinor());
        stripe.verify(
                exactly(1),
                postRequestedFor(urlEqualTo("/v1/refunds"))
                        .withRequestBody(containing("payment_intent=" + paid.intentId())));
        stripe.verify(postRequestedFor(urlEqualTo("/v1/refunds"))
                .withRequestBody(containing("payment_intent=" + paid.intentId()))
                .withRequestBody(containing("amount=" + paid.amountMinor()))
                .withHeader("Idempotency-Key", matching("refund-[0-9a-f-]{36}")));
    }

    @Test
    @DisplayName("a refund Stripe declines leaves the payment paid and refundable again, with the reason shown")
    void declinedRefundCanBeRetried() {
        Opened paid = paidStripePayment();
        stubRefunds(paid.intentId(), 400, """
                {"error": {"type": "invalid_request_error", "code": "charge_disputed",
                 "message": "This charge is disputed."}}""");

        Api.Response first = refund(paid.paymentId());
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode payment = payment(paid.paymentId());
            assertThat(payment.get("status").asText()).isEqualTo("paid");
            assertThat(payment.get("failureReason").asText()).isEqualTo("The payment provider refused the request.");
            assertThat(payment.get("refundedMinor").asLong()).isZero();
        });

        stubRefunds(paid.intentId(), 200, """
                {"id": "re_2", "object": "refund", "status": "succeeded"}""");
        Api.Response second = refund(paid.paymentId());
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> payment(paid.paymentId()).get("status").asText().equals("refunded"));
        List<String> keys = stripe
                .findAll(postRequestedFor(urlEqualTo("/v1/refunds"))
                        .withRequestBody(containing("payment_intent=" + paid.intentId())))
                .stream()
                .map(request -> request.getHeader("Idempotency-Key"))
                .toList();
        assertThat(keys)
                .as("one call per refund, each under a key of its own")
                .hasSize(2)
                .doesNotHaveDuplicates();
    }
}
