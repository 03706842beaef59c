package dev.tenantcore.command.payments;

import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.api.payments.PaymentProviderKind;

/**
 * The current tenant's payment providers as the payment saga sees them when it opens a payment:
 * calls that either work or say why not, never throw, so one tenant's provider outage cannot stall
 * the saga for everyone. What the answers mean is the saga's to decide. Refunds do not come here:
 * the saga asks the payment for them, which queues the provider call (see ScheduledProviderRefunds).
 */
public interface PaymentProviders {

    /** Opens a payment of {@code amount}; the reference is null for manual payments. */
    Opening open(PaymentProviderKind provider, PaymentId paymentId, Money amount);

    /** A provider's reference for an opened payment, or why it could not be opened. */
    record Opening(String reference, String failure) {

        public static Opening opened(String reference) {
            return new Opening(reference, null);
        }

        public static Opening failed(String failure) {
            return new Opening(null, failure);
        }
    }
}
