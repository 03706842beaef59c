package dev.tenantcore.api.notifications;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.tenantcore.api.common.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a tenant's mail settings, one per tenant: derived from the tenant, never the tenant's
 * own id, whose event stream is the tenant aggregate's.
 */
public record MailSettingsId(@JsonValue UUID value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public MailSettingsId {
        Objects.requireNonNull(value, "MailSettingsId value");
    }

    public static MailSettingsId of(TenantId tenant) {
        return new MailSettingsId(
                UUID.nameUUIDFromBytes(("mail-settings:" + tenant.value()).getBytes(StandardCharsets.UTF_8)));
    }

    /** Axon routes commands by this string, so it must be the bare UUID. */
    @Override
    public String toString() {
        return value.toString();
    }
}
