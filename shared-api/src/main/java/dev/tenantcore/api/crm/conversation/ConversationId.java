package dev.tenantcore.api.crm.conversation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.tenantcore.api.common.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/** Identifies one conversation: derived from tenant, channel and the channel's user id (see {@link #of(dev.tenantcore.api.common.TenantId, ChannelId, String)}). */
public record ConversationId(@JsonValue UUID value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ConversationId {
        Objects.requireNonNull(value, "ConversationId value");
    }

    public static ConversationId random() {
        return new ConversationId(UUID.randomUUID());
    }

    /**
     * The one conversation of {@code channelUserId} on {@code channel} in {@code tenant}: a name-based
     * UUID, so every delivery from that user finds the same conversation without a lookup.
     */
    public static ConversationId of(TenantId tenant, ChannelId channel, String channelUserId) {
        String name = "conversation:" + tenant.value() + ":" + channel.value() + ":" + channelUserId;
        return new ConversationId(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }

    public static ConversationId of(String value) {
        return new ConversationId(UUID.fromString(value));
    }

    /** Axon routes commands by this string, so it must be the bare UUID. */
    @Override
    public String toString() {
        return value.toString();
    }
}
