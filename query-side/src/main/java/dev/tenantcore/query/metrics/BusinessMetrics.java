package dev.tenantcore.query.metrics;

import dev.tenantcore.api.invoicing.InvoiceIssuedEvent;
import dev.tenantcore.api.ordering.OrderCancelledEvent;
import dev.tenantcore.api.ordering.OrderExpiredEvent;
import dev.tenantcore.api.ordering.OrderPaidEvent;
import dev.tenantcore.api.ordering.OrderPlacedEvent;
import dev.tenantcore.api.ordering.OrderRefundedEvent;
import dev.tenantcore.api.ordering.OrderShippedEvent;
import dev.tenantcore.api.payments.PaymentCreatedEvent;
import dev.tenantcore.api.payments.PaymentFailedEvent;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.api.payments.PaymentRefundedEvent;
import dev.tenantcore.api.payments.PaymentSucceededEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

/**
 * The business as Prometheus counters: {@code tenantcore_orders_total{event}}, {@code
 * tenantcore_payments_total{provider,outcome}} and {@code tenantcore_invoices_issued_total}.
 *
 * <p>A subscribing processor (application.yml): each event is counted once, on the node whose
 * command published it, after its transaction commits, and history is never counted again when a
 * node starts. Summed over the nodes, the counters are the platform's totals; they carry no tenant,
 * so their number stays fixed however many tenants there are.
 */
@Component
@ProcessingGroup("business-metrics")
class BusinessMetrics {

    private static final int REMEMBERED_PAYMENTS = 10_000;

    private final MeterRegistry meters;
    private final EventStore events;
    /** Which provider each recent payment went to: its success or failure does not say. */
    private final Map<PaymentId, PaymentProviderKind> providers =
            Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<PaymentId, PaymentProviderKind> eldest) {
                    return size() > REMEMBERED_PAYMENTS;
                }
            });

    BusinessMetrics(MeterRegistry meters, EventStore events) {
        this.meters = meters;
        this.events = events;
    }

    @EventHandler
    void on(OrderPlacedEvent event) {
        order("placed");
    }

    @EventHandler
    void on(OrderPaidEvent event) {
        order("paid");
    }

    @EventHandler
    void on(OrderExpiredEvent event) {
        order("expired");
    }

    @EventHandler
    void on(OrderCancelledEvent event) {
        order("cancelled");
    }

    @EventHandler
    void on(OrderRefundedEvent event) {
        order("refunded");
    }

    @EventHandler
    void on(OrderShippedEvent event) {
        order("shipped");
    }

    @EventHandler
    void on(PaymentCreatedEvent event) {
        providers.put(event.paymentId(), event.provider());
        payment(event.provider(), "created");
    }

    @EventHandler
    void on(PaymentSucceededEvent event) {
        payment(provider(event.paymentId()), "succeeded");
    }

    @EventHandler
    void on(PaymentFailedEvent event) {
        payment(provider(event.paymentId()), "failed");
    }

    @EventHandler
    void on(PaymentRefundedEvent event) {
        payment(provider(event.paymentId()), "refunded");
    }

    @EventHandler
    void on(InvoiceIssuedEvent event) {
        afterCommit(() -> meters.counter("tenantcore.invoices.issued").increment());
    }

    private void order(String event) {
        afterCommit(() -> meters.counter("tenantcore.orders", "event", event).increment());
    }

    private void payment(PaymentProviderKind provider, String outcome) {
        String name = provider == null ? "unknown" : provider.wireName();
        afterCommit(() -> meters.counter("tenantcore.payments", "provider", name, "outcome", outcome)
                .increment());
    }

    /** The provider a payment was created with: remembered, or read from the payment's own history. */
    private PaymentProviderKind provider(PaymentId payment) {
        return providers.computeIfAbsent(
                payment,
                id -> events.readEvents(id.toString())
                        .asStream()
                        .map(message -> message.getPayload())
                        .filter(PaymentCreatedEvent.class::isInstance)
                        .map(created -> ((PaymentCreatedEvent) created).provider())
                        .findFirst()
                        .orElse(null));
    }

    /**
     * Counted once the publishing transaction commits: a command that rolls back counts nothing. The
     * root unit of work is the transaction's; a command a saga sends runs nested in the saga's.
     */
    private static void afterCommit(Runnable count) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> count.run());
        } else {
            count.run();
        }
    }
}
