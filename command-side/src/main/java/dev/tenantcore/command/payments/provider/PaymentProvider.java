package dev.tenantcore.command.payments.provider;

import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.api.payments.PaymentProviderKind;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A service that moves a tenant's money. Implementations talk to the provider only; what their
 * answers mean for a payment is decided by the {@link Payment} aggregate, so a saga can drive
 * creation, refunds and webhooks the same way the REST endpoints do.
 */
public interface PaymentProvider {

    PaymentProviderKind kind();

    /**
     * Opens the payment at the provider (a Stripe PaymentIntent, a PayPal order, a BTCPay invoice).
     * {@code paymentId} serves as the provider's idempotency key, so a retried call opens nothing twice.
     */
    ProviderPayment create(ProviderCredentials credentials, PaymentId paymentId, Money amount);

    /**
     * What the buyer needs now to pay a payment opened earlier, read live from the provider so that
     * nothing secret is ever stored: Stripe's client secret, PayPal's approval link, BTCPay's
     * checkout page.
     */
    ProviderPayment retrieve(ProviderCredentials credentials, String providerPaymentId);

    /**
     * Gives back {@code amount} of a payment the provider knows as {@code providerPaymentId}.
     * {@code refundId} names this one refund: drivers pass it as the provider's idempotency key where
     * the provider has one, so a call repeated after a timeout refunds nothing twice. Called outside
     * any database transaction.
     */
    void refund(ProviderCredentials credentials, String providerPaymentId, Money amount, UUID refundId);

    /**
     * Closes a payment that was given up before it was paid, so that the buyer can no longer pay it
     * at the provider. Called outside any database transaction, possibly again after a failure, so
     * closing a payment already closed must not fail as anything but the provider's refusal.
     */
    void cancel(ProviderCredentials credentials, String providerPaymentId);

    /**
     * Checks a webhook delivery's signature with the tenant's webhook secret and reads it.
     *
     * @throws dev.tenantcore.api.common.DomainException with {@code invalid_token} when the
     *     signature is missing, forged or stale; nothing may be recorded then
     */
    ProviderEvent verifyWebhook(ProviderCredentials credentials, Map<String, String> headers, String payload);

    /**
     * What the merchant must do once a payment is authorized, for providers where the buyer's
     * approval alone moves no money (PayPal's orders are captured by the merchant). Called outside
     * any transaction after an authorization was recorded, possibly again for a redelivered one, so
     * it must be idempotent. The answer, if any, is handled like one more provider event; its id
     * must be stable so a repeat is recognized.
     */
    default Optional<ProviderEvent> afterAuthorized(ProviderCredentials credentials, String providerPaymentId) {
        return Optional.empty();
    }

    /**
     * What the provider answered when the payment was opened. The buyer pays with the client secret
     * (Stripe.js) or on the checkout page (PayPal, BTCPay); either may be null.
     */
    record ProviderPayment(String providerPaymentId, String clientSecret, String checkoutUrl) {

        public static final ProviderPayment NONE = new ProviderPayment(null, null, null);
    }

    /**
     * One provider notification: its own id (for exactly-once handling), the payment it concerns
     * and what happened; for refunds {@code refundedMinor} is all refunded so far, and
     * {@code detail} carries a failure's reason.
     */
    record ProviderEvent(
            String eventId, String providerPaymentId, Outcome outcome, Long refundedMinor, String detail) {}

    enum Outcome {
        AUTHORIZED,
        SUCCEEDED,
        FAILED,
        REFUNDED,
        IGNORED
    }
}
