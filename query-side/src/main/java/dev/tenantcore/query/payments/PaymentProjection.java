package dev.tenantcore.query.payments;

import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.api.payments.FindPaymentQuery;
import dev.tenantcore.api.payments.ListPaymentsQuery;
import dev.tenantcore.api.payments.PaymentAnnotatedEvent;
import dev.tenantcore.api.payments.PaymentAuthorizedEvent;
import dev.tenantcore.api.payments.PaymentCancellationFailedEvent;
import dev.tenantcore.api.payments.PaymentCancellationRequestedEvent;
import dev.tenantcore.api.payments.PaymentCancelledEvent;
import dev.tenantcore.api.payments.PaymentCreatedEvent;
import dev.tenantcore.api.payments.PaymentFailedEvent;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.api.payments.PaymentOpenedEvent;
import dev.tenantcore.api.payments.PaymentPage;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.api.payments.PaymentRefundFailedEvent;
import dev.tenantcore.api.payments.PaymentRefundRequestedEvent;
import dev.tenantcore.api.payments.PaymentRefundedEvent;
import dev.tenantcore.api.payments.PaymentResponse;
import dev.tenantcore.api.payments.PaymentSort;
import dev.tenantcore.api.payments.PaymentStatus;
import dev.tenantcore.api.payments.PaymentSucceededEvent;
import dev.tenantcore.query.support.KeysetPage;
import dev.tenantcore.query.support.PageCursor;
import dev.tenantcore.query.support.PageOrder;
import dev.tenantcore.query.support.ReadModel;
import dev.tenantcore.query.support.ReadTable;
import dev.tenantcore.query.support.Sql;
import dev.tenantcore.query.support.VersionedRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code payments} in step with the payment aggregates and answers payment queries. Rows
 * are found by id only, row-level security scoping them to the message's tenant. Idempotent: every write
 * applies only to an older {@code version} ({@link VersionedRows}). Every change is pushed to subscribers of {@link FindPaymentQuery}.
 */
@Component
@ProcessingGroup("payments")
class PaymentProjection {

    private static final String TABLE = "payments";
    private static final String COLUMNS = "id, order_id, customer_id, provider, provider_payment_id, status,"
            + " amount_minor, currency, refunded_minor, failure_reason, reference, note, version, created_at, updated_at";

    private final ReadModel store;
    private final ReadTable<PaymentId> payments;

    PaymentProjection(ReadModel store) {
        this.store = store;
        this.payments = store.table(TABLE, PaymentId::value, (id, changed) -> publish(id));
    }

    @EventHandler
    void on(PaymentCreatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        payments.insert(event.tenantId(), event.paymentId())
                .value("order_id", event.orderId().value())
                .value("customer_id", event.customerId().value())
                .value("provider", event.provider().wireName())
                .value("provider_payment_id", event.providerPaymentId())
                .value("status", PaymentStatus.PENDING.wireName())
                .value("amount_minor", event.amount().amountMinor())
                .value("currency", event.amount().currency())
                .apply(sequence, at);
    }

    /** The provider's reference, whatever the payment's status by now (it may have expired meanwhile). */
    @EventHandler
    void on(PaymentOpenedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        payments.set(event.paymentId(), "provider_payment_id", event.providerPaymentId(), sequence, at);
    }

    @EventHandler
    void on(PaymentAuthorizedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        confirmed(event.paymentId(), PaymentStatus.AUTHORIZED, event.providerPaymentId(), sequence, at);
    }

    @EventHandler
    void on(PaymentSucceededEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        confirmed(event.paymentId(), PaymentStatus.PAID, event.providerPaymentId(), sequence, at);
    }

    /** A status the provider confirms records the provider's reference to the payment. */
    private void confirmed(PaymentId id, PaymentStatus status, String providerPaymentId, long sequence, Instant at) {
        payments.transition(id, status.wireName(), "provider_payment_id", providerPaymentId, sequence, at);
    }

    @EventHandler
    void on(PaymentFailedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        payments.transition(
                event.paymentId(), PaymentStatus.FAILED.wireName(), "failure_reason", event.reason(), sequence, at);
    }

    @EventHandler
    void on(PaymentRefundRequestedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        payments.transition(event.paymentId(), PaymentStatus.REFUND_PENDING.wireName())
                .apply(sequence, at);
    }

