package dev.tenantcore.api.ordering;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import java.util.List;
import org.axonframework.serialization.Revision;

/** An order was accepted and its lines' stock reserved. */
@Revision("1")
public record OrderPlacedEvent(
        OrderId orderId,
        TenantId tenantId,
        long number,
        UserId customerId,
        List<OrderLine> lines,
        OrderAddress billing,
        OrderAddress shipping,
        OrderTotals totals) {}
