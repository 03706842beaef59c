package dev.tenantcore.query.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.tenancy.FindTenantDomainsQuery;
import dev.tenantcore.api.tenancy.FindTenantQuery;
import dev.tenantcore.api.tenancy.ListTenantsQuery;
import dev.tenantcore.api.tenancy.TenantClosedEvent;
import dev.tenantcore.api.tenancy.TenantDomainActivatedEvent;
import dev.tenantcore.api.tenancy.TenantDomainAddedEvent;
import dev.tenantcore.api.tenancy.TenantDomainClaimReleasedEvent;
import dev.tenantcore.api.tenancy.TenantDomainDeactivatedEvent;
import dev.tenantcore.api.tenancy.TenantDomainRemovedEvent;
import dev.tenantcore.api.tenancy.TenantDomainVerifiedEvent;
import dev.tenantcore.api.tenancy.TenantModule;
import dev.tenantcore.api.tenancy.TenantModuleDisabledEvent;
import dev.tenantcore.api.tenancy.TenantModuleEnabledEvent;
import dev.tenantcore.api.tenancy.TenantPage;
import dev.tenantcore.api.tenancy.TenantPrimaryDomainChangedEvent;
import dev.tenantcore.api.tenancy.TenantReactivatedEvent;
import dev.tenantcore.api.tenancy.TenantRegisteredEvent;
import dev.tenantcore.api.tenancy.TenantRenamedEvent;
import dev.tenantcore.api.tenancy.TenantResponse;
import dev.tenantcore.api.tenancy.TenantSettings;
import dev.tenantcore.api.tenancy.TenantSettingsChangedEvent;
import dev.tenantcore.api.tenancy.TenantStatus;
import dev.tenantcore.api.tenancy.TenantSuspendedEvent;
import dev.tenantcore.query.support.History;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A registered tenant's whole life: domains, modules, suspension, settings and closing. */
@DisplayName("The tenant projection")
class TenantProjectionTest extends PlatformTenantProjectionContract {

    @Override
    protected History history(TenantId tenant) {
        String shop = "shop-" + tenant.value() + ".test";
        String www = "www." + shop;
        return new History(tenant)
                .of(
                        tenant,
                        new TenantRegisteredEvent(
                                tenant, "Shop", "shop-" + tenant.value(), Set.of(TenantModule.STOREFRONT)))
                .of(tenant, new TenantDomainAddedEvent(tenant, shop.toUpperCase(), "token-1"))
                .of(tenant, new TenantDomainVerifiedEvent(tenant, shop))
                .of(tenant, new TenantDomainActivatedEvent(tenant, shop))
                .of(tenant, new TenantDomainAddedEvent(tenant, www, "token-2"))
                .of(
                        tenant,
                        new TenantDomainVerifiedEvent(tenant, www),
                        new TenantPrimaryDomainChangedEvent(tenant, www))
                .of(tenant, new TenantDomainDeactivatedEvent(tenant, shop), new TenantDomainRemovedEvent(tenant, shop))
                .of(tenant, new TenantDomainAddedEvent(tenant, "squat." + shop, "token-3"))
                .of(
                        tenant,
                        new TenantDomainClaimReleasedEvent(
                                tenant, "squat." + shop, TenantDomainClaimReleasedEvent.Reason.EXPIRED))
                .of(tenant, new TenantModuleEnabledEvent(tenant, TenantModule.BILLING))
                .of(tenant, new TenantModuleDisabledEvent(tenant, TenantModule.STOREFRONT))
                .of(tenant, new TenantSuspendedEvent(tenant, "unpaid"), new TenantReactivatedEvent(tenant))
                .of(tenant, new TenantRenamedEvent(tenant, "Shop of " + tenant))
                .of(tenant, new TenantSettingsChangedEvent(tenant, TenantSettings.defaults("Shop of " + tenant)))
                .of(tenant, new TenantClosedEvent(tenant, "moved away"));
    }

    @Test
    @DisplayName("answers with each tenant's own name, domains, modules and status")
    void answersEachTenant() {
        TenantResponse found = ask(first, p -> p.handle(new FindTenantQuery(first)));
        assertThat(found.name()).isEqualTo("Shop of " + first);
        assertThat(found.status()).isEqualTo(TenantStatus.CLOSED);
        assertThat(found.modules()).containsExactly(TenantModule.BILLING);
        assertThat(found.version()).isEqualTo(17);
        assertThat(ask(second, p -> p.handle(new FindTenantDomainsQuery(second)))
                        .items())
                .singleElement()
                .satisfies(domain -> {
                    assertThat(domain.domain()).isEqualTo("www.shop-" + second.value() + ".test");
                    assertThat(domain.primary()).isTrue();
                    assertThat(domain.verified()).isTrue();
                });

        TenantPage page = ask(
                second,
                p -> p.handle(
                        new ListTenantsQuery(TenantStatus.CLOSED, second.value().toString(), null, 10, null)));
        assertThat(page.items()).extracting(TenantResponse::id).containsExactly(second);
    }
}
