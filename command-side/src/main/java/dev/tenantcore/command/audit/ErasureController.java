package dev.tenantcore.command.audit;

import dev.tenantcore.api.audit.EraseDataSubjectCommand;
import dev.tenantcore.api.audit.SubjectErasureId;
import dev.tenantcore.api.audit.SubjectErasureResponse;
import dev.tenantcore.api.common.DataSubject;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.infra.audit.TenantEventLog;
import dev.tenantcore.infra.security.CurrentUser;
import dev.tenantcore.infra.tenancy.TenantContext;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Erasure by crypto-shredding, for owners: the subject's key is deleted, so every field of theirs
 * in the event store reads as {@code "[erased]"}, and each projection blanks its copies. Erasing an
 * erased subject answers {@code 200} with the first erasure and records nothing.
 *
 * <p>The handler methods are public because method security is enforced by a proxy.
 */
@RestController
@PreAuthorize("hasRole('OWNER')")
class ErasureController {

    private static final String MISSING = "The data subject does not exist.";

    /** The aggregate whose events say a subject of each type exists in the tenant. */
    private static final Map<DataSubject, String> SUBJECT_AGGREGATE =
            Map.of(DataSubject.CONTACT, "contact", DataSubject.USER, "user-account", DataSubject.LEAD, "lead");

    private final CommandGateway commands;
    private final TenantEventLog log;
    private final AuditedAggregates aggregates;

    ErasureController(CommandGateway commands, TenantEventLog log, AuditedAggregates aggregates) {
        this.commands = commands;
        this.log = log;
        this.aggregates = aggregates;
    }

    /**
     * Erases one data subject of the caller's tenant: {@code contact}, {@code user} (staff or
     * customer account), {@code customer} (the same: a customer's account and their orders'
     * addresses) or {@code lead}. Another tenant's subject, or none, answers {@code 404}.
     */
    @PostMapping("/api/v1/audit/subjects/{type}/{id}/erase")
    public SubjectErasureResponse erase(
            @PathVariable @Size(max = 20) @Parameter(description = "contact, user, customer or lead") String type,
            @PathVariable @Size(max = 100) String id) {
        DataSubject subject =
                DataSubject.named(type).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, MISSING));
        UUID subjectId;
        try {
            subjectId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.NOT_FOUND, MISSING);
        }
        // The subject exists when the tenant's own event log holds its aggregate (the view shows no
        // other tenant's events).
        String storedType = aggregates.named(SUBJECT_AGGREGATE.get(subject)).storedType();
        if (log.history(storedType, subjectId.toString(), -1, 1).isEmpty()) {
            throw new DomainException(ErrorCode.NOT_FOUND, MISSING);
        }
        TenantId tenant = TenantContext.requireTenant(MISSING);
        return commands.sendAndWait(new EraseDataSubjectCommand(
                SubjectErasureId.of(tenant, subject, subjectId), subject, subjectId, CurrentUser.id()));
    }
}
