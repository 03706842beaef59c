package dev.tenantcore.command.payments.model;

import static dev.tenantcore.command.common.CommandFixtures.from;
import static dev.tenantcore.command.common.CommandFixtures.refusedWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.api.payments.AnnotatePaymentCommand;
import dev.tenantcore.api.payments.AuthorizePaymentCommand;
import dev.tenantcore.api.payments.CompletePaymentCancellationCommand;
import dev.tenantcore.api.payments.CompletePaymentOpeningCommand;
import dev.tenantcore.api.payments.CompletePaymentRefundCommand;
import dev.tenantcore.api.payments.CreatePaymentCommand;
import dev.tenantcore.api.payments.ExpirePaymentCommand;
import dev.tenantcore.api.payments.FailPaymentCancellationCommand;
import dev.tenantcore.api.payments.FailPaymentOpeningCommand;
import dev.tenantcore.api.payments.FailPaymentRefundCommand;
import dev.tenantcore.api.payments.MarkPaymentFailedCommand;
import dev.tenantcore.api.payments.MarkPaymentSucceededCommand;
import dev.tenantcore.api.payments.PaymentAnnotatedEvent;
import dev.tenantcore.api.payments.PaymentAuthorizedEvent;
import dev.tenantcore.api.payments.PaymentCancellationFailedEvent;
import dev.tenantcore.api.payments.PaymentCancellationRequestedEvent;
import dev.tenantcore.api.payments.PaymentCancelledEvent;
import dev.tenantcore.api.payments.PaymentCreatedEvent;
import dev.tenantcore.api.payments.PaymentFailedEvent;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.api.payments.PaymentOpenedEvent;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.api.payments.PaymentRefundFailedEvent;
import dev.tenantcore.api.payments.PaymentRefundRequestedEvent;
import dev.tenantcore.api.payments.PaymentRefundedEvent;
import dev.tenantcore.api.payments.PaymentSucceededEvent;
import dev.tenantcore.api.payments.RecordPaymentRefundCommand;
import dev.tenantcore.api.payments.RefundPaymentCommand;
import dev.tenantcore.command.common.TenantContextInterceptor;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Payment")
class PaymentTest {

    private static final TenantId ACME = TenantId.random();
    private static final TenantId GLOBEX = TenantId.random();
    private static final PaymentId PAYMENT = PaymentId.random();
    private static final OrderId ORDER = OrderId.random();
    private static final UserId ALICE = UserId.random();
    private static final Money TOTAL = Money.of(4029, "EUR");

