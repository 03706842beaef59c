package dev.tenantcore.api.common;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount in the currency's minor units (cents), never a floating point number, and never
 * negative: what is owed back is a refund of a positive amount, not a negative price. Arithmetic
 * refuses to mix currencies and to overflow, so a wrong total is an error rather than a number.
 */
public record Money(long amountMinor, String currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (amountMinor < 0) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "amount must not be negative");
        }
        // A currency without minor units (gold, XDR) has no amount in minor units to speak of.
        MinorUnits.exponent(currency);
        currency = Currency.getInstance(currency).getCurrencyCode();
    }

    public static Money of(long amountMinor, String currency) {
        return new Money(amountMinor, currency);
    }

    public static Money zero(String currency) {
        return new Money(0, currency);
    }

    /** The amount written as a decimal, e.g. {@code 12.50} EUR, {@code 1250} JPY. */
    public static Money ofDecimal(BigDecimal amount, String currency) {
        return new Money(MinorUnits.fromDecimal(amount, currency), currency);
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(amountMinor, sameCurrency(other).amountMinor), currency);
    }

    /** Refuses to go below zero: taking more than there is is a mistake, not a negative amount. */
    public Money minus(Money other) {
        long difference = amountMinor - sameCurrency(other).amountMinor;
        if (difference < 0) {
            throw new DomainException(
                    ErrorCode.VALIDATION_FAILED, "cannot take " + other.amountMinor + " from " + amountMinor);
        }
        return new Money(difference, currency);
    }

    /** The price of {@code quantity} units at this unit price. */
    public Money times(int quantity) {
        if (quantity < 0) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "quantity must not be negative");
        }
        return new Money(Math.multiplyExact(amountMinor, quantity), currency);
    }

    /** Not a property: the JSON of an amount is its minor units and currency only. */
    @JsonIgnore
    public boolean isZero() {
        return amountMinor == 0;
    }

    public boolean sameCurrencyAs(Money other) {
        return currency.equals(other.currency);
    }

    /** The amount in major units at the currency's ISO 4217 exponent: 1250 EUR → 12.50. */
    public BigDecimal toDecimal() {
        return MinorUnits.toDecimal(amountMinor, currency);
    }

    /** {@link #toDecimal()} as a plain string, the form payment APIs take: "12.50", "1250" JPY. */
    public String toDecimalString() {
        return MinorUnits.toDecimalString(amountMinor, currency);
    }

    private Money sameCurrency(Money other) {
        Objects.requireNonNull(other, "other");
        if (!sameCurrencyAs(other)) {
            throw new DomainException(
                    ErrorCode.VALIDATION_FAILED, "cannot combine " + currency + " with " + other.currency);
        }
        return other;
    }
}
