package dev.tenantcore.command.ordering.coupon;

import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.ordering.coupon.CouponTerms;
import dev.tenantcore.api.ordering.coupon.DiscountKind;
import dev.tenantcore.command.common.Rules;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a coupon's code and terms must meet; amounts are in the shop's currency. */
final class CouponRules {

    static final String CODE_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_-]{2,39}$";
    static final int MAX_USES = 1_000_000_000;
    static final long MAX_AMOUNT_MINOR = 1_000_000_000_000L;

    private static final Pattern CODE = Pattern.compile(CODE_PATTERN);

    private CouponRules() {}

    /** The code in upper case, as it is stored and matched. */
    static String code(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw Rules.invalid("code must be 3-40 letters, digits, - or _, starting with a letter or digit");
        }
        return code.toUpperCase(Locale.ROOT);
    }

    static CouponTerms terms(CouponTerms terms, String shopCurrency) {
        if (terms == null || terms.kind() == null) {
            throw Rules.invalid("kind is required");
        }
        if (terms.kind() == DiscountKind.PERCENTAGE) {
            if (terms.percentBasisPoints() == null
                    || terms.percentBasisPoints() < 1
                    || terms.percentBasisPoints() > 10_000) {
                throw Rules.invalid("a percentage coupon needs percentBasisPoints between 1 and 10000");
            }
            if (terms.amount() != null) {
                throw Rules.invalid("a percentage coupon has no amount");
            }
        } else {
            if (terms.percentBasisPoints() != null) {
                throw Rules.invalid("a fixed coupon has no percentBasisPoints");
            }
            amount("amount", terms.amount(), shopCurrency, 1);
        }
        if (terms.minimumSubtotal() != null) {
            amount("minimumSubtotal", terms.minimumSubtotal(), shopCurrency, 0);
        }
        if (terms.startsAt() != null
                && terms.endsAt() != null
                && !terms.endsAt().isAfter(terms.startsAt())) {
            throw Rules.invalid("endsAt must be after startsAt");
        }
        uses("usageLimit", terms.usageLimit());
        uses("perCustomerLimit", terms.perCustomerLimit());
        return terms;
    }

    private static void amount(String field, Money amount, String shopCurrency, long least) {
        if (amount == null) {
            throw Rules.invalid(field + " is required");
        }
        if (!amount.currency().equals(shopCurrency)) {
            throw Rules.invalid(field + " must be in the shop's currency, " + shopCurrency);
        }
        if (amount.amountMinor() < least || amount.amountMinor() > MAX_AMOUNT_MINOR) {
            throw Rules.invalid(field + ".amountMinor must be between " + least + " and " + MAX_AMOUNT_MINOR);
        }
    }

    private static void uses(String field, Integer limit) {
        if (limit != null && (limit < 1 || limit > MAX_USES)) {
            throw Rules.invalid(field + " must be between 1 and " + MAX_USES);
        }
    }
}
