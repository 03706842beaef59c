package dev.tenantcore.command.payments.model;

import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.api.payments.PaymentProviderKind;
import java.util.Optional;

/** The current tenant's provider references and the payments they belong to. */
public interface PaymentReferences {

    void remember(PaymentProviderKind provider, String providerPaymentId, PaymentId paymentId);

    Optional<PaymentId> find(PaymentProviderKind provider, String providerPaymentId);
}
