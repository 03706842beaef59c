package dev.tenantcore.query.ordering;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tenantcore.api.audit.DataSubjectErasedEvent;
import dev.tenantcore.api.common.DataSubject;
import dev.tenantcore.api.common.MetadataKeys;
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
import dev.tenantcore.api.ordering.coupon.AppliedCoupon;
import dev.tenantcore.query.support.KeysetPage;
import dev.tenantcore.query.support.PageCursor;
import dev.tenantcore.query.support.ReadModel;
import dev.tenantcore.query.support.ReadTable;
import dev.tenantcore.query.support.Sql;
import dev.tenantcore.query.support.VersionedRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code orders} and {@code order_history} in step with the order aggregates and answers
 * order queries. Rows are found by id only, row-level security scoping them to the message's
 * tenant. Idempotent: an order row changes only for a newer event ({@link VersionedRows}), and a
 * history row is keyed by the event's sequence number. Every change is pushed to subscribers of
 * {@link FindOrderQuery}, which is how a command endpoint waits until its write is readable.
 */
@Component
@ProcessingGroup("orders")
class OrderProjection {

    private static final String TABLE = "orders";
    private static final TypeReference<List<OrderLine>> LINES = new TypeReference<>() {};
    private static final String COLUMNS = "id, number, customer_id, status, refund_required, totals, coupon, lines,"
            + " billing, shipping, version, created_at, updated_at";

    private final ReadModel store;
    private final ReadTable<OrderId> orders;

    OrderProjection(ReadModel store) {
        this.store = store;
        this.orders = store.table(TABLE, OrderId::value, (id, changed) -> publish(id));
    }

    /** Order events take their whole message: the history records each one's sequence, time and actor. */
    @EventHandler
    void on(OrderPlacedEvent event, DomainEventMessage<?> message) {
        record(message, event.orderId(), null, OrderStatus.PENDING, null);
        orders.insert(event.tenantId(), event.orderId())
                .value("number", event.number())
                .value("customer_id", event.customerId().value())
                .value("status", OrderStatus.PENDING.wireName())
                .value("currency", event.totals().currency())
                .value("total_minor", event.totals().totalMinor())
                .json("totals", event.totals())
                .json("coupon", event.coupon())
                .json("lines", event.lines())
                .json("billing", event.billing())
                .json("shipping", event.shipping())
                .apply(message.getSequenceNumber(), message.getTimestamp());
    }

    @EventHandler
    void on(OrderPaidEvent event, DomainEventMessage<?> message) {
        transition(message, event.orderId(), OrderStatus.PENDING, OrderStatus.PAID, false, null);
    }

    @EventHandler
    void on(OrderShippedEvent event, DomainEventMessage<?> message) {
        transition(message, event.orderId(), OrderStatus.PAID, OrderStatus.SHIPPED, false, null);
    }

    @EventHandler
    void on(OrderDeliveredEvent event, DomainEventMessage<?> message) {
        transition(message, event.orderId(), OrderStatus.SHIPPED, OrderStatus.DELIVERED, false, null);
    }

    /** Only a paid order owes a refund when cancelled, so the flag also tells which status it left. */
    @EventHandler
    void on(OrderCancelledEvent event, DomainEventMessage<?> message) {
        OrderStatus from = event.refundRequired() ? OrderStatus.PAID : OrderStatus.PENDING;
        transition(message, event.orderId(), from, OrderStatus.CANCELLED, event.refundRequired(), event.reason());
    }

    @EventHandler
    void on(OrderExpiredEvent event, DomainEventMessage<?> message) {
        String note = "No payment arrived within the payment window.";
        transition(message, event.orderId(), OrderStatus.PENDING, OrderStatus.EXPIRED, false, note);
    }

    /**
     * The refund is settled: the order no longer owes one. A refund that names its payment ended a
     * paid order; one without ended a cancelled order.
     */
    @EventHandler
    void on(OrderRefundedEvent event, DomainEventMessage<?> message) {
        boolean ofPaidOrder = event.paymentId() != null;
        record(
                message,
                event.orderId(),
                ofPaidOrder ? OrderStatus.PAID : OrderStatus.CANCELLED,
                OrderStatus.REFUNDED,
                ofPaidOrder ? "The payment was refunded in full." : null);
        orders.transition(event.orderId(), OrderStatus.REFUNDED.wireName())
                .set("refund_required", false)
                .apply(message.getSequenceNumber(), message.getTimestamp());
    }

    /** The status stays; the version moves, so the order's ETag still matches its aggregate. */
    @EventHandler
    void on(OrderPaymentRefusedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        orders.update(event.orderId()).apply(sequence, at);
    }

    /**
     * No row of this projection can be told apart from a rebuilt one: the history is keyed by the
     * events' sequence numbers, so a replay after the reset restores it exactly.
     */
    @ResetHandler
    void reset() {
        store.reset(TABLE, "order_history");
    }

    @QueryHandler
    OrderResponse handle(FindOrderQuery query) {
        return KeysetPage.select(
                        "SELECT " + COLUMNS + " FROM orders", (rs, row) -> toResponse(rs, history(query.orderId())))
                .where("id = ?", query.orderId().value())
                .whereGiven("customer_id = ?", query.customerId(), UserId::value)
                .one(store.jdbc());
    }

