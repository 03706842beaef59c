package dev.tenantcore.command.payments.provider.btcpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.command.payments.provider.PaymentProvider;
import dev.tenantcore.command.payments.provider.ProviderCredentials;
import dev.tenantcore.infra.http.OutboundHttp;
import dev.tenantcore.infra.webhooks.HmacSha256;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Crypto payments through a tenant's own BTCPay Server (Greenfield API v1): an invoice per payment
 * in the tenant's store, refunds as pull payments the buyer claims, and webhooks signed with the
 * store webhook's secret. Settings: {@code serverUrl} is the server, {@code accountId} the store id,
 * {@code secretKey} a Greenfield API key ({@code Authorization: token <key>}), {@code webhookSecret}
 * the webhook's secret. The server is the tenant's choice: its URL is vetted by {@link
 * BtcPayServers}, and every call goes through {@link OutboundHttp}, which refuses non-public
 * addresses at each connection and follows no redirect.
 */
@Component
class BtcPayPaymentProvider implements PaymentProvider, DisposableBean {

    /** A fresh delivery older than this is refused: a captured one cannot be replayed for long. */
    static final Duration FRESH_DELIVERY_TOLERANCE = Duration.ofMinutes(5);

    /**
     * How old a redelivery may be. BTCPay's redeliveries are copies of the original request with a
     * new {@code deliveryId}, {@code isRedelivery: true} and {@code originalDeliveryId} set, but the
     * original {@code timestamp}; its automatic redelivery retries a failed delivery after 10 s, 1 min,
     * then six times every 10 min (about 61 min in all). A redelivery is accepted within that schedule,
     * and handled once, since the event id is the original delivery's id. A manual redelivery from
     * BTCPay's UI later than this is refused: staff settle such a payment by hand instead.
     */
    static final Duration REDELIVERY_TOLERANCE = Duration.ofMinutes(65);

    private static final Logger log = LoggerFactory.getLogger(BtcPayPaymentProvider.class);

    private final ObjectMapper json;
    private final Clock clock;
    private final OutboundHttp.Client http;

    @Autowired
    BtcPayPaymentProvider(OutboundHttp http, ObjectMapper json) {
        this(http, json, Clock.systemUTC());
    }

    BtcPayPaymentProvider(OutboundHttp http, ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
        this.http = http.client("tenantcore-payments", http.defaults());
    }

    @Override
    public PaymentProviderKind kind() {
        return PaymentProviderKind.CRYPTO;
    }

