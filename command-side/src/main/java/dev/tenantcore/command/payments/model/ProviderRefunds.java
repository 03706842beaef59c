package dev.tenantcore.command.payments.model;

import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.api.payments.PaymentProviderKind;
import java.util.UUID;

/**
 * Where the {@link Payment} aggregate leaves a refund for its provider. The request is stored in
 * the command's own transaction (an outbox), so it exists exactly when the refund-requested event
 * does, and the provider is called after that transaction, never inside it.
 */
public interface ProviderRefunds {

    void request(Request request);

    /** One refund to ask of a provider; {@code refundId} is its idempotency key there. */
    record Request(
            TenantId tenantId,
            PaymentId paymentId,
            UUID refundId,
            PaymentProviderKind provider,
            String providerPaymentId,
            Money amount) {}
}
