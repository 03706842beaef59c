package dev.tenantcore.query.crm;

import dev.tenantcore.api.audit.DataSubjectErasedEvent;
import dev.tenantcore.api.common.DataSubject;
import dev.tenantcore.api.ordering.OrderCancelledEvent;
import dev.tenantcore.api.ordering.OrderExpiredEvent;
import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.api.ordering.OrderPaidEvent;
import dev.tenantcore.api.ordering.OrderPlacedEvent;
import dev.tenantcore.api.ordering.OrderRefundedEvent;
import dev.tenantcore.query.support.ReadModel;
import dev.tenantcore.query.support.ReadTable;
import java.time.Instant;
import java.util.Locale;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

/**
 * The CRM's own record of what buyers ordered ({@code crm_buyer_orders}), which segments read for
 * "has ordered", "total spent" and "last activity". It keeps the order's buyer as the order names
 * it (customer account, billing e-mail) and leaves matching it to a contact to the read, so an
 * order projected before its buyer became a contact still counts for that contact.
 */
@Component
@ProcessingGroup("crm-segments")
class BuyerOrderProjection {

    private static final String TABLE = "crm_buyer_orders";

    private final ReadModel store;
    private final ReadTable<OrderId> orders;

    BuyerOrderProjection(ReadModel store) {
        this.store = store;
        // Nobody subscribes to these rows: they serve segment reads only.
        this.orders = store.table(TABLE, OrderId::value, (id, changed) -> {});
    }

    @EventHandler
    void on(OrderPlacedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        String email = event.billing() == null ? null : event.billing().email();
        orders.insert(event.tenantId(), event.orderId())
                .value(
                        "customer_id",
                        event.customerId() == null ? null : event.customerId().value())
                .value("buyer_email", email == null ? null : email.strip().toLowerCase(Locale.ROOT))
                .value("currency", event.totals().currency())
                .value("total_minor", event.totals().totalMinor())
                .value("paid_minor", 0L)
                .value("standing", true)
                .apply(sequence, at);
    }

    @EventHandler
    void on(OrderPaidEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        orders.update(event.orderId())
                .set("paid_minor", "total_minor", new Object[0])
                .apply(sequence, at);
    }

    @EventHandler
    void on(OrderRefundedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        orders.set(event.orderId(), "paid_minor", 0L, sequence, at);
    }

    @EventHandler
    void on(OrderCancelledEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        orders.set(event.orderId(), "standing", false, sequence, at);
    }

    @EventHandler
    void on(OrderExpiredEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        orders.set(event.orderId(), "standing", false, sequence, at);
    }

    @ResetHandler
    void reset() {
        store.reset(TABLE);
    }

    /** A customer erased: their orders' billing e-mail is forgotten; totals stay for the segments. */
    @EventHandler
    void on(DataSubjectErasedEvent event) {
        if (event.subject() != DataSubject.USER) {
            return;
        }
        store.jdbc().update("UPDATE crm_buyer_orders SET buyer_email = NULL WHERE customer_id = ?", event.subjectId());
    }
}
