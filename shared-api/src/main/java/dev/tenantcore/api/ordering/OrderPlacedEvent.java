package dev.tenantcore.api.ordering;

import dev.tenantcore.api.common.DataSubject;
import dev.tenantcore.api.common.PersonalData;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.ordering.coupon.AppliedCoupon;
import dev.tenantcore.api.payments.PaymentProviderKind;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * An order was accepted and its lines' stock reserved. {@code paymentProvider} is how the buyer
 * chose to pay (null: the tenant's default), which the payment saga opens the payment with; {@code
 * coupon} the coupon whose discount the totals and lines carry, null without one.
 */
@Revision("1")
public record OrderPlacedEvent(
        OrderId orderId,
        TenantId tenantId,
        long number,
        UserId customerId,
        List<OrderLine> lines,

        @PersonalData(subject = DataSubject.USER, id = "customerId")
        OrderAddress billing,

        @PersonalData(subject = DataSubject.USER, id = "customerId")
        OrderAddress shipping,

        OrderTotals totals,
        PaymentProviderKind paymentProvider,
        AppliedCoupon coupon) {

    public OrderPlacedEvent(
            OrderId orderId,
            TenantId tenantId,
            long number,
            UserId customerId,
            List<OrderLine> lines,
            OrderAddress billing,
            OrderAddress shipping,
            OrderTotals totals,
            PaymentProviderKind paymentProvider) {
        this(orderId, tenantId, number, customerId, lines, billing, shipping, totals, paymentProvider, null);
    }

    public OrderPlacedEvent(
            OrderId orderId,
            TenantId tenantId,
            long number,
            UserId customerId,
            List<OrderLine> lines,
            OrderAddress billing,
            OrderAddress shipping,
            OrderTotals totals) {
        this(orderId, tenantId, number, customerId, lines, billing, shipping, totals, null, null);
    }
}
