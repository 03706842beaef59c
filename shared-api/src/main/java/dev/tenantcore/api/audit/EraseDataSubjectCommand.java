package dev.tenantcore.api.audit;

import dev.tenantcore.api.common.DataSubject;
import dev.tenantcore.api.common.UserId;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Shred the subject's key; {@code erasedBy} is the owner asking. Erasing an erased subject changes nothing. */
public record EraseDataSubjectCommand(
        @TargetAggregateIdentifier SubjectErasureId erasureId, DataSubject subject, UUID subjectId, UserId erasedBy) {}
