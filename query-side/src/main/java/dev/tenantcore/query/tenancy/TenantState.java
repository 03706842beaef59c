package dev.tenantcore.query.tenancy;

import dev.tenantcore.api.tenancy.TenantDomainResponse;
import dev.tenantcore.api.tenancy.TenantModule;
import dev.tenantcore.api.tenancy.TenantStatus;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The mutable part of a tenant row. Each event is applied to it in Java and the result written
 * back whole: the domain rules (which domain is primary) are easier to read here than as JSONB
 * expressions, and the processor handles one tenant's events in order, so nothing races.
 */
record TenantState(TenantStatus status, Set<TenantModule> modules, List<TenantDomainResponse> domains) {

    TenantState {
        modules = modules.isEmpty() ? EnumSet.noneOf(TenantModule.class) : EnumSet.copyOf(modules);
        domains = List.copyOf(domains);
    }

    TenantState withStatus(TenantStatus newStatus) {
        return new TenantState(newStatus, modules, domains);
    }

    TenantState withModule(TenantModule module, boolean enabled) {
        Set<TenantModule> changed = modules.isEmpty() ? EnumSet.noneOf(TenantModule.class) : EnumSet.copyOf(modules);
        if (enabled) {
            changed.add(module);
        } else {
            changed.remove(module);
        }
        return new TenantState(status, changed, domains);
    }

    /**
     * A new domain is active at once. It becomes primary when the tenant has no primary yet, which
     * makes the first domain added the primary one until a primary-changed event says otherwise.
     */
    TenantState withDomainAdded(String domain) {
        if (indexOf(domain) >= 0) {
            return this;
        }
        boolean noPrimary = domains.stream().noneMatch(TenantDomainResponse::primary);
        List<TenantDomainResponse> changed = new ArrayList<>(domains);
        changed.add(new TenantDomainResponse(domain, noPrimary, true));
        return new TenantState(status, modules, changed);
    }

    /** Removing the primary domain promotes nothing: the aggregate announces a new primary itself. */
    TenantState withDomainRemoved(String domain) {
        List<TenantDomainResponse> changed = new ArrayList<>(domains);
        changed.removeIf(d -> d.domain().equals(domain));
        return new TenantState(status, modules, changed);
    }

    TenantState withPrimary(String domain) {
        if (indexOf(domain) < 0) {
            return this;
        }
        List<TenantDomainResponse> changed = domains.stream()
                .map(d -> new TenantDomainResponse(d.domain(), d.domain().equals(domain), d.active()))
                .toList();
        return new TenantState(status, modules, changed);
    }

    TenantState withDomainActive(String domain, boolean active) {
        List<TenantDomainResponse> changed = domains.stream()
                .map(d -> d.domain().equals(domain) ? new TenantDomainResponse(d.domain(), d.primary(), active) : d)
                .toList();
        return new TenantState(status, modules, changed);
    }

    String[] moduleWireNames() {
        return modules.stream().map(TenantModule::wireName).toArray(String[]::new);
    }

    String[] activeDomains() {
        return domains.stream()
                .filter(TenantDomainResponse::active)
                .map(TenantDomainResponse::domain)
                .toArray(String[]::new);
    }

    private int indexOf(String domain) {
        for (int i = 0; i < domains.size(); i++) {
            if (domains.get(i).domain().equals(domain)) {
                return i;
            }
        }
        return -1;
    }
}
