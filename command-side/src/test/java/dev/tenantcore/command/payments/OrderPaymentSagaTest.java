package dev.tenantcore.command.payments;

import dev.tenantcore.api.catalog.ProductId;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.ordering.CancelPendingOrderCommand;
import dev.tenantcore.api.ordering.ExpireOrderCommand;
import dev.tenantcore.api.ordering.MarkOrderPaidCommand;
import dev.tenantcore.api.ordering.MarkOrderRefundedCommand;
import dev.tenantcore.api.ordering.OrderAddress;
import dev.tenantcore.api.ordering.OrderCancelledEvent;
import dev.tenantcore.api.ordering.OrderExpiredEvent;
import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.api.ordering.OrderLine;
import dev.tenantcore.api.ordering.OrderPaidEvent;
import dev.tenantcore.api.ordering.OrderPaymentRefusedEvent;
import dev.tenantcore.api.ordering.OrderPlacedEvent;
import dev.tenantcore.api.ordering.OrderRefundedEvent;
import dev.tenantcore.api.ordering.OrderShippedEvent;
import dev.tenantcore.api.ordering.OrderStatus;
import dev.tenantcore.api.ordering.OrderTotals;
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
import java.util.List;
import java.util.UUID;
import org.axonframework.test.saga.ContinuedGivenState;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The order payment saga")
class OrderPaymentSagaTest {

    private static final TenantId ACME = TenantId.random();
    private static final OrderId ORDER = OrderId.random();
    private static final String ORDER_KEY = ORDER.toString();
    private static final UserId ALICE = UserId.random();
    private static final PaymentId FIRST = PaymentId.firstFor(ORDER);
    private static final PaymentId SECOND = PaymentId.random();
    private static final Money TOTAL = Money.of(4029, "EUR");
    private static final Duration WINDOW = Duration.ofMinutes(30);

