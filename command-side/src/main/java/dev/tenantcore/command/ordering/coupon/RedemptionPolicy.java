package dev.tenantcore.command.ordering.coupon;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.ordering.coupon.CouponTerms;
import dev.tenantcore.api.ordering.coupon.DiscountKind;
import java.time.Instant;

/**
 * Whether an order may use a coupon, rule by rule in a fixed order, so that a code breaking several
 * rules always answers the same: archived, not started, expired, another currency, below the
 * minimum, total limit, the customer's limit.
 */
final class RedemptionPolicy {

    private RedemptionPolicy() {}

    /**
     * @param used orders holding a use of the coupon now
     * @param usedByCustomer of those, the buyer's
     */
    static void check(CouponTerms terms, boolean archived, int used, int usedByCustomer, Money subtotal, Instant at) {
        if (archived) {
            throw refused(ErrorCode.COUPON_INACTIVE, "This coupon is no longer available.");
        }
        if (!terms.startedBy(at)) {
            throw refused(ErrorCode.COUPON_NOT_STARTED, "This coupon is not valid yet.");
        }
        if (terms.endedBy(at)) {
            throw refused(ErrorCode.COUPON_EXPIRED, "This coupon has expired.");
        }
        boolean otherCurrency = (terms.kind() == DiscountKind.FIXED
                        && !terms.amount().sameCurrencyAs(subtotal))
                || (terms.minimumSubtotal() != null && !terms.minimumSubtotal().sameCurrencyAs(subtotal));
        if (otherCurrency) {
            throw refused(
                    ErrorCode.COUPON_CURRENCY_MISMATCH,
                    "This coupon applies to orders in another currency than " + subtotal.currency() + ".");
        }
        if (terms.minimumSubtotal() != null
                && subtotal.amountMinor() < terms.minimumSubtotal().amountMinor()) {
            throw refused(
                    ErrorCode.COUPON_MINIMUM_NOT_MET,
                    "This coupon needs goods worth at least "
                            + terms.minimumSubtotal().toDecimalString() + " "
                            + terms.minimumSubtotal().currency() + ".");
        }
        if (terms.usageLimit() != null && used >= terms.usageLimit()) {
            throw refused(ErrorCode.COUPON_LIMIT_REACHED, "This coupon has been used up.");
        }
        if (terms.perCustomerLimit() != null && usedByCustomer >= terms.perCustomerLimit()) {
            throw refused(ErrorCode.COUPON_CUSTOMER_LIMIT_REACHED, "You have used this coupon as often as it allows.");
        }
    }

    static DomainException unknown() {
        return refused(ErrorCode.COUPON_UNKNOWN, "There is no such coupon.");
    }

    private static DomainException refused(ErrorCode code, String message) {
        return new DomainException(code, message);
    }
}
