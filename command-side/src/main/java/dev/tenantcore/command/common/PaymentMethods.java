package dev.tenantcore.command.common;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.payments.PaymentProviderKind;

/**
 * Which ways to pay the current tenant accepts. Ordering asks before it reserves stock for a
 * checkout that names one; payments answers from the tenant's provider settings.
 */
public interface PaymentMethods {

    /**
     * The provider a buyer named, once it is known to be enabled here; null when they named none.
     *
     * @throws DomainException {@code validation_failed} for an unknown or disabled provider
     */
    PaymentProviderKind accepted(String wireName);
}
