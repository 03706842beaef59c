package dev.tenantcore.command.tenancy;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.tenancy.ActivateTenantDomainCommand;
import dev.tenantcore.api.tenancy.AddTenantDomainCommand;
import dev.tenantcore.api.tenancy.BillingStatus;
import dev.tenantcore.api.tenancy.ChangeTenantBillingStatusCommand;
import dev.tenantcore.api.tenancy.ChangeTenantModulesCommand;
import dev.tenantcore.api.tenancy.CloseTenantCommand;
import dev.tenantcore.api.tenancy.DeactivateTenantDomainCommand;
import dev.tenantcore.api.tenancy.DisableTenantModuleCommand;
import dev.tenantcore.api.tenancy.EnableTenantModuleCommand;
import dev.tenantcore.api.tenancy.FindTenantQuery;
import dev.tenantcore.api.tenancy.ReactivateTenantCommand;
import dev.tenantcore.api.tenancy.RegisterTenantCommand;
import dev.tenantcore.api.tenancy.RemoveTenantDomainCommand;
import dev.tenantcore.api.tenancy.RenameTenantCommand;
import dev.tenantcore.api.tenancy.SetPrimaryTenantDomainCommand;
import dev.tenantcore.api.tenancy.SuspendTenantCommand;
import dev.tenantcore.api.tenancy.TenantModule;
import dev.tenantcore.api.tenancy.TenantModulePreset;
import dev.tenantcore.api.tenancy.TenantResponse;
import dev.tenantcore.command.common.CommandHeaders;
import dev.tenantcore.command.common.CommandResource;
import dev.tenantcore.command.common.CommandResponses;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.infra.web.CommandEndpoint;
import dev.tenantcore.infra.web.ProblemResponses;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
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

/** The platform operator's tenant administration. Tenant-less: requests run in the platform scope. */
@CommandEndpoint(representation = TenantResponse.class)
@RestController
@RequestMapping("/api/v1/platform/tenants")
@PreAuthorize("hasRole('PLATFORM_ADMIN')")
class TenantAdministrationController {

    private final CommandResource<TenantId, TenantResponse> tenants;
    private final TenantOnboarding onboarding;

    TenantAdministrationController(CommandResponses responses, TenantOnboarding onboarding) {
        this.tenants = responses.resource(
                "/api/v1/platform/tenants",
                TenantId::new,
                FindTenantQuery::new,
                TenantResponse.class,
                TenantResponse::version);
        this.onboarding = onboarding;
    }

