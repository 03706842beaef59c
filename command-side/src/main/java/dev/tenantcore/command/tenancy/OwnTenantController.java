package dev.tenantcore.command.tenancy;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.media.MediaId;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.api.tenancy.ActivateTenantDomainCommand;
import dev.tenantcore.api.tenancy.AddTenantDomainCommand;
import dev.tenantcore.api.tenancy.ChangeTenantSettingsCommand;
import dev.tenantcore.api.tenancy.CheckoutSettings;
import dev.tenantcore.api.tenancy.DeactivateTenantDomainCommand;
import dev.tenantcore.api.tenancy.DomainOwnershipCheck;
import dev.tenantcore.api.tenancy.FindTenantDomainsQuery;
import dev.tenantcore.api.tenancy.FindTenantSettingsQuery;
import dev.tenantcore.api.tenancy.PaymentFailurePolicy;
import dev.tenantcore.api.tenancy.RemoveTenantDomainCommand;
import dev.tenantcore.api.tenancy.SetPrimaryTenantDomainCommand;
import dev.tenantcore.api.tenancy.TenantBranding;
import dev.tenantcore.api.tenancy.TenantDomainList;
import dev.tenantcore.api.tenancy.TenantSettings;
import dev.tenantcore.api.tenancy.TenantSettingsResponse;
import dev.tenantcore.api.tenancy.VerifyTenantDomainCommand;
import dev.tenantcore.command.common.CommandHeaders;
import dev.tenantcore.command.common.CommandResource;
import dev.tenantcore.command.common.CommandResponses;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.command.common.UniqueKeys;
import dev.tenantcore.infra.tenancy.TenantContext;
import dev.tenantcore.infra.web.CommandEndpoint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's owner administers the tenant's own domains and settings. The tenant is the request's
 * (from its Origin or Host, and equal to the token's), never a path parameter, so a caller cannot
 * even name another tenant here. Handler methods are public because method security works
 * through a proxy.
 */
@CommandEndpoint(representation = TenantDomainList.class)
@RestController
@PreAuthorize("hasRole('OWNER')")
class OwnTenantController {

    /** A domain is named by itself, and answered for with the tenant's whole list of domains. */
    private final CommandResource<String, TenantDomainList> domains;

    private final CommandResource<TenantId, TenantSettingsResponse> settings;

    private final DomainVerification verification;

    private final SignUpSettings signUps;

    OwnTenantController(CommandResponses responses, DomainVerification verification, SignUpSettings signUps) {
        this.verification = verification;
        this.signUps = signUps;
        this.domains = responses
                .resource(
                        "/api/v1/tenant/domains",
                        (String domain) -> new FindTenantDomainsQuery(tenant()),
                        TenantDomainList.class,
                        TenantDomainList::version)
                .locatedAt(domain -> "/api/v1/tenant/domains");
        this.settings = responses.resource(
                "/api/v1/tenant/settings",
                FindTenantSettingsQuery::new,
                TenantSettingsResponse.class,
                TenantSettingsResponse::version);
    }

    record DomainRequest(
            @NotNull @Pattern(regexp = Rules.DOMAIN_PATTERN) String domain) {}

    record BrandingRequest(
            @Pattern(regexp = TenantSettingsRules.COLOR_PATTERN, message = "must be a colour as #RRGGBB")
            String primaryColor,

            @Pattern(regexp = TenantSettingsRules.COLOR_PATTERN, message = "must be a colour as #RRGGBB")
            String accentColor,

            @Size(max = 2000) @Pattern(regexp = "^(?i)https://\\S+$", message = "must be an https URL")
            String logoUrl,

            /** One of the shop's own uploaded images; when given, {@code logoUrl} is not kept. */
            UUID logoMediaId) {}

    record CheckoutRequest(
            @Size(max = 20) String defaultProvider,

            @Min(1) @Max(CheckoutSettings.MAX_PAYMENT_WINDOW_MINUTES)
            Integer paymentWindowMinutes,

            @Size(max = 20) String onPaymentFailure) {

        CheckoutSettings toSettings() {
            return new CheckoutSettings(
                    defaultProvider == null
                            ? null
                            : wire(defaultProvider, PaymentProviderKind::fromWireName, "defaultProvider"),
                    paymentWindowMinutes == null ? 0 : paymentWindowMinutes,
                    onPaymentFailure == null
                            ? null
                            : wire(onPaymentFailure, PaymentFailurePolicy::fromWireName, "onPaymentFailure"));
        }

        private static <T> T wire(String value, java.util.function.Function<String, T> parse, String field) {
            try {
                return parse.apply(value);
            } catch (IllegalArgumentException e) {
                throw Rules.invalid("checkout." + field + " '" + value + "' is not a known value");
            }
        }
    }

    record SettingsRequest(
            @NotBlank @Size(max = 200) String displayName,
            @NotBlank @Size(max = 35) String locale,

            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR")
            String currency,

            @NotBlank @Size(max = 64) String timezone,
            @Valid BrandingRequest branding,

            @NotNull @PositiveOrZero @Max(TenantSettingsRules.MAX_TAX_RATE_BASIS_POINTS)
            Integer taxRateBasisPoints,

            @Valid CheckoutRequest checkout) {

        TenantSettings toSettings() {
            BrandingRequest b = branding == null ? new BrandingRequest(null, null, null, null) : branding;
            return new TenantSettings(
                    displayName,
                    locale,
                    currency,
                    timezone,
                    new TenantBranding(
                            b.primaryColor(),
                            b.accentColor(),
                            b.logoUrl(),
                            b.logoMediaId() == null ? null : new MediaId(b.logoMediaId())),
                    taxRateBasisPoints,
                    checkout == null ? null : checkout.toSettings());
        }
    }

    /** A domain added here is unverified and inactive until {@code /verify} succeeds. */
    @CommandEndpoint(representation = TenantDomainList.class, creates = true)
    @PostMapping("/api/v1/tenant/domains")
    public ResponseEntity<Object> addDomain(@Valid @RequestBody DomainRequest body, CommandHeaders headers) {
        // The platform's subdomains are handed out by sign-up and by the platform, never claimed:
        // refused as any name in use is, so a refusal does not tell whether a tenant has it yet.
        if (signUps.isPlatformName(body.domain())) {
            throw UniqueKeys.Scope.DOMAIN.taken(body.domain());
        }
        return domains.create(
                body.domain(), new AddTenantDomainCommand(tenant(), headers.expectedVersion(), body.domain()), headers);
    }

    /**
     * The domain is checked here, before the command and outside any transaction (the check may take
     * seconds); the aggregate then decides with what the check found.
     */
    @PostMapping("/api/v1/tenant/domains/{domain}/verify")
    public ResponseEntity<Object> verifyDomain(@PathVariable String domain, CommandHeaders headers) {
        TenantId tenant = tenant();
        DomainOwnershipCheck check = verification.check(tenant, domain);
        return domains.transition(
                domain, headers, (d, expected) -> new VerifyTenantDomainCommand(tenant, expected, d, check));
    }

    @PostMapping("/api/v1/tenant/domains/{domain}/primary")
    public ResponseEntity<Object> setPrimaryDomain(@PathVariable String domain, CommandHeaders headers) {
        return domains.transition(
                domain, headers, (d, expected) -> new SetPrimaryTenantDomainCommand(tenant(), expected, d));
    }

    @PostMapping("/api/v1/tenant/domains/{domain}/activate")
    public ResponseEntity<Object> activateDomain(@PathVariable String domain, CommandHeaders headers) {
        return domains.transition(
                domain, headers, (d, expected) -> new ActivateTenantDomainCommand(tenant(), expected, d));
    }

    @PostMapping("/api/v1/tenant/domains/{domain}/deactivate")
    public ResponseEntity<Object> deactivateDomain(@PathVariable String domain, CommandHeaders headers) {
        return domains.transition(
                domain, headers, (d, expected) -> new DeactivateTenantDomainCommand(tenant(), expected, d));
    }

    @DeleteMapping("/api/v1/tenant/domains/{domain}")
    public ResponseEntity<Object> removeDomain(@PathVariable String domain, CommandHeaders headers) {
        return domains.transition(
                domain, headers, (d, expected) -> new RemoveTenantDomainCommand(tenant(), expected, d));
    }

    /** Replaces every setting; {@code If-Match} with the tenant's version guards against lost updates. */
    @CommandEndpoint(representation = TenantSettingsResponse.class)
    @PutMapping("/api/v1/tenant/settings")
    public ResponseEntity<Object> changeSettings(@Valid @RequestBody SettingsRequest body, CommandHeaders headers) {
        return settings.transition(
                tenant(),
                headers,
                (tenant, expected) -> new ChangeTenantSettingsCommand(tenant, expected, body.toSettings()));
    }

    /** The edge admits no tenant-less request here; refusing one anyway keeps that true if routes change. */
    private static TenantId tenant() {
        return TenantContext.requireTenant("No tenant for this request.");
    }
}
