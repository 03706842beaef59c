package dev.tenantcore.command.payments;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.ordering.CancelPendingOrderCommand;
import dev.tenantcore.api.ordering.ExpireOrderCommand;
import dev.tenantcore.api.ordering.MarkOrderPaidCommand;
import dev.tenantcore.api.ordering.MarkOrderRefundedCommand;
import dev.tenantcore.api.ordering.OrderCancelledEvent;
import dev.tenantcore.api.ordering.OrderExpiredEvent;
import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.api.ordering.OrderPaidEvent;
import dev.tenantcore.api.ordering.OrderPaymentRefusedEvent;
import dev.tenantcore.api.ordering.OrderPlacedEvent;
import dev.tenantcore.api.ordering.OrderRefundedEvent;
import dev.tenantcore.api.ordering.OrderShippedEvent;
import dev.tenantcore.api.payments.CreatePaymentCommand;
import dev.tenantcore.api.payments.ExpirePaymentCommand;
import dev.tenantcore.api.payments.PaymentCreatedEvent;
import dev.tenantcore.api.payments.PaymentFailedEvent;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.api.payments.PaymentRefundFailedEvent;
import dev.tenantcore.api.payments.PaymentRefundRequestedEvent;
import dev.tenantcore.api.payments.PaymentRefundedEvent;
import dev.tenantcore.api.payments.PaymentSucceededEvent;
import dev.tenantcore.api.payments.RefundPaymentCommand;
import dev.tenantcore.api.tenancy.CheckoutSettings;
import dev.tenantcore.api.tenancy.PaymentFailurePolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets a placed order paid, or ends it and gives back what was paid.
 *
 * <ul>
 *   <li>Order placed → a payment opens with the buyer's chosen provider (or the tenant's default),
 *       and the tenant's payment window starts as a durable deadline.
 *   <li>Payment succeeded → the order is asked to become paid; an order that has moved on refuses
 *       with an event instead, and that money is refunded.
 *   <li>Payment failed → per the tenant's policy, the order stays pending for another attempt or
 *       is cancelled when no other payment is still open.
 *   <li>Window closed while pending → the order expires (its stock is released) and open payments
 *       are given up.
 *   <li>Paid order cancelled → the payment is asked to refund itself (which calls its provider
 *       outside this transaction) → refunded → order refunded.
 *   <li>Paid order's payment refunded in full by staff ({@code POST /payments/{id}/refunds}) or at
 *       the provider → order refunded, if that payment is the one that paid it.
 * </ul>
 *
 * <p>Every command sent here is one its target cannot refuse for a stale view (it does nothing
 * instead), because a refused command would roll back this handler's transaction and retry the
 * event forever. The saga calls no provider itself: opening a payment and refunding it are commands
 * to the payment, which queues the provider call (see QueuedProviderCalls). A payment its provider
 * could not open comes back as a failed payment; a refund the provider refused comes back as an event and is asked
 * again by a deadline, a bounded number of times. The saga ends once the order reached an end
 * (shipped, cancelled, expired or refunded) and no payment is open or owed back.
 */
