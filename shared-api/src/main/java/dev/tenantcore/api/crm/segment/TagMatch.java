package dev.tenantcore.api.crm.segment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether a contact carries any of the condition's tags, all of them, or none. */
public enum TagMatch {
    ANY,
    ALL,
    NONE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static TagMatch fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
