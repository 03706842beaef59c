package dev.tenantcore.api.common;

import java.util.Currency;
import java.util.Objects;

/** An amount in the currency's minor units (cents), never a floating point number. */
public record Money(long amountMinor, String currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (amountMinor < 0) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "amount must not be negative");
        }
        try {
            currency = Currency.getInstance(currency).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "unknown currency " + currency);
        }
    }

    public static Money of(long amountMinor, String currency) {
        return new Money(amountMinor, currency);
    }
}
