package dev.tenantcore.api.ordering.coupon;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a coupon takes money off: a share of the goods, or a fixed amount. */
public enum DiscountKind {
    PERCENTAGE,
    FIXED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static DiscountKind fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
