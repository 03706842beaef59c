package dev.tenantcore.api.invoicing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an invoice stands: draft → issued → paid, or void from draft or issued. */
public enum InvoiceStatus {
    DRAFT,
    ISSUED,
    PAID,
    VOID;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static InvoiceStatus fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
