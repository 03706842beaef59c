package dev.tenantcore.command.payments.provider.paypal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.command.payments.provider.PaymentProvider.Outcome;
import dev.tenantcore.command.payments.provider.PaymentProvider.ProviderEvent;
import dev.tenantcore.command.payments.provider.PaymentProvider.ProviderPayment;
import dev.tenantcore.command.payments.provider.ProviderCredentials;
import dev.tenantcore.command.support.TestOutboundHttp;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

@DisplayName("PayPal payment provider")
class PayPalPaymentProviderTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final ProviderCredentials CREDENTIALS =
            new ProviderCredentials("client-acme", "secret-acme-123", "8PT597110X687430LKGECATA", null, null);
    private static final String ORDER = "5O190127TN364715T";
    private static final UUID REFUND = UUID.randomUUID();
    private static final String CAPTURE = "3C679366HH908993F";

    private WireMockServer paypal;
    private PayPalPaymentProvider provider;

    @BeforeEach
    void start() {
        paypal = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        paypal.start();
        MockEnvironment env =
                new MockEnvironment().withProperty(PayPalPaymentProvider.API_BASE_PROPERTY, paypal.baseUrl());
        provider = new PayPalPaymentProvider(
                env, TestOutboundHttp.allowingLoopback(), new ObjectMapper(), Clock.fixed(NOW, ZoneOffset.UTC));
        paypal.stubFor(post(urlEqualTo("/v1/oauth2/token"))
                .withHeader("Authorization", equalTo(basic("client-acme", "secret-acme-123")))
                .withRequestBody(equalTo("grant_type=client_credentials"))
                .willReturn(okJson("""
                        {"scope": "https://uri.paypal.com/services/payments/payment", "access_token": "A21-acme",
                         "token_type": "Bearer", "app_id": "APP-1", "expires_in": 32400, "nonce": "n"}""")));
    }

    @AfterEach
    void stop() {
        paypal.stop();
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static String order(String status, String captures) {
        return """
                {"id": "%s", "status": "%s",
                 "purchase_units": [{"reference_id": "default", "payments": {"captures": %s}}],
                 "links": [
                   {"href": "https://api-m.paypal.com/v2/checkout/orders/%s", "rel": "self", "method": "GET"},
                   {"href": "https://www.paypal.com/checkoutnow?token=%s", "rel": "approve", "method": "GET"}]}
                """.formatted(ORDER, status, captures, ORDER, ORDER);
    }

    @Test
    @DisplayName("creates an order for the exact amount in the currency's digits, idempotently per payment")
    void createsOrders() {
        paypal.stubFor(post(urlEqualTo("/v2/checkout/orders"))
                .withHeader("Authorization", equalTo("Bearer A21-acme"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody(order("CREATED", "[]"))));
        PaymentId payment = PaymentId.random();

        ProviderPayment usd = provider.create(CREDENTIALS, payment, Money.of(1234, "USD"));
        provider.create(CREDENTIALS, PaymentId.random(), Money.of(1234, "JPY"));
        provider.create(CREDENTIALS, PaymentId.random(), Money.of(5, "EUR"));

        assertThat(usd)
                .isEqualTo(new ProviderPayment(ORDER, null, "https://www.paypal.com/checkoutnow?token=" + ORDER));
        paypal.verify(postRequestedFor(urlEqualTo("/v2/checkout/orders"))
                .withHeader("PayPal-Request-Id", equalTo("payment-" + payment))
                .withRequestBody(equalToJson("""
                        {"intent": "CAPTURE", "purchase_units": [
                          {"custom_id": "%s", "amount": {"currency_code": "USD", "value": "12.34"}}]}
                        """.formatted(payment))));
        paypal.verify(postRequestedFor(urlEqualTo("/v2/checkout/orders"))
                .withRequestBody(matchingJsonPath("$.purchase_units[0].amount.value", equalTo("1234"))));
        paypal.verify(postRequestedFor(urlEqualTo("/v2/checkout/orders"))
                .withRequestBody(matchingJsonPath("$.purchase_units[0].amount.value", equalTo("0.05"))));
        // One token serves all three calls until it nears its expiry.
        paypal.verify(1, postRequestedFor(urlEqualTo("/v1/oauth2/token")));
    }

    @Test
    @DisplayName("PayPal's whole-number currencies are sent without decimals, and fractions of them refused")
    void wholeNumberCurrencies() {
        assertThat(PayPalPaymentProvider.decimal(Money.of(123400, "HUF"))).isEqualTo("1234");
        assertThatThrownBy(() -> PayPalPaymentProvider.decimal(Money.of(123450, "HUF")))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    @DisplayName("reads an order's approval link again, also under PayPal's newer payer-action name")
    void retrievesOrders() {
        paypal.stubFor(get(urlEqualTo("/v2/checkout/orders/" + ORDER))
                .withHeader("Authorization", equalTo("Bearer A21-acme"))
                .willReturn(okJson(order("PAYER_ACTION_REQUIRED", "[]").replace("\"approve\"", "\"payer-action\""))));

        assertThat(provider.retrieve(CREDENTIALS, ORDER).checkoutUrl())
                .isEqualTo("https://www.paypal.com/checkoutnow?token=" + ORDER);
    }

    @Test
    @DisplayName("refunds through the order's capture with the amount and a request id")
    void refundsTheCapture() {
        paypal.stubFor(get(urlEqualTo("/v2/checkout/orders/" + ORDER))
                .willReturn(okJson(order("COMPLETED", """
                        [{"id": "%s", "status": "COMPLETED", "amount": {"currency_code": "USD", "value": "12.34"}}]
                        """.formatted(CAPTURE)))));
        paypal.stubFor(post(urlEqualTo("/v2/payments/captures/" + CAPTURE + "/refund"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"id": "1JU08902781691411", "status": "COMPLETED"}""")));

        provider.refund(CREDENTIALS, ORDER, Money.of(500, "USD"), REFUND);

        paypal.verify(postRequestedFor(urlEqualTo("/v2/payments/captures/" + CAPTURE + "/refund"))
                .withHeader("Authorization", equalTo("Bearer A21-acme"))
                .withHeader("PayPal-Request-Id", equalTo("refund-" + REFUND))
                .withRequestBody(equalToJson("""
                        {"amount": {"currency_code": "USD", "value": "5.00"}}""")));
    }

    @Test
    @DisplayName("an order not yet captured cannot be refunded, and PayPal's refusals become provider failures")
    void refundFailures() {
        paypal.stubFor(get(urlEqualTo("/v2/checkout/orders/" + ORDER)).willReturn(okJson(order("APPROVED", "[]"))));
        assertThatThrownBy(() -> provider.refund(CREDENTIALS, ORDER, Money.of(500, "USD"), REFUND))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));

        paypal.stubFor(get(urlEqualTo("/v2/checkout/orders/" + ORDER))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"name": "RESOURCE_NOT_FOUND", "debug_id": "f0c5e1"}""")));
        assertThatThrownBy(() -> provider.refund(CREDENTIALS, ORDER, Money.of(500, "USD"), REFUND))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYMENT_PROVIDER_FAILED));
    }

    @Test
    @DisplayName("captures an approved order once per order and reports the completed capture")
    void capturesApprovedOrders() {
        paypal.stubFor(post(urlEqualTo("/v2/checkout/orders/" + ORDER + "/capture"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody(order("COMPLETED", """
                                [{"id": "%s", "status": "COMPLETED"}]""".formatted(CAPTURE)))));

        assertThat(provider.afterAuthorized(CREDENTIALS, ORDER))
                .contains(new ProviderEvent(CAPTURE, ORDER, Outcome.SUCCEEDED, null, null));
        paypal.verify(postRequestedFor(urlEqualTo("/v2/checkout/orders/" + ORDER + "/capture"))
                .withHeader("Authorization", equalTo("Bearer A21-acme"))
                .withHeader("PayPal-Request-Id", equalTo("capture-" + ORDER)));

        paypal.stubFor(post(urlEqualTo("/v2/checkout/orders/" + ORDER + "/capture"))
                .willReturn(aResponse()
                        .withStatus(422)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"name": "UNPROCESSABLE_ENTITY", "details": [{"issue": "ORDER_ALREADY_CAPTURED"}]}""")));
        assertThat(provider.afterAuthorized(CREDENTIALS, ORDER)).isEqualTo(Optional.empty());
    }

    // --- webhooks

    private Map<String, String> headers(Instant sent) {
        Map<String, String> headers = new HashMap<>();
        headers.put("paypal-transmission-id", "69cd13f0-d67a-11e5-baa3-778b53f4ae55");
        headers.put("paypal-transmission-time", sent.toString());
        headers.put(
                "paypal-transmission-sig",
                "lmI95Jx3Y9nhR5SJWlHVIWpg4AgFk7n9bCHSRxbrd8A9zrhdu2rMyFrmz+Zjh3s3boXB07VXCXUZy/UFzUlnGJn0wDugt7FlSvdKeIJenLRemUxYCPVoEZzg9VFNqOa48gMkvF+XTpxBeUx/kWy6B5cp7GkT2+pOowfRK7OaynuxUoKW3JcMWw272VKjLTtTAShncla7tGF+55rxyt2KNZIIqxNMJ48RDZheGU5w1npu9dZHnPgTXB9iomeVRoD8O/jhRpnKsGrDschyNdkeh81BJJMH4Ctc6lnCCquoP/GzCzz33MMsNdid7vL/NIWaCsekQpW26FpWPi/tfj8nLA==");
        headers.put(
                "paypal-cert-url",
                "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77");
        headers.put("paypal-auth-algo", "SHA256withRSA");
        return headers;
    }

    private void verificationAnswers(String status) {
        paypal.stubFor(post(urlEqualTo("/v1/notifications/verify-webhook-signature"))
                .withHeader("Authorization", equalTo("Bearer A21-acme"))
                .willReturn(okJson("{\"verification_status\": \"%s\"}".formatted(status))));
    }

    private static String event(String type, String resource) {
        return """
                {"id": "WH-58D329510W468432D-8HN650336L201105X", "event_version": "1.0",
                 "create_time": "2026-03-01T11:59:58.000Z", "resource_type": "checkout-order",
                 "event_type": "%s", "summary": "s", "resource": %s}""".formatted(type, resource);
    }

    @Test
    @DisplayName("asks PayPal to verify a delivery with the tenant's webhook id and the event as sent")
    void verifiesThroughPayPal() {
        verificationAnswers("SUCCESS");
        String payload =
                event("CHECKOUT.ORDER.APPROVED", "{\"id\": \"%s\", \"status\": \"APPROVED\"}".formatted(ORDER));

        ProviderEvent event = provider.verifyWebhook(CREDENTIALS, headers(NOW.minusSeconds(30)), payload);

        assertThat(event)
                .isEqualTo(new ProviderEvent(
                        "WH-58D329510W468432D-8HN650336L201105X", ORDER, Outcome.AUTHORIZED, null, null));
        paypal.verify(postRequestedFor(urlEqualTo("/v1/notifications/verify-webhook-signature"))
                .withRequestBody(equalToJson("""
                        {"auth_algo": "SHA256withRSA",
                         "cert_url": "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77",
                         "transmission_id": "69cd13f0-d67a-11e5-baa3-778b53f4ae55",
                         "transmission_sig": "%s",
                         "transmission_time": "%s",
                         "webhook_id": "8PT597110X687430LKGECATA",
                         "webhook_event": %s}
                        """.formatted(
                                headers(NOW).get("paypal-transmission-sig"),
                                NOW.minusSeconds(30).toString(),
                                payload))));
    }

    @Test
    @DisplayName("refuses a delivery PayPal does not verify, a stale or future one, or one missing a header")
    void refusesUnverified() {
        String payload = event("CHECKOUT.ORDER.APPROVED", "{\"id\": \"%s\"}".formatted(ORDER));
        verificationAnswers("FAILURE");
        assertRefused(headers(NOW), payload);

        verificationAnswers("SUCCESS");
        assertRefused(headers(NOW.minusSeconds(301)), payload);
        assertRefused(headers(NOW.plusSeconds(301)), payload);
        for (String name : headers(NOW).keySet()) {
            Map<String, String> missing = headers(NOW);
            missing.remove(name);
            assertRefused(missing, payload);
        }
        assertRefused(headers(NOW), "not json");
        // Only the failure was ever put to PayPal: stale, incomplete and malformed ones stop here.
        paypal.verify(1, postRequestedFor(urlEqualTo("/v1/notifications/verify-webhook-signature")));

        paypal.stubFor(post(urlEqualTo("/v1/notifications/verify-webhook-signature"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"name\": \"VALIDATION_ERROR\"}")));
        assertRefused(headers(NOW), payload);
    }

    private void assertRefused(Map<String, String> headers, String payload) {
        assertThatThrownBy(() -> provider.verifyWebhook(CREDENTIALS, headers, payload))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE));
    }

    @Nested
    @DisplayName("once PayPal vouches for a webhook's signature")
    class VouchedWebhooks {

        @BeforeEach
        void payPalVouches() {
            verificationAnswers("SUCCESS");
        }

        @Test
        @DisplayName("maps captures completed, denied and declined to the order they belong to")
        void mapsCaptureEvents() {
            String capture = """
                    {"id": "%s", "status": "COMPLETED", "amount": {"currency_code": "USD", "value": "12.34"},
                     "supplementary_data": {"related_ids": {"order_id": "%s"}}}""".formatted(CAPTURE, ORDER);

            assertThat(provider.verifyWebhook(CREDENTIALS, headers(NOW), event("PAYMENT.CAPTURE.COMPLETED", capture)))
                    .extracting(ProviderEvent::providerPaymentId, ProviderEvent::outcome)
                    .containsExactly(ORDER, Outcome.SUCCEEDED);
            assertThat(provider.verifyWebhook(CREDENTIALS, headers(NOW), event("PAYMENT.CAPTURE.DENIED", capture)))
                    .extracting(ProviderEvent::providerPaymentId, ProviderEvent::outcome)
                    .containsExactly(ORDER, Outcome.FAILED);
            assertThat(provider.verifyWebhook(CREDENTIALS, headers(NOW), event("PAYMENT.CAPTURE.DECLINED", capture)))
                    .extracting(ProviderEvent::outcome)
                    .isEqualTo(Outcome.FAILED);
            assertThat(provider.verifyWebhook(CREDENTIALS, headers(NOW), event("CHECKOUT.ORDER.COMPLETED", capture)))
                    .extracting(ProviderEvent::providerPaymentId, ProviderEvent::outcome)
                    .containsExactly(null, Outcome.IGNORED);
        }

        @Test
        @DisplayName("maps a refund to the order only once its capture is refunded in full")
        void mapsRefunds() {
            String refund = """
                    {"id": "1JU08902781691411", "status": "COMPLETED", "amount": {"currency_code": "USD", "value": "12.34"},
                     "links": [
                       {"href": "https://api-m.paypal.com/v2/payments/refunds/1JU08902781691411", "rel": "self", "method": "GET"},
                       {"href": "https://api-m.paypal.com/v2/payments/captures/%s", "rel": "up", "method": "GET"}]}
                    """.formatted(CAPTURE);
            paypal.stubFor(get(urlEqualTo("/v2/payments/captures/" + CAPTURE))
                    .withHeader("Authorization", equalTo("Bearer A21-acme"))
                    .willReturn(okJson("""
                            {"id": "%s", "status": "REFUNDED", "amount": {"currency_code": "USD", "value": "12.34"},
                             "supplementary_data": {"related_ids": {"order_id": "%s"}}}""".formatted(CAPTURE, ORDER))));

            assertThat(provider.verifyWebhook(CREDENTIALS, headers(NOW), event("PAYMENT.CAPTURE.REFUNDED", refund)))
                    .isEqualTo(new ProviderEvent(
                            "WH-58D329510W468432D-8HN650336L201105X", ORDER, Outcome.REFUNDED, 1234L, null));

            paypal.stubFor(get(urlEqualTo("/v2/payments/captures/" + CAPTURE))
                    .willReturn(okJson("""
                            {"id": "%s", "status": "PARTIALLY_REFUNDED", "amount": {"currency_code": "USD", "value": "12.34"},
                             "supplementary_data": {"related_ids": {"order_id": "%s"}}}""".formatted(CAPTURE, ORDER))));
            assertThat(provider.verifyWebhook(CREDENTIALS, headers(NOW), event("PAYMENT.CAPTURE.REFUNDED", refund))
                            .outcome())
                    .isEqualTo(Outcome.IGNORED);
        }
    }

    @Test
    @DisplayName("another tenant's credentials never reuse this tenant's access token")
    void tokensArePerCredentials() {
        paypal.stubFor(post(urlEqualTo("/v1/oauth2/token"))
                .withHeader("Authorization", equalTo(basic("client-acme", "guessed-secret")))
                .willReturn(aResponse().withStatus(401).withBody("{\"error\": \"invalid_client\"}")));
        paypal.stubFor(get(urlEqualTo("/v2/checkout/orders/" + ORDER)).willReturn(okJson(order("CREATED", "[]"))));

        provider.retrieve(CREDENTIALS, ORDER);
        ProviderCredentials impostor = new ProviderCredentials("client-acme", "guessed-secret", "WH1", null, null);

        assertThatThrownBy(() -> provider.retrieve(impostor, ORDER))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYMENT_PROVIDER_FAILED));
        paypal.verify(2, postRequestedFor(urlEqualTo("/v1/oauth2/token")));
    }
}
