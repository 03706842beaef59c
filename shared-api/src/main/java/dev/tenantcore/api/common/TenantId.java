package dev.tenantcore.api.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a tenant. {@link #PLATFORM} is the operator's own scope: platform administrators
 * and platform-level messages belong to it, so every row and message always has a tenant.
 */
public record TenantId(@JsonValue UUID value) {

    public static final TenantId PLATFORM = new TenantId(new UUID(0L, 0L));

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public TenantId {
        Objects.requireNonNull(value, "TenantId value");
    }

    public static TenantId random() {
        return new TenantId(UUID.randomUUID());
    }

    public static TenantId of(String value) {
        return new TenantId(UUID.fromString(value));
    }

    public boolean isPlatform() {
        return PLATFORM.equals(this);
    }

    /** Axon routes commands by this string, so it must be the bare UUID. */
    @Override
    public String toString() {
        return value.toString();
    }
}
