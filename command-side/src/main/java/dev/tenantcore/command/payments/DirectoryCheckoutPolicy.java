package dev.tenantcore.command.payments;

import dev.tenantcore.api.tenancy.CheckoutSettings;
import dev.tenantcore.command.common.TenantFacts;
import dev.tenantcore.infra.tenancy.TenantContext;
import org.springframework.stereotype.Component;

/**
 * Checkout settings from the command side's {@link TenantFacts} (its own record of the tenants, not
 * the edge's directory, which follows the read model a moment behind), so a payment starts with the
 * settings in force when it starts.
 */
@Component
class DirectoryCheckoutPolicy implements CheckoutPolicy {

    private final TenantFacts facts;

    DirectoryCheckoutPolicy(TenantFacts facts) {
        this.facts = facts;
    }

    @Override
    public CheckoutSettings current() {
        return TenantContext.current()
                .map(tenant -> facts.require(tenant).checkout())
                .orElseGet(CheckoutSettings::defaults);
    }
}
