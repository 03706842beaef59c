package dev.tenantcore.command.ordering.coupon;

import static dev.tenantcore.command.common.CommandFixtures.ACME;
import static dev.tenantcore.command.common.CommandFixtures.GLOBEX;
import static dev.tenantcore.command.common.CommandFixtures.assertRefused;
import static dev.tenantcore.command.common.CommandFixtures.fixtureFor;
import static dev.tenantcore.command.common.CommandFixtures.from;
import static dev.tenantcore.command.common.Refusals.refusal;
import static dev.tenantcore.command.common.Transitions.transition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.ordering.coupon.ArchiveCouponCommand;
import dev.tenantcore.api.ordering.coupon.CouponArchivedEvent;
import dev.tenantcore.api.ordering.coupon.CouponCreatedEvent;
import dev.tenantcore.api.ordering.coupon.CouponId;
import dev.tenantcore.api.ordering.coupon.CouponTerms;
import dev.tenantcore.api.ordering.coupon.CouponUpdatedEvent;
import dev.tenantcore.api.ordering.coupon.CreateCouponCommand;
import dev.tenantcore.api.ordering.coupon.DiscountKind;
import dev.tenantcore.api.ordering.coupon.UpdateCouponCommand;
import dev.tenantcore.api.tenancy.TenantSettings;
import dev.tenantcore.command.common.InMemoryTenantFacts;
import dev.tenantcore.command.common.Refusals;
import dev.tenantcore.command.common.Transitions;
import java.time.Instant;
import java.util.List;
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

@DisplayName("Coupon")
class CouponTest implements Transitions, Refusals {

    private static final CouponId SUMMER = CouponId.random();
    private static final Instant JUN = Instant.parse("2026-06-01T00:00:00Z");
    private static final Instant SEP = Instant.parse("2026-09-01T00:00:00Z");
    private static final CouponTerms TEN_PERCENT =
            new CouponTerms(DiscountKind.PERCENTAGE, 1000, null, JUN, SEP, 100, 1, Money.of(2000, "EUR"));
    private static final CouponTerms FIVE_EUROS =
            new CouponTerms(DiscountKind.FIXED, null, Money.of(500, "EUR"), null, null, null, null, null);
    private static final CouponCreatedEvent CREATED = new CouponCreatedEvent(SUMMER, ACME, "SUMMER10", TEN_PERCENT);

    private final InMemoryCoupons coupons = new InMemoryCoupons();
    private FixtureConfiguration<Coupon> fixture;

    @BeforeEach
    void setUp() {
        InMemoryTenantFacts facts =
                new InMemoryTenantFacts().known(ACME, "Acme", 2100).known(GLOBEX, "Globex", 0);
        fixture = fixtureFor(Coupon.class, coupons, facts);
    }

    @Override
    public FixtureConfiguration<Coupon> fixture() {
        return fixture;
    }

