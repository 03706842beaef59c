package dev.tenantcore.api.crm;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.tenantcore.api.common.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a tenant's list of lifecycle stages, one per tenant: derived from the tenant, never the
 * tenant's own id, whose event stream is the tenant aggregate's.
 */
public record LifecycleStagesId(@JsonValue UUID value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public LifecycleStagesId {
        Objects.requireNonNull(value, "LifecycleStagesId value");
    }

    public static LifecycleStagesId of(TenantId tenant) {
        return new LifecycleStagesId(
                UUID.nameUUIDFromBytes(("lifecycle-stages:" + tenant.value()).getBytes(StandardCharsets.UTF_8)));
    }

    /** Axon routes commands by this string, so it must be the bare UUID. */
    @Override
    public String toString() {
        return value.toString();
    }
}
