package dev.tenantcore.api.audit;

import java.time.Instant;
import java.util.UUID;

/** An erasure as recorded: the subject, who erased it and when, and whether a key was shredded. */
public record SubjectErasureResponse(
        String subjectType, UUID subjectId, UUID erasedBy, Instant erasedAt, boolean keyShredded) {}