    /**
     * BTCPay has no idempotency key, so the payment id goes into the invoice's indexed {@code
     * metadata.orderId} and an invoice already opened for it is looked up first: a retried call
     * returns that invoice instead of opening a second one.
     */
    @Override
    public ProviderPayment create(ProviderCredentials credentials, PaymentId paymentId, Money amount) {
        RestClient client = client(credentials);
        String orderId = paymentId.toString();
        JsonNode existing = call(
                "look up invoices",
                () -> client.get()
                        .uri("/api/v1/stores/{storeId}/invoices?orderId={orderId}", credentials.accountId(), orderId)
                        .retrieve()
                        .body(JsonNode.class));
        if (existing != null && existing.isArray()) {
            for (JsonNode invoice : existing) {
                if (orderId.equals(invoice.path("metadata").path("orderId").asText(null))) {
                    return payment(invoice);
                }
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", decimal(amount));
        body.put("currency", amount.currency());
        body.put("metadata", Map.of("orderId", orderId));
        JsonNode invoice = call(
                "create an invoice",
                () -> client.post()
                        .uri("/api/v1/stores/{storeId}/invoices", credentials.accountId())
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(body)
                        .retrieve()
                        .body(JsonNode.class));
        return payment(invoice);
    }

    @Override
    public ProviderPayment retrieve(ProviderCredentials credentials, String providerPaymentId) {
        RestClient client = client(credentials);
        JsonNode invoice = call(
                "read an invoice",
                () -> client.get()
                        .uri(
                                "/api/v1/stores/{storeId}/invoices/{invoiceId}",
                                credentials.accountId(),
                                providerPaymentId)
                        .retrieve()
                        .body(JsonNode.class));
        return payment(invoice);
    }

    /**
     * Greenfield's "refund invoice" opens a pull payment that the buyer claims with an address of
     * their own. {@code Custom} refunds exactly {@code amount} in the invoice's currency; BTCPay
     * converts it at the rate of the claim, and as the currency differs from the crypto paid, staff
     * approve the claim in BTCPay. The payout method is left to BTCPay: the invoice's default.
     * Greenfield takes no idempotency key: the call is repeated only when recording its answer
     * failed, and a duplicate pull payment then waits, unapproved, for staff to archive it.
     */
    @Override
    public void refund(ProviderCredentials credentials, String providerPaymentId, Money amount, UUID refundId) {
        RestClient client = client(credentials);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("refundVariant", "Custom");
        body.put("customAmount", decimal(amount));
        body.put("customCurrency", amount.currency());
        call(
                "refund an invoice",
                () -> client.post()
                        .uri(
                                "/api/v1/stores/{storeId}/invoices/{invoiceId}/refund",
                                credentials.accountId(),
                                providerPaymentId)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(body)
                        .retrieve()
                        .body(JsonNode.class));
    }

    /**
     * Greenfield's "mark invoice status" with {@code Invalid}: the checkout page stops taking
     * payments for the invoice. Needs the API key's "Modify invoices" permission. Marking an invoice
     * that is invalid already is harmless; one that was settled meanwhile is refused by BTCPay, and
     * its money is refunded by the payment.
     */
    @Override
    public void cancel(ProviderCredentials credentials, String providerPaymentId) {
        RestClient client = client(credentials);
        call(
                "mark an invoice invalid",
                () -> client.post()
                        .uri(
                                "/api/v1/stores/{storeId}/invoices/{invoiceId}/status",
                                credentials.accountId(),
                                providerPaymentId)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("status", "Invalid"))
                        .retrieve()
                        .body(JsonNode.class));
    }

    /**
     * {@code BTCPay-Sig: sha256=<hex HMAC-SHA256(body, webhook secret)>} over the exact body, then
     * the delivery must be for this tenant's store and recent enough (see {@link
     * #REDELIVERY_TOLERANCE}). Every refusal gives the same answer and nothing about which check
     * failed.
     */
    @Override
    public ProviderEvent verifyWebhook(ProviderCredentials credentials, Map<String, String> headers, String payload) {
        String signature = headers.get("btcpay-sig");
        if (signature == null
                || credentials.webhookSecret() == null
                || credentials.accountId() == null
                || !signature.startsWith("sha256=")
                || !HmacSha256.verifyHex(credentials.webhookSecret(), payload, signature.substring(7))) {
            throw unverified();
        }
        JsonNode event;
        try {
            event = json.readTree(payload);
        } catch (IOException e) {
            throw new DomainException(ErrorCode.MALFORMED_REQUEST, "The webhook body is not JSON.");
        }
        if (event == null || !event.isObject()) {
            throw new DomainException(ErrorCode.MALFORMED_REQUEST, "The webhook body is not a JSON object.");
        }
        // Another store of the same server (another tenant's, maybe) signed with a shared secret must
        // not move this tenant's payments.
        if (!credentials.accountId().equals(event.path("storeId").asText(null))) {
            throw unverified();
        }
        JsonNode timestamp = event.path("timestamp");
        if (!timestamp.isNumber()
                || isStale(timestamp.asLong(), event.path("isRedelivery").asBoolean(false))) {
            throw unverified();
        }
        // Every redelivery names the first delivery of its event, so they all share one event id.
        String original = event.path("originalDeliveryId").asText("");
        String eventId = original.isBlank() ? event.path("deliveryId").asText("") : original;
        if (eventId.isBlank()) {
            throw new DomainException(ErrorCode.MALFORMED_REQUEST, "The webhook event has no delivery id.");
        }
        String invoiceId = event.path("invoiceId").asText(null);
        String type = event.path("type").asText("");
        return switch (type) {
            case "InvoiceSettled" -> new ProviderEvent(eventId, invoiceId, Outcome.SUCCEEDED, null, null);
            case "InvoiceProcessing" -> new ProviderEvent(eventId, invoiceId, Outcome.AUTHORIZED, null, null);
            case "InvoiceExpired", "InvoiceInvalid" ->
                new ProviderEvent(eventId, invoiceId, Outcome.FAILED, null, type);
            default -> new ProviderEvent(eventId, null, Outcome.IGNORED, null, null);
        };
    }

    private boolean isStale(long timestampSeconds, boolean redelivery) {
        // A little clock skew the other way is allowed; a delivery from the far future is not.
        return !HmacSha256.fresh(
                Instant.ofEpochSecond(timestampSeconds),
                clock.instant(),
                redelivery ? REDELIVERY_TOLERANCE : FRESH_DELIVERY_TOLERANCE,
                FRESH_DELIVERY_TOLERANCE);
    }

    /** The amount as Greenfield's decimal string, in the currency's own exponent: 1250 EUR → "12.50". */
    static String decimal(Money amount) {
        return amount.toDecimalString();
    }

    private static ProviderPayment payment(JsonNode invoice) {
        String id = invoice == null ? null : invoice.path("id").asText(null);
        if (id == null || id.isBlank()) {
            log.warn("BTCPay Server answered without an invoice id");
            throw refused();
        }
        return new ProviderPayment(id, null, invoice.path("checkoutLink").asText(null));
    }

    private RestClient client(ProviderCredentials credentials) {
        if (credentials.serverUrl() == null || credentials.accountId() == null || credentials.secretKey() == null) {
            log.warn("BTCPay Server settings are incomplete: {}", credentials);
            throw refused();
        }
        return http.restClient()
                .baseUrl(credentials.serverUrl())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "token " + credentials.secretKey())
                .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .build();
    }

    private interface Call {
        JsonNode run();
    }

    private static JsonNode call(String action, Call call) {
        try {
            return call.run();
        } catch (RestClientResponseException e) {
            // The status tells support what BTCPay said; its body may echo request data, so it stays out.
            log.warn(
                    "BTCPay Server could not {}: HTTP {}",
                    action,
                    e.getStatusCode().value());
            throw refused();
        } catch (RestClientException e) {
            // Unreachable, refused by the address guard, or not JSON; the message names no secret.
            log.warn("BTCPay Server could not {}: {}", action, e.getClass().getSimpleName());
            throw refused();
        }
    }

    private static DomainException refused() {
        return new DomainException(ErrorCode.PAYMENT_PROVIDER_FAILED, "The payment provider refused the request.");
    }

    private static DomainException unverified() {
        return new DomainException(ErrorCode.INVALID_SIGNATURE, "The webhook signature does not verify.");
    }

    @Override
    public void destroy() throws IOException {
        http.close();
    }
}
