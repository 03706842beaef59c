package dev.tenantcore.command.payments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.StripeClient;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.api.payments.PaymentProviderKind;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Stripe through its official SDK: a PaymentIntent per payment, refunds against it, and webhooks
 * verified with {@link Webhook#constructEvent} (HMAC-SHA256 over {@code timestamp.payload}, five
 * minutes' tolerance). Each call builds a client with the tenant's own secret key, so no key is
 * ever shared between tenants or held in a global. {@code app.payments.stripe.api-base} points the
 * SDK elsewhere (a local stub in tests); it is read per call.
 */
@Component
class StripePaymentProvider implements PaymentProvider {

    private static final Logger log = LoggerFactory.getLogger(StripePaymentProvider.class);
    private static final String DEFAULT_API_BASE = "https://api.stripe.com";

    private final Environment env;
    private final ObjectMapper json;

    StripePaymentProvider(Environment env, ObjectMapper json) {
        this.env = env;
        this.json = json;
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
    public void refund(ProviderCredentials credentials, String providerPaymentId, Money amount) {
        try {
            client(credentials)
                    .refunds()
                    .create(RefundCreateParams.builder()
                            .setPaymentIntent(providerPaymentId)
                            .setAmount(amount.amountMinor())
                            .build());
        } catch (StripeException e) {
            throw failed("refund a PaymentIntent", e);
        }
    }

    @Override
    public ProviderEvent verifyWebhook(ProviderCredentials credentials, Map<String, String> headers, String payload) {
        String signature = headers.get("stripe-signature");
        if (signature == null || credentials.webhookSecret() == null) {
            throw new DomainException(ErrorCode.INVALID_SIGNATURE, "The webhook signature does not verify.");
        }
        try {
            Webhook.constructEvent(payload, signature, credentials.webhookSecret());
        } catch (SignatureVerificationException | RuntimeException e) {
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

    private StripeClient client(ProviderCredentials credentials) {
        return StripeClient.builder()
                .setApiKey(credentials.secretKey())
                .setApiBase(env.getProperty("app.payments.stripe.api-base", DEFAULT_API_BASE))
                .setMaxNetworkRetries(2)
                .build();
    }

    private static DomainException failed(String action, StripeException e) {
        // The SDK's message names the request, never the key; the code tells support what Stripe said.
        log.warn("Stripe could not {}: {} ({})", action, e.getCode(), e.getStatusCode());
        return new DomainException(ErrorCode.PAYMENT_PROVIDER_FAILED, "The payment provider refused the request.");
    }
}
