package dev.tenantcore.command.crm.lead;

import dev.tenantcore.api.crm.lead.CreateLeadFormCommand;
import dev.tenantcore.api.crm.lead.DeleteLeadFormCommand;
import dev.tenantcore.api.crm.lead.FindLeadFormQuery;
import dev.tenantcore.api.crm.lead.LeadFieldType;
import dev.tenantcore.api.crm.lead.LeadFormField;
import dev.tenantcore.api.crm.lead.LeadFormId;
import dev.tenantcore.api.crm.lead.LeadFormResponse;
import dev.tenantcore.api.crm.lead.UpdateLeadFormCommand;
import dev.tenantcore.command.common.CommandHeaders;
import dev.tenantcore.command.common.CommandResource;
import dev.tenantcore.command.common.CommandResponses;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.infra.web.CommandEndpoint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Owners and managers define the tenant's public lead forms. */
@RestController
@RequestMapping("/api/v1/lead-forms")
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
class LeadFormCommandController {

    private final CommandResource<LeadFormId, LeadFormResponse> forms;

    LeadFormCommandController(CommandResponses responses) {
        this.forms = responses.resource(
                "/api/v1/lead-forms",
                LeadFormId::new,
                FindLeadFormQuery::new,
                LeadFormResponse.class,
                LeadFormResponse::version);
    }

    record FieldRequest(
            @NotNull @Pattern(regexp = LeadFormRules.FIELD_KEY_PATTERN)
            String key,

            @NotBlank @Size(max = 200) String label,
            @NotNull LeadFieldType type,
            Boolean required,
            @Size(max = LeadFormRules.MAX_OPTIONS) List<@NotBlank @Size(max = 200) String> options) {

        LeadFormField toField() {
            return new LeadFormField(key, label, type, Boolean.TRUE.equals(required), options);
        }

        static List<LeadFormField> all(List<FieldRequest> requests) {
            return requests == null
                    ? null
                    : requests.stream().map(FieldRequest::toField).toList();
        }
    }

    record CreateLeadFormRequest(
            @NotNull @Pattern(regexp = Rules.SLUG_PATTERN) String formKey,
            @NotBlank @Size(max = 200) String name,
            @NotEmpty @Size(max = LeadFormRules.MAX_FIELDS) List<@NotNull @Valid FieldRequest> fields,
            @Size(max = LeadFormRules.MAX_QUESTIONS) List<@NotNull @Valid FieldRequest> questions,
            @Size(max = LeadFormRules.MAX_CONSENT_TEXT) String consentText) {}

    record UpdateLeadFormRequest(
            @Size(min = 1, max = 200) String name,
            @Size(min = 1, max = LeadFormRules.MAX_FIELDS) List<@NotNull @Valid FieldRequest> fields,
            @Size(max = LeadFormRules.MAX_QUESTIONS) List<@NotNull @Valid FieldRequest> questions,
            @Size(max = LeadFormRules.MAX_CONSENT_TEXT) String consentText) {

        UpdateLeadFormCommand toCommand(LeadFormId form, Long expectedVersion) {
            return new UpdateLeadFormCommand(
                    form, expectedVersion, name, FieldRequest.all(fields), FieldRequest.all(questions), consentText);
        }
    }

    @CommandEndpoint(representation = LeadFormResponse.class, creates = true)
    @PostMapping
    ResponseEntity<Object> create(@Valid @RequestBody CreateLeadFormRequest body, CommandHeaders headers) {
        LeadFormId id = LeadFormId.random();
        return forms.create(
                id,
                new CreateLeadFormCommand(
                        id,
                        body.formKey(),
                        body.name(),
                        FieldRequest.all(body.fields()),
                        body.questions() == null ? List.of() : FieldRequest.all(body.questions()),
                        body.consentText()),
                headers);
    }

    @CommandEndpoint(representation = LeadFormResponse.class)
    @PatchMapping("/{id}")
    ResponseEntity<Object> update(
            @PathVariable UUID id, @Valid @RequestBody UpdateLeadFormRequest body, CommandHeaders headers) {
        return forms.transition(id, headers, body::toCommand);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id, CommandHeaders headers) {
        return forms.remove(id, headers, DeleteLeadFormCommand::new);
    }
}