    record OwnerRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(min = 8, max = 200) String password,
            @Size(max = 200) String displayName) {}

    record RegisterTenantRequest(
            @NotBlank @Size(max = 200) String name,
            @NotNull @Pattern(regexp = Rules.SLUG_PATTERN) String slug,
            @Size(max = 20) List<@NotNull @Pattern(regexp = Rules.DOMAIN_PATTERN) String> domains,
            Set<@NotNull TenantModule> modules,
            @Size(max = 100) String industry,
            @NotNull @Valid OwnerRequest owner) {}

    record BillingStatusRequest(@NotNull BillingStatus billingStatus) {}

    record SuspendRequest(@Size(max = 500) String reason) {}

    record DomainRequest(
            @NotNull @Pattern(regexp = Rules.DOMAIN_PATTERN) String domain) {}

    record RenameRequest(@NotBlank @Size(max = 200) String name) {}

    record CloseRequest(@Size(max = 500) String reason) {}

    /** Either a preset or the exact modules, never both. */
    record ModulesRequest(
            TenantModulePreset preset, @Size(max = 10) Set<@NotNull TenantModule> modules) {

        @AssertTrue(message = "give either preset or modules")
        boolean isPresetOrModules() {
            return (preset == null) != (modules == null);
        }

        Set<TenantModule> chosen() {
            return preset != null ? preset.modules() : modules;
        }
    }

    @CommandEndpoint(representation = TenantResponse.class, creates = true)
    @PostMapping
    @ProblemResponses(503)
    public ResponseEntity<Object> register(@Valid @RequestBody RegisterTenantRequest body, CommandHeaders headers) {
        TenantId id = TenantId.random();
        long version = onboarding.register(
                new RegisterTenantCommand(
                        id, body.name(), body.slug(), body.domains(), body.modules(), body.industry(), null),
                new TenantOnboarding.Owner(
                        UserId.random(),
                        body.owner().email(),
                        body.owner().password(),
                        body.owner().displayName()));
        return tenants.created(id, version, headers);
    }

    /** Informational for now: nothing is refused on a billing status, see the README. */
    @PutMapping("/{id}/billing-status")
    public ResponseEntity<Object> changeBillingStatus(
            @PathVariable UUID id, @Valid @RequestBody BillingStatusRequest body, CommandHeaders headers) {
        return tenants.transition(
                id,
                headers,
                (tenant, expected) -> new ChangeTenantBillingStatusCommand(tenant, expected, body.billingStatus()));
    }

    @PostMapping("/{id}/suspend")
    public ResponseEntity<Object> suspend(
            @PathVariable UUID id, @Valid @RequestBody(required = false) SuspendRequest body, CommandHeaders headers) {
        return tenants.transition(
                id,
                headers,
                (tenant, expected) -> new SuspendTenantCommand(tenant, expected, body == null ? null : body.reason()));
    }

    @PostMapping("/{id}/reactivate")
    public ResponseEntity<Object> reactivate(@PathVariable UUID id, CommandHeaders headers) {
        return tenants.transition(id, headers, ReactivateTenantCommand::new);
    }

    @PatchMapping("/{id}")
    public ResponseEntity<Object> rename(
            @PathVariable UUID id, @Valid @RequestBody RenameRequest body, CommandHeaders headers) {
        return tenants.transition(
                id, headers, (tenant, expected) -> new RenameTenantCommand(tenant, expected, body.name()));
    }

    /** For good: a closed tenant cannot be reactivated, and its domains are free for others to take. */
    @PostMapping("/{id}/close")
    public ResponseEntity<Object> close(
            @PathVariable UUID id, @Valid @RequestBody(required = false) CloseRequest body, CommandHeaders headers) {
        return tenants.transition(
                id,
                headers,
                (tenant, expected) -> new CloseTenantCommand(tenant, expected, body == null ? null : body.reason()));
    }

    @PutMapping("/{id}/modules")
    public ResponseEntity<Object> changeModules(
            @PathVariable UUID id, @Valid @RequestBody ModulesRequest body, CommandHeaders headers) {
        return tenants.transition(
                id, headers, (tenant, expected) -> new ChangeTenantModulesCommand(tenant, expected, body.chosen()));
    }

    @PostMapping("/{id}/domains")
    public ResponseEntity<Object> addDomain(
            @PathVariable UUID id, @Valid @RequestBody DomainRequest body, CommandHeaders headers) {
        return tenants.transition(
                id, headers, (tenant, expected) -> new AddTenantDomainCommand(tenant, expected, body.domain()));
    }

    @DeleteMapping("/{id}/domains/{domain}")
    public ResponseEntity<Object> removeDomain(
            @PathVariable UUID id, @PathVariable String domain, CommandHeaders headers) {
        return tenants.transition(
                id, headers, (tenant, expected) -> new RemoveTenantDomainCommand(tenant, expected, domain));
    }

    @PostMapping("/{id}/domains/{domain}/primary")
    public ResponseEntity<Object> setPrimary(
            @PathVariable UUID id, @PathVariable String domain, CommandHeaders headers) {
        return tenants.transition(
                id, headers, (tenant, expected) -> new SetPrimaryTenantDomainCommand(tenant, expected, domain));
    }

    @PostMapping("/{id}/domains/{domain}/activate")
    public ResponseEntity<Object> activateDomain(
            @PathVariable UUID id, @PathVariable String domain, CommandHeaders headers) {
        return tenants.transition(
                id, headers, (tenant, expected) -> new ActivateTenantDomainCommand(tenant, expected, domain));
    }

    @PostMapping("/{id}/domains/{domain}/deactivate")
    public ResponseEntity<Object> deactivateDomain(
            @PathVariable UUID id, @PathVariable String domain, CommandHeaders headers) {
        return tenants.transition(
                id, headers, (tenant, expected) -> new DeactivateTenantDomainCommand(tenant, expected, domain));
    }

    @PutMapping("/{id}/modules/{module}")
    public ResponseEntity<Object> enableModule(
            @PathVariable UUID id, @PathVariable TenantModule module, CommandHeaders headers) {
        return tenants.transition(
                id, headers, (tenant, expected) -> new EnableTenantModuleCommand(tenant, expected, module));
    }

    @DeleteMapping("/{id}/modules/{module}")
    public ResponseEntity<Object> disableModule(
            @PathVariable UUID id, @PathVariable TenantModule module, CommandHeaders headers) {
        return tenants.transition(
                id, headers, (tenant, expected) -> new DisableTenantModuleCommand(tenant, expected, module));
    }
}