    /** Newest first, so pages stay stable while orders arrive. */
    @QueryHandler
    OrderPage handle(ListOrdersQuery query) {
        KeysetPage<OrderResponse> page = KeysetPage.select(
                        "SELECT " + COLUMNS + " FROM orders", (rs, row) -> toResponse(rs, List.of()))
                .whereGiven("status = ?", query.status(), OrderStatus::wireName)
                .whereGiven("customer_id = ?", query.customerId(), UserId::value)
                .whereGiven("created_at >= ?", query.placedFrom())
                .whereGiven("created_at < ?", query.placedBefore())
                .whereGiven("total_minor >= ?", query.minTotalMinor())
                .whereGiven("total_minor <= ?", query.maxTotalMinor())
                .newestFirst()
                .page(store.jdbc(), query.limit(), query.cursor(), o -> new PageCursor(o.placedAt(), o.id().value()));
        return new OrderPage(page.items(), page.nextCursor());
    }

    private void transition(
            DomainEventMessage<?> message,
            OrderId id,
            OrderStatus from,
            OrderStatus to,
            boolean refundRequired,
            String note) {
        record(message, id, from, to, note);
        orders.transition(id, to.wireName())
                .set("refund_required", "refund_required OR ?", refundRequired)
                .apply(message.getSequenceNumber(), message.getTimestamp());
    }

    /**
     * Keyed by the event's sequence, so a redelivery adds nothing. Written before the order's row:
     * the row's write announces the order, and the announcement includes this history.
     */
    private void record(DomainEventMessage<?> message, OrderId id, OrderStatus from, OrderStatus to, String note) {
        Object actor = message.getMetaData().get(MetadataKeys.USER_ID);
        store.jdbc()
                .update(
                        """
                INSERT INTO order_history (tenant_id, order_id, sequence, from_status, to_status, actor_id, note, at)
                VALUES (app_current_tenant(), ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, order_id, sequence) DO NOTHING
                """,
                        id.value(),
                        message.getSequenceNumber(),
                        new SqlParameterValue(Types.VARCHAR, from == null ? null : from.wireName()),
                        to.wireName(),
                        new SqlParameterValue(Types.OTHER, actor == null ? null : UUID.fromString(actor.toString())),
                        new SqlParameterValue(Types.VARCHAR, note),
                        Sql.timestamp(message.getTimestamp()));
    }

    private void publish(OrderId id) {
        store.publish(
                FindOrderQuery.class,
                () -> handle(new FindOrderQuery(id, null)),
                (q, order) -> id.equals(q.orderId())
                        && (q.customerId() == null || q.customerId().equals(order.customerId())));
    }

    private List<OrderHistoryEntry> history(OrderId id) {
        return store.jdbc()
                .query(
                        "SELECT from_status, to_status, actor_id, note, at FROM order_history WHERE order_id = ? ORDER BY sequence",
                        (rs, row) -> {
                            String from = rs.getString("from_status");
                            UUID actor = rs.getObject("actor_id", UUID.class);
                            return new OrderHistoryEntry(
                                    from == null ? null : OrderStatus.fromWireName(from),
                                    OrderStatus.fromWireName(rs.getString("to_status")),
                                    actor == null ? null : new UserId(actor),
                                    Sql.instant(rs, "at"),
                                    rs.getString("note"));
                        },
                        id.value());
    }

    private OrderResponse toResponse(ResultSet rs, List<OrderHistoryEntry> history) throws SQLException {
        AppliedCoupon coupon = store.json().read(rs, "coupon", AppliedCoupon.class);
        return new OrderResponse(
                new OrderId(rs.getObject("id", UUID.class)),
                rs.getLong("number"),
                new UserId(rs.getObject("customer_id", UUID.class)),
                OrderStatus.fromWireName(rs.getString("status")),
                rs.getBoolean("refund_required"),
                store.json().read(rs, "lines", LINES),
                store.json().read(rs, "totals", OrderTotals.class),
                coupon == null ? null : coupon.couponId(),
                coupon == null ? null : coupon.code(),
                store.json().read(rs, "billing", OrderAddress.class),
                store.json().read(rs, "shipping", OrderAddress.class),
                history,
                rs.getLong("version"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }

    /** A customer erased: their orders' billing and shipping parties read "[erased]"; lines, totals and status stay. */
    @EventHandler
    void on(DataSubjectErasedEvent event) {
        if (event.subject() != DataSubject.USER) {
            return;
        }
        store.jdbc()
                .update(
                        "UPDATE orders SET billing = %s, shipping = %s WHERE customer_id = ?"
                                .formatted(ERASED_PARTY.formatted("billing"), ERASED_PARTY.formatted("shipping")),
                        event.subjectId());
    }

    private static final String ERASED_PARTY = "(SELECT jsonb_object_agg(k, CASE WHEN jsonb_typeof(v) = 'string'"
            + " THEN to_jsonb('[erased]'::text) ELSE v END) FROM jsonb_each(%s) e(k, v))";
}
