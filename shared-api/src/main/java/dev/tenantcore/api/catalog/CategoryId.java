package dev.tenantcore.api.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identifies a category of one tenant's catalogue. */
public record CategoryId(@JsonValue UUID value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public CategoryId {
        Objects.requireNonNull(value, "CategoryId value");
    }

    public static CategoryId random() {
        return new CategoryId(UUID.randomUUID());
    }

    public static CategoryId of(String value) {
        return new CategoryId(UUID.fromString(value));
    }

    /** Axon routes commands by this string, so it must be the bare UUID. */
    @Override
    public String toString() {
        return value.toString();
    }
}
