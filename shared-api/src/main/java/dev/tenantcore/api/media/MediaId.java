package dev.tenantcore.api.media;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identifies one uploaded file of one tenant. */
public record MediaId(@JsonValue UUID value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public MediaId {
        Objects.requireNonNull(value, "MediaId value");
    }

    public static MediaId random() {
        return new MediaId(UUID.randomUUID());
    }

    /** Axon routes commands by this string, so it must be the bare UUID. */
    @Override
    public String toString() {
        return value.toString();
    }
}
