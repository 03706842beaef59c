package dev.tenantcore.api.crm.conversation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.Locale;

/**
 * Which service a channel talks through. {@code messagingWindow} is how long after the customer's
 * last message free-form replies are allowed (WhatsApp's customer-service window, Messenger's and
 * Instagram's standard messaging window); null where the service has none. {@code templates}: whether the service sends approved message templates.
 */
public enum ChannelKind {
    TELEGRAM(null, false),
    WHATSAPP(Duration.ofHours(24), true),
    /** Messenger's standard messaging window; its message tags (sending after it) are not supported. */
    MESSENGER(Duration.ofHours(24), false),
    INSTAGRAM(Duration.ofHours(24), false),
    /** Twilio SMS. */
    SMS(null, false),
    EMAIL(null, false);

    private final Duration messagingWindow;
    private final boolean templates;

    ChannelKind(Duration messagingWindow, boolean templates) {
        this.messagingWindow = messagingWindow;
        this.templates = templates;
    }

    public boolean templates() {
        return templates;
    }

    public Duration messagingWindow() {
        return messagingWindow;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ChannelKind fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
