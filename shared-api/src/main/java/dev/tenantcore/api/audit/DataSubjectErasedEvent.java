package dev.tenantcore.api.audit;

import dev.tenantcore.api.common.DataSubject;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A data subject's key was shredded: every field of theirs in the event store now reads as erased,
 * and each projection holding their personal data blanks it. Holds no personal data itself; {@code
 * keyShredded} is false when no event of theirs was ever encrypted (all stored before encryption).
 */
@Revision("1")
public record DataSubjectErasedEvent(
        SubjectErasureId erasureId,
        TenantId tenantId,
        DataSubject subject,
        UUID subjectId,
        UserId erasedBy,
        Instant erasedAt,
        boolean keyShredded) {}
