package dev.tenantcore.api.crm.conversation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How urgent staff consider a conversation; {@code none} until someone says. */
public enum ConversationPriority {
    NONE,
    LOW,
    MEDIUM,
    HIGH,
    URGENT;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ConversationPriority fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
