package dev.tenantcore.api.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether a product ships or is delivered electronically. */
public enum ProductKind {
    PHYSICAL,
    DIGITAL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ProductKind fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
