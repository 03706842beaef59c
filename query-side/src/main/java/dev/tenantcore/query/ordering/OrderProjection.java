package dev.tenantcore.query.ordering;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import dev.tenantcore.query.support.PageCursor;
import dev.tenantcore.query.support.PageSize;
import dev.tenantcore.query.support.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code orders} and {@code order_history} in step with the order aggregates and answers
 * order queries. Rows are found by id only, row-level security scoping them to the message's
 * tenant. Idempotent: an order row changes only for a newer event ({@code version}), and a
 * history row is keyed by the event's sequence number. Every change is pushed to subscribers of
 * {@link FindOrderQuery}, which is how a command endpoint waits until its write is readable.
 */
@Component
@ProcessingGroup("orders")
class OrderProjection {

    private static final TypeReference<List<OrderLine>> LINES = new TypeReference<>() {};
    private static final String COLUMNS = "id, number, customer_id, status, refund_required, totals, lines,"
            + " billing, shipping, version, created_at, updated_at";

    private final JdbcTemplate jdbc;
    private final TenantAwareTransactionManager transactions;
    private final QueryUpdateEmitter emitter;
    private final ObjectMapper json;

    OrderProjection(
            JdbcTemplate jdbc,
            TenantAwareTransactionManager transactions,
            QueryUpdateEmitter emitter,
            ObjectMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.emitter = emitter;
        this.json = json;
    }

    @EventHandler
    void on(
            OrderPlacedEvent event,
            @SequenceNumber long sequence,
            @Timestamp Instant at,
            @MetaDataValue(MetadataKeys.USER_ID) String actor) {
        transactions.bind(event.tenantId());
        jdbc.update(
                """
                INSERT INTO orders (tenant_id, id, number, customer_id, status, currency, total_minor, totals, lines,
                                    billing, shipping, version, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), CAST(? AS jsonb), CAST(? AS jsonb),
                        ?, ?, ?)
                ON CONFLICT (tenant_id, id) DO NOTHING
                """,
                event.tenantId().value(),
                event.orderId().value(),
                event.number(),
                event.customerId().value(),
                OrderStatus.PENDING.wireName(),
                event.totals().currency(),
                event.totals().totalMinor(),
                write(event.totals()),
                write(event.lines()),
                write(event.billing()),
                write(event.shipping()),
                sequence,
                Sql.timestamp(at),
                Sql.timestamp(at));
        record(event.orderId(), sequence, null, OrderStatus.PENDING, actor, null, at);
        publish(event.orderId());
    }

    @EventHandler
    void on(
            OrderPaidEvent event,
            @SequenceNumber long sequence,
            @Timestamp Instant at,
            @MetaDataValue(MetadataKeys.USER_ID) String actor) {
        transition(event.orderId(), OrderStatus.PENDING, OrderStatus.PAID, false, null, sequence, at, actor);
    }

    @EventHandler
    void on(
            OrderShippedEvent event,
            @SequenceNumber long sequence,
            @Timestamp Instant at,
            @MetaDataValue(MetadataKeys.USER_ID) String actor) {
        transition(event.orderId(), OrderStatus.PAID, OrderStatus.SHIPPED, false, null, sequence, at, actor);
    }

    @EventHandler
    void on(
            OrderDeliveredEvent event,
            @SequenceNumber long sequence,
            @Timestamp Instant at,
            @MetaDataValue(MetadataKeys.USER_ID) String actor) {
        transition(event.orderId(), OrderStatus.SHIPPED, OrderStatus.DELIVERED, false, null, sequence, at, actor);
    }

    /** Only a paid order owes a refund when cancelled, so the flag also tells which status it left. */
    @EventHandler
    void on(
            OrderCancelledEvent event,
            @SequenceNumber long sequence,
            @Timestamp Instant at,
            @MetaDataValue(MetadataKeys.USER_ID) String actor) {
        OrderStatus from = event.refundRequired() ? OrderStatus.PAID : OrderStatus.PENDING;
        transition(
                event.orderId(),
                from,
                OrderStatus.CANCELLED,
                event.refundRequired(),
                event.reason(),
                sequence,
                at,
                actor);
    }

    @EventHandler
    void on(
            OrderExpiredEvent event,
            @SequenceNumber long sequence,
            @Timestamp Instant at,
            @MetaDataValue(MetadataKeys.USER_ID) String actor) {
        transition(
                event.orderId(),
                OrderStatus.PENDING,
                OrderStatus.EXPIRED,
                false,
                "No payment arrived within the payment window.",
                sequence,
                at,
                actor);
    }

    /** The refund is settled: the order no longer owes one. */
    @EventHandler
    void on(
            OrderRefundedEvent event,
            @SequenceNumber long sequence,
            @Timestamp Instant at,
            @MetaDataValue(MetadataKeys.USER_ID) String actor) {
        jdbc.update(
                "UPDATE orders SET refund_required = FALSE WHERE id = ? AND version < ?",
                event.orderId().value(),
                sequence);
        transition(event.orderId(), OrderStatus.CANCELLED, OrderStatus.REFUNDED, false, null, sequence, at, actor);
    }

