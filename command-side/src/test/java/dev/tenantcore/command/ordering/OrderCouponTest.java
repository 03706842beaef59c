package dev.tenantcore.command.ordering;

import static dev.tenantcore.command.common.CommandFixtures.ACME;
import static dev.tenantcore.command.common.CommandFixtures.GLOBEX;
import static dev.tenantcore.command.common.CommandFixtures.assertAccepted;
import static dev.tenantcore.command.common.CommandFixtures.assertRefused;
import static dev.tenantcore.command.common.CommandFixtures.fixtureFor;
import static dev.tenantcore.command.common.CommandFixtures.from;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.catalog.ProductId;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.ordering.CancelOrderCommand;
import dev.tenantcore.api.ordering.CancelPendingOrderCommand;
import dev.tenantcore.api.ordering.ExpireOrderCommand;
import dev.tenantcore.api.ordering.MarkOrderRefundedCommand;
import dev.tenantcore.api.ordering.OrderAddress;
import dev.tenantcore.api.ordering.OrderCancelledEvent;
import dev.tenantcore.api.ordering.OrderExpiredEvent;
import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.api.ordering.OrderLine;
import dev.tenantcore.api.ordering.OrderLineRequest;
import dev.tenantcore.api.ordering.OrderPaidEvent;
import dev.tenantcore.api.ordering.OrderPlacedEvent;
import dev.tenantcore.api.ordering.OrderRefundedEvent;
import dev.tenantcore.api.ordering.OrderTotals;
import dev.tenantcore.api.ordering.PlaceOrderCommand;
import dev.tenantcore.api.ordering.coupon.AppliedCoupon;
import dev.tenantcore.api.ordering.coupon.CouponId;
import dev.tenantcore.api.ordering.coupon.CouponTerms;
import dev.tenantcore.api.ordering.coupon.DiscountKind;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.command.common.InMemoryCustomers;
import dev.tenantcore.command.common.InMemoryInventory;
import dev.tenantcore.command.common.InMemoryTenantFacts;
import dev.tenantcore.command.ordering.coupon.InMemoryCoupons;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Order with a coupon")
class OrderCouponTest {

    private static final OrderId ORDER = OrderId.random();
    private static final UserId ALICE = UserId.random();
    private static final UserId BOB = UserId.random();
    private static final ProductId MUG = ProductId.random();
    private static final ProductId TEA = ProductId.random();
    private static final ProductId VINYL = ProductId.random();
    private static final OrderAddress HOME =
            new OrderAddress("Alice", null, null, "1 Main St", null, "Springfield", "12345", null, "US");
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private static final CouponId TEN_PERCENT = CouponId.random();
    private static final CouponId FIVE_OFF = CouponId.random();
    private static final CouponId OLD = CouponId.random();
    private static final CouponId SOON = CouponId.random();
    private static final CouponId ENDED = CouponId.random();
    private static final CouponId ONCE = CouponId.random();
    private static final CouponId ONCE_EACH = CouponId.random();
    private static final CouponId BIG_BASKETS = CouponId.random();
    private static final CouponId GLOBEX_CODE = CouponId.random();

    private static CouponTerms percent(int basisPoints) {
        return new CouponTerms(DiscountKind.PERCENTAGE, basisPoints, null, null, null, null, null, null);
    }

    private static CouponTerms fixed(long minor) {
        return new CouponTerms(DiscountKind.FIXED, null, Money.of(minor, "EUR"), null, null, null, null, null);
    }

