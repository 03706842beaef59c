package dev.tenantcore.api.crm.lead;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identifies one of a tenant's public lead forms. */
public record LeadFormId(@JsonValue UUID value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public LeadFormId {
        Objects.requireNonNull(value, "LeadFormId value");
    }

    public static LeadFormId random() {
        return new LeadFormId(UUID.randomUUID());
    }

    public static LeadFormId of(String value) {
        return new LeadFormId(UUID.fromString(value));
    }

    /** Axon routes commands by this string, so it must be the bare UUID. */
    @Override
    public String toString() {
        return value.toString();
    }
}