    private SagaTestFixture<OrderPaymentSaga> fixture;
    private CheckoutSettings checkout;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(OrderPaymentSaga.class);
        checkout = new CheckoutSettings(PaymentProviderKind.STRIPE, 30, PaymentFailurePolicy.KEEP_PENDING);
        fixture.registerResource((CheckoutPolicy) () -> checkout);
    }

    private static OrderPlacedEvent placed(PaymentProviderKind chosen, long total) {
        OrderLine line = new OrderLine(ProductId.random(), "Widget", Money.of(total, "EUR"), 1, total);
        OrderAddress address =
                new OrderAddress("Alice", null, null, "1 Main St", null, "Springfield", "12345", null, "US");
        return new OrderPlacedEvent(
                ORDER,
                ACME,
                1,
                ALICE,
                List.of(line),
                address,
                address,
                new OrderTotals("EUR", total, 0, 0, 0, 0, total),
                chosen);
    }

    private static OrderPlacedEvent placed() {
        return placed(null, TOTAL.amountMinor());
    }

    private static PaymentCreatedEvent created(PaymentId id, String reference) {
        return new PaymentCreatedEvent(id, ACME, ORDER, ALICE, TOTAL, PaymentProviderKind.STRIPE, reference);
    }

    private static final String REFUND_REASON = "The order was cancelled or had moved on when the payment arrived.";

    /** What the saga sends when it wants a payment's remaining money back. */
    private static RefundPaymentCommand refund(PaymentId id) {
        return new RefundPaymentCommand(id, null, null, REFUND_REASON);
    }

    /** The saga of an order that was paid with the first payment, then cancelled with a refund due. */
    private ContinuedGivenState paidThenCancelled() {
        return fixture.givenAggregate(ORDER_KEY)
                .published(
                        placed(),
                        created(FIRST, "pi_1"),
                        succeeded(FIRST),
                        new OrderPaidEvent(ORDER, FIRST),
                        new OrderCancelledEvent(ORDER, "changed my mind", true));
    }

    private static PaymentSucceededEvent succeeded(PaymentId id) {
        return new PaymentSucceededEvent(
                id, ORDER, "pi_" + id.value().toString().substring(0, 8));
    }

    @Nested
    @DisplayName("when an order is placed")
    class Placing {

        @Test
        @DisplayName("opens a payment with the tenant's default provider and starts the payment window")
        void opensWithDefaultProvider() {
            fixture.givenNoPriorActivity()
                    .whenAggregate(ORDER_KEY)
                    .publishes(placed())
                    .expectActiveSagas(1)
                    .expectAssociationWith(OrderPaymentSaga.ORDER, ORDER_KEY)
                    .expectScheduledDeadlineWithName(WINDOW, OrderPaymentSaga.PAYMENT_WINDOW)
                    .expectDispatchedCommands(
                            new CreatePaymentCommand(FIRST, ORDER, ALICE, TOTAL, PaymentProviderKind.STRIPE));
        }

        @Test
        @DisplayName("uses the provider the buyer chose over the tenant's default")
        void buyersChoice() {
            fixture.givenNoPriorActivity()
                    .whenAggregate(ORDER_KEY)
                    .publishes(placed(PaymentProviderKind.PAYPAL, TOTAL.amountMinor()))
                    .expectDispatchedCommands(
                            new CreatePaymentCommand(FIRST, ORDER, ALICE, TOTAL, PaymentProviderKind.PAYPAL));
        }

        @Test
        @DisplayName("runs the payment window the tenant chose")
        void tenantsWindow() {
            checkout = new CheckoutSettings(PaymentProviderKind.MANUAL, 5, PaymentFailurePolicy.KEEP_PENDING);
            fixture.givenNoPriorActivity()
                    .whenAggregate(ORDER_KEY)
                    .publishes(placed())
                    .expectScheduledDeadlineWithName(Duration.ofMinutes(5), OrderPaymentSaga.PAYMENT_WINDOW);
        }

        @Test
        @DisplayName("marks an order that costs nothing paid without a payment")
        void free() {
            fixture.givenNoPriorActivity()
                    .whenAggregate(ORDER_KEY)
                    .publishes(placed(null, 0))
                    .expectDispatchedCommands(new MarkOrderPaidCommand(ORDER, null));
        }

        @Test
        @DisplayName("opens nothing twice when the placement is delivered again")
        void duplicatePlacement() {
            fixture.givenAggregate(ORDER_KEY)
                    .published(placed())
                    .whenAggregate(ORDER_KEY)
                    .publishes(placed())
                    .expectActiveSagas(1)
                    .expectNoDispatchedCommands();
        }
    }

    @Nested
    @DisplayName("when a payment succeeds")
    class Succeeding {

        @Test
        @DisplayName("asks the order to become paid with that payment")
        void paysTheOrder() {
            fixture.givenAggregate(ORDER_KEY)
                    .published(placed(), created(FIRST, "pi_1"))
                    .whenPublishingA(succeeded(FIRST))
                    .expectDispatchedCommands(new MarkOrderPaidCommand(ORDER, null, FIRST));
        }

        @Test
        @DisplayName("closes the payment window once the order is paid and gives up other open payments")
        void paidClosesWindow() {
            fixture.givenAggregate(ORDER_KEY)
                    .published(placed(), created(FIRST, "pi_1"), created(SECOND, "pi_2"), succeeded(FIRST))
                    .whenPublishingA(new OrderPaidEvent(ORDER, FIRST))
                    .expectNoScheduledDeadlines()
                    .expectDispatchedCommands(new ExpirePaymentCommand(SECOND, "The order no longer awaits a payment."))
                    .expectActiveSagas(1);
        }

        @Test
        @DisplayName("refunds money that arrives for an order that has moved on, by asking the payment")
        void refusedPaymentIsRefunded() {
            fixture.givenAggregate(ORDER_KEY)
                    .published(placed(), created(FIRST, "pi_1"), succeeded(FIRST))
                    .whenPublishingA(new OrderPaymentRefusedEvent(ORDER, FIRST, OrderStatus.EXPIRED))
                    .expectDispatchedCommands(refund(FIRST));
        }

        @Test
        @DisplayName("asks once per delivery and lets the order refuse a second one")
        void duplicateSuccess() {
            fixture.givenAggregate(ORDER_KEY)
                    .published(placed(), created(FIRST, "pi_1"), succeeded(FIRST), new OrderPaidEvent(ORDER, FIRST))
                    .whenPublishingA(succeeded(FIRST))
                    .expectDispatchedCommands(new MarkOrderPaidCommand(ORDER, null, FIRST))
                    .expectNoScheduledDeadlines();
        }
    }

    @Nested
    @DisplayName("when a payment fails")
    class Failing {

        @Test
        @DisplayName("keeps the order pending for another attempt when the tenant says so")
        void keepsPending() {
            fixture.givenAggregate(ORDER_KEY)
                    .published(placed(), created(FIRST, "pi_1"))
                    .whenPublishingA(new PaymentFailedEvent(FIRST, ORDER, "card declined"))
                    .expectNoDispatchedCommands()
                    .expectScheduledDeadlineWithName(WINDOW, OrderPaymentSaga.PAYMENT_WINDOW)
                    .expectActiveSagas(1);
        }

        @Test
        @DisplayName("cancels the pending order when the tenant says so")
        void cancels() {
            checkout = new CheckoutSettings(PaymentProviderKind.STRIPE, 30, PaymentFailurePolicy.CANCEL_ORDER);
            fixture.givenAggregate(ORDER_KEY)
                    .published(placed(), created(FIRST, "pi_1"))
                    .whenPublishingA(new PaymentFailedEvent(FIRST, ORDER, "card declined"))
                    .expectDispatchedCommands(new CancelPendingOrderCommand(ORDER, "The payment failed."));
        }

        @Test
        @DisplayName("does not cancel while another payment of the order is still open")
        void anotherAttemptOpen() {
            checkout = new CheckoutSettings(PaymentProviderKind.STRIPE, 30, PaymentFailurePolicy.CANCEL_ORDER);
            fixture.givenAggregate(ORDER_KEY)
                    .published(placed(), created(FIRST, "pi_1"), created(SECOND, "pi_2"))
                    .whenPublishingA(new PaymentFailedEvent(FIRST, ORDER, "card declined"))
                    .expectNoDispatchedCommands();
        }

        @Test
        @DisplayName("ends once the order it cancelled is cancelled")
        void endsAfterCancellation() {
            checkout = new CheckoutSettings(PaymentProviderKind.STRIPE, 30, PaymentFailurePolicy.CANCEL_ORDER);
            fixture.givenAggregate(ORDER_KEY)
                    .published(placed(), created(FIRST, "pi_1"), new PaymentFailedEvent(FIRST, ORDER, "card declined"))
                    .whenPublishingA(new OrderCancelledEvent(ORDER, "The payment failed.", false))
                    .expectActiveSagas(0)
                    .expectNoScheduledDeadlines()
                    .expectNoDispatchedCommands();
        }
    }

    @Nested
    @DisplayName("when the payment window closes")
    class TimingOut {

        @Test
        @DisplayName("expires a pending order")
        void expires() {
            fixture.givenAggregate(ORDER_KEY)
                    .published(placed(), created(FIRST, "pi_1"))
                    .whenTimeElapses(WINDOW)
                    .expectTriggeredDeadlinesWithName(OrderPaymentSaga.PAYMENT_WINDOW)
                    .expectDispatchedCommands(new ExpireOrderCommand(ORDER));
        }

        @Test
        @DisplayName("gives up open payments once the order expired, then ends")
        void givesUpPayments() {
            fixture.givenAggregate(ORDER_KEY)
                    .published(placed(), created(FIRST, "pi_1"))
                    .whenPublishingA(new OrderExpiredEvent(ORDER))
                    .expectDispatchedCommands(new ExpirePaymentCommand(FIRST, "The order no longer awaits a payment."))
                    .expectActiveSagas(1);
        }

        @Test
        @DisplayName("ends when the last open payment of an expired order failed")
        void endsAfterExpiry() {
            fixture.givenAggregate(ORDER_KEY)
                    .published(placed(), created(FIRST, "pi_1"), new OrderExpiredEvent(ORDER))
                    .whenPublishingA(new PaymentFailedEvent(FIRST, ORDER, "The order no longer awaits a payment."))
                    .expectActiveSagas(0);
        }

        @Test
        @DisplayName("does nothing for an order paid before the window closed")
        void paidInTime() {
            fixture.givenAggregate(ORDER_KEY)
                    .published(placed(), created(FIRST, "pi_1"), succeeded(FIRST), new OrderPaidEvent(ORDER, FIRST))
                    .whenTimeElapses(WINDOW.plusMinutes(1))
                    .expectNoDispatchedCommands()
                    .expectDeadlinesMet();
        }
    }

    @Nested
    @DisplayName("when a paid order is cancelled")
    class Refunding {

        @Test
        @DisplayName("asks the payment to refund all that remains, calling no provider itself")
        void refunds() {
            fixture.givenAggregate(ORDER_KEY)
                    .published(placed(), created(FIRST, "pi_1"), succeeded(FIRST), new OrderPaidEvent(ORDER, FIRST))
                    .whenPublishingA(new OrderCancelledEvent(ORDER, "changed my mind", true))
                    .expectDispatchedCommands(refund(FIRST))
                    .expectNoScheduledDeadlines();
        }

        @Test
        @DisplayName("asks nothing again while the refund is with the provider")
        void asksOnce() {
            paidThenCancelled()
                    .andThenAggregate(FIRST.toString())
                    .published(new PaymentRefundRequestedEvent(FIRST, UUID.randomUUID(), TOTAL, REFUND_REASON))
                    .whenPublishingA(new OrderPaymentRefusedEvent(ORDER, FIRST, OrderStatus.CANCELLED))
                    .expectNoDispatchedCommands();
        }

        @Test
        @DisplayName("marks the order refunded once the payment is refunded in full, then ends")
        void marksRefunded() {
            paidThenCancelled()
                    .whenPublishingA(new PaymentRefundedEvent(FIRST, TOTAL, 4029, true, "refund"))
                    .expectDispatchedCommands(new MarkOrderRefundedCommand(ORDER))
                    .expectActiveSagas(1);
        }

        @Test
        @DisplayName("asks for the rest when only a part came back (a staff refund that was already pending)")
        void asksForTheRest() {
            paidThenCancelled()
                    .whenPublishingA(new PaymentRefundedEvent(FIRST, Money.of(1000, "EUR"), 1000, false, "scratched"))
                    .expectDispatchedCommands(refund(FIRST))
                    .expectActiveSagas(1);
        }

        @Test
        @DisplayName("ends once the order is refunded")
        void endsWhenRefunded() {
            paidThenCancelled()
                    .andThenAPublished(new PaymentRefundedEvent(FIRST, TOTAL, 4029, true, "refund"))
                    .whenPublishingA(new OrderRefundedEvent(ORDER))
                    .expectActiveSagas(0);
        }

        @Test
        @DisplayName("retries a refund the provider refused, by a deadline")
        void retriesRefund() {
            UUID refund = UUID.randomUUID();
            paidThenCancelled()
                    .andThenAggregate(FIRST.toString())
                    .published(new PaymentRefundRequestedEvent(FIRST, refund, TOTAL, REFUND_REASON))
                    .whenPublishingA(new PaymentRefundFailedEvent(FIRST, refund, TOTAL, "declined"))
                    .expectNoDispatchedCommands()
                    .expectScheduledDeadlineWithName(OrderPaymentSaga.REFUND_RETRY_DELAY, OrderPaymentSaga.REFUND_RETRY)
                    .expectActiveSagas(1);
        }

        @Test
        @DisplayName("asks the payment again when the retry is due")
        void retrySucceeds() {
            UUID refund = UUID.randomUUID();
            paidThenCancelled()
                    .andThenAggregate(FIRST.toString())
                    .published(
                            new PaymentRefundRequestedEvent(FIRST, refund, TOTAL, REFUND_REASON),
                            new PaymentRefundFailedEvent(FIRST, refund, TOTAL, "declined"))
                    .whenTimeElapses(OrderPaymentSaga.REFUND_RETRY_DELAY)
                    .expectTriggeredDeadlinesWithName(OrderPaymentSaga.REFUND_RETRY)
                    .expectDispatchedCommands(refund(FIRST));
        }

        @Test
        @DisplayName("leaves the refund to staff after the last refused attempt, and ends")
        void givesUp() throws Exception {
            var given = paidThenCancelled();
            for (int attempt = 1; attempt < OrderPaymentSaga.MAX_REFUND_ATTEMPTS; attempt++) {
                UUID refund = UUID.randomUUID();
                given = given.andThenAggregate(FIRST.toString())
                        .published(
                                new PaymentRefundRequestedEvent(FIRST, refund, TOTAL, REFUND_REASON),
                                new PaymentRefundFailedEvent(FIRST, refund, TOTAL, "declined"))
                        .andThenTimeElapses(OrderPaymentSaga.REFUND_RETRY_DELAY);
            }
            UUID last = UUID.randomUUID();
            given.andThenAggregate(FIRST.toString())
                    .published(new PaymentRefundRequestedEvent(FIRST, last, TOTAL, REFUND_REASON))
                    .whenPublishingA(new PaymentRefundFailedEvent(FIRST, last, TOTAL, "declined"))
                    .expectNoDispatchedCommands()
                    .expectNoScheduledDeadlines()
                    .expectActiveSagas(0);
        }

        @Test
        @DisplayName("ends after shipping, when cancelling is no longer possible")
        void shipped() {
            fixture.givenAggregate(ORDER_KEY)
                    .published(placed(), created(FIRST, "pi_1"), succeeded(FIRST), new OrderPaidEvent(ORDER, FIRST))
                    .whenPublishingA(new OrderShippedEvent(ORDER))
                    .expectActiveSagas(0);
        }
    }

    @Nested
    @DisplayName("when a paid order's payment is refunded through the API")
    class RefundingPaidOrders {

        private ContinuedGivenState paid() {
            return fixture.givenAggregate(ORDER_KEY)
                    .published(placed(), created(FIRST, "pi_1"), succeeded(FIRST), new OrderPaidEvent(ORDER, FIRST));
        }

        @Test
        @DisplayName("asks the order to become refunded by that payment once all of it is back")
        void fullRefundRefundsTheOrder() {
            paid().andThenAggregate(FIRST.toString())
                    .published(new PaymentRefundRequestedEvent(FIRST, UUID.randomUUID(), TOTAL, "goodwill"))
                    .whenPublishingA(new PaymentRefundedEvent(FIRST, TOTAL, 4029, true, "goodwill"))
                    .expectDispatchedCommands(new MarkOrderRefundedCommand(ORDER, FIRST))
                    .expectActiveSagas(1);
        }

        @Test
        @DisplayName("leaves the order as it is after a partial refund")
        void partialRefundLeavesTheOrder() {
            paid().whenPublishingA(new PaymentRefundedEvent(FIRST, Money.of(1000, "EUR"), 1000, false, "scratched"))
                    .expectNoDispatchedCommands()
                    .expectActiveSagas(1);
        }

        @Test
        @DisplayName("asks once the partial refunds add up to all of it")
        void refundsAddingUpRefundTheOrder() {
            paid().andThenAPublished(new PaymentRefundedEvent(FIRST, Money.of(1000, "EUR"), 1000, false, "scratched"))
                    .whenPublishingA(new PaymentRefundedEvent(FIRST, Money.of(3029, "EUR"), 4029, true, "returned"))
                    .expectDispatchedCommands(new MarkOrderRefundedCommand(ORDER, FIRST));
        }

        @Test
        @DisplayName("ends once the order is refunded")
        void endsWhenRefunded() {
            paid().andThenAPublished(new PaymentRefundedEvent(FIRST, TOTAL, 4029, true, "goodwill"))
                    .whenPublishingA(new OrderRefundedEvent(ORDER, FIRST))
                    .expectNoDispatchedCommands()
                    .expectActiveSagas(0);
        }
    }
}
