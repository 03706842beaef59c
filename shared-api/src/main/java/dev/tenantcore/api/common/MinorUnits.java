package dev.tenantcore.api.common;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * Minor units ↔ decimal amounts, at each currency's ISO 4217 exponent (JPY 0, EUR 2, BHD and KWD
 * 3), which {@link Currency} knows. Amounts here may be negative (a credit note's lines), unlike
 * {@link Money}. A decimal with more digits than its currency has is refused, never rounded: an
 * amount that reached us from outside must be exactly representable or it is not an amount.
 */
public final class MinorUnits {

    private MinorUnits() {}

    /** Digits after the decimal point; refuses currencies without minor units (XAU, XDR). */
    public static int exponent(String currency) {
        int digits;
        try {
            digits = Currency.getInstance(currency).getDefaultFractionDigits();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "unknown currency " + currency);
        }
        if (digits < 0) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, currency + " has no minor units");
        }
        return digits;
    }

    public static BigDecimal toDecimal(long minor, String currency) {
        return BigDecimal.valueOf(minor, exponent(currency));
    }

    public static String toDecimalString(long minor, String currency) {
        return toDecimal(minor, currency).toPlainString();
    }

    /** Exact: {@code 12.5} EUR is 1250, {@code 12.505} EUR and {@code 12.5} JPY are refused. */
    public static long fromDecimal(BigDecimal amount, String currency) {
        if (amount == null) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "amount is required");
        }
        int exponent = exponent(currency);
        try {
            return amount.setScale(exponent).unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            throw new DomainException(
                    ErrorCode.VALIDATION_FAILED,
                    amount.toPlainString() + " is not an amount of " + currency + " (" + exponent + " decimals)");
        }
    }

    public static long fromDecimal(String amount, String currency) {
        try {
            return fromDecimal(amount == null ? null : new BigDecimal(amount.strip()), currency);
        } catch (NumberFormatException e) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "'" + amount + "' is not a decimal amount");
        }
    }
}