@Saga
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class OrderPaymentSaga {

    static final String ORDER = "orderId";
    static final String PAYMENT = "paymentId";
    static final String PAYMENT_WINDOW = "payment-window";
    static final String REFUND_RETRY = "refund-retry";
    static final Duration REFUND_RETRY_DELAY = Duration.ofMinutes(10);
    static final int MAX_REFUND_ATTEMPTS = 6;

    private static final Logger log = LoggerFactory.getLogger(OrderPaymentSaga.class);

    enum Stage {
        AWAITING_PAYMENT,
        PAID,
        REFUND_DUE,
        ENDED
    }

    enum State {
        OPEN,
        PAID,
        FAILED,
        REFUNDED
    }

    /** What the saga knows of one payment of its order. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class Tracked {
        PaymentProviderKind provider;
        String reference;
        State state;
        long amountMinor;
        long refundedMinor;
        boolean refundOwed;
        /** A refund of it is with the provider; asking again now would only be refused. */
        boolean refunding;

        Tracked() {}

        Tracked(PaymentProviderKind provider, String reference, long amountMinor) {
            this.provider = provider;
            this.reference = reference;
            this.amountMinor = amountMinor;
            this.state = State.OPEN;
        }
    }

    /** The deadline's payload: deadline handlers take their payload first, so it needs a type. */
    public record PaymentWindowClosed(OrderId orderId) {}

    public record RefundRetryDue(OrderId orderId) {}

    private OrderId orderId;
    private UserId customerId;
    private Money total;
    private PaymentFailurePolicy onFailure;
    private Stage stage;
    private String paymentWindow;
    private String refundRetry;
    private int refundAttempts;
    private Map<String, Tracked> payments = new LinkedHashMap<>();

    @StartSaga
    @SagaEventHandler(associationProperty = ORDER)
    void on(OrderPlacedEvent event, CheckoutPolicy policy, DeadlineManager deadlines, CommandGateway commands) {
        if (stage != null) {
            return; // a redelivered placement: the payment is already on its way
        }
        CheckoutSettings checkout = policy.current();
        orderId = event.orderId();
        customerId = event.customerId();
        total = Money.of(event.totals().totalMinor(), event.totals().currency());
        onFailure = checkout.onPaymentFailure();
        stage = Stage.AWAITING_PAYMENT;
        paymentWindow = deadlines.schedule(
                Duration.ofMinutes(checkout.paymentWindowMinutes()), PAYMENT_WINDOW, new PaymentWindowClosed(orderId));
        if (total.amountMinor() == 0) {
            commands.send(new MarkOrderPaidCommand(orderId, null));
            return;
        }
        PaymentProviderKind provider =
                event.paymentProvider() != null ? event.paymentProvider() : checkout.defaultProvider();
        commands.send(new CreatePaymentCommand(PaymentId.firstFor(orderId), orderId, customerId, total, provider));
    }

    /** Payments the buyer opens later (another attempt, another provider) are followed too. */
    @SagaEventHandler(associationProperty = ORDER)
    void on(PaymentCreatedEvent event, CommandGateway commands) {
        SagaLifecycle.associateWith(PAYMENT, event.paymentId().toString());
        payments.putIfAbsent(
                key(event.paymentId()),
                new Tracked(
                        event.provider(),
                        event.providerPaymentId(),
                        event.amount().amountMinor()));
        if (stage != Stage.AWAITING_PAYMENT) {
            commands.send(new ExpirePaymentCommand(event.paymentId(), "The order no longer awaits a payment."));
        }
    }

    @SagaEventHandler(associationProperty = ORDER)
    void on(PaymentSucceededEvent event, CommandGateway commands) {
        Tracked payment = tracked(event.paymentId());
        payment.state = State.PAID;
        if (event.providerPaymentId() != null) {
            payment.reference = event.providerPaymentId();
        }
        commands.send(new MarkOrderPaidCommand(orderId, null, event.paymentId()));
    }

    @SagaEventHandler(associationProperty = ORDER)
    void on(PaymentFailedEvent event, CommandGateway commands) {
        tracked(event.paymentId()).state = State.FAILED;
        if (stage == Stage.AWAITING_PAYMENT
                && onFailure == PaymentFailurePolicy.CANCEL_ORDER
                && payments.values().stream().noneMatch(p -> p.state == State.OPEN || p.state == State.PAID)) {
            commands.send(new CancelPendingOrderCommand(orderId, "The payment failed."));
        }
        endIfSettled();
    }

    @SagaEventHandler(associationProperty = ORDER)
    void on(OrderPaidEvent event, DeadlineManager deadlines, CommandGateway commands) {
        stage = Stage.PAID;
        closePaymentWindow(deadlines);
        giveUpOpenPayments(commands);
    }

    /** The order had moved on when this payment's money arrived: that money goes back. */
    @SagaEventHandler(associationProperty = ORDER)
    void on(OrderPaymentRefusedEvent event, CommandGateway commands) {
        tracked(event.paymentId()).refundOwed = true;
        refundOwed(commands);
    }

    @SagaEventHandler(associationProperty = ORDER)
    void on(OrderCancelledEvent event, DeadlineManager deadlines, CommandGateway commands) {
        closePaymentWindow(deadlines);
        giveUpOpenPayments(commands);
        if (event.refundRequired()) {
            stage = Stage.REFUND_DUE;
            payments.values().stream().filter(p -> p.state == State.PAID).forEach(p -> p.refundOwed = true);
            refundOwed(commands);
        } else {
            stage = Stage.ENDED;
        }
        endIfSettled();
    }

    @SagaEventHandler(associationProperty = ORDER)
    void on(OrderExpiredEvent event, CommandGateway commands) {
        stage = Stage.ENDED;
        giveUpOpenPayments(commands);
        endIfSettled();
    }

    /** Shipped goods are past cancellation; what remains to settle (a refused payment) still is. */
    @SagaEventHandler(associationProperty = ORDER)
    void on(OrderShippedEvent event, DeadlineManager deadlines) {
        stage = Stage.ENDED;
        closePaymentWindow(deadlines);
        endIfSettled();
    }

    @SagaEventHandler(associationProperty = ORDER)
    void on(OrderRefundedEvent event) {
        stage = Stage.ENDED;
        endIfSettled();
    }

    /** A refund is with the provider, whoever asked for it (this saga, or staff). */
    @SagaEventHandler(associationProperty = PAYMENT)
    void on(PaymentRefundRequestedEvent event) {
        tracked(event.paymentId()).refunding = true;
    }

    @SagaEventHandler(associationProperty = PAYMENT)
    void on(PaymentRefundedEvent event, CommandGateway commands) {
        Tracked payment = tracked(event.paymentId());
        payment.refunding = false;
        payment.refundedMinor = event.refundedMinor();
        if (event.fully()) {
            payment.state = State.REFUNDED;
            payment.refundOwed = false;
        } else if (payment.refundOwed) {
            // A part was refunded (by staff, while this saga waited): the rest is still owed.
            refundOwed(commands);
        }
        if (stage == Stage.REFUND_DUE && payments.values().stream().noneMatch(p -> p.refundOwed)) {
            commands.send(new MarkOrderRefundedCommand(orderId));
        } else if (stage == Stage.PAID && event.fully()) {
            // Staff (or the provider) gave a paid order's payment back in full: if it is the one that
            // paid the order, the order is refunded; the order decides, as only it knows which paid.
            commands.send(new MarkOrderRefundedCommand(orderId, event.paymentId()));
        }
        endIfSettled();
    }

    /**
     * The provider did not refund: what is still owed is asked again by a deadline, a bounded
     * number of times, then left to staff.
     */
    @SagaEventHandler(associationProperty = PAYMENT)
    void on(PaymentRefundFailedEvent event, DeadlineManager deadlines) {
        Tracked payment = tracked(event.paymentId());
        payment.refunding = false;
        if (!payment.refundOwed || refundRetry != null) {
            return;
        }
        refundAttempts++;
        if (refundAttempts < MAX_REFUND_ATTEMPTS) {
            refundRetry = deadlines.schedule(REFUND_RETRY_DELAY, REFUND_RETRY, new RefundRetryDue(orderId));
            return;
        }
        log.error(
                "order {}: the provider refused the refund {} times; staff must refund it by hand",
                orderId,
                refundAttempts);
        payments.values().forEach(p -> p.refundOwed = false);
        if (stage == Stage.REFUND_DUE) {
            stage = Stage.ENDED;
        }
        endIfSettled();
    }

    @DeadlineHandler(deadlineName = PAYMENT_WINDOW)
    void on(PaymentWindowClosed deadline, CommandGateway commands) {
        paymentWindow = null;
        if (stage == Stage.AWAITING_PAYMENT) {
            commands.send(new ExpireOrderCommand(orderId));
        }
    }

    @DeadlineHandler(deadlineName = REFUND_RETRY)
    void on(RefundRetryDue deadline, CommandGateway commands) {
        refundRetry = null;
        refundOwed(commands);
    }

    /**
     * Asks every payment owed back, and not already being refunded, to refund all that remains. The
     * payment refuses a second refund while one is pending, so a redelivered event asks nothing
     * twice of the provider; the answer comes back as a refunded or refund-failed event.
     */
    private void refundOwed(CommandGateway commands) {
        payments.forEach((id, payment) -> {
            long remaining = payment.amountMinor - payment.refundedMinor;
            if (payment.refundOwed && payment.state == State.PAID && !payment.refunding && remaining > 0) {
                payment.refunding = true;
                commands.send(new RefundPaymentCommand(
                        new PaymentId(UUID.fromString(id)),
                        null,
                        null,
                        "The order was cancelled or had moved on when the payment arrived."));
            }
        });
    }

    private void giveUpOpenPayments(CommandGateway commands) {
        payments.forEach((id, payment) -> {
            if (payment.state == State.OPEN) {
                commands.send(new ExpirePaymentCommand(
                        new PaymentId(UUID.fromString(id)), "The order no longer awaits a payment."));
            }
        });
    }

    private void closePaymentWindow(DeadlineManager deadlines) {
        if (paymentWindow != null) {
            deadlines.cancelSchedule(PAYMENT_WINDOW, paymentWindow);
            paymentWindow = null;
        }
    }

    private void endIfSettled() {
        boolean settled = payments.values().stream().noneMatch(p -> p.state == State.OPEN || p.refundOwed);
        if (stage == Stage.ENDED && settled && refundRetry == null) {
            SagaLifecycle.end();
        }
    }

    /** A payment this saga has not seen created (its event is still on the way) is tracked from here. */
    private Tracked tracked(PaymentId id) {
        return payments.computeIfAbsent(key(id), k -> new Tracked(null, null, total.amountMinor()));
    }

    private static String key(PaymentId id) {
        return id.value().toString();
    }
}
