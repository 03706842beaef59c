package dev.tenantcore.api.payments;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a payment stands: pending → authorized → paid (authorization may be skipped), pending or
 * authorized → failed; paid → refund_pending while its provider is asked for a refund, then back to
 * paid (a part refunded, or the provider refused) or refunded once the whole amount has been given
 * back.
 */
public enum PaymentStatus {
    PENDING,
    AUTHORIZED,
    PAID,
    REFUND_PENDING,
    FAILED,
    REFUNDED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static PaymentStatus fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
