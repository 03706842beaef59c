package dev.tenantcore.api.payments;

import dev.tenantcore.api.common.UserId;

/** One payment; with {@code customerId} set, only if it is that customer's. */
public record FindPaymentQuery(PaymentId paymentId, UserId customerId) {}
