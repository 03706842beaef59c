package dev.tenantcore.command.crm;

import dev.tenantcore.api.crm.CustomFieldId;
import dev.tenantcore.api.crm.CustomFieldResponse;
import dev.tenantcore.api.crm.CustomFieldType;
import dev.tenantcore.api.crm.DefineCustomFieldCommand;
import dev.tenantcore.api.crm.FindCustomFieldQuery;
import dev.tenantcore.api.crm.RemoveCustomFieldCommand;
import dev.tenantcore.api.crm.RenameCustomFieldCommand;
import dev.tenantcore.command.common.CommandHeaders;
import dev.tenantcore.command.common.CommandResource;
import dev.tenantcore.command.common.CommandResponses;
import dev.tenantcore.infra.web.CommandEndpoint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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

/** The tenant's custom fields of contacts, defined by owners and managers. */
@RestController
@RequestMapping("/api/v1/contact-fields")
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
class CustomFieldCommandController {

    private final CommandResource<CustomFieldId, CustomFieldResponse> fields;

    CustomFieldCommandController(CommandResponses responses) {
        this.fields = responses.resource(
                "/api/v1/contact-fields",
                CustomFieldId::new,
                FindCustomFieldQuery::new,
                CustomFieldResponse.class,
                CustomFieldResponse::version);
    }

    record DefineFieldRequest(
            @NotNull @Pattern(regexp = CustomField.KEY_PATTERN)
            String key,

            @NotBlank @Size(max = 100) String label,
            @NotNull CustomFieldType type,
            @Size(max = 100) List<@NotBlank @Size(max = 100) String> options,
            Boolean required,
            Boolean unique) {}

    record RenameFieldRequest(
            @Pattern(regexp = CustomField.KEY_PATTERN) String key,
            @Size(min = 1, max = 100) String label) {

        RenameCustomFieldCommand toCommand(CustomFieldId field, Long expectedVersion) {
            return new RenameCustomFieldCommand(field, expectedVersion, key, label);
        }
    }

    @CommandEndpoint(representation = CustomFieldResponse.class, creates = true)
    @PostMapping
    ResponseEntity<Object> define(@Valid @RequestBody DefineFieldRequest body, CommandHeaders headers) {
        CustomFieldId id = CustomFieldId.random();
        return fields.create(
                id,
                new DefineCustomFieldCommand(
                        id,
                        body.key(),
                        body.label(),
                        body.type(),
                        body.options(),
                        Boolean.TRUE.equals(body.required()),
                        Boolean.TRUE.equals(body.unique())),
                headers);
    }

    /** Renames the field (its key, its label or both); contacts keep their values. */
    @CommandEndpoint(representation = CustomFieldResponse.class)
    @PatchMapping("/{id}")
    ResponseEntity<Object> rename(
            @PathVariable UUID id, @Valid @RequestBody RenameFieldRequest body, CommandHeaders headers) {
        return fields.transition(id, headers, body::toCommand);
    }

    /** Removes the field; contacts stop showing its values, and their histories keep them. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> remove(@PathVariable UUID id, CommandHeaders headers) {
        return fields.remove(id, headers, RemoveCustomFieldCommand::new);
    }
}
