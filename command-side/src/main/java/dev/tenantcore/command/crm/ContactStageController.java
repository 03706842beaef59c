package dev.tenantcore.command.crm;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.crm.FindLifecycleStagesQuery;
import dev.tenantcore.api.crm.LifecycleStagesId;
import dev.tenantcore.api.crm.LifecycleStagesResponse;
import dev.tenantcore.api.crm.SetLifecycleStagesCommand;
import dev.tenantcore.command.common.CommandHeaders;
import dev.tenantcore.command.common.CommandResource;
import dev.tenantcore.command.common.CommandResponses;
import dev.tenantcore.infra.tenancy.TenantContext;
import dev.tenantcore.infra.web.CommandEndpoint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The lifecycle stages the tenant's contacts move through, set by owners and managers. */
@RestController
@RequestMapping("/api/v1/contact-stages")
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
class ContactStageController {

    private final CommandResource<LifecycleStagesId, LifecycleStagesResponse> stages;

    ContactStageController(CommandResponses responses) {
        this.stages = responses.resource(
                "/api/v1/contact-stages",
                stages -> new FindLifecycleStagesQuery(tenant()),
                LifecycleStagesResponse.class,
                LifecycleStagesResponse::version);
    }

    record StagesRequest(@NotNull @NotEmpty @Size(max = 20) List<@NotNull @Size(max = 40) String> stages) {}

    /** Replaces the list, in order; contacts keep a stage that was removed until they are next given one. */
    @CommandEndpoint(representation = LifecycleStagesResponse.class)
    @PutMapping
    ResponseEntity<Object> set(@Valid @RequestBody StagesRequest body, CommandHeaders headers) {
        return stages.transition(
                LifecycleStagesId.of(tenant()),
                headers,
                (id, version) -> new SetLifecycleStagesCommand(id, body.stages()));
    }

    private static TenantId tenant() {
        return TenantContext.requireTenant("Lifecycle stages belong to a tenant.");
    }
}
