package dev.tenantcore.api.crm.conversation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Who wrote a message: the customer ({@code inbound}), staff to the customer ({@code outbound}), or staff to staff ({@code note}, never sent). */
public enum MessageDirection {
    INBOUND,
    OUTBOUND,
    NOTE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static MessageDirection fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
