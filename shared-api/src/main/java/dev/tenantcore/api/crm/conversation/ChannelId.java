package dev.tenantcore.api.crm.conversation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identifies one messaging channel a tenant connected (a Telegram bot, a WhatsApp number). */
public record ChannelId(@JsonValue UUID value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ChannelId {
        Objects.requireNonNull(value, "ChannelId value");
    }

    public static ChannelId random() {
        return new ChannelId(UUID.randomUUID());
    }

    public static ChannelId of(String value) {
        return new ChannelId(UUID.fromString(value));
    }

    /** Axon routes commands by this string, so it must be the bare UUID. */
    @Override
    public String toString() {
        return value.toString();
    }
}
