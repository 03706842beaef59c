package dev.tenantcore.api.payments;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.tenantcore.api.common.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/** Identifies one tenant's settings for one payment provider; each tenant has one per provider. */
public record PaymentProviderSettingsId(@JsonValue UUID value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public PaymentProviderSettingsId {
        Objects.requireNonNull(value, "PaymentProviderSettingsId value");
    }

    /** Derived from tenant and provider, so the settings are found without a lookup. */
    public static PaymentProviderSettingsId of(TenantId tenant, PaymentProviderKind provider) {
        return new PaymentProviderSettingsId(UUID.nameUUIDFromBytes(
                ("payment-provider-settings:" + tenant + ":" + provider.wireName()).getBytes(StandardCharsets.UTF_8)));
    }

    /** Axon routes commands by this string, so it must be the bare UUID. */
    @Override
    public String toString() {
        return value.toString();
    }
}
