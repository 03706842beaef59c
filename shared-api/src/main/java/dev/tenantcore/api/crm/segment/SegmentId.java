package dev.tenantcore.api.crm.segment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identifies one saved segment of a tenant's contacts. */
public record SegmentId(@JsonValue UUID value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public SegmentId {
        Objects.requireNonNull(value, "SegmentId value");
    }

    public static SegmentId random() {
        return new SegmentId(UUID.randomUUID());
    }

    public static SegmentId of(String value) {
        return new SegmentId(UUID.fromString(value));
    }

    /** Axon routes commands by this string, so it must be the bare UUID. */
    @Override
    public String toString() {
        return value.toString();
    }
}
