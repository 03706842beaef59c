package dev.tenantcore.command.payments.provider.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.net.BearerTokenAuthenticator;
import com.stripe.net.LiveStripeResponseGetter;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Stripe through its official SDK: a PaymentIntent per payment, refunds against it, and webhooks
 * verified as Stripe documents it (HMAC-SHA256 over {@code timestamp.payload}, five minutes'
 * tolerance) with our one {@link HmacSha256}. Each call builds a client with the tenant's own secret
 * key, so no key is ever shared between tenants or held in a global; its requests travel through
 * {@link OutboundHttp} ({@link StripeTransport}). {@code app.payments.stripe.api-base} points the
 * SDK elsewhere (a local stub in tests); it is read per call.
 */
@Component
class StripePaymentProvider implements PaymentProvider {

    private static final Logger log = LoggerFactory.getLogger(StripePaymentProvider.class);
    private static final String DEFAULT_API_BASE = "https://api.stripe.com";

    /** Stripe's documented default tolerance for a signed delivery's timestamp. */
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final Environment env;
    private final ObjectMapper json;
    private final StripeTransport transport;
    private final Clock clock = Clock.systemUTC();

    StripePaymentProvider(Environment env, OutboundHttp http, ObjectMapper json) {
        this.env = env;
        this.json = json;
        this.transport = new StripeTransport(http.client("tenantcore-payments", http.defaults()));
    }

    @Override
    public PaymentProviderKind kind() {
        return PaymentProviderKind.STRIPE;
    }

