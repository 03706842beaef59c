package dev.tenantcore.query.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.catalog.ProductId;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.ordering.FindOrderQuery;
import dev.tenantcore.api.ordering.ListOrdersQuery;
import dev.tenantcore.api.ordering.OrderAddress;
import dev.tenantcore.api.ordering.OrderCancelledEvent;
import dev.tenantcore.api.ordering.OrderDeliveredEvent;
import dev.tenantcore.api.ordering.OrderExpiredEvent;
import dev.tenantcore.api.ordering.OrderHistoryEntry;
import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.api.ordering.OrderLine;
import dev.tenantcore.api.ordering.OrderPage;
import dev.tenantcore.api.ordering.OrderPaidEvent;
import dev.tenantcore.api.ordering.OrderPaymentRefusedEvent;
import dev.tenantcore.api.ordering.OrderPlacedEvent;
import dev.tenantcore.api.ordering.OrderRefundedEvent;
import dev.tenantcore.api.ordering.OrderResponse;
import dev.tenantcore.api.ordering.OrderShippedEvent;
import dev.tenantcore.api.ordering.OrderStatus;
import dev.tenantcore.api.ordering.OrderTotals;
import dev.tenantcore.query.support.History;
import dev.tenantcore.query.support.ProjectionContract;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The order projection")
class OrderProjectionTest extends ProjectionContract<OrderProjection> {

    private final OrderId delivered = new OrderId(id());
    private final OrderId refunded = new OrderId(id());
    private final OrderId expired = new OrderId(id());
    private final UserId customer = new UserId(id());
    private final UserId staff = new UserId(id());

    OrderProjectionTest() {
        super(OrderProjection::new, "orders", "order_history");
    }

    @Override
    protected History history(TenantId tenant) {
        return new History(tenant)
                .by(customer.value())
                .of(delivered, placed(delivered, tenant, 1))
                .of(refunded, placed(refunded, tenant, 2))
                .of(expired, placed(expired, tenant, 3))
                .by(staff.value())
                .of(delivered, new OrderPaidEvent(delivered), new OrderShippedEvent(delivered))
                .of(delivered, new OrderDeliveredEvent(delivered))
                .of(refunded, new OrderPaymentRefusedEvent(refunded, null, OrderStatus.PENDING))
                .of(refunded, new OrderPaidEvent(refunded), new OrderCancelledEvent(refunded, "changed mind", true))
                .of(refunded, new OrderRefundedEvent(refunded))
                .of(expired, new OrderExpiredEvent(expired));
    }

    private OrderPlacedEvent placed(OrderId id, TenantId tenant, long number) {
        OrderAddress address = new OrderAddress(
                "Ada " + tenant, "ada@example.test", null, "1 Main St", null, "Town", "1000", null, "ES");
        return new OrderPlacedEvent(
                id,
                tenant,
                number,
                customer,
                List.of(new OrderLine(new ProductId(id()), "Boots", Money.of(2_000, "EUR"), 2, 4_000)),
                address,
                address,
                new OrderTotals("EUR", 4_000, 0, 2_100, 840, 0, 4_840));
    }

    @Test
    @DisplayName("answers each tenant with its own orders, statuses and history")
    void answersEachTenant() {
        OrderResponse order = ask(first, p -> p.handle(new FindOrderQuery(refunded, customer)));
        assertThat(order.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(order.refundRequired()).isFalse();
        assertThat(order.version()).isEqualTo(4);
        assertThat(order.billing().name()).isEqualTo("Ada " + first);
        assertThat(order.history())
                .extracting(OrderHistoryEntry::to)
                .containsExactly(OrderStatus.PENDING, OrderStatus.PAID, OrderStatus.CANCELLED, OrderStatus.REFUNDED);
        assertThat(ask(first, (OrderProjection p) -> p.handle(new FindOrderQuery(refunded, new UserId(id())))))
                .as("another customer's view")
                .isNull();

        OrderPage newestFirst =
                ask(second, p -> p.handle(new ListOrdersQuery(null, customer, null, null, null, null, 2, null)));
        assertThat(newestFirst.items()).extracting(OrderResponse::id).containsExactly(expired, refunded);
        OrderPage rest = ask(
                second,
                p -> p.handle(
                        new ListOrdersQuery(null, customer, null, null, null, null, 2, newestFirst.nextCursor())));
        assertThat(rest.items()).extracting(OrderResponse::id).containsExactly(delivered);
        assertThat(rest.nextCursor()).isNull();
    }
}
