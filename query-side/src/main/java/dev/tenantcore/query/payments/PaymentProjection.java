package dev.tenantcore.query.payments;

import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.api.payments.FindPaymentQuery;
import dev.tenantcore.api.payments.ListPaymentsQuery;
import dev.tenantcore.api.payments.PaymentAuthorizedEvent;
import dev.tenantcore.api.payments.PaymentCreatedEvent;
import dev.tenantcore.api.payments.PaymentFailedEvent;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.api.payments.PaymentList;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.api.payments.PaymentRefundedEvent;
import dev.tenantcore.api.payments.PaymentResponse;
import dev.tenantcore.api.payments.PaymentStatus;
import dev.tenantcore.api.payments.PaymentSucceededEvent;
import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import dev.tenantcore.query.support.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code payments} in step with the payment aggregates and answers payment queries. Rows
 * are found by id only, row-level security scoping them to the message's tenant. Idempotent: the
 * creation is an insert that ignores a replay, and every later change applies only to an older
 * {@code version}. Every change is pushed to subscribers of {@link FindPaymentQuery}.
 */
@Component
@ProcessingGroup("payments")
class PaymentProjection {

    private static final String COLUMNS = "id, order_id, customer_id, provider, provider_payment_id, status,"
            + " amount_minor, currency, refunded_minor, failure_reason, version, created_at, updated_at";

    private final JdbcTemplate jdbc;
    private final TenantAwareTransactionManager transactions;
    private final QueryUpdateEmitter emitter;

    PaymentProjection(JdbcTemplate jdbc, TenantAwareTransactionManager transactions, QueryUpdateEmitter emitter) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.emitter = emitter;
    }

    @EventHandler
    void on(PaymentCreatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        transactions.bind(event.tenantId());
        jdbc.update(
                """
                INSERT INTO payments (tenant_id, id, order_id, customer_id, provider, provider_payment_id, status,
                                      amount_minor, currency, version, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, id) DO NOTHING
                """,
                event.tenantId().value(),
                event.paymentId().value(),
                event.orderId().value(),
                event.customerId().value(),
                event.provider().wireName(),
                event.providerPaymentId(),
                PaymentStatus.PENDING.wireName(),
                event.amount().amountMinor(),
                event.amount().currency(),
                sequence,
                Sql.timestamp(at),
                Sql.timestamp(at));
        publish(event.paymentId());
    }

    @EventHandler
    void on(PaymentAuthorizedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        advance(event.paymentId(), PaymentStatus.AUTHORIZED, event.providerPaymentId(), sequence, at);
    }

    @EventHandler
    void on(PaymentSucceededEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        advance(event.paymentId(), PaymentStatus.PAID, event.providerPaymentId(), sequence, at);
    }

    /** Moves the payment to a provider-confirmed status, recording the provider's reference. */
    private void advance(PaymentId id, PaymentStatus status, String providerPaymentId, long sequence, Instant at) {
        jdbc.update("""
                UPDATE payments SET status = ?, provider_payment_id = ?, version = ?, updated_at = ?
                 WHERE id = ? AND version < ?
                """, status.wireName(), providerPaymentId, sequence, Sql.timestamp(at), id.value(), sequence);
        publish(id);
    }

    @EventHandler
    void on(PaymentFailedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        jdbc.update(
                """
                UPDATE payments SET status = ?, failure_reason = ?, version = ?, updated_at = ?
                 WHERE id = ? AND version < ?
                """,
                PaymentStatus.FAILED.wireName(),
                event.reason(),
                sequence,
                Sql.timestamp(at),
                event.paymentId().value(),
                sequence);
        publish(event.paymentId());
    }

    @EventHandler
    void on(PaymentRefundedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        jdbc.update(
                """
                UPDATE payments SET status = CASE WHEN ? THEN ? ELSE status END, refunded_minor = ?, version = ?,
                                    updated_at = ?
                 WHERE id = ? AND version < ?
                """,
                event.fully(),
                PaymentStatus.REFUNDED.wireName(),
                event.refundedMinor(),
                sequence,
                Sql.timestamp(at),
                event.paymentId().value(),
                sequence);
        publish(event.paymentId());
    }

    @QueryHandler
    PaymentResponse handle(FindPaymentQuery query) {
        List<Object> args = new ArrayList<>(List.of(query.paymentId().value()));
        String sql = "SELECT " + COLUMNS + " FROM payments WHERE id = ?";
        if (query.customerId() != null) {
            sql += " AND customer_id = ?";
            args.add(query.customerId().value());
        }
        return jdbc.query(sql, (rs, row) -> toResponse(rs), args.toArray()).stream()
                .findFirst()
                .orElse(null);
    }

    @QueryHandler
    PaymentList handle(ListPaymentsQuery query) {
        List<Object> args = new ArrayList<>(List.of(query.orderId().value()));
        String sql = "SELECT " + COLUMNS + " FROM payments WHERE order_id = ?";
        if (query.customerId() != null) {
            sql += " AND customer_id = ?";
            args.add(query.customerId().value());
        }
        sql += " ORDER BY created_at DESC, id DESC";
        return new PaymentList(jdbc.query(sql, (rs, row) -> toResponse(rs), args.toArray()));
    }

    private void publish(PaymentId id) {
        PaymentResponse current = handle(new FindPaymentQuery(id, null));
        if (current != null) {
            emitter.emit(
                    FindPaymentQuery.class,
                    q -> id.equals(q.paymentId())
                            && (q.customerId() == null || q.customerId().equals(current.customerId())),
                    current);
        }
    }

    private static PaymentResponse toResponse(ResultSet rs) throws SQLException {
        return new PaymentResponse(
                new PaymentId(rs.getObject("id", UUID.class)),
                new OrderId(rs.getObject("order_id", UUID.class)),
                new UserId(rs.getObject("customer_id", UUID.class)),
                PaymentProviderKind.fromWireName(rs.getString("provider")),
                rs.getString("provider_payment_id"),
                PaymentStatus.fromWireName(rs.getString("status")),
                Money.of(rs.getLong("amount_minor"), rs.getString("currency")),
                rs.getLong("refunded_minor"),
                rs.getString("failure_reason"),
                rs.getLong("version"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }
}
