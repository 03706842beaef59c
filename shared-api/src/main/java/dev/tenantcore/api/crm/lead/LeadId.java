package dev.tenantcore.api.crm.lead;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identifies a lead of one tenant: someone who asked to be contacted. */
public record LeadId(@JsonValue UUID value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public LeadId {
        Objects.requireNonNull(value, "LeadId value");
    }

    public static LeadId random() {
        return new LeadId(UUID.randomUUID());
    }

    public static LeadId of(String value) {
        return new LeadId(UUID.fromString(value));
    }

    /** Axon routes commands by this string, so it must be the bare UUID. */
    @Override
    public String toString() {
        return value.toString();
    }
}
