package dev.tenantcore.command.crm.channel;

import java.util.Map;

/**
 * A channel's decrypted credentials, held only for the length of a call: {@code accountId} (not a
 * secret; WhatsApp's phone-number id) and its secrets by name. {@link #toString()} never shows a
 * secret, so none reaches a log by accident.
 */
public record ChannelCredentials(String accountId, Map<String, String> secrets) {

    public ChannelCredentials {
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
    }

    /** The secret, or null when it is not set. */
    public String secret(String name) {
        return secrets.get(name);
    }

    @Override
    public String toString() {
        return "ChannelCredentials[accountId=" + accountId + ", secrets=" + secrets.keySet() + "]";
    }
}
