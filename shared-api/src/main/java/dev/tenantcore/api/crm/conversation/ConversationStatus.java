package dev.tenantcore.api.crm.conversation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a conversation stands: waiting for staff ({@code open}), for the customer ({@code pending}),
 * done ({@code resolved}), or put aside by staff until a time ({@code snoozed}).
 */
public enum ConversationStatus {
    OPEN,
    PENDING,
    RESOLVED,
    SNOOZED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ConversationStatus fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
