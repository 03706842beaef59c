package dev.tenantcore.api.ordering;

import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.payments.PaymentProviderKind;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Places an order for {@code customerId}; prices, names and currency come from the catalogue.
 * {@code paymentProvider} is the buyer's choice of how to pay, null for the tenant's default;
 * {@code couponCode} a coupon of the tenant to apply, in any case, or null.
 */
public record PlaceOrderCommand(
        @TargetAggregateIdentifier OrderId orderId,
        UserId customerId,
        List<OrderLineRequest> lines,
        OrderAddress billing,
        OrderAddress shipping,
        long shippingMinor,
        PaymentProviderKind paymentProvider,
        String couponCode) {

    /** An order without a coupon. */
    public PlaceOrderCommand(
            OrderId orderId,
            UserId customerId,
            List<OrderLineRequest> lines,
            OrderAddress billing,
            OrderAddress shipping,
            long shippingMinor,
            PaymentProviderKind paymentProvider) {
        this(orderId, customerId, lines, billing, shipping, shippingMinor, paymentProvider, null);
    }

    /** An order paid the tenant's default way. */
    public PlaceOrderCommand(
            OrderId orderId,
            UserId customerId,
            List<OrderLineRequest> lines,
            OrderAddress billing,
            OrderAddress shipping,
            long shippingMinor) {
        this(orderId, customerId, lines, billing, shipping, shippingMinor, null, null);
    }
}
