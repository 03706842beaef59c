package dev.tenantcore.command.crm.channel;

import dev.tenantcore.api.crm.conversation.ChannelId;
import java.util.Map;

/**
 * A channel's decrypted credentials, held only for the length of a call: {@code accountId} (not a
 * secret; WhatsApp's phone-number id), its secrets by name, its kind's non-secret {@code settings}
 * (an email channel's IMAP server) and which channel it is. {@link #toString()} never shows a
 * secret, so none reaches a log by accident.
 */
public record ChannelCredentials(
        String accountId, Map<String, String> secrets, Map<String, String> settings, ChannelId channelId) {

    public ChannelCredentials {
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    public ChannelCredentials(String accountId, Map<String, String> secrets) {
        this(accountId, secrets, null, null);
    }

    /** The setting, or null when it is not set. */
    public String setting(String name) {
        return settings.get(name);
    }

    /** The secret, or null when it is not set. */
    public String secret(String name) {
        return secrets.get(name);
    }

    @Override
    public String toString() {
        return "ChannelCredentials[accountId=" + accountId + ", secrets=" + secrets.keySet() + ", settings=" + settings
                + "]";
    }
}
