package dev.tenantcore.command.crm.lead;

import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.lead.AddLeadNoteCommand;
import dev.tenantcore.api.crm.lead.AssignLeadCommand;
import dev.tenantcore.api.crm.lead.ConvertLeadCommand;
import dev.tenantcore.api.crm.lead.DeleteLeadCommand;
import dev.tenantcore.api.crm.lead.FindLeadQuery;
import dev.tenantcore.api.crm.lead.LeadId;
import dev.tenantcore.api.crm.lead.LeadResponse;
import dev.tenantcore.api.crm.lead.MarkLeadContactedCommand;
import dev.tenantcore.api.crm.lead.QualifyLeadCommand;
import dev.tenantcore.api.crm.lead.RejectLeadCommand;
import dev.tenantcore.api.crm.lead.UpdateLeadCommand;
import dev.tenantcore.command.common.CommandHeaders;
import dev.tenantcore.command.common.CommandResource;
import dev.tenantcore.command.common.CommandResponses;
import dev.tenantcore.infra.web.CommandEndpoint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Staff work leads through their pipeline; managers and owners may delete them. */
@RestController
@RequestMapping("/api/v1/leads")
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'STAFF')")
class LeadCommandController {

    private final CommandResource<LeadId, LeadResponse> leads;

    LeadCommandController(CommandResponses responses) {
        this.leads = responses.resource(
                "/api/v1/leads", LeadId::new, FindLeadQuery::new, LeadResponse.class, LeadResponse::version);
    }

    /** A null member keeps the value; an empty one clears it. */
    record UpdateLeadRequest(
            @Size(max = 200) String name,
            @Size(max = 254) String email,
            @Size(max = 40) String phone,
            @Size(max = LeadFormRules.MAX_VALUE) String message) {

        UpdateLeadCommand toCommand(LeadId lead, Long expectedVersion) {
            return new UpdateLeadCommand(lead, expectedVersion, name, email, phone, message);
        }
    }

    /** A null owner unassigns the lead. */
    record OwnerRequest(UUID ownerId) {}

    record NoteRequest(
            @NotBlank @Size(max = LeadFormRules.MAX_VALUE) String text) {}

    record RejectionRequest(@Size(max = 1000) String reason) {}

    @CommandEndpoint(representation = LeadResponse.class)
    @PatchMapping("/{id}")
    ResponseEntity<Object> update(
            @PathVariable UUID id, @Valid @RequestBody UpdateLeadRequest body, CommandHeaders headers) {
        return leads.transition(id, headers, body::toCommand);
    }

    @CommandEndpoint(representation = LeadResponse.class)
    @PutMapping("/{id}/owner")
    ResponseEntity<Object> assign(
            @PathVariable UUID id, @Valid @RequestBody OwnerRequest body, CommandHeaders headers) {
        UserId owner = body.ownerId() == null ? null : new UserId(body.ownerId());
        return leads.transition(id, headers, (lead, version) -> new AssignLeadCommand(lead, version, owner));
    }

    @CommandEndpoint(representation = LeadResponse.class)
    @PostMapping("/{id}/notes")
    ResponseEntity<Object> note(@PathVariable UUID id, @Valid @RequestBody NoteRequest body, CommandHeaders headers) {
        return leads.transition(id, headers, (lead, version) -> new AddLeadNoteCommand(lead, version, body.text()));
    }

    @CommandEndpoint(representation = LeadResponse.class)
    @PostMapping("/{id}/mark-contacted")
    ResponseEntity<Object> contacted(@PathVariable UUID id, CommandHeaders headers) {
        return leads.transition(id, headers, MarkLeadContactedCommand::new);
    }

    @CommandEndpoint(representation = LeadResponse.class)
    @PostMapping("/{id}/qualify")
    ResponseEntity<Object> qualify(@PathVariable UUID id, CommandHeaders headers) {
        return leads.transition(id, headers, QualifyLeadCommand::new);
    }

    @CommandEndpoint(representation = LeadResponse.class)
    @PostMapping("/{id}/reject")
    ResponseEntity<Object> reject(
            @PathVariable UUID id,
            @Valid @RequestBody(required = false) RejectionRequest body,
            CommandHeaders headers) {
        String reason = body == null ? null : body.reason();
        return leads.transition(id, headers, (lead, version) -> new RejectLeadCommand(lead, version, reason));
    }

    @CommandEndpoint(representation = LeadResponse.class)
    @PostMapping("/{id}/convert")
    ResponseEntity<Object> convert(@PathVariable UUID id, CommandHeaders headers) {
        return leads.transition(id, headers, ConvertLeadCommand::new);
    }

    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id, CommandHeaders headers) {
        return leads.remove(id, headers, DeleteLeadCommand::new);
    }
}
