package dev.tenantcore.api.payments;

import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.ordering.OrderId;
import java.time.Instant;

/**
 * One page of a tenant's payments. Every filter is optional; with {@code customerId} set, only that
 * customer's payments (and without staff's notes). {@code createdFrom} is inclusive and {@code
 * createdBefore} exclusive; amounts are in minor units, both bounds inclusive.
 */
public record ListPaymentsQuery(
        OrderId orderId,
        UserId customerId,
        PaymentStatus status,
        PaymentProviderKind provider,
        Instant createdFrom,
        Instant createdBefore,
        Long minAmountMinor,
        Long maxAmountMinor,
        PaymentSort sort,
        boolean descending,
        int limit,
        String cursor) {

    /** The payments of one order, newest first, as the order's page shows them. */
    public static ListPaymentsQuery ofOrder(OrderId orderId, UserId customerId) {
        return new ListPaymentsQuery(
                orderId, customerId, null, null, null, null, null, null, PaymentSort.CREATED_AT, true, 0, null);
    }
}
