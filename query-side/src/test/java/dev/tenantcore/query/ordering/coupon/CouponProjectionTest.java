package dev.tenantcore.query.ordering.coupon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.ordering.coupon.CheckCouponQuery;
import dev.tenantcore.api.ordering.coupon.CouponArchivedEvent;
import dev.tenantcore.api.ordering.coupon.CouponCheck;
import dev.tenantcore.api.ordering.coupon.CouponCreatedEvent;
import dev.tenantcore.api.ordering.coupon.CouponId;
import dev.tenantcore.api.ordering.coupon.CouponPage;
import dev.tenantcore.api.ordering.coupon.CouponResponse;
import dev.tenantcore.api.ordering.coupon.CouponStatus;
import dev.tenantcore.api.ordering.coupon.CouponTerms;
import dev.tenantcore.api.ordering.coupon.CouponUpdatedEvent;
import dev.tenantcore.api.ordering.coupon.DiscountKind;
import dev.tenantcore.api.ordering.coupon.FindCouponQuery;
import dev.tenantcore.api.ordering.coupon.ListCouponsQuery;
import dev.tenantcore.query.support.History;
import dev.tenantcore.query.support.ProjectionContract;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The coupon projection")
class CouponProjectionTest extends ProjectionContract<CouponProjection> {

    private static final Instant JUN = Instant.parse("2026-06-01T00:00:00Z");
    private static final Instant SEP = Instant.parse("2026-09-01T00:00:00Z");
    private static final CouponTerms SUMMER_TERMS =
            new CouponTerms(DiscountKind.PERCENTAGE, 1000, null, JUN, SEP, 100, 1, Money.of(2000, "EUR"));
    private static final CouponTerms FIVE_OFF =
            new CouponTerms(DiscountKind.FIXED, null, Money.of(500, "EUR"), null, null, null, null, null);

    private final CouponId summer = new CouponId(id());
    private final CouponId welcome = new CouponId(id());
    private final CouponId old = new CouponId(id());

    CouponProjectionTest() {
        super(CouponProjection::new, "coupons");
    }

    @Override
    protected History history(TenantId tenant) {
        return new History(tenant)
                .by(id())
                .of(summer, new CouponCreatedEvent(summer, tenant, "SUMMER10", SUMMER_TERMS))
                .of(welcome, new CouponCreatedEvent(welcome, tenant, "WELCOME", SUMMER_TERMS))
                .of(welcome, new CouponUpdatedEvent(welcome, FIVE_OFF))
                .of(old, new CouponCreatedEvent(old, tenant, "OLD", FIVE_OFF))
                .of(old, new CouponArchivedEvent(old));
    }

    @Test
    @DisplayName("answers each tenant with its own coupons, their terms flat and their status")
    void answersEachTenant() {
        CouponResponse coupon = ask(first, p -> p.handle(new FindCouponQuery(welcome)));
        assertThat(coupon.code()).isEqualTo("WELCOME");
        assertThat(coupon.kind()).isEqualTo(DiscountKind.FIXED);
        assertThat(coupon.amountMinor()).isEqualTo(500);
        assertThat(coupon.currency()).isEqualTo("EUR");
        assertThat(coupon.version()).isEqualTo(1);
        assertThat(ask(first, p -> p.handle(new FindCouponQuery(old))).status()).isEqualTo(CouponStatus.ARCHIVED);
        CouponPage active = ask(first, p -> p.handle(new ListCouponsQuery(CouponStatus.ACTIVE, 10, null)));
        assertThat(active.items()).extracting(CouponResponse::id).containsExactlyInAnyOrder(summer, welcome);
    }

    @Test
    @DisplayName("a check answers an active coupon in its window as valid, and anything else as invalid alike")
    void checks() {
        CouponCheck valid =
                ask(first, p -> p.handle(new CheckCouponQuery("summer10", Instant.parse("2026-07-01T00:00:00Z"))));
        assertThat(valid).isEqualTo(new CouponCheck(true, DiscountKind.PERCENTAGE, 1000, null, 2000L, "EUR"));
        for (CheckCouponQuery invalid : java.util.List.of(
                new CheckCouponQuery("SUMMER10", SEP),
                new CheckCouponQuery("SUMMER10", JUN.minusSeconds(1)),
                new CheckCouponQuery("OLD", JUN),
                new CheckCouponQuery("NOPE", JUN))) {
            CouponCheck answer = ask(first, p -> p.handle(invalid));
            assertThat(answer).as(invalid.toString()).isEqualTo(CouponCheck.invalid());
        }
        CouponCheck welcomed = ask(first, p -> p.handle(new CheckCouponQuery("welcome", JUN)));
        assertThat(welcomed.valid()).isTrue();
        CouponCheck elsewhere = ask(second, p -> p.handle(new CheckCouponQuery("OTHER", JUN)));
        assertThat(elsewhere.valid()).isFalse();
    }
}
