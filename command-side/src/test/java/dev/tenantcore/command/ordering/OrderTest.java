package dev.tenantcore.command.ordering;

import static dev.tenantcore.command.common.CommandFixtures.ACME;
import static dev.tenantcore.command.common.CommandFixtures.GLOBEX;
import static dev.tenantcore.command.common.CommandFixtures.assertAccepted;
import static dev.tenantcore.command.common.CommandFixtures.assertRefused;
import static dev.tenantcore.command.common.CommandFixtures.assertUnchanged;
import static dev.tenantcore.command.common.CommandFixtures.fixtureFor;
import static dev.tenantcore.command.common.CommandFixtures.from;
import static dev.tenantcore.command.common.CommandFixtures.invalid;
import static dev.tenantcore.command.common.CommandFixtures.refusedWith;
import static dev.tenantcore.command.common.Refusals.refusal;
import static dev.tenantcore.command.common.Transitions.transition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.catalog.ProductId;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.ordering.CancelOrderCommand;
import dev.tenantcore.api.ordering.DeliverOrderCommand;
import dev.tenantcore.api.ordering.MarkOrderPaidCommand;
import dev.tenantcore.api.ordering.MarkOrderRefundedCommand;
import dev.tenantcore.api.ordering.OrderAddress;
import dev.tenantcore.api.ordering.OrderCancelledEvent;
import dev.tenantcore.api.ordering.OrderDeliveredEvent;
import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.api.ordering.OrderLine;
import dev.tenantcore.api.ordering.OrderLineRequest;
import dev.tenantcore.api.ordering.OrderPaidEvent;
import dev.tenantcore.api.ordering.OrderPlacedEvent;
import dev.tenantcore.api.ordering.OrderRefundedEvent;
import dev.tenantcore.api.ordering.OrderShippedEvent;
import dev.tenantcore.api.ordering.OrderTotals;
import dev.tenantcore.api.ordering.PlaceOrderCommand;
import dev.tenantcore.api.ordering.ShipOrderCommand;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.command.common.InMemoryCustomers;
import dev.tenantcore.command.common.InMemoryInventory;
import dev.tenantcore.command.common.InMemoryTenantFacts;
import dev.tenantcore.command.common.Refusals;
import dev.tenantcore.command.common.Transitions;
import dev.tenantcore.command.ordering.coupon.InMemoryCoupons;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Order")
class OrderTest implements Transitions, Refusals {

    private static final OrderId ORDER = OrderId.random();
    private static final UserId ALICE = UserId.random();
    private static final UserId BOB = UserId.random();
    /** A customer of the other tenant. */
    private static final UserId CAROL = UserId.random();

    private static final ProductId MUG = ProductId.random();
    private static final ProductId TEA = ProductId.random();
    private static final ProductId VINYL = ProductId.random();
    private static final ProductId HIDDEN = ProductId.random();
    private static final OrderAddress HOME = new OrderAddress(
            "Alice", "alice@example.test", null, "1 Main St", null, "Springfield", "12345", null, "US");
    /** 2 mugs at 12.50 and 1 tea at 4.99: 29.99, 21 % tax 6.30 (6.2979 rounded half up), shipping 4.00. */
    private static final List<OrderLine> LINES = List.of(
            new OrderLine(MUG, "Mug", Money.of(1250, "EUR"), 2, 2500),
            new OrderLine(TEA, "Tea", Money.of(499, "EUR"), 1, 499));

    private static final OrderTotals TOTALS = new OrderTotals("EUR", 2999, 0, 2100, 630, 400, 4029);

