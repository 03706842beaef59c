package dev.tenantcore.command.payments;

import dev.tenantcore.api.tenancy.CheckoutSettings;
import dev.tenantcore.infra.tenancy.TenantContext;
import dev.tenantcore.infra.tenancy.TenantDirectory;
import dev.tenantcore.infra.tenancy.TenantEntry;
import org.springframework.stereotype.Component;

/** Checkout settings from the in-memory tenant directory, which every node keeps current. */
@Component
class DirectoryCheckoutPolicy implements CheckoutPolicy {

    private final TenantDirectory directory;

    DirectoryCheckoutPolicy(TenantDirectory directory) {
        this.directory = directory;
    }

    @Override
    public CheckoutSettings current() {
        return TenantContext.current()
                .flatMap(directory::byId)
                .map(TenantEntry::checkout)
                .orElseGet(CheckoutSettings::defaults);
    }
}
