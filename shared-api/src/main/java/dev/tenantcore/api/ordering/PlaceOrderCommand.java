package dev.tenantcore.api.ordering;

import dev.tenantcore.api.common.UserId;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Places an order for {@code customerId}; prices, names and currency come from the catalogue. */
public record PlaceOrderCommand(
        @TargetAggregateIdentifier OrderId orderId,
        UserId customerId,
        List<OrderLineRequest> lines,
        OrderAddress billing,
        OrderAddress shipping,
        long shippingMinor) {}
