package dev.tenantcore.api.tenancy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a failed payment does to its order: {@code keep_pending} leaves the order open for another
 * attempt until its payment window closes; {@code cancel_order} cancels it and releases its stock.
 */
public enum PaymentFailurePolicy {
    KEEP_PENDING,
    CANCEL_ORDER;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static PaymentFailurePolicy fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
