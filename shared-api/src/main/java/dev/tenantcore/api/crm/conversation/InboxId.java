package dev.tenantcore.api.crm.conversation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.tenantcore.api.common.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/** Identifies a tenant's one inbox (its assignment settings and staff availability), derived from the tenant. */
public record InboxId(@JsonValue UUID value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public InboxId {
        Objects.requireNonNull(value, "InboxId value");
    }

    /** A name-based UUID: the tenant's id itself already names the Tenant aggregate in the event store. */
    public static InboxId of(TenantId tenant) {
        return new InboxId(UUID.nameUUIDFromBytes(("inbox:" + tenant.value()).getBytes(StandardCharsets.UTF_8)));
    }

    /** Axon routes commands by this string, so it must be the bare UUID. */
    @Override
    public String toString() {
        return value.toString();
    }
}
