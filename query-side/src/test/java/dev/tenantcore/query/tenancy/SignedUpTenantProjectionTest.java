package dev.tenantcore.query.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.tenancy.BillingStatus;
import dev.tenantcore.api.tenancy.FindTenantQuery;
import dev.tenantcore.api.tenancy.ListTenantsQuery;
import dev.tenantcore.api.tenancy.TenantBillingStatusChangedEvent;
import dev.tenantcore.api.tenancy.TenantDomainAddedEvent;
import dev.tenantcore.api.tenancy.TenantModule;
import dev.tenantcore.api.tenancy.TenantPage;
import dev.tenantcore.api.tenancy.TenantPrimaryDomainChangedEvent;
import dev.tenantcore.api.tenancy.TenantReactivatedEvent;
import dev.tenantcore.api.tenancy.TenantRegisteredEvent;
import dev.tenantcore.api.tenancy.TenantResponse;
import dev.tenantcore.api.tenancy.TenantSignUpRequestedEvent;
import dev.tenantcore.api.tenancy.TenantSignUpVerifiedEvent;
import dev.tenantcore.api.tenancy.TenantStatus;
import dev.tenantcore.api.tenancy.TenantSuspendedEvent;
import dev.tenantcore.api.tenancy.TenantTrialEndedEvent;
import dev.tenantcore.query.support.History;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A signed-up tenant's row: pending, a trial with its end date, a billing status and an industry,
 * and a suspension during the trial that lifts onto the trial's state, not onto "active".
 */
@DisplayName("The tenant projection of a signed-up tenant")
class SignedUpTenantProjectionTest extends PlatformTenantProjectionContract {

    private static final Instant TRIAL_END = Instant.parse("2026-12-17T12:00:00Z");

    @Override
    protected History history(TenantId tenant) {
        String domain = "signed-" + tenant.value() + ".tenantcore.test";
        return new History(tenant)
                .of(
                        tenant,
                        new TenantRegisteredEvent(
                                tenant, "Acme", "signed-" + tenant.value(), Set.of(TenantModule.CRM), "Retail"),
                        new TenantSignUpRequestedEvent(
                                tenant, UserId.random(), "owner@acme.example", "a".repeat(64), TRIAL_END),
                        new TenantDomainAddedEvent(tenant, domain, null),
                        new TenantPrimaryDomainChangedEvent(tenant, domain))
                .of(tenant, new TenantSignUpVerifiedEvent(tenant, UserId.random(), TRIAL_END))
                .of(tenant, new TenantBillingStatusChangedEvent(tenant, BillingStatus.PAST_DUE))
                .of(tenant, new TenantSuspendedEvent(tenant, "unpaid"))
                .of(tenant, new TenantTrialEndedEvent(tenant, TRIAL_END))
                .of(tenant, new TenantReactivatedEvent(tenant));
    }

    @Test
    @DisplayName("shows the trial's end, billing status and industry, and a trial that ended while suspended "
            + "returns as ended when the suspension lifts")
    void showsTheTrial() {
        TenantResponse found = ask(first, p -> p.handle(new FindTenantQuery(first)));
        assertThat(found.status()).isEqualTo(TenantStatus.TRIAL_ENDED);
        assertThat(found.trialEndsAt()).isEqualTo(TRIAL_END);
        assertThat(found.billingStatus()).isEqualTo(BillingStatus.PAST_DUE);
        assertThat(found.industry()).isEqualTo("Retail");
        assertThat(found.domains())
                .singleElement()
                .satisfies(d -> assertThat(d.active()).isTrue());

        TenantPage page = ask(
                second,
                p -> p.handle(new ListTenantsQuery(
                        TenantStatus.TRIAL_ENDED, second.value().toString(), null, 10, null)));
        assertThat(page.items()).extracting(TenantResponse::id).containsExactly(second);
    }
}
