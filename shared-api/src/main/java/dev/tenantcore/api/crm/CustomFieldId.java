package dev.tenantcore.api.crm;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identifies one custom field definition of a tenant's contacts. */
public record CustomFieldId(@JsonValue UUID value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public CustomFieldId {
        Objects.requireNonNull(value, "CustomFieldId value");
    }

    public static CustomFieldId random() {
        return new CustomFieldId(UUID.randomUUID());
    }

    public static CustomFieldId of(String value) {
        return new CustomFieldId(UUID.fromString(value));
    }

    /** Axon routes commands by this string, so it must be the bare UUID. */
    @Override
    public String toString() {
        return value.toString();
    }
}