    @Override
    public ProviderPayment create(ProviderCredentials credentials, PaymentId paymentId, Money amount) {
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
                .setAmount(amount.amountMinor())
                .setCurrency(amount.currency().toLowerCase(Locale.ROOT))
                .putMetadata("payment_id", paymentId.toString())
                .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder()
                        .setEnabled(true)
                        .build())
                .build();
        try {
            PaymentIntent intent = client(credentials)
                    .paymentIntents()
                    .create(
                            params,
                            RequestOptions.builder()
                                    .setIdempotencyKey("payment-" + paymentId)
                                    .build());
            return new ProviderPayment(intent.getId(), intent.getClientSecret(), null);
        } catch (StripeException e) {
            throw failed("create a PaymentIntent", e);
        }
    }

    @Override
    public ProviderPayment retrieve(ProviderCredentials credentials, String providerPaymentId) {
        try {
            PaymentIntent intent = client(credentials).paymentIntents().retrieve(providerPaymentId);
            return new ProviderPayment(intent.getId(), intent.getClientSecret(), null);
        } catch (StripeException e) {
            throw failed("read a PaymentIntent", e);
        }
    }

    @Override
    public void refund(ProviderCredentials credentials, String providerPaymentId, Money amount, UUID refundId) {
        try {
            client(credentials)
                    .refunds()
                    .create(
                            RefundCreateParams.builder()
                                    .setPaymentIntent(providerPaymentId)
                                    .setAmount(amount.amountMinor())
                                    .build(),
                            RequestOptions.builder()
                                    .setIdempotencyKey("refund-" + refundId)
                                    .build());
        } catch (StripeException e) {
            throw failed("refund a PaymentIntent", e);
        }
    }

    /**
     * Cancels the PaymentIntent ({@code abandoned}): Stripe then refuses to confirm it, so the buyer
     * cannot pay it. One that succeeded meanwhile cannot be cancelled; Stripe refuses, and the
     * payment refunds the money when the success arrives.
     */
    @Override
    public void cancel(ProviderCredentials credentials, String providerPaymentId) {
        try {
            client(credentials)
                    .paymentIntents()
                    .cancel(
                            providerPaymentId,
                            PaymentIntentCancelParams.builder()
                                    .setCancellationReason(PaymentIntentCancelParams.CancellationReason.ABANDONED)
                                    .build(),
                            RequestOptions.builder()
                                    .setIdempotencyKey("cancel-" + providerPaymentId)
                                    .build());
        } catch (StripeException e) {
            throw failed("cancel a PaymentIntent", e);
        }
    }

    @Override
    public ProviderEvent verifyWebhook(ProviderCredentials credentials, Map<String, String> headers, String payload) {
        String signature = headers.get("stripe-signature");
        if (signature == null || credentials.webhookSecret() == null) {
            throw new DomainException(ErrorCode.INVALID_SIGNATURE, "The webhook signature does not verify.");
        }
        if (!verifies(signature, payload, credentials.webhookSecret())) {
            // Forged, stale or malformed: the same answer, and nothing about which.
            throw new DomainException(ErrorCode.INVALID_SIGNATURE, "The webhook signature does not verify.");
        }
        JsonNode event;
        try {
            event = json.readTree(payload);
        } catch (IOException e) {
            throw new DomainException(ErrorCode.MALFORMED_REQUEST, "The webhook body is not JSON.");
        }
        String id = event.path("id").asText(null);
        JsonNode object = event.path("data").path("object");
        if (id == null) {
            throw new DomainException(ErrorCode.MALFORMED_REQUEST, "The webhook event has no id.");
        }
        return switch (event.path("type").asText("")) {
            case "payment_intent.amount_capturable_updated" ->
                new ProviderEvent(id, object.path("id").asText(null), Outcome.AUTHORIZED, null, null);
            case "payment_intent.succeeded" ->
                new ProviderEvent(id, object.path("id").asText(null), Outcome.SUCCEEDED, null, null);
            case "payment_intent.payment_failed" ->
                new ProviderEvent(
                        id,
                        object.path("id").asText(null),
                        Outcome.FAILED,
                        null,
                        object.path("last_payment_error").path("message").asText(null));
            case "charge.refunded" -> refund(id, object);
            default -> new ProviderEvent(id, null, Outcome.IGNORED, null, null);
        };
    }

    /**
     * Stripe reports the running total refunded; only a charge refunded in full is mapped; a
     * partial one is acknowledged and left to staff, as the aggregate records refunds by amount.
     */
    private static ProviderEvent refund(String eventId, JsonNode charge) {
        long amount = charge.path("amount").asLong(-1);
        long refunded = charge.path("amount_refunded").asLong(0);
        if (amount <= 0 || refunded < amount) {
            return new ProviderEvent(eventId, null, Outcome.IGNORED, null, null);
        }
        return new ProviderEvent(eventId, charge.path("payment_intent").asText(null), Outcome.REFUNDED, refunded, null);
    }

    /**
     * {@code Stripe-Signature: t=<seconds>,v1=<hex>[,v1=<hex>…]}: one {@code v1} must be the HMAC of
     * {@code t.payload} (several while a secret is being rolled), and {@code t} recent.
     */
    private boolean verifies(String header, String payload, String secret) {
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int equals = part.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String key = part.substring(0, equals).trim();
            String value = part.substring(equals + 1).trim();
            if (key.equals("t")) {
                try {
                    timestamp = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return false;
                }
            } else if (key.equals("v1")) {
                signatures.add(value);
            }
        }
        if (timestamp == null || !HmacSha256.fresh(Instant.ofEpochSecond(timestamp), clock.instant(), TOLERANCE)) {
            return false;
        }
        String signed = timestamp + "." + payload;
        return signatures.stream().anyMatch(v1 -> HmacSha256.verifyHex(secret, signed, v1));
    }

    private StripeClient client(ProviderCredentials credentials) {
        return new StripeClient(new LiveStripeResponseGetter(
                StripeTransport.options(
                        new BearerTokenAuthenticator(credentials.secretKey()),
                        env.getProperty("app.payments.stripe.api-base", DEFAULT_API_BASE),
                        2),
                transport));
    }

    private static DomainException failed(String action, StripeException e) {
        // The SDK's message names the request, never the key; the code tells support what Stripe said.
        log.warn("Stripe could not {}: {} ({})", action, e.getCode(), e.getStatusCode());
        return new DomainException(ErrorCode.PAYMENT_PROVIDER_FAILED, "The payment provider refused the request.");
    }
}
