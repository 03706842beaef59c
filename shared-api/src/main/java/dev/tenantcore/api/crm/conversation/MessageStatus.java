package dev.tenantcore.api.crm.conversation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How far an outbound message got: {@code pending} until the channel took it, then {@code sent},
 * {@code delivered}, {@code read}, or {@code failed}. Statuses only move forward ({@link #after}), so
 * a late "delivered" after "read" changes nothing; {@code failed} is final, and so is {@code read}.
 * Inbound messages are {@code received}.
 */
public enum MessageStatus {
    RECEIVED(0),
    PENDING(0),
    SENT(1),
    DELIVERED(2),
    READ(3),
    FAILED(4);

    private final int rank;

    MessageStatus(int rank) {
        this.rank = rank;
    }

    /** Whether this status moves a message that is {@code current} forward. */
    public boolean after(MessageStatus current) {
        if (current == FAILED || current == READ || current == RECEIVED) {
            return false;
        }
        return rank > current.rank;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static MessageStatus fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
