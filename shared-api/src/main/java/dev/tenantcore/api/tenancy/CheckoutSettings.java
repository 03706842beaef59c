package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.payments.PaymentProviderKind;

/**
 * How a tenant's orders get paid: the provider used when the buyer names none, how long an order
 * waits for its money before it expires and gives its stock back, and what a failed payment does.
 */
public record CheckoutSettings(
        PaymentProviderKind defaultProvider, int paymentWindowMinutes, PaymentFailurePolicy onPaymentFailure) {

    public static final int DEFAULT_PAYMENT_WINDOW_MINUTES = 30;
    public static final int MAX_PAYMENT_WINDOW_MINUTES = 10_080;

    public static CheckoutSettings defaults() {
        return new CheckoutSettings(
                PaymentProviderKind.MANUAL, DEFAULT_PAYMENT_WINDOW_MINUTES, PaymentFailurePolicy.KEEP_PENDING);
    }
}
