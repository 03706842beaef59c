package dev.tenantcore.api.ordering;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.payments.PaymentProviderKind;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * An order was accepted and its lines' stock reserved. {@code paymentProvider} is how the buyer
 * chose to pay (null: the tenant's default), which the payment saga opens the payment with.
 */
@Revision("1")
public record OrderPlacedEvent(
        OrderId orderId,
        TenantId tenantId,
        long number,
        UserId customerId,
        List<OrderLine> lines,
        OrderAddress billing,
        OrderAddress shipping,
        OrderTotals totals,
        PaymentProviderKind paymentProvider) {

    public OrderPlacedEvent(
            OrderId orderId,
            TenantId tenantId,
            long number,
            UserId customerId,
            List<OrderLine> lines,
            OrderAddress billing,
            OrderAddress shipping,
            OrderTotals totals) {
        this(orderId, tenantId, number, customerId, lines, billing, shipping, totals, null);
    }
}
