package dev.tenantcore.command.payments.provider.btcpay;

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
import dev.tenantcore.infra.http.HostResolver;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BtcPayPaymentProviderTest {

    private static final String STORE = "9CiNzKoANXxmk5ayZngSXrHTiVvvgCrwrpFQd4m2K776";
    private static final String API_KEY = "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b";
    private static final String WEBHOOK_SECRET = "whsec-btcpay-0123456789";
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    static WireMockServer btcpay;

    BtcPayPaymentProvider provider;
    ProviderCredentials credentials;

    @BeforeAll
    static void start() {
        btcpay = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        btcpay.start();
    }

    @AfterAll
    static void stop() {
        btcpay.stop();
    }

    @BeforeEach
    void setUp() {
        btcpay.resetAll();
        provider = provider(true);
        credentials = new ProviderCredentials(null, API_KEY, WEBHOOK_SECRET, STORE, btcpay.baseUrl());
    }

    @AfterEach
    void tearDown() throws Exception {
        provider.destroy();
    }

    private static BtcPayPaymentProvider provider(boolean allowPrivateAddresses) {
        return new BtcPayPaymentProvider(
                TestOutboundHttp.with(allowPrivateAddresses, HostResolver.SYSTEM),
                new ObjectMapper(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static String invoice(String id, String orderId) {
        return """
                {"id": "%s", "storeId": "%s", "amount": "12.50", "currency": "EUR", "status": "New",
                 "checkoutLink": "https://pay.shop.example/i/%s", "metadata": {"orderId": "%s"}}
                """.formatted(id, STORE, id, orderId);
    }

    @Test
    @DisplayName("create opens an invoice in the tenant's store for the exact amount with the tenant's API key")
    void createsInvoice() {
        PaymentId payment = PaymentId.random();
        btcpay.stubFor(
                get(urlPathEqualTo("/api/v1/stores/" + STORE + "/invoices")).willReturn(okJson("[]")));
        btcpay.stubFor(post(urlEqualTo("/api/v1/stores/" + STORE + "/invoices"))
                .willReturn(okJson(invoice("INV1", payment.toString()))));

        ProviderPayment opened = provider.create(credentials, payment, Money.of(1250, "EUR"));

        assertThat(opened).isEqualTo(new ProviderPayment("INV1", null, "https://pay.shop.example/i/INV1"));
        btcpay.verify(getRequestedFor(urlEqualTo("/api/v1/stores/" + STORE + "/invoices?orderId=" + payment))
                .withHeader("Authorization", equalTo("token " + API_KEY)));
        btcpay.verify(postRequestedFor(urlEqualTo("/api/v1/stores/" + STORE + "/invoices"))
                .withHeader("Authorization", equalTo("token " + API_KEY))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"amount": "12.50", "currency": "EUR", "metadata": {"orderId": "%s"}}
                        """.formatted(payment))));
        assertThat(btcpay.findAll(anyRequestedFor(anyUrl())))
                .allSatisfy(
                        r -> assertThat(r.getBodyAsString() + r.getHeaders()).doesNotContain(WEBHOOK_SECRET));
    }

    @Test
    @DisplayName("amounts are decimal strings in each currency's own exponent")
    void amountsInCurrencyExponent() {
        assertThat(BtcPayPaymentProvider.decimal(Money.of(1250, "EUR"))).isEqualTo("12.50");
        assertThat(BtcPayPaymentProvider.decimal(Money.of(5, "USD"))).isEqualTo("0.05");
        assertThat(BtcPayPaymentProvider.decimal(Money.of(1250, "JPY"))).isEqualTo("1250");
        assertThat(BtcPayPaymentProvider.decimal(Money.of(1250, "BHD"))).isEqualTo("1.250");
    }

    @Test
    @DisplayName("a retried create finds the invoice already opened for the payment and opens none")
    void retriedCreateReusesInvoice() {
        PaymentId payment = PaymentId.random();
        btcpay.stubFor(get(urlPathEqualTo("/api/v1/stores/" + STORE + "/invoices"))
                .willReturn(okJson("[" + invoice("INV-EXISTING", payment.toString()) + "]")));

        ProviderPayment opened = provider.create(credentials, payment, Money.of(1250, "EUR"));

        assertThat(opened.providerPaymentId()).isEqualTo("INV-EXISTING");
        btcpay.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    @DisplayName("an invoice listed for another order id is not taken for this payment")
    void otherOrderIdIsNotReused() {
        PaymentId payment = PaymentId.random();
        btcpay.stubFor(get(urlPathEqualTo("/api/v1/stores/" + STORE + "/invoices"))
                .willReturn(okJson("[" + invoice("INV-OTHER", "someone-else") + "]")));
        btcpay.stubFor(post(urlEqualTo("/api/v1/stores/" + STORE + "/invoices"))
                .willReturn(okJson(invoice("INV-NEW", payment.toString()))));

        assertThat(provider.create(credentials, payment, Money.of(1250, "EUR")).providerPaymentId())
                .isEqualTo("INV-NEW");
    }

    @Test
    @DisplayName("retrieve reads the invoice's checkout link live")
    void retrieves() {
        btcpay.stubFor(get(urlEqualTo("/api/v1/stores/" + STORE + "/invoices/INV1"))
                .withHeader("Authorization", equalTo("token " + API_KEY))
                .willReturn(okJson(invoice("INV1", "x"))));

        assertThat(provider.retrieve(credentials, "INV1"))
                .isEqualTo(new ProviderPayment("INV1", null, "https://pay.shop.example/i/INV1"));
    }

    @Test
    @DisplayName("refund opens a Custom refund for the amount in the invoice's currency")
    void refunds() {
        btcpay.stubFor(post(urlEqualTo("/api/v1/stores/" + STORE + "/invoices/INV1/refund"))
                .willReturn(okJson("""
                        {"id": "PP1", "name": "Refund INV1", "currency": "EUR", "amount": "5.00",
                         "viewLink": "https://pay.shop.example/pull-payments/PP1"}
                        """)));

        provider.refund(credentials, "INV1", Money.of(500, "EUR"), UUID.randomUUID());

        btcpay.verify(postRequestedFor(urlEqualTo("/api/v1/stores/" + STORE + "/invoices/INV1/refund"))
                .withHeader("Authorization", equalTo("token " + API_KEY))
                .withRequestBody(equalToJson("""
                        {"refundVariant": "Custom", "customAmount": "5.00", "customCurrency": "EUR"}
                        """)));
    }

    @Test
    @DisplayName("a BTCPay error or an invoice path that would escape the store becomes payment_provider_failed")
    void failures() {
        btcpay.stubFor(get(urlEqualTo("/api/v1/stores/" + STORE + "/invoices/INV1"))
                .willReturn(aResponse().withStatus(403)));
        assertThatThrownBy(() -> provider.retrieve(credentials, "INV1"))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYMENT_PROVIDER_FAILED));

        assertThatThrownBy(() -> provider.retrieve(credentials, "../../../users/me"))
                .isInstanceOf(DomainException.class);
        assertThat(btcpay.findAll(anyRequestedFor(anyUrl())))
                .allSatisfy(r -> assertThat(r.getUrl()).startsWith("/api/v1/stores/" + STORE + "/invoices/"));
    }

    @Test
    @DisplayName("outside tests the client refuses to connect to a private address, whatever the settings say")
    void connectionGuard() throws Exception {
        BtcPayPaymentProvider guarded = provider(false);
        try {
            assertThatThrownBy(() -> guarded.create(credentials, PaymentId.random(), Money.of(1250, "EUR")))
                    .isInstanceOfSatisfying(
                            DomainException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYMENT_PROVIDER_FAILED));
            assertThat(btcpay.findAll(anyRequestedFor(anyUrl()))).isEmpty();
        } finally {
            guarded.destroy();
        }
    }

    // Webhooks.

    private static String event(String type, String deliveryId, String original, long timestamp, String store) {
        return """
                {
                  "deliveryId": "%s",
                  "webhookId": "WH1",
                  "originalDeliveryId": %s,
                  "isRedelivery": %s,
                  "type": "%s",
                  "timestamp": %d,
                  "storeId": "%s",
                  "invoiceId": "INV1",
                  "metadata": {"orderId": "p-1"}
                }""".formatted(
                        deliveryId,
                        original == null ? "null" : "\"" + original + "\"",
                        original != null,
                        type,
                        timestamp,
                        store);
    }

    private static String fresh(String type) {
        return event(type, "D1", null, NOW.getEpochSecond() - 10, STORE);
    }

    static String sign(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ProviderEvent verify(String payload, String signature) {
        return provider.verifyWebhook(credentials, Map.of("btcpay-sig", signature), payload);
    }

    @Test
    @DisplayName("invoice events map to payment outcomes with the invoice as reference")
    void mapsEvents() {
        assertThat(verify(fresh("InvoiceSettled"), sign(WEBHOOK_SECRET, fresh("InvoiceSettled"))))
                .isEqualTo(new ProviderEvent("D1", "INV1", Outcome.SUCCEEDED, null, null));
        assertThat(verify(fresh("InvoiceProcessing"), sign(WEBHOOK_SECRET, fresh("InvoiceProcessing"))))
                .isEqualTo(new ProviderEvent("D1", "INV1", Outcome.AUTHORIZED, null, null));
        assertThat(verify(fresh("InvoiceExpired"), sign(WEBHOOK_SECRET, fresh("InvoiceExpired"))))
                .isEqualTo(new ProviderEvent("D1", "INV1", Outcome.FAILED, null, "InvoiceExpired"));
        assertThat(verify(fresh("InvoiceInvalid"), sign(WEBHOOK_SECRET, fresh("InvoiceInvalid"))))
                .isEqualTo(new ProviderEvent("D1", "INV1", Outcome.FAILED, null, "InvoiceInvalid"));
        assertThat(verify(fresh("InvoiceCreated"), sign(WEBHOOK_SECRET, fresh("InvoiceCreated"))))
                .isEqualTo(new ProviderEvent("D1", null, Outcome.IGNORED, null, null));
        assertThat(verify(fresh("InvoiceReceivedPayment"), sign(WEBHOOK_SECRET, fresh("InvoiceReceivedPayment")))
                        .outcome())
                .isEqualTo(Outcome.IGNORED);
    }

    @Test
    @DisplayName("a redelivery carries its original delivery's id, within BTCPay's automatic redelivery schedule")
    void redeliveries() {
        String late = event("InvoiceSettled", "D2", "D1", NOW.getEpochSecond() - 3600, STORE);
        assertThat(verify(late, sign(WEBHOOK_SECRET, late)).eventId()).isEqualTo("D1");

        String tooLate = event("InvoiceSettled", "D9", "D1", NOW.getEpochSecond() - 3 * 3600, STORE);
        assertThatThrownBy(() -> verify(tooLate, sign(WEBHOOK_SECRET, tooLate)))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE));
    }

    @Test
    @DisplayName("forged, tampered, unsigned, stale, future or foreign-store deliveries are refused alike")
    void refusals() {
        String settled = fresh("InvoiceSettled");
        String stale = event("InvoiceSettled", "D1", null, NOW.getEpochSecond() - 301, STORE);
        String future = event("InvoiceSettled", "D1", null, NOW.getEpochSecond() + 3600, STORE);
        String foreign = event("InvoiceSettled", "D1", null, NOW.getEpochSecond(), "AnotherStoreId");
        Map<String, String> refusals = Map.of(
                "forged", sign("guessed-secret", settled),
                "tampered", sign(WEBHOOK_SECRET, fresh("InvoiceExpired")),
                "uppercase scheme", sign(WEBHOOK_SECRET, settled).replace("sha256=", "SHA256="),
                "not hex", "sha256=zz");
        refusals.forEach((name, signature) -> assertThatThrownBy(() -> verify(settled, signature))
                .as(name)
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE)));
        for (String payload : new String[] {stale, future, foreign}) {
            assertThatThrownBy(() -> verify(payload, sign(WEBHOOK_SECRET, payload)))
                    .isInstanceOfSatisfying(
                            DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE));
        }
        assertThatThrownBy(() -> provider.verifyWebhook(credentials, Map.of(), settled))
                .isInstanceOf(DomainException.class);
    }
}
