package dev.tenantcore.api.ordering.coupon;

import dev.tenantcore.api.common.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * What a coupon gives and when. {@code percentBasisPoints} (1-10000) for a percentage, {@code
 * amount} for a fixed discount; the window is {@code startsAt} inclusive to {@code endsAt}
 * exclusive, either end open when null; {@code usageLimit} and {@code perCustomerLimit} count the
 * orders that use the code, unlimited when null; {@code minimumSubtotal} is what the goods must add
 * up to before the discount, none when null.
 */
public record CouponTerms(
        DiscountKind kind,
        Integer percentBasisPoints,
        Money amount,
        Instant startsAt,
        Instant endsAt,
        Integer usageLimit,
        Integer perCustomerLimit,
        Money minimumSubtotal) {

    private static final BigDecimal BASIS = BigDecimal.valueOf(10_000);

    /**
     * The discount on goods worth {@code subtotalMinor}: a percentage rounded half up to the minor
     * unit, or the fixed amount; never more than the goods are worth.
     */
    public long discountOn(long subtotalMinor) {
        long discount = kind == DiscountKind.PERCENTAGE
                ? BigDecimal.valueOf(subtotalMinor)
                        .multiply(BigDecimal.valueOf(percentBasisPoints))
                        .divide(BASIS, 0, RoundingMode.HALF_UP)
                        .longValueExact()
                : amount.amountMinor();
        return Math.max(0, Math.min(discount, subtotalMinor));
    }

    /** Whether the window is open at {@code at}. */
    public boolean startedBy(Instant at) {
        return startsAt == null || !at.isBefore(startsAt);
    }

    public boolean endedBy(Instant at) {
        return endsAt != null && !at.isBefore(endsAt);
    }
}