    /** The status stays; the version moves, so the order's ETag still matches its aggregate. */
    @EventHandler
    void on(OrderPaymentRefusedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        jdbc.update(
                "UPDATE orders SET version = ?, updated_at = ? WHERE id = ? AND version < ?",
                sequence,
                Sql.timestamp(at),
                event.orderId().value(),
                sequence);
        publish(event.orderId());
    }

    @QueryHandler
    OrderResponse handle(FindOrderQuery query) {
        List<Object> args = new ArrayList<>(List.of(query.orderId().value()));
        String sql = "SELECT " + COLUMNS + " FROM orders WHERE id = ?";
        if (query.customerId() != null) {
            sql += " AND customer_id = ?";
            args.add(query.customerId().value());
        }
        return jdbc.query(sql, (rs, row) -> toResponse(rs, history(query.orderId())), args.toArray()).stream()
                .findFirst()
                .orElse(null);
    }

    /** Newest first, keyset-paginated over (created_at, id) so pages stay stable while orders arrive. */
    @QueryHandler
    OrderPage handle(ListOrdersQuery query) {
        int limit = PageSize.of(query.limit());
        PageCursor after = PageCursor.decode(query.cursor());
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM orders WHERE TRUE");
        List<Object> args = new ArrayList<>();
        if (query.status() != null) {
            sql.append(" AND status = ?");
            args.add(query.status().wireName());
        }
        if (query.customerId() != null) {
            sql.append(" AND customer_id = ?");
            args.add(query.customerId().value());
        }
        if (query.placedFrom() != null) {
            sql.append(" AND created_at >= ?");
            args.add(Sql.timestamp(query.placedFrom()));
        }
        if (query.placedBefore() != null) {
            sql.append(" AND created_at < ?");
            args.add(Sql.timestamp(query.placedBefore()));
        }
        if (query.minTotalMinor() != null) {
            sql.append(" AND total_minor >= ?");
            args.add(query.minTotalMinor());
        }
        if (query.maxTotalMinor() != null) {
            sql.append(" AND total_minor <= ?");
            args.add(query.maxTotalMinor());
        }
        if (after != null) {
            sql.append(" AND (created_at, id) < (?, ?)");
            args.add(Sql.timestamp(after.createdAt()));
            args.add(after.id());
        }
        // One row more than asked tells whether another page exists without a count query.
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        args.add(limit + 1);
        List<OrderResponse> rows = jdbc.query(sql.toString(), (rs, row) -> toResponse(rs, List.of()), args.toArray());
        if (rows.size() <= limit) {
            return new OrderPage(rows, null);
        }
        List<OrderResponse> page = List.copyOf(rows.subList(0, limit));
        OrderResponse last = page.get(limit - 1);
        return new OrderPage(page, new PageCursor(last.placedAt(), last.id().value()).encode());
    }

    private void transition(
            OrderId id,
            OrderStatus from,
            OrderStatus to,
            boolean refundRequired,
            String note,
            long sequence,
            Instant at,
            String actor) {
        jdbc.update("""
                UPDATE orders SET status = ?, refund_required = refund_required OR ?, version = ?, updated_at = ?
                 WHERE id = ? AND version < ?
                """, to.wireName(), refundRequired, sequence, Sql.timestamp(at), id.value(), sequence);
        record(id, sequence, from, to, actor, note, at);
        publish(id);
    }

    private void record(
            OrderId id, long sequence, OrderStatus from, OrderStatus to, String actor, String note, Instant at) {
        jdbc.update(
                """
                INSERT INTO order_history (tenant_id, order_id, sequence, from_status, to_status, actor_id, note, at)
                VALUES (app_current_tenant(), ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, order_id, sequence) DO NOTHING
                """,
                id.value(),
                sequence,
                new SqlParameterValue(Types.VARCHAR, from == null ? null : from.wireName()),
                to.wireName(),
                new SqlParameterValue(Types.OTHER, actor == null ? null : UUID.fromString(actor)),
                new SqlParameterValue(Types.VARCHAR, note),
                Sql.timestamp(at));
    }

    private void publish(OrderId id) {
        OrderResponse current = handle(new FindOrderQuery(id, null));
        if (current != null) {
            emitter.emit(
                    FindOrderQuery.class,
                    q -> id.equals(q.orderId())
                            && (q.customerId() == null || q.customerId().equals(current.customerId())),
                    current);
        }
    }

    private List<OrderHistoryEntry> history(OrderId id) {
        return jdbc.query(
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
        return new OrderResponse(
                new OrderId(rs.getObject("id", UUID.class)),
                rs.getLong("number"),
                new UserId(rs.getObject("customer_id", UUID.class)),
                OrderStatus.fromWireName(rs.getString("status")),
                rs.getBoolean("refund_required"),
                read(rs.getString("lines"), LINES),
                read(rs.getString("totals"), new TypeReference<OrderTotals>() {}),
                read(rs.getString("billing"), new TypeReference<OrderAddress>() {}),
                read(rs.getString("shipping"), new TypeReference<OrderAddress>() {}),
                history,
                rs.getLong("version"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an order column", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read an order column", e);
        }
    }
}
