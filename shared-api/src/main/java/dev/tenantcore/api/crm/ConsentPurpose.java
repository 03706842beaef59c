package dev.tenantcore.api.crm;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a contact agreed (or declined) to receive. */
public enum ConsentPurpose {
    EMAIL_MARKETING,
    SMS_MARKETING,
    WHATSAPP_MARKETING;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ConsentPurpose fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
