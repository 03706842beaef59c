package dev.tenantcore.api.payments;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Who moves the money: staff by hand ({@code manual}) or an external payment service. */
public enum PaymentProviderKind {
    MANUAL,
    STRIPE,
    PAYPAL,
    CRYPTO;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static PaymentProviderKind fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
