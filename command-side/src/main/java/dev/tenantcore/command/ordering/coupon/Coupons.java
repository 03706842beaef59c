package dev.tenantcore.command.ordering.coupon;

import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.api.ordering.coupon.CouponId;
import dev.tenantcore.api.ordering.coupon.CouponTerms;

/**
 * The command side's own record of the current tenant's coupons: their codes, terms in force,
 * whether they are archived, and which orders hold a use of each. Coupons write it and orders redeem
 * from it, in the same transaction as their events, so a limit is never judged from a lagging read
 * model.
 *
 * <p>Usage rules: an order placed with a code holds one use of it from its placement; it gives the
 * use back when it is cancelled or expires without having been paid. A paid order keeps its use,
 * even when it is cancelled or refunded later: the discount was granted on money that changed hands.
 */
public interface Coupons {

    /** A use granted to an order: the coupon and the terms it was granted under. */
    record Redemption(CouponId couponId, String code, CouponTerms terms) {}

    /** A new coupon; {@code coupon_code_taken} when the tenant has one with this code already. */
    void created(CouponId coupon, String code, CouponTerms terms);

    void updated(CouponId coupon, CouponTerms terms);

    void archived(CouponId coupon);

    /**
     * Grants {@code order} one use of {@code code} (any case) for goods worth {@code subtotal}, or
     * refuses with the stable code of the first rule it breaks ({@link RedemptionPolicy}). Concurrent
     * redemptions of one coupon are judged one after the other, so together they never exceed a
     * limit. A refusal rolls the command's transaction back, and the use with it.
     */
    Redemption redeem(String code, UserId customer, OrderId order, Money subtotal);

    /** Gives back the use {@code order} holds, if any. */
    void release(OrderId order);
}