    static Stream<Arguments> transitions() {
        return Stream.of(
                transition(
                        "new terms replace the old ones",
                        List.of(CREATED),
                        new UpdateCouponCommand(SUMMER, 0L, FIVE_EUROS),
                        1L,
                        new CouponUpdatedEvent(SUMMER, FIVE_EUROS)),
                transition(
                        "the same terms again change nothing",
                        List.of(CREATED),
                        new UpdateCouponCommand(SUMMER, null, TEN_PERCENT),
                        0L),
                transition(
                        "an active coupon is archived",
                        List.of(CREATED),
                        new ArchiveCouponCommand(SUMMER, 0L),
                        1L,
                        new CouponArchivedEvent(SUMMER)),
                transition(
                        "archiving again changes nothing",
                        List.of(CREATED, new CouponArchivedEvent(SUMMER)),
                        new ArchiveCouponCommand(SUMMER, null),
                        1L));
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                refusal(
                        "an archived coupon's terms cannot change",
                        List.of(CREATED, new CouponArchivedEvent(SUMMER)),
                        new UpdateCouponCommand(SUMMER, null, FIVE_EUROS),
                        ErrorCode.INVALID_STATE),
                refusal(
                        "new terms are checked as a new coupon's are",
                        List.of(CREATED),
                        new UpdateCouponCommand(SUMMER, null, terms(DiscountKind.PERCENTAGE, 0, null)),
                        ErrorCode.VALIDATION_FAILED));
    }

    private static CouponTerms terms(DiscountKind kind, Integer percent, Money amount) {
        return new CouponTerms(kind, percent, amount, null, null, null, null, null);
    }

    @Nested
    @DisplayName("creating")
    class Creating {

        @Test
        @DisplayName("a coupon is created with its code in upper case, and the code is claimed in the tenant")
        void created() {
            fixture.givenNoPriorActivity()
                    .when(new CreateCouponCommand(SUMMER, "Summer10", TEN_PERCENT), from(ACME))
                    .expectEvents(CREATED);
            assertThat(coupons.row(SUMMER))
                    .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo("SUMMER10"));
        }

        @Test
        @DisplayName("a code the tenant has already, in any case, is refused as coupon_code_taken")
        void codeTaken() {
            coupons.given(ACME, CouponId.random(), "SUMMER10", TEN_PERCENT, true);
            assertRefused(
                    fixture.givenNoPriorActivity(),
                    new CreateCouponCommand(SUMMER, "summer10", TEN_PERCENT),
                    ACME,
                    ErrorCode.COUPON_CODE_TAKEN);
            assertThat(coupons.row(SUMMER)).isEmpty();
        }

        @Test
        @DisplayName("another tenant's code does not stand in the way")
        void otherTenantsCodeIsFree() {
            coupons.given(GLOBEX, CouponId.random(), "SUMMER10", TEN_PERCENT, false);
            fixture.givenNoPriorActivity()
                    .when(new CreateCouponCommand(SUMMER, "SUMMER10", TEN_PERCENT), from(ACME))
                    .expectEvents(CREATED);
        }

        @Test
        @DisplayName("a fixed amount in the shop's own currency, once it has chosen one, is accepted")
        void shopCurrency() {
            InMemoryTenantFacts facts = new InMemoryTenantFacts().known(ACME, "Acme", 0);
            facts.settingsChanged(ACME, new TenantSettings("Acme", "en", "USD", "UTC", null, 0, null));
            FixtureConfiguration<Coupon> usd = fixtureFor(Coupon.class, coupons, facts);
            CouponTerms dollars = terms(DiscountKind.FIXED, null, Money.of(500, "USD"));
            usd.givenNoPriorActivity()
                    .when(new CreateCouponCommand(SUMMER, "FIVE", dollars), from(ACME))
                    .expectEvents(new CouponCreatedEvent(SUMMER, ACME, "FIVE", dollars));
            assertRefused(
                    usd.givenNoPriorActivity(),
                    new CreateCouponCommand(CouponId.random(), "FIVE-EUR", FIVE_EUROS),
                    ACME,
                    ErrorCode.VALIDATION_FAILED);
        }
    }

    static Stream<Arguments> invalidCoupons() {
        return Stream.of(
                Arguments.of("a code too short", "AB", TEN_PERCENT),
                Arguments.of("a code with a space", "SUMMER 10", TEN_PERCENT),
                Arguments.of("a code too long", "A".repeat(41), TEN_PERCENT),
                Arguments.of("no code", null, TEN_PERCENT),
                Arguments.of("no terms", "CODE", null),
                Arguments.of("no kind", "CODE", terms(null, 1000, null)),
                Arguments.of("a percentage of 0", "CODE", terms(DiscountKind.PERCENTAGE, 0, null)),
                Arguments.of("a percentage over 100 %", "CODE", terms(DiscountKind.PERCENTAGE, 10_001, null)),
                Arguments.of("a percentage without basis points", "CODE", terms(DiscountKind.PERCENTAGE, null, null)),
                Arguments.of(
                        "a percentage with an amount",
                        "CODE",
                        terms(DiscountKind.PERCENTAGE, 1000, Money.of(1, "EUR"))),
                Arguments.of("a fixed coupon without amount", "CODE", terms(DiscountKind.FIXED, null, null)),
                Arguments.of("a fixed amount of 0", "CODE", terms(DiscountKind.FIXED, null, Money.of(0, "EUR"))),
                Arguments.of(
                        "a fixed amount in another currency than the shop's",
                        "CODE",
                        terms(DiscountKind.FIXED, null, Money.of(500, "USD"))),
                Arguments.of(
                        "a fixed coupon with basis points",
                        "CODE",
                        terms(DiscountKind.FIXED, 1000, Money.of(500, "EUR"))),
                Arguments.of(
                        "a window that ends before it starts",
                        "CODE",
                        new CouponTerms(DiscountKind.PERCENTAGE, 1000, null, SEP, JUN, null, null, null)),
                Arguments.of(
                        "a window that ends as it starts",
                        "CODE",
                        new CouponTerms(DiscountKind.PERCENTAGE, 1000, null, JUN, JUN, null, null, null)),
                Arguments.of(
                        "a usage limit of 0",
                        "CODE",
                        new CouponTerms(DiscountKind.PERCENTAGE, 1000, null, null, null, 0, null, null)),
                Arguments.of(
                        "a per-customer limit of 0",
                        "CODE",
                        new CouponTerms(DiscountKind.PERCENTAGE, 1000, null, null, null, null, 0, null)),
                Arguments.of(
                        "a minimum subtotal in another currency",
                        "CODE",
                        new CouponTerms(
                                DiscountKind.PERCENTAGE, 1000, null, null, null, null, null, Money.of(1, "USD"))));
    }

    @ParameterizedTest(name = "{0} is refused as invalid")
    @MethodSource("invalidCoupons")
    @DisplayName("an invalid coupon is refused and claims no code")
    void invalid(String description, String code, CouponTerms terms) {
        assertRefused(
                fixture.givenNoPriorActivity(),
                new CreateCouponCommand(SUMMER, code, terms),
                ACME,
                ErrorCode.VALIDATION_FAILED);
        assertThat(coupons.row(SUMMER)).isEmpty();
    }

    @Test
    @DisplayName("an update based on an outdated version is refused")
    void staleVersion() {
        assertRefused(
                fixture.given(CREATED, new CouponUpdatedEvent(SUMMER, FIVE_EUROS)),
                new UpdateCouponCommand(SUMMER, 0L, TEN_PERCENT),
                ACME,
                ConflictingAggregateVersionException.class);
    }

    @Test
    @DisplayName("another tenant's coupon behaves exactly like a missing one")
    void otherTenant() {
        assertRefused(
                fixture.given(CREATED),
                new ArchiveCouponCommand(SUMMER, null),
                GLOBEX,
                AggregateNotFoundException.class);
        assertRefused(
                fixture.given(CREATED),
                new UpdateCouponCommand(SUMMER, null, FIVE_EUROS),
                GLOBEX,
                AggregateNotFoundException.class);
    }

    @Test
    @DisplayName("updating and archiving write the command side's record of the code")
    void writesTheRecord() {
        coupons.given(ACME, SUMMER, "SUMMER10", TEN_PERCENT, false);
        fixture.given(CREATED)
                .when(new UpdateCouponCommand(SUMMER, null, FIVE_EUROS), from(ACME))
                .expectEvents(new CouponUpdatedEvent(SUMMER, FIVE_EUROS));
        assertThat(coupons.row(SUMMER).orElseThrow().terms()).isEqualTo(FIVE_EUROS);
        fixture.given(CREATED)
                .when(new ArchiveCouponCommand(SUMMER, null), from(ACME))
                .expectEvents(new CouponArchivedEvent(SUMMER));
        assertThat(coupons.row(SUMMER).orElseThrow().archived()).isTrue();
    }
}