    private final InMemoryPaymentReferences references = new InMemoryPaymentReferences();
    private final List<ProviderCalls.Refund> queued = new ArrayList<>();
    private final List<ProviderCalls.Opening> openings = new ArrayList<>();
    private final List<ProviderCalls.Cancellation> cancellations = new ArrayList<>();
    private FixtureConfiguration<Payment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Payment.class);
        fixture.registerInjectableResource(references);
        fixture.registerInjectableResource(new ProviderCalls() {
            @Override
            public void open(Opening opening) {
                openings.add(opening);
            }

            @Override
            public void refund(Refund refund) {
                queued.add(refund);
            }

            @Override
            public void cancel(Cancellation cancellation) {
                cancellations.add(cancellation);
            }
        });
        fixture.registerCommandHandlerInterceptor(new TenantContextInterceptor());
    }

    private static PaymentCreatedEvent created(PaymentProviderKind provider, String reference) {
        return new PaymentCreatedEvent(PAYMENT, ACME, ORDER, ALICE, TOTAL, provider, reference);
    }

    private static PaymentCreatedEvent created() {
        return created(PaymentProviderKind.MANUAL, null);
    }

    private static PaymentSucceededEvent succeeded() {
        return new PaymentSucceededEvent(PAYMENT, ORDER, null);
    }

    @Nested
    @DisplayName("creating")
    class Creating {

        @Test
        @DisplayName("a payment is started for the order's amount and its opening at the provider queued")
        void creates() {
            fixture.givenNoPriorActivity()
                    .when(
                            new CreatePaymentCommand(PAYMENT, ORDER, ALICE, TOTAL, PaymentProviderKind.STRIPE),
                            from(ACME))
                    .expectEvents(created(PaymentProviderKind.STRIPE, null));
            assertThat(openings)
                    .containsExactly(new ProviderCalls.Opening(ACME, PAYMENT, PaymentProviderKind.STRIPE, TOTAL));
        }

        @Test
        @DisplayName("a manual payment needs no provider, so nothing is queued")
        void manualQueuesNothing() {
            fixture.givenNoPriorActivity()
                    .when(
                            new CreatePaymentCommand(PAYMENT, ORDER, ALICE, TOTAL, PaymentProviderKind.MANUAL),
                            from(ACME))
                    .expectEvents(created());
            assertThat(openings).isEmpty();
        }

        @Test
        @DisplayName("the provider's reference is recorded and remembered once the provider opened the payment")
        void opened() {
            fixture.given(created(PaymentProviderKind.STRIPE, null))
                    .when(new CompletePaymentOpeningCommand(PAYMENT, "pi_123"), from(ACME))
                    .expectEvents(new PaymentOpenedEvent(PAYMENT, "pi_123"))
                    .expectResultMessagePayload(1L);
            assertThat(references.find(PaymentProviderKind.STRIPE, "pi_123")).contains(PAYMENT);
        }

        @Test
        @DisplayName("an opening reported twice, or for a payment that has its reference, changes nothing")
        void openedTwice() {
            fixture.given(created(PaymentProviderKind.STRIPE, null), new PaymentOpenedEvent(PAYMENT, "pi_123"))
                    .when(new CompletePaymentOpeningCommand(PAYMENT, "pi_999"), from(ACME))
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
            assertThat(references.find(PaymentProviderKind.STRIPE, "pi_999")).isEmpty();
        }

        @Test
        @DisplayName("a payment that expired before its provider answered still learns its reference")
        void openedAfterExpiry() {
            fixture.given(
                            created(PaymentProviderKind.STRIPE, null),
                            new PaymentFailedEvent(PAYMENT, ORDER, "The order no longer awaits a payment."))
                    .when(new CompletePaymentOpeningCommand(PAYMENT, "pi_123"), from(ACME))
                    .expectEvents(new PaymentOpenedEvent(PAYMENT, "pi_123"));
            assertThat(references.find(PaymentProviderKind.STRIPE, "pi_123")).contains(PAYMENT);
        }

        @Test
        @DisplayName("a payment its provider could not open fails with the provider's reason")
        void openingFailed() {
            fixture.given(created(PaymentProviderKind.STRIPE, null))
                    .when(
                            new FailPaymentOpeningCommand(PAYMENT, "The payment provider refused the request."),
                            from(ACME))
                    .expectEvents(new PaymentFailedEvent(PAYMENT, ORDER, "The payment provider refused the request."));
        }

        @Test
        @DisplayName("a failed opening of a payment already opened or failed changes nothing")
        void openingFailedLate() {
            fixture.given(created(PaymentProviderKind.STRIPE, null), new PaymentOpenedEvent(PAYMENT, "pi_123"))
                    .when(new FailPaymentOpeningCommand(PAYMENT, "late"), from(ACME))
                    .expectNoEvents();
            fixture.given(created(PaymentProviderKind.STRIPE, null), new PaymentFailedEvent(PAYMENT, ORDER, "expired"))
                    .when(new FailPaymentOpeningCommand(PAYMENT, "late"), from(ACME))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("a payment of nothing is refused")
        void refusesZeroAmount() {
            fixture.givenNoPriorActivity()
                    .when(
                            new CreatePaymentCommand(
                                    PAYMENT, ORDER, ALICE, Money.of(0, "EUR"), PaymentProviderKind.MANUAL),
                            from(ACME))
                    .expectException(DomainException.class)
                    .expectException(refusedWith(ErrorCode.VALIDATION_FAILED))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("a payment without a provider is refused")
        void refusesMissingProvider() {
            fixture.givenNoPriorActivity()
                    .when(new CreatePaymentCommand(PAYMENT, ORDER, ALICE, TOTAL, null), from(ACME))
                    .expectException(refusedWith(ErrorCode.VALIDATION_FAILED))
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("moving")
    class Moving {

        @Test
        @DisplayName("a pending payment can be authorized, then paid with the same reference")
        void authorizesThenSucceeds() {
            fixture.given(created(PaymentProviderKind.STRIPE, "pi_123"))
                    .when(new AuthorizePaymentCommand(PAYMENT, null, "pi_123"), from(ACME))
                    .expectEvents(new PaymentAuthorizedEvent(PAYMENT, "pi_123"))
                    .expectResultMessagePayload(1L);
            fixture.given(created(PaymentProviderKind.STRIPE, "pi_123"), new PaymentAuthorizedEvent(PAYMENT, "pi_123"))
                    .when(new MarkPaymentSucceededCommand(PAYMENT, null, null), from(ACME))
                    .expectEvents(new PaymentSucceededEvent(PAYMENT, ORDER, "pi_123"))
                    .expectResultMessagePayload(2L);
        }

        @Test
        @DisplayName("a pending manual payment is marked paid")
        void marksPaid() {
            fixture.given(created())
                    .when(new MarkPaymentSucceededCommand(PAYMENT, 0L, null), from(ACME))
                    .expectEvents(succeeded())
                    .expectResultMessagePayload(1L);
        }

        @Test
        @DisplayName("a pending payment is marked failed with the reason")
        void marksFailed() {
            fixture.given(created())
                    .when(new MarkPaymentFailedCommand(PAYMENT, null, "card declined"), from(ACME))
                    .expectEvents(new PaymentFailedEvent(PAYMENT, ORDER, "card declined"))
                    .expectResultMessagePayload(1L);
        }

        @Test
        @DisplayName("a provider event with another reference cannot move the payment")
        void refusesAnotherReference() {
            fixture.given(created(PaymentProviderKind.STRIPE, "pi_123"))
                    .when(new MarkPaymentSucceededCommand(PAYMENT, null, "pi_999"), from(ACME))
                    .expectException(refusedWith(ErrorCode.CONFLICT))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("a paid payment cannot be paid again, fail or be authorized")
        void refusesMovesFromPaid() {
            fixture.given(created(), succeeded())
                    .when(new MarkPaymentSucceededCommand(PAYMENT, null, null), from(ACME))
                    .expectException(refusedWith(ErrorCode.INVALID_STATE))
                    .expectNoEvents();
            fixture.given(created(), succeeded())
                    .when(new MarkPaymentFailedCommand(PAYMENT, null, null), from(ACME))
                    .expectException(refusedWith(ErrorCode.INVALID_STATE))
                    .expectNoEvents();
            fixture.given(created(), succeeded())
                    .when(new AuthorizePaymentCommand(PAYMENT, null, null), from(ACME))
                    .expectException(refusedWith(ErrorCode.INVALID_STATE))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("a failed payment cannot be paid")
        void refusesPayingFailed() {
            fixture.given(created(), new PaymentFailedEvent(PAYMENT, ORDER, null))
                    .when(new MarkPaymentSucceededCommand(PAYMENT, null, null), from(ACME))
                    .expectException(refusedWith(ErrorCode.INVALID_STATE))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("another tenant's command finds no payment")
        void guardsTenant() {
            fixture.given(created())
                    .when(new MarkPaymentSucceededCommand(PAYMENT, null, null), from(GLOBEX))
                    .expectException(AggregateNotFoundException.class)
                    .expectNoEvents();
            fixture.given(created())
                    .when(new MarkPaymentFailedCommand(PAYMENT, null, null), from(GLOBEX))
                    .expectException(AggregateNotFoundException.class)
                    .expectNoEvents();
            fixture.given(created(), succeeded())
                    .when(new RefundPaymentCommand(PAYMENT, null, null, null), from(GLOBEX))
                    .expectException(AggregateNotFoundException.class)
                    .expectNoEvents();
            fixture.given(created())
                    .when(new AuthorizePaymentCommand(PAYMENT, null, null), from(GLOBEX))
                    .expectException(AggregateNotFoundException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("refunding")
    class Refunding {

        @Test
        @DisplayName("a paid payment is refunded in part, then in full")
        void refundsPartlyThenFully() {
            fixture.given(created(), succeeded())
                    .when(new RefundPaymentCommand(PAYMENT, null, 1000L, "one item returned"), from(ACME))
                    .expectEvents(
                            new PaymentRefundedEvent(PAYMENT, Money.of(1000, "EUR"), 1000, false, "one item returned"))
                    .expectResultMessagePayload(2L);
            fixture.given(
                            created(),
                            succeeded(),
                            new PaymentRefundedEvent(PAYMENT, Money.of(1000, "EUR"), 1000, false, null))
                    .when(new RefundPaymentCommand(PAYMENT, null, null, null), from(ACME))
                    .expectEvents(new PaymentRefundedEvent(PAYMENT, Money.of(3029, "EUR"), 4029, true, null));
        }

        @Test
        @DisplayName("a refund beyond what remains, or of nothing, is refused")
        void refusesTooMuch() {
            fixture.given(created(), succeeded())
                    .when(new RefundPaymentCommand(PAYMENT, null, 4030L, null), from(ACME))
                    .expectException(refusedWith(ErrorCode.VALIDATION_FAILED))
                    .expectNoEvents();
            fixture.given(created(), succeeded())
                    .when(new RefundPaymentCommand(PAYMENT, null, 0L, null), from(ACME))
                    .expectException(refusedWith(ErrorCode.VALIDATION_FAILED))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("only a paid payment can be refunded; a refunded one cannot be refunded again")
        void refusesRefundUnlessPaid() {
            fixture.given(created())
                    .when(new RefundPaymentCommand(PAYMENT, null, null, null), from(ACME))
                    .expectException(refusedWith(ErrorCode.INVALID_STATE))
                    .expectNoEvents();
            fixture.given(created(), succeeded(), new PaymentRefundedEvent(PAYMENT, TOTAL, 4029, true, null))
                    .when(new RefundPaymentCommand(PAYMENT, null, null, null), from(ACME))
                    .expectException(refusedWith(ErrorCode.INVALID_STATE))
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("refunding through a provider")
    class RefundingThroughAProvider {

        private final PaymentCreatedEvent stripe = created(PaymentProviderKind.STRIPE, "pi_1");

        /** Paid through Stripe: the event carries the reference, as the aggregate applies it. */
        private PaymentSucceededEvent succeeded() {
            return new PaymentSucceededEvent(PAYMENT, ORDER, "pi_1");
        }

        /** The id of the refund the fixture's payment requests, read from what it queued. */
        private UUID requested() {
            assertThat(queued).hasSize(1);
            return queued.get(0).refundId();
        }

        @Test
        @DisplayName("a refund is recorded as pending and its provider call queued with the same refund id")
        void requestsRefund() {
            fixture.given(stripe, succeeded())
                    .when(new RefundPaymentCommand(PAYMENT, null, 1000L, "one item returned"), from(ACME))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(2L);
            UUID refund = requested();
            assertThat(queued.get(0))
                    .isEqualTo(new ProviderCalls.Refund(
                            ACME, PAYMENT, refund, PaymentProviderKind.STRIPE, "pi_1", Money.of(1000, "EUR")));
            fixture.given(stripe, succeeded())
                    .when(new RefundPaymentCommand(PAYMENT, null, 1000L, "one item returned"), from(ACME))
                    .expectEvents(new PaymentRefundRequestedEvent(
                            PAYMENT, refund, Money.of(1000, "EUR"), "one item returned"));
        }

        @Test
        @DisplayName("a second refund while one is pending is refused with refund_pending, and nothing is queued")
        void refusesSecondRefund() {
            UUID pending = UUID.randomUUID();
            fixture.given(stripe, succeeded(), new PaymentRefundRequestedEvent(PAYMENT, pending, TOTAL, null))
                    .when(new RefundPaymentCommand(PAYMENT, null, 1L, null), from(ACME))
                    .expectException(refusedWith(ErrorCode.REFUND_PENDING))
                    .expectNoEvents();
            assertThat(queued).isEmpty();
        }

        @Test
        @DisplayName("the provider's yes records the refund: in part the payment is paid again, in full refunded")
        void completes() {
            UUID part = UUID.randomUUID();
            fixture.given(
                            stripe,
                            succeeded(),
                            new PaymentRefundRequestedEvent(PAYMENT, part, Money.of(1000, "EUR"), "scratched"))
                    .when(new CompletePaymentRefundCommand(PAYMENT, part), from(ACME))
                    .expectEvents(new PaymentRefundedEvent(PAYMENT, Money.of(1000, "EUR"), 1000, false, "scratched"));
            UUID rest = UUID.randomUUID();
            fixture.given(
                            stripe,
                            succeeded(),
                            new PaymentRefundRequestedEvent(PAYMENT, part, Money.of(1000, "EUR"), null),
                            new PaymentRefundedEvent(PAYMENT, Money.of(1000, "EUR"), 1000, false, null),
                            new PaymentRefundRequestedEvent(PAYMENT, rest, Money.of(3029, "EUR"), null))
                    .when(new CompletePaymentRefundCommand(PAYMENT, rest), from(ACME))
                    .expectEvents(new PaymentRefundedEvent(PAYMENT, Money.of(3029, "EUR"), 4029, true, null));
        }

        @Test
        @DisplayName("an answer for a refund that is no longer pending changes nothing")
        void ignoresStaleAnswers() {
            UUID done = UUID.randomUUID();
            fixture.given(
                            stripe,
                            succeeded(),
                            new PaymentRefundRequestedEvent(PAYMENT, done, Money.of(1000, "EUR"), null),
                            new PaymentRefundedEvent(PAYMENT, Money.of(1000, "EUR"), 1000, false, null))
                    .when(new CompletePaymentRefundCommand(PAYMENT, done), from(ACME))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
            fixture.given(stripe, succeeded())
                    .when(new FailPaymentRefundCommand(PAYMENT, UUID.randomUUID(), "no"), from(ACME))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        @DisplayName("the provider's no leaves the payment refundable again, under a new refund id")
        void failureFreesThePayment() {
            fixture.given(stripe, succeeded()).when(new RefundPaymentCommand(PAYMENT, null, null, null), from(ACME));
            UUID first = requested();
            fixture.given(stripe, succeeded(), new PaymentRefundRequestedEvent(PAYMENT, first, TOTAL, null))
                    .when(new FailPaymentRefundCommand(PAYMENT, first, "card expired"), from(ACME))
                    .expectEvents(new PaymentRefundFailedEvent(PAYMENT, first, TOTAL, "card expired"));
            queued.clear();
            fixture.given(
                            stripe,
                            succeeded(),
                            new PaymentRefundRequestedEvent(PAYMENT, first, TOTAL, null),
                            new PaymentRefundFailedEvent(PAYMENT, first, TOTAL, "card expired"))
                    .when(new RefundPaymentCommand(PAYMENT, null, null, null), from(ACME))
                    .expectSuccessfulHandlerExecution();
            assertThat(requested())
                    .as("a new key: the failed one would replay the failure")
                    .isNotEqualTo(first);
        }

        @Test
        @DisplayName("the provider reporting a full refund settles a pending one; a refunded payment refuses it")
        void providerReportsFullRefund() {
            UUID pending = UUID.randomUUID();
            fixture.given(stripe, succeeded(), new PaymentRefundRequestedEvent(PAYMENT, pending, TOTAL, null))
                    .when(new RecordPaymentRefundCommand(PAYMENT, "refunded at the provider"), from(ACME))
                    .expectEvents(new PaymentRefundedEvent(PAYMENT, TOTAL, 4029, true, "refunded at the provider"));
            fixture.given(stripe, succeeded(), new PaymentRefundedEvent(PAYMENT, TOTAL, 4029, true, null))
                    .when(new RecordPaymentRefundCommand(PAYMENT, "refunded at the provider"), from(ACME))
                    .expectException(refusedWith(ErrorCode.INVALID_STATE))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("another tenant can neither complete nor fail a pending refund")
        void otherTenant() {
            UUID pending = UUID.randomUUID();
            fixture.given(stripe, succeeded(), new PaymentRefundRequestedEvent(PAYMENT, pending, TOTAL, null))
                    .when(new CompletePaymentRefundCommand(PAYMENT, pending), from(GLOBEX))
                    .expectException(AggregateNotFoundException.class)
                    .expectNoEvents();
            fixture.given(stripe, succeeded(), new PaymentRefundRequestedEvent(PAYMENT, pending, TOTAL, null))
                    .when(new FailPaymentRefundCommand(PAYMENT, pending, "no"), from(GLOBEX))
                    .expectException(AggregateNotFoundException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("giving up")
    class GivingUp {

        private static final String GIVEN_UP = "The order no longer awaits a payment.";

        private final PaymentCreatedEvent stripe = created(PaymentProviderKind.STRIPE, null);
        private final PaymentOpenedEvent opened = new PaymentOpenedEvent(PAYMENT, "pi_1");
        private final PaymentFailedEvent failed = new PaymentFailedEvent(PAYMENT, ORDER, GIVEN_UP);

        @Test
        @DisplayName("a payment its provider opened fails, and closing it at the provider is queued")
        void closesAtProvider() {
            fixture.given(stripe, opened)
                    .when(new ExpirePaymentCommand(PAYMENT, GIVEN_UP), from(ACME))
                    .expectEvents(failed, new PaymentCancellationRequestedEvent(PAYMENT, "pi_1"))
                    .expectResultMessagePayload(3L);
            assertThat(cancellations)
                    .containsExactly(new ProviderCalls.Cancellation(ACME, PAYMENT, PaymentProviderKind.STRIPE, "pi_1"));
        }

        @Test
        @DisplayName("a payment given up before its provider opened it is closed there as soon as it opens")
        void closesOnceOpened() {
            fixture.given(stripe)
                    .when(new ExpirePaymentCommand(PAYMENT, GIVEN_UP), from(ACME))
                    .expectEvents(failed, new PaymentCancellationRequestedEvent(PAYMENT, null));
            assertThat(cancellations).isEmpty();

            fixture.given(stripe, failed, new PaymentCancellationRequestedEvent(PAYMENT, null))
                    .when(new CompletePaymentOpeningCommand(PAYMENT, "pi_1"), from(ACME))
                    .expectEvents(opened);
            assertThat(cancellations)
                    .containsExactly(new ProviderCalls.Cancellation(ACME, PAYMENT, PaymentProviderKind.STRIPE, "pi_1"));
        }

        @Test
        @DisplayName("a manual payment, or one settled already, is given up without asking anything of a provider")
        void nothingToClose() {
            fixture.given(created())
                    .when(new ExpirePaymentCommand(PAYMENT, GIVEN_UP), from(ACME))
                    .expectEvents(new PaymentFailedEvent(PAYMENT, ORDER, GIVEN_UP));
            fixture.given(stripe, opened, new PaymentSucceededEvent(PAYMENT, ORDER, "pi_1"))
                    .when(new ExpirePaymentCommand(PAYMENT, GIVEN_UP), from(ACME))
                    .expectNoEvents();
            assertThat(cancellations).isEmpty();
        }

        @Test
        @DisplayName("the provider's answer is recorded once: closed, or not closed with its reason")
        void recordsTheAnswer() {
            PaymentCancellationRequestedEvent requested = new PaymentCancellationRequestedEvent(PAYMENT, "pi_1");
            fixture.given(stripe, opened, failed, requested)
                    .when(new CompletePaymentCancellationCommand(PAYMENT), from(ACME))
                    .expectEvents(new PaymentCancelledEvent(PAYMENT, "pi_1"));
            fixture.given(stripe, opened, failed, requested, new PaymentCancelledEvent(PAYMENT, "pi_1"))
                    .when(new CompletePaymentCancellationCommand(PAYMENT), from(ACME))
                    .expectNoEvents();
            fixture.given(stripe, opened, failed, requested)
                    .when(new FailPaymentCancellationCommand(PAYMENT, "already succeeded"), from(ACME))
                    .expectEvents(new PaymentCancellationFailedEvent(PAYMENT, "already succeeded"));
            fixture.given(stripe, opened)
                    .when(new CompletePaymentCancellationCommand(PAYMENT), from(ACME))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("money that still arrives for a given-up payment is recorded and refunded in full at once")
        void refundsLateMoney() {
            fixture.given(stripe, opened, failed, new PaymentCancellationRequestedEvent(PAYMENT, "pi_1"))
                    .when(new MarkPaymentSucceededCommand(PAYMENT, null, "pi_1"), from(ACME))
                    .expectSuccessfulHandlerExecution();
            assertThat(queued).hasSize(1);
            UUID refund = queued.get(0).refundId();
            assertThat(queued.get(0))
                    .isEqualTo(
                            new ProviderCalls.Refund(ACME, PAYMENT, refund, PaymentProviderKind.STRIPE, "pi_1", TOTAL));
            fixture.given(stripe, opened, failed, new PaymentCancellationRequestedEvent(PAYMENT, "pi_1"))
                    .when(new MarkPaymentSucceededCommand(PAYMENT, null, "pi_1"), from(ACME))
                    .expectEvents(
                            new PaymentSucceededEvent(PAYMENT, ORDER, "pi_1"),
                            new PaymentRefundRequestedEvent(
                                    PAYMENT, refund, TOTAL, "The payment arrived after it was given up."));
        }

        @Test
        @DisplayName("a given-up payment refuses an approval, so an approved PayPal order is never captured")
        void refusesApproval() {
            fixture.given(
                            created(PaymentProviderKind.PAYPAL, null),
                            new PaymentOpenedEvent(PAYMENT, "ORDER-1"),
                            failed,
                            new PaymentCancellationRequestedEvent(PAYMENT, "ORDER-1"))
                    .when(new AuthorizePaymentCommand(PAYMENT, null, "ORDER-1"), from(ACME))
                    .expectException(refusedWith(ErrorCode.INVALID_STATE))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("another tenant can neither give up a payment nor report its closing")
        void otherTenant() {
            fixture.given(stripe, opened)
                    .when(new ExpirePaymentCommand(PAYMENT, GIVEN_UP), from(GLOBEX))
                    .expectException(AggregateNotFoundException.class)
                    .expectNoEvents();
            fixture.given(stripe, opened, failed, new PaymentCancellationRequestedEvent(PAYMENT, "pi_1"))
                    .when(new CompletePaymentCancellationCommand(PAYMENT), from(GLOBEX))
                    .expectException(AggregateNotFoundException.class)
                    .expectNoEvents();
            assertThat(cancellations).isEmpty();
        }
    }

    @Nested
    @DisplayName("annotating")
    class Annotating {

        @Test
        @DisplayName("staff's reference and note are recorded, stripped, in any status")
        void records() {
            fixture.given(created(), succeeded())
                    .when(
                            new AnnotatePaymentCommand(PAYMENT, null, " TR-2026-0042 ", "Paid by\n\tthe sister"),
                            from(ACME))
                    .expectEvents(new PaymentAnnotatedEvent(PAYMENT, "TR-2026-0042", "Paid by\n\tthe sister"))
                    .expectResultMessagePayload(2L);
            fixture.given(created(), new PaymentFailedEvent(PAYMENT, ORDER, "declined"))
                    .when(new AnnotatePaymentCommand(PAYMENT, null, "TR-1", null), from(ACME))
                    .expectEvents(new PaymentAnnotatedEvent(PAYMENT, "TR-1", null));
        }

        @Test
        @DisplayName("an omitted field keeps its value, an empty one removes it")
        void keepsAndRemoves() {
            PaymentAnnotatedEvent annotated = new PaymentAnnotatedEvent(PAYMENT, "TR-1", "a note");
            fixture.given(created(), annotated)
                    .when(new AnnotatePaymentCommand(PAYMENT, null, null, "another note"), from(ACME))
                    .expectEvents(new PaymentAnnotatedEvent(PAYMENT, "TR-1", "another note"));
            fixture.given(created(), annotated)
                    .when(new AnnotatePaymentCommand(PAYMENT, null, "", " "), from(ACME))
                    .expectEvents(new PaymentAnnotatedEvent(PAYMENT, null, null));
        }

        @Test
        @DisplayName("the same values again record nothing and answer the current version")
        void sameAgain() {
            fixture.given(created(), new PaymentAnnotatedEvent(PAYMENT, "TR-1", "a note"))
                    .when(new AnnotatePaymentCommand(PAYMENT, null, "TR-1", "a note"), from(ACME))
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
            fixture.given(created())
                    .when(new AnnotatePaymentCommand(PAYMENT, null, null, null), from(ACME))
                    .expectNoEvents()
                    .expectResultMessagePayload(0L);
        }

        @Test
        @DisplayName(
                "a reference too long, on several lines or with control characters, or a note too long, is refused")
        void refusesBadText() {
            for (AnnotatePaymentCommand bad : List.of(
                    new AnnotatePaymentCommand(PAYMENT, null, "x".repeat(Payment.MAX_STAFF_REFERENCE + 1), null),
                    new AnnotatePaymentCommand(PAYMENT, null, "TR\n1", null),
                    new AnnotatePaymentCommand(PAYMENT, null, "TR\u00071", null),
                    new AnnotatePaymentCommand(PAYMENT, null, null, "x".repeat(Payment.MAX_NOTE + 1)),
                    new AnnotatePaymentCommand(PAYMENT, null, null, "escape \u001b[2J"),
                    new AnnotatePaymentCommand(PAYMENT, null, null, "c1 \u0085 control"))) {
                fixture.given(created())
                        .when(bad, from(ACME))
                        .expectException(refusedWith(ErrorCode.VALIDATION_FAILED))
                        .expectNoEvents();
            }
        }

        @Test
        @DisplayName("another tenant's command finds no payment")
        void guardsTenant() {
            fixture.given(created())
                    .when(new AnnotatePaymentCommand(PAYMENT, null, "TR-1", "mine now"), from(GLOBEX))
                    .expectException(AggregateNotFoundException.class)
                    .expectNoEvents();
        }
    }
}
