package dev.tenantcore.command.payments.model;

import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.api.payments.PaymentProviderKind;
import java.util.UUID;

/**
 * Where the {@link Payment} aggregate leaves the calls it needs of its provider. A call is stored in
 * the command's own transaction (an outbox), so it exists exactly when the event that asked for it
 * does, and the provider is called after that transaction, never inside it; the provider's answer
 * comes back to the payment as a command.
 */
public interface ProviderCalls {

    /** Opens the payment at its provider; the payment id is the provider's idempotency key. */
    void open(Opening opening);

    void refund(Refund refund);

    /** Closes a given-up payment at its provider, so that a late buyer cannot pay it there. */
    void cancel(Cancellation cancellation);

    record Opening(TenantId tenantId, PaymentId paymentId, PaymentProviderKind provider, Money amount) {}

    /** One refund to ask of a provider; {@code refundId} is its idempotency key there. */
    record Refund(
            TenantId tenantId,
            PaymentId paymentId,
            UUID refundId,
            PaymentProviderKind provider,
            String providerPaymentId,
            Money amount) {}

    record Cancellation(
            TenantId tenantId, PaymentId paymentId, PaymentProviderKind provider, String providerPaymentId) {}
}