    private final InMemoryInventory inventory = new InMemoryInventory();
    private final InMemoryCoupons coupons = new InMemoryCoupons().at(NOW);
    private FixtureConfiguration<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixtureFor(
                Order.class,
                inventory,
                (OrderNumbers) new AtomicLong(41)::incrementAndGet,
                new InMemoryTenantFacts().known(ACME, "Acme", 2100).known(GLOBEX, "Globex", 0),
                new InMemoryCustomers().given(ACME, ALICE, BOB),
                coupons);
        inventory.stocked(ACME, MUG, "Mug", Money.of(1250, "EUR"), 5);
        inventory.stocked(ACME, TEA, "Tea", Money.of(499, "EUR"), 1);
        inventory.stocked(ACME, VINYL, "Vinyl", Money.of(2000, "USD"), 5);
        coupons.given(ACME, TEN_PERCENT, "SUMMER10", percent(1000), false)
                .given(ACME, FIVE_OFF, "WELCOME5", fixed(500), false)
                .given(ACME, OLD, "OLD", percent(1000), true)
                .given(
                        ACME,
                        SOON,
                        "SOON",
                        new CouponTerms(
                                DiscountKind.PERCENTAGE, 1000, null, NOW.plusSeconds(1), null, null, null, null),
                        false)
                .given(
                        ACME,
                        ENDED,
                        "ENDED",
                        new CouponTerms(DiscountKind.PERCENTAGE, 1000, null, null, NOW, null, null, null),
                        false)
                .given(
                        ACME,
                        ONCE,
                        "ONCE",
                        new CouponTerms(DiscountKind.PERCENTAGE, 1000, null, null, null, 1, null, null),
                        false)
                .given(
                        ACME,
                        ONCE_EACH,
                        "ONCEEACH",
                        new CouponTerms(DiscountKind.PERCENTAGE, 1000, null, null, null, null, 1, null),
                        false)
                .given(
                        ACME,
                        BIG_BASKETS,
                        "BIG",
                        new CouponTerms(
                                DiscountKind.PERCENTAGE, 1000, null, null, null, null, null, Money.of(3000, "EUR")),
                        false)
                .given(GLOBEX, GLOBEX_CODE, "GLOBEX", percent(1000), false)
                .used(ACME, ONCE, BOB, OrderId.random())
                .used(ACME, ONCE_EACH, ALICE, OrderId.random());
    }

    private static PlaceOrderCommand place(String code, ProductId... products) {
        List<OrderLineRequest> lines = Stream.of(products)
                .map(p -> new OrderLineRequest(p, p.equals(MUG) ? 2 : 1))
                .toList();
        return new PlaceOrderCommand(ORDER, ALICE, lines, HOME, null, 400, null, code);
    }

    /**
     * 2 mugs at 12.50 and 1 tea at 4.99 (29.99), 10 % off: 3.00 (2.999 rounded half up), spread
     * 2.50 on the mugs and 0.50 on the tea (0.4992 rounded down, plus the cent left over, the larger
     * remainder); 21 % tax on 22.50 and 4.49 is 4.73 + 0.94; shipping 4.00.
     */
    private static OrderPlacedEvent placedWithTenPercent() {
        return new OrderPlacedEvent(
                ORDER,
                ACME,
                42,
                ALICE,
                List.of(
                        new OrderLine(MUG, "Mug", Money.of(1250, "EUR"), 2, 2500, 250),
                        new OrderLine(TEA, "Tea", Money.of(499, "EUR"), 1, 499, 50)),
                HOME,
                HOME,
                new OrderTotals("EUR", 2999, 300, 2100, 567, 400, 2999 - 300 + 567 + 400),
                null,
                new AppliedCoupon(TEN_PERCENT, "SUMMER10"));
    }

    @Nested
    @DisplayName("placing")
    class Placing {

        @Test
        @DisplayName(
                "a percentage is taken off the goods, spread over the lines, and each line is taxed on what is left")
        void percentageSpreadAndTaxed() {
            fixture.givenNoPriorActivity()
                    .when(place("SUMMER10", MUG, TEA), from(ACME))
                    .expectEvents(placedWithTenPercent());
            assertThat(coupons.holds(ORDER)).isTrue();
            assertThat(coupons.usesOf(TEN_PERCENT)).isEqualTo(1);
        }

        @Test
        @DisplayName("a code is matched whatever its case, and a fixed amount is spread the same way")
        void fixedAmountAnyCase() {
            fixture.givenNoPriorActivity()
                    .when(place("welcome5", MUG, TEA), from(ACME))
                    .expectEvents(new OrderPlacedEvent(
                            ORDER,
                            ACME,
                            42,
                            ALICE,
                            // 5.00 × 25.00 / 29.99 = 4.168 → 4.17 with the left-over cent; 0.832 → 0.83
                            List.of(
                                    new OrderLine(MUG, "Mug", Money.of(1250, "EUR"), 2, 2500, 417),
                                    new OrderLine(TEA, "Tea", Money.of(499, "EUR"), 1, 499, 83)),
                            HOME,
                            HOME,
                            // tax: 20.83 × 21 % = 4.3743 → 4.37; 4.16 × 21 % = 0.8736 → 0.87
                            new OrderTotals("EUR", 2999, 500, 2100, 437 + 87, 400, 2999 - 500 + 524 + 400),
                            null,
                            new AppliedCoupon(FIVE_OFF, "WELCOME5")));
        }

        @Test
        @DisplayName("a fixed amount larger than the goods makes them free, never negative")
        void fixedAmountCappedAtTheGoods() {
            coupons.given(ACME, CouponId.random(), "HUGE", fixed(100_000), false);
            fixture.givenNoPriorActivity()
                    .when(place("HUGE", TEA), from(ACME))
                    .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                            org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                    org.axonframework.test.matchers.Matchers.predicate(e -> {
                                        OrderTotals totals = ((OrderPlacedEvent) e).totals();
                                        return totals.discountMinor() == 499
                                                && totals.taxMinor() == 0
                                                && totals.totalMinor() == 400;
                                    }))));
        }
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("a code the shop does not have", place("NOPE", MUG), ErrorCode.COUPON_UNKNOWN),
                Arguments.of("another tenant's code", place("GLOBEX", MUG), ErrorCode.COUPON_UNKNOWN),
                Arguments.of("an archived coupon", place("OLD", MUG), ErrorCode.COUPON_INACTIVE),
                Arguments.of("a coupon whose window opens later", place("SOON", MUG), ErrorCode.COUPON_NOT_STARTED),
                Arguments.of("a coupon whose window has closed", place("ENDED", MUG), ErrorCode.COUPON_EXPIRED),
                Arguments.of("a coupon used up by others", place("ONCE", MUG), ErrorCode.COUPON_LIMIT_REACHED),
                Arguments.of(
                        "a coupon the buyer used as often as one customer may",
                        place("ONCEEACH", MUG),
                        ErrorCode.COUPON_CUSTOMER_LIMIT_REACHED),
                Arguments.of(
                        "goods below the coupon's minimum subtotal",
                        place("BIG", MUG),
                        ErrorCode.COUPON_MINIMUM_NOT_MET),
                Arguments.of(
                        "an order in another currency than the coupon's amount",
                        place("WELCOME5", VINYL),
                        ErrorCode.COUPON_CURRENCY_MISMATCH),
                Arguments.of("a blank code", place(" ", MUG), ErrorCode.VALIDATION_FAILED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    @DisplayName("an order with a code it may not use is refused with the rule's code: nothing reserved or used")
    void refusedCodes(String description, PlaceOrderCommand command, ErrorCode code) {
        assertRefused(fixture.givenNoPriorActivity(), command, ACME, code);
        assertThat(coupons.holds(ORDER)).isFalse();
        assertThat(inventory.levelOf(ACME, MUG).orElseThrow().reserved()).isZero();
        assertThat(inventory.levelOf(ACME, VINYL).orElseThrow().reserved()).isZero();
    }

    @Nested
    @DisplayName("ending")
    class Ending {

        private void usedByTheOrder() {
            coupons.used(ACME, TEN_PERCENT, ALICE, ORDER);
        }

        @Test
        @DisplayName("a pending order cancelled gives its coupon's use back")
        void cancelGivesTheUseBack() {
            usedByTheOrder();
            assertAccepted(
                    fixture.given(placedWithTenPercent()),
                    new CancelOrderCommand(ORDER, null, ALICE, null),
                    ACME,
                    1L,
                    new OrderCancelledEvent(ORDER, null, false));
            assertThat(coupons.holds(ORDER)).isFalse();
        }

        @Test
        @DisplayName("an order that expires unpaid gives its coupon's use back")
        void expiryGivesTheUseBack() {
            usedByTheOrder();
            assertAccepted(
                    fixture.given(placedWithTenPercent()),
                    new ExpireOrderCommand(ORDER),
                    ACME,
                    1L,
                    new OrderExpiredEvent(ORDER));
            assertThat(coupons.holds(ORDER)).isFalse();
        }

        @Test
        @DisplayName("an order cancelled by the payment saga while pending gives its coupon's use back")
        void sagaCancelGivesTheUseBack() {
            usedByTheOrder();
            assertAccepted(
                    fixture.given(placedWithTenPercent()),
                    new CancelPendingOrderCommand(ORDER, "payment failed"),
                    ACME,
                    1L,
                    new OrderCancelledEvent(ORDER, "payment failed", false));
            assertThat(coupons.holds(ORDER)).isFalse();
        }

        @Test
        @DisplayName("a paid order keeps its coupon's use when staff cancel it or its payment is refunded")
        void paidOrdersKeepTheUse() {
            usedByTheOrder();
            PaymentId payment = PaymentId.random();
            assertAccepted(
                    fixture.given(placedWithTenPercent(), new OrderPaidEvent(ORDER, payment)),
                    new CancelOrderCommand(ORDER, null, null, null),
                    ACME,
                    2L,
                    new OrderCancelledEvent(ORDER, null, true));
            assertThat(coupons.holds(ORDER)).isTrue();
            assertAccepted(
                    fixture.given(placedWithTenPercent(), new OrderPaidEvent(ORDER, payment)),
                    new MarkOrderRefundedCommand(ORDER, payment),
                    ACME,
                    2L,
                    new OrderRefundedEvent(ORDER, payment));
            assertThat(coupons.holds(ORDER)).isTrue();
        }

        @Test
        @DisplayName("an order placed without a coupon releases none of another order's uses")
        void noCouponReleasesNothing() {
            usedByTheOrder();
            OrderPlacedEvent without = new OrderPlacedEvent(
                    ORDER,
                    ACME,
                    42,
                    ALICE,
                    List.of(new OrderLine(TEA, "Tea", Money.of(499, "EUR"), 1, 499)),
                    HOME,
                    HOME,
                    new OrderTotals("EUR", 499, 0, 2100, 105, 400, 1004));
            assertAccepted(
                    fixture.given(without), new ExpireOrderCommand(ORDER), ACME, 1L, new OrderExpiredEvent(ORDER));
            assertThat(coupons.holds(ORDER)).isTrue();
        }
    }

    @Test
    @DisplayName("a discount spread over any lines adds up exactly and never exceeds a line's total")
    void spreadAddsUp() {
        Random random = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            int count = 1 + random.nextInt(8);
            List<OrderLine> lines = Stream.generate(() -> {
                        long total = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(1_000_000);
                        return new OrderLine(ProductId.random(), "x", Money.of(total, "EUR"), 1, total);
                    })
                    .limit(count)
                    .toList();
            long subtotal = lines.stream().mapToLong(OrderLine::lineTotalMinor).sum();
            long discount = subtotal == 0 ? 0 : (long) (random.nextDouble() * (subtotal + 1));
            List<OrderLine> spread = Order.discounted(lines, Math.min(discount, subtotal));
            assertThat(spread.stream().mapToLong(OrderLine::discountMinor).sum())
                    .isEqualTo(Math.min(discount, subtotal));
            assertThat(spread).allSatisfy(l -> assertThat(l.discountMinor()).isBetween(0L, l.lineTotalMinor()));
        }
    }
}
