package dev.tenantcore.api.ordering.coupon;

import java.time.Instant;

/**
 * A coupon as staff see it, its terms flat: {@code amountMinor} (fixed coupons) and {@code
 * minimumSubtotalMinor} are in {@code currency}, the shop's. How often it was used stays on the
 * command side, which counts it.
 */
public record CouponResponse(
        CouponId id,
        String code,
        CouponStatus status,
        DiscountKind kind,
        Integer percentBasisPoints,
        Long amountMinor,
        Long minimumSubtotalMinor,
        String currency,
        Instant startsAt,
        Instant endsAt,
        Integer usageLimit,
        Integer perCustomerLimit,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    public static CouponResponse of(
            CouponId id,
            String code,
            CouponStatus status,
            CouponTerms terms,
            long version,
            Instant createdAt,
            Instant updatedAt) {
        return new CouponResponse(
                id,
                code,
                status,
                terms.kind(),
                terms.percentBasisPoints(),
                terms.amount() == null ? null : terms.amount().amountMinor(),
                terms.minimumSubtotal() == null ? null : terms.minimumSubtotal().amountMinor(),
                terms.amount() != null
                        ? terms.amount().currency()
                        : terms.minimumSubtotal() == null
                                ? null
                                : terms.minimumSubtotal().currency(),
                terms.startsAt(),
                terms.endsAt(),
                terms.usageLimit(),
                terms.perCustomerLimit(),
                version,
                createdAt,
                updatedAt);
    }
}
