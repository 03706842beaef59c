package dev.tenantcore.command.payments.model;

import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.api.payments.PaymentProviderKind;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link PaymentReferences} for aggregate tests, across all tenants at once. */
class InMemoryPaymentReferences implements PaymentReferences {

    private final Map<String, PaymentId> references = new ConcurrentHashMap<>();

    @Override
    public void remember(PaymentProviderKind provider, String providerPaymentId, PaymentId paymentId) {
        references.putIfAbsent(provider.wireName() + "/" + providerPaymentId, paymentId);
    }

    @Override
    public Optional<PaymentId> find(PaymentProviderKind provider, String providerPaymentId) {
        return Optional.ofNullable(references.get(provider.wireName() + "/" + providerPaymentId));
    }
}
