package dev.tenantcore.command.audit;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tenantcore.api.audit.DataSubjectErasedEvent;
import dev.tenantcore.api.audit.EraseDataSubjectCommand;
import dev.tenantcore.api.audit.SubjectErasureId;
import dev.tenantcore.api.audit.SubjectErasureResponse;
import dev.tenantcore.api.common.DataSubject;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.infra.audit.TenantSnapshots;
import dev.tenantcore.infra.credentials.SubjectKeys;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The erasure of one data subject of one tenant ({@link SubjectErasureId#of}), created by its first
 * command: the subject's key is shredded and the tenant's snapshots dropped in the transaction that
 * records it, so nothing written before it can be read in clear afterwards. Erasing again records
 * nothing and answers the first erasure.
 *
 * <p>Like {@code ContactStageList} it does not extend {@code TenantOwned}: the id derives from the
 * caller's tenant, so a command naming another tenant's erasure is refused as missing.
 */
@Aggregate
public class DataSubjectErasure {

    @AggregateIdentifier
    private SubjectErasureId id;

    private DataSubject subject;
    private UUID subjectId;
    private UserId erasedBy;
    private Instant erasedAt;
    private boolean keyShredded;

    protected DataSubjectErasure() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public SubjectErasureResponse handle(
            EraseDataSubjectCommand command,
            @MetaDataValue(MetadataKeys.TENANT_ID) String tenant,
            SubjectKeys keys,
            TenantSnapshots snapshots) {
        if (tenant == null
                || command.subject() == null
                || command.subjectId() == null
                || !SubjectErasureId.of(TenantId.of(tenant), command.subject(), command.subjectId())
                        .equals(command.erasureId())) {
            throw new AggregateNotFoundException(String.valueOf(command.erasureId()), "The resource does not exist.");
        }
        if (erasedAt == null) {
            boolean shredded = keys.shred(command.subject(), command.subjectId().toString());
            // Snapshots hold aggregates' state in clear: dropped, the aggregates rebuild from their
            // events, whose fields of this subject now read as erased.
            snapshots.dropAll();
            apply(new DataSubjectErasedEvent(
                    command.erasureId(),
                    TenantId.of(tenant),
                    command.subject(),
                    command.subjectId(),
                    command.erasedBy(),
                    GenericEventMessage.clock.instant(),
                    shredded));
        }
        return new SubjectErasureResponse(
                subject.wireName(), subjectId, erasedBy == null ? null : erasedBy.value(), erasedAt, keyShredded);
    }

    @EventSourcingHandler
    void on(DataSubjectErasedEvent event) {
        id = event.erasureId();
        subject = event.subject();
        subjectId = event.subjectId();
        erasedBy = event.erasedBy();
        erasedAt = event.erasedAt();
        keyShredded = event.keyShredded();
    }
}