    private final InMemoryInventory inventory = new InMemoryInventory();
    private final InMemoryCoupons coupons = new InMemoryCoupons();
    private final AtomicLong lastNumber = new AtomicLong(41);
    private FixtureConfiguration<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixtureFor(
                Order.class,
                inventory,
                (OrderNumbers) lastNumber::incrementAndGet,
                new InMemoryTenantFacts().known(ACME, "Acme", 2100).known(GLOBEX, "Globex", 0),
                new InMemoryCustomers().given(ACME, ALICE, BOB).given(GLOBEX, CAROL),
                coupons);
        inventory.stocked(ACME, MUG, "Mug", Money.of(1250, "EUR"), 5);
        inventory.stocked(ACME, TEA, "Tea", Money.of(499, "EUR"), 1);
        inventory.stocked(ACME, VINYL, "Vinyl", Money.of(2000, "USD"), 5);
        inventory.stocked(ACME, HIDDEN, "Hidden", Money.of(100, "EUR"), 5, false);
    }

    @Override
    public FixtureConfiguration<Order> fixture() {
        return fixture;
    }

    /** Every step the status machine does not allow, and a cancellation with an overlong reason. */
    static Stream<Arguments> refusals() {
        return Stream.concat(
                invalidTransitions(),
                Stream.of(refusal(
                        "a reason longer than 500 characters is refused",
                        List.of(placed()),
                        new CancelOrderCommand(ORDER, null, null, "x".repeat(501)),
                        ErrorCode.VALIDATION_FAILED)));
    }

    static Stream<Arguments> invalidTransitions() {
        Object[] pending = {placed()};
        Object[] paid = {placed(), new OrderPaidEvent(ORDER)};
        Object[] shipped = {placed(), new OrderPaidEvent(ORDER), new OrderShippedEvent(ORDER)};
        Object[] delivered = {
            placed(), new OrderPaidEvent(ORDER), new OrderShippedEvent(ORDER), new OrderDeliveredEvent(ORDER)
        };
        Object[] cancelled = {placed(), new OrderCancelledEvent(ORDER, null, false)};
        MarkOrderPaidCommand pay = new MarkOrderPaidCommand(ORDER, null);
        ShipOrderCommand ship = new ShipOrderCommand(ORDER, null);
        DeliverOrderCommand deliver = new DeliverOrderCommand(ORDER, null);
        CancelOrderCommand cancel = new CancelOrderCommand(ORDER, null, null, null);
        return Stream.of(
                outOfOrder("pending → shipped", pending, ship),
                outOfOrder("pending → delivered", pending, deliver),
                outOfOrder("paid → paid", paid, pay),
                outOfOrder("paid → delivered", paid, deliver),
                outOfOrder("shipped → paid", shipped, pay),
                outOfOrder("shipped → shipped", shipped, ship),
                outOfOrder("shipped → cancelled", shipped, cancel),
                outOfOrder("delivered → paid", delivered, pay),
                outOfOrder("delivered → shipped", delivered, ship),
                outOfOrder("delivered → delivered", delivered, deliver),
                outOfOrder("delivered → cancelled", delivered, cancel),
                outOfOrder("cancelled → paid", cancelled, pay),
                outOfOrder("cancelled → shipped", cancelled, ship),
                outOfOrder("cancelled → delivered", cancelled, deliver),
                outOfOrder("cancelled → cancelled", cancelled, cancel),
                outOfOrder("paid → cancelled by the customer", paid, new CancelOrderCommand(ORDER, null, ALICE, null)));
    }

    /** The steps of an order's status machine that record only their event. */
    static Stream<Arguments> transitions() {
        return Stream.of(
                transition(
                        "a pending order is marked paid",
                        List.of(placed()),
                        new MarkOrderPaidCommand(ORDER, null),
                        1L,
                        new OrderPaidEvent(ORDER)),
                transition(
                        "a shipped order is delivered",
                        List.of(placed(), new OrderPaidEvent(ORDER), new OrderShippedEvent(ORDER)),
                        new DeliverOrderCommand(ORDER, null),
                        3L,
                        new OrderDeliveredEvent(ORDER)),
                transition(
                        "a customer cancels their own pending order",
                        List.of(placed()),
                        new CancelOrderCommand(ORDER, null, ALICE, null),
                        1L,
                        new OrderCancelledEvent(ORDER, null, false)));
    }

    private static PlaceOrderCommand place(List<OrderLineRequest> lines) {
        return new PlaceOrderCommand(ORDER, ALICE, lines, HOME, null, 400);
    }

    private static PlaceOrderCommand placeMugsAndTea() {
        return place(List.of(new OrderLineRequest(MUG, 2), new OrderLineRequest(TEA, 1)));
    }

    private static OrderPlacedEvent placed() {
        return new OrderPlacedEvent(ORDER, ACME, 42, ALICE, LINES, HOME, HOME, TOTALS);
    }

    private int reserved(ProductId product) {
        return inventory.levelOf(ACME, product).orElseThrow().reserved();
    }

    /** Stock as the order's placement left it: 2 mugs and 1 tea reserved. */
    private void reservedForTheOrder() {
        try (var scope = dev.tenantcore.infra.tenancy.TenantContext.enter(ACME, null)) {
            inventory.reserve(List.of(new OrderLineRequest(MUG, 2), new OrderLineRequest(TEA, 1)));
        }
    }

    @Nested
    @DisplayName("placing")
    class Placing {

        @Test
        @DisplayName("an order is priced from the catalogue, totalled with the tenant's tax and numbered")
        void placesWithCatalogueTotalsAndNumber() {
            fixture.givenNoPriorActivity().when(placeMugsAndTea(), from(ACME)).expectEvents(placed());
            assertThat(reserved(MUG)).isEqualTo(2);
            assertThat(reserved(TEA)).isEqualTo(1);
        }

        @Test
        @DisplayName("a product named on two lines is ordered once with the quantities added")
        void mergesRepeatedProducts() {
            fixture.givenNoPriorActivity()
                    .when(
                            place(List.of(
                                    new OrderLineRequest(MUG, 1),
                                    new OrderLineRequest(TEA, 1),
                                    new OrderLineRequest(MUG, 1))),
                            from(ACME))
                    .expectEvents(placed());
        }

        @Test
        @DisplayName("the shipping address defaults to the billing address")
        void shippingDefaultsToBilling() {
            fixture.givenNoPriorActivity()
                    .when(placeMugsAndTea(), from(ACME))
                    .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                            org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                    org.axonframework.test.matchers.Matchers.predicate(e ->
                                            ((OrderPlacedEvent) e).shipping().equals(HOME)))));
        }

        @Test
        @DisplayName("an order for more than is left is refused as out of stock, and reserves nothing at all")
        void outOfStockRefusesTheWholeOrder() {
            fixture.givenNoPriorActivity()
                    .when(place(List.of(new OrderLineRequest(MUG, 2), new OrderLineRequest(TEA, 2))), from(ACME))
                    .expectNoEvents()
                    .expectException(DomainException.class)
                    .expectException(refusedWith(ErrorCode.OUT_OF_STOCK));
            assertThat(reserved(MUG)).isZero();
            assertThat(reserved(TEA)).isZero();
        }

        @Test
        @DisplayName("a product that is not for sale, or of another tenant, is refused")
        void unavailableProductIsRefused() {
            for (ProductId product : List.of(HIDDEN, ProductId.random())) {
                assertRefused(
                        fixture.givenNoPriorActivity(),
                        place(List.of(new OrderLineRequest(product, 1))),
                        ACME,
                        ErrorCode.VALIDATION_FAILED);
            }
            assertRefused(
                    fixture.givenNoPriorActivity(),
                    place(List.of(new OrderLineRequest(MUG, 1))),
                    GLOBEX,
                    ErrorCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName(
                "an order for an account that is no customer of the tenant (unknown, staff, another tenant's customer)"
                        + " is refused as unknown_customer, and reserves nothing")
        void onlyTheTenantsCustomersAreOrderedFor() {
            for (UserId notACustomer : List.of(UserId.random(), CAROL)) {
                assertRefused(
                        fixture.givenNoPriorActivity(),
                        new PlaceOrderCommand(
                                ORDER, notACustomer, List.of(new OrderLineRequest(MUG, 1)), HOME, null, 0),
                        ACME,
                        ErrorCode.UNKNOWN_CUSTOMER);
            }
            assertThat(reserved(MUG)).isZero();
        }

        @Test
        @DisplayName("products priced in two currencies cannot share an order, and nothing stays reserved")
        void mixedCurrenciesAreRefused() {
            assertRefused(
                    fixture.givenNoPriorActivity(),
                    place(List.of(new OrderLineRequest(MUG, 1), new OrderLineRequest(VINYL, 1))),
                    ACME,
                    ErrorCode.VALIDATION_FAILED);
            assertThat(reserved(MUG)).isZero();
            assertThat(reserved(VINYL)).isZero();
        }

        static Stream<Arguments> invalidPlacements() {
            List<OrderLineRequest> one = List.of(new OrderLineRequest(MUG, 1));
            List<OrderLineRequest> tooMany = new ArrayList<>();
            for (int i = 0; i <= Order.MAX_LINES; i++) {
                tooMany.add(new OrderLineRequest(ProductId.random(), 1));
            }
            OrderAddress noCountry =
                    new OrderAddress("Alice", null, null, "1 Main St", null, "Springfield", "12345", null, "usa");
            OrderAddress noName =
                    new OrderAddress(" ", null, null, "1 Main St", null, "Springfield", "12345", null, "US");
            return Stream.of(
                    invalid("no lines", new PlaceOrderCommand(ORDER, ALICE, List.of(), HOME, null, 0)),
                    invalid("too many lines", new PlaceOrderCommand(ORDER, ALICE, tooMany, HOME, null, 0)),
                    invalid(
                            "a zero quantity",
                            new PlaceOrderCommand(ORDER, ALICE, List.of(new OrderLineRequest(MUG, 0)), HOME, null, 0)),
                    invalid(
                            "a quantity above the limit",
                            new PlaceOrderCommand(
                                    ORDER,
                                    ALICE,
                                    List.of(new OrderLineRequest(MUG, Order.MAX_QUANTITY + 1)),
                                    HOME,
                                    null,
                                    0)),
                    invalid("no customer", new PlaceOrderCommand(ORDER, null, one, HOME, null, 0)),
                    invalid("no billing address", new PlaceOrderCommand(ORDER, ALICE, one, null, null, 0)),
                    invalid(
                            "a country that is no ISO code",
                            new PlaceOrderCommand(ORDER, ALICE, one, noCountry, null, 0)),
                    invalid("a blank name", new PlaceOrderCommand(ORDER, ALICE, one, HOME, noName, 0)),
                    invalid("negative shipping", new PlaceOrderCommand(ORDER, ALICE, one, HOME, null, -1)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("invalidPlacements")
        @DisplayName("invalid placements are refused and reserve nothing")
        void invalidPlacementsAreRefused(PlaceOrderCommand command) {
            assertRefused(fixture.givenNoPriorActivity(), command, ACME, ErrorCode.VALIDATION_FAILED);
            assertThat(reserved(MUG)).isZero();
        }
    }

    @Nested
    @DisplayName("moving through its statuses")
    class Transitions {

        @Test
        @DisplayName("a paid order ships, and its reserved goods leave the stock on hand")
        void paidShipsAndConsumesStock() {
            reservedForTheOrder();
            assertAccepted(
                    fixture.given(placed(), new OrderPaidEvent(ORDER)),
                    new ShipOrderCommand(ORDER, null),
                    ACME,
                    2L,
                    new OrderShippedEvent(ORDER));
            assertThat(inventory.levelOf(ACME, MUG).orElseThrow())
                    .extracting(InMemoryInventory.Level::onHand, InMemoryInventory.Level::reserved)
                    .containsExactly(3, 0);
        }

        @Test
        @DisplayName("a transition based on an outdated version is refused")
        void staleVersionIsRefused() {
            assertRefused(
                    fixture.given(placed(), new OrderPaidEvent(ORDER)),
                    new ShipOrderCommand(ORDER, 0L),
                    ACME,
                    ConflictingAggregateVersionException.class);
        }
    }

    @Nested
    @DisplayName("cancelling")
    class Cancelling {

        @Test
        @DisplayName("staff cancel a pending order, and its stock is released")
        void pendingCancelReleasesStock() {
            reservedForTheOrder();
            assertAccepted(
                    fixture.given(placed()),
                    new CancelOrderCommand(ORDER, null, null, "changed mind"),
                    ACME,
                    1L,
                    new OrderCancelledEvent(ORDER, "changed mind", false));
            assertThat(reserved(MUG)).isZero();
            assertThat(reserved(TEA)).isZero();
        }

        @Test
        @DisplayName("staff cancel a paid order, which then owes a refund")
        void paidCancelOwesRefund() {
            reservedForTheOrder();
            fixture.given(placed(), new OrderPaidEvent(ORDER))
                    .when(new CancelOrderCommand(ORDER, null, null, null), from(ACME))
                    .expectEvents(new OrderCancelledEvent(ORDER, null, true));
            assertThat(reserved(MUG)).isZero();
        }

        @Test
        @DisplayName("another customer's cancellation behaves as if the order did not exist")
        void otherCustomerSeesNothing() {
            assertRefused(
                    fixture.given(placed()),
                    new CancelOrderCommand(ORDER, null, BOB, null),
                    ACME,
                    AggregateNotFoundException.class);
        }
    }

    @Nested
    @DisplayName("refunding")
    class Refunding {

        private final PaymentId paying = PaymentId.firstFor(ORDER);

        @Test
        @DisplayName(
                "a paid order whose paying payment is refunded in full becomes refunded, and its stock is released")
        void fullRefundOfThePayingPayment() {
            reservedForTheOrder();
            assertAccepted(
                    fixture.given(placed(), new OrderPaidEvent(ORDER, paying)),
                    new MarkOrderRefundedCommand(ORDER, paying),
                    ACME,
                    2L,
                    new OrderRefundedEvent(ORDER, paying));
            assertThat(reserved(MUG)).isZero();
            assertThat(reserved(TEA)).isZero();
        }

        @Test
        @DisplayName("a cancelled paid order becomes refunded once its refund is settled")
        void cancelledPaidOrder() {
            assertAccepted(
                    fixture.given(
                            placed(), new OrderPaidEvent(ORDER, paying), new OrderCancelledEvent(ORDER, null, true)),
                    new MarkOrderRefundedCommand(ORDER),
                    ACME,
                    3L,
                    new OrderRefundedEvent(ORDER));
        }

        @Test
        @DisplayName(
                "another payment given back, an order paid by hand, a shipped order or a second ask change nothing")
        void otherRefundsChangeNothing() {
            assertUnchanged(
                    fixture.given(placed(), new OrderPaidEvent(ORDER, paying)),
                    new MarkOrderRefundedCommand(ORDER, PaymentId.random()),
                    ACME,
                    1L);
            assertUnchanged(
                    fixture.given(placed(), new OrderPaidEvent(ORDER)),
                    new MarkOrderRefundedCommand(ORDER, paying),
                    ACME,
                    1L);
            assertUnchanged(
                    fixture.given(placed(), new OrderPaidEvent(ORDER, paying), new OrderShippedEvent(ORDER)),
                    new MarkOrderRefundedCommand(ORDER, paying),
                    ACME,
                    2L);
            assertUnchanged(
                    fixture.given(placed(), new OrderPaidEvent(ORDER, paying), new OrderRefundedEvent(ORDER, paying)),
                    new MarkOrderRefundedCommand(ORDER, paying),
                    ACME,
                    2L);
            assertUnchanged(
                    fixture.given(placed(), new OrderPaidEvent(ORDER, paying)),
                    new MarkOrderRefundedCommand(ORDER),
                    ACME,
                    1L);
        }
    }

    /** A step the status machine does not allow, refused as invalid_state. */
    private static Arguments outOfOrder(String description, Object[] given, Object command) {
        return refusal(description + " is refused as invalid_state", List.of(given), command, ErrorCode.INVALID_STATE);
    }
}
