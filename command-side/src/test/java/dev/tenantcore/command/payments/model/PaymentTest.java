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
import dev.tenantcore.api.payments.AuthorizePaymentCommand;
import dev.tenantcore.api.payments.CreatePaymentCommand;
import dev.tenantcore.api.payments.MarkPaymentFailedCommand;
import dev.tenantcore.api.payments.MarkPaymentSucceededCommand;
import dev.tenantcore.api.payments.PaymentAuthorizedEvent;
import dev.tenantcore.api.payments.PaymentCreatedEvent;
import dev.tenantcore.api.payments.PaymentFailedEvent;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.api.payments.PaymentRefundedEvent;
import dev.tenantcore.api.payments.PaymentSucceededEvent;
import dev.tenantcore.api.payments.RefundPaymentCommand;
import dev.tenantcore.command.common.TenantContextInterceptor;
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
    private FixtureConfiguration<Payment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Payment.class);
        fixture.registerInjectableResource(references);
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
        @DisplayName("a payment is opened for the order's amount with its provider and reference")
        void creates() {
            fixture.givenNoPriorActivity()
                    .when(
                            new CreatePaymentCommand(
                                    PAYMENT, ORDER, ALICE, TOTAL, PaymentProviderKind.STRIPE, "pi_123"),
                            from(ACME))
                    .expectEvents(created(PaymentProviderKind.STRIPE, "pi_123"));
            assertThat(references.find(PaymentProviderKind.STRIPE, "pi_123")).contains(PAYMENT);
        }

        @Test
        @DisplayName("a payment of nothing is refused")
        void refusesZeroAmount() {
            fixture.givenNoPriorActivity()
                    .when(
                            new CreatePaymentCommand(
                                    PAYMENT, ORDER, ALICE, Money.of(0, "EUR"), PaymentProviderKind.MANUAL, null),
                            from(ACME))
                    .expectException(DomainException.class)
                    .expectException(refusedWith(ErrorCode.VALIDATION_FAILED))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("a payment without a provider is refused")
        void refusesMissingProvider() {
            fixture.givenNoPriorActivity()
                    .when(new CreatePaymentCommand(PAYMENT, ORDER, ALICE, TOTAL, null, null), from(ACME))
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
}
