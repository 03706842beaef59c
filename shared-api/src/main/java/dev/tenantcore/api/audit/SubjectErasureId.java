package dev.tenantcore.api.audit;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.tenantcore.api.common.DataSubject;
import dev.tenantcore.api.common.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/** Identifies the erasure of one data subject of one tenant: derived from both, so erasing twice meets the first. */
public record SubjectErasureId(@JsonValue UUID value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public SubjectErasureId {
        Objects.requireNonNull(value, "SubjectErasureId value");
    }

    public static SubjectErasureId of(TenantId tenant, DataSubject subject, UUID subjectId) {
        return new SubjectErasureId(
                UUID.nameUUIDFromBytes(("erasure:" + tenant.value() + ":" + subject.wireName() + ":" + subjectId)
                        .getBytes(StandardCharsets.UTF_8)));
    }

    /** Axon routes commands by this string, so it must be the bare UUID. */
    @Override
    public String toString() {
        return value.toString();
    }
}