    /** A refund always ends a pending one: the payment is paid again, or refunded once nothing remains. */
    @EventHandler
    void on(PaymentRefundedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        PaymentStatus status = event.fully() ? PaymentStatus.REFUNDED : PaymentStatus.PAID;
        payments.transition(
                event.paymentId(), status.wireName(), "refunded_minor", event.refundedMinor(), sequence, at);
    }

    /** The payment is refundable again; why the last refund failed is shown until the next failure. */
    @EventHandler
    void on(PaymentRefundFailedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        payments.transition(
                event.paymentId(), PaymentStatus.PAID.wireName(), "failure_reason", event.reason(), sequence, at);
    }

    /**
     * Closing a given-up payment at its provider shows nothing new, but it is a version of the
     * payment: the read model follows it, so an {@code If-Match} taken from here stays current.
     */
    @EventHandler
    void on(PaymentCancellationRequestedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        payments.update(event.paymentId()).apply(sequence, at);
    }

    @EventHandler
    void on(PaymentAnnotatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        payments.update(event.paymentId())
                .set("reference", event.reference())
                .set("note", event.note())
                .apply(sequence, at);
    }

    @EventHandler
    void on(PaymentCancelledEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        payments.update(event.paymentId()).apply(sequence, at);
    }

    @EventHandler
    void on(PaymentCancellationFailedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        payments.update(event.paymentId()).apply(sequence, at);
    }

    @ResetHandler
    void reset() {
        store.reset(TABLE);
    }

    @QueryHandler
    PaymentResponse handle(FindPaymentQuery query) {
        return select(query.customerId())
                .where("id = ?", query.paymentId().value())
                .one(store.jdbc());
    }

    /**
     * One page of payments, newest first unless sorted otherwise. Each filter is served by an index
     * that leads with it and ends in the page's order ({@code V35}); the amount range is checked on
     * the rows those indexes give.
     */
    @QueryHandler
    PaymentPage handle(ListPaymentsQuery query) {
        KeysetPage.Query<PaymentResponse> list = select(query.customerId())
                .whereGiven("order_id = ?", query.orderId(), OrderId::value)
                .whereGiven("status = ?", query.status(), PaymentStatus::wireName)
                .whereGiven("provider = ?", query.provider(), PaymentProviderKind::wireName)
                .whereGiven("created_at >= ?", query.createdFrom())
                .whereGiven("created_at < ?", query.createdBefore())
                .whereGiven("amount_minor >= ?", query.minAmountMinor())
                .whereGiven("amount_minor <= ?", query.maxAmountMinor());
        if (query.sort() == PaymentSort.UPDATED_AT) {
            list.orderBy(new PageOrder<>(
                    (query.descending() ? "-" : "") + PaymentSort.UPDATED_AT.name(),
                    "updated_at",
                    PageOrder.Type.TIMESTAMP,
                    query.descending(),
                    p -> p.updatedAt().toString(),
                    p -> p.id().value()));
        } else if (query.descending()) {
            list.newestFirst();
        }
        KeysetPage<PaymentResponse> page = list.page(
                store.jdbc(), query.limit(), query.cursor(), p -> new PageCursor(p.createdAt(), p.id().value()));
        return new PaymentPage(page.items(), page.nextCursor());
    }

    /**
     * A customer sees only their own payments, another's answering exactly as a missing one, and
     * never staff's note.
     */
    private KeysetPage.Query<PaymentResponse> select(UserId customer) {
        return rows(customer == null).whereGiven("customer_id = ?", customer, UserId::value);
    }

    private static KeysetPage.Query<PaymentResponse> rows(boolean staff) {
        return KeysetPage.select("SELECT " + COLUMNS + " FROM payments", (rs, row) -> toResponse(rs, staff));
    }

    /** Staff waiting on the payment hear of it with the note, its customer without. */
    private void publish(PaymentId id) {
        store.publish(
                FindPaymentQuery.class,
                () -> handle(new FindPaymentQuery(id, null)),
                (q, payment) -> id.equals(q.paymentId()) && q.customerId() == null);
        store.publish(
                FindPaymentQuery.class,
                () -> rows(false).where("id = ?", id.value()).one(store.jdbc()),
                (q, payment) -> id.equals(q.paymentId())
                        && q.customerId() != null
                        && q.customerId().equals(payment.customerId()));
    }

    private static PaymentResponse toResponse(ResultSet rs, boolean staff) throws SQLException {
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
                rs.getString("reference"),
                staff ? rs.getString("note") : null,
                rs.getLong("version"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }
}
