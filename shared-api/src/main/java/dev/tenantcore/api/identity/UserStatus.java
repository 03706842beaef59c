package dev.tenantcore.api.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Whether an account may sign in: active; inactive (deactivated by its tenant's owner or manager);
 * suspended (by the platform, which alone lifts it; shown over inactive).
 */
public enum UserStatus {
    ACTIVE,
    INACTIVE,
    SUSPENDED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static UserStatus fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
