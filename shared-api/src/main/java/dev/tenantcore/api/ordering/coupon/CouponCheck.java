package dev.tenantcore.api.ordering.coupon;

/**
 * What a storefront learns of a code: whether it is active and in its window now, and if so what it
 * takes off ({@code amountMinor} for a fixed coupon) and the subtotal it needs, in {@code currency}.
 * Never how often it was used: the order decides the limits.
 */
public record CouponCheck(
        boolean valid,
        DiscountKind kind,
        Integer percentBasisPoints,
        Long amountMinor,
        Long minimumSubtotalMinor,
        String currency) {

    public static CouponCheck invalid() {
        return new CouponCheck(false, null, null, null, null, null);
    }

    public static CouponCheck valid(CouponResponse coupon) {
        return new CouponCheck(
                true,
                coupon.kind(),
                coupon.percentBasisPoints(),
                coupon.amountMinor(),
                coupon.minimumSubtotalMinor(),
                coupon.currency());
    }
}
