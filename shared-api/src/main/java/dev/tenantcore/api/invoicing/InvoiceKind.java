package dev.tenantcore.api.invoicing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether a document charges the buyer or credits them back (negative amounts). */
public enum InvoiceKind {
    INVOICE,
    CREDIT_NOTE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static InvoiceKind fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
