package dev.tenantcore.query.tenancy;

import dev.tenantcore.api.tenancy.TenantBranding;
import dev.tenantcore.api.tenancy.TenantDomainResponse;
import dev.tenantcore.api.tenancy.TenantModule;
import dev.tenantcore.api.tenancy.TenantSettings;
import dev.tenantcore.api.tenancy.TenantStatus;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The mutable part of a tenant row. Each event is applied to it in Java and the result written
 * back whole: the domain rules (which domain is primary) are easier to read here than as JSONB
 * expressions, and the processor handles one tenant's events in order, so nothing races.
 * {@code settings} is null until the tenant first chooses them. {@code resumeStatus} is what a
 * suspended tenant returns to when the suspension lifts (null: active, as before it was recorded).
 */
record TenantState(
        String name,
        TenantStatus status,
        Set<TenantModule> modules,
        List<TenantDomainResponse> domains,
        TenantSettings settings,
        TenantStatus resumeStatus) {

    TenantState {
        modules = modules.isEmpty() ? EnumSet.noneOf(TenantModule.class) : EnumSet.copyOf(modules);
        domains = List.copyOf(domains);
    }

    /** What the tenant shows: its own settings, or the defaults under its name. */
    TenantSettings effectiveSettings() {
        return settings != null ? settings : TenantSettings.defaults(name);
    }

    /**
     * The settings as the API shows them: a logo chosen from the tenant's media shows as that image's
     * public URL on the tenant's primary domain, absolute so that mails and other sites can load it
     * (a path only, while the tenant has no primary domain). A logo given as a URL shows as given.
     */
    TenantSettings shownSettings() {
        TenantSettings shown = effectiveSettings();
        TenantBranding branding = shown.branding();
        if (branding == null || branding.logoMediaId() == null) {
            return shown;
        }
        String path = PUBLIC_MEDIA_PATH + branding.logoMediaId();
        String url = domains.stream()
                .filter(TenantDomainResponse::primary)
                .findFirst()
                .map(primary -> "https://" + primary.domain() + path)
                .orElse(path);
        return new TenantSettings(
                shown.displayName(),
                shown.locale(),
                shown.currency(),
                shown.timezone(),
                new TenantBranding(branding.primaryColor(), branding.accentColor(), url, branding.logoMediaId()),
                shown.taxRateBasisPoints(),
                shown.checkout());
    }

    /** Where the query side's image endpoint serves a tenant's stored file by its id. */
    static final String PUBLIC_MEDIA_PATH = "/api/v1/public/media/";

    TenantState withName(String newName) {
        return new TenantState(newName, status, modules, domains, settings, resumeStatus);
    }

    TenantState withSettings(TenantSettings newSettings) {
        return new TenantState(name, status, modules, domains, newSettings, resumeStatus);
    }

    TenantState withStatus(TenantStatus newStatus) {
        return new TenantState(name, newStatus, modules, domains, settings, resumeStatus);
    }

    /** Remembers what the tenant was (pending, a trial, active …), to return to it. */
    TenantState suspended() {
        if (status == TenantStatus.SUSPENDED || status == TenantStatus.CLOSED) {
            return this;
        }
        return new TenantState(name, TenantStatus.SUSPENDED, modules, domains, settings, status);
    }

    TenantState reactivated() {
        if (status != TenantStatus.SUSPENDED) {
            return this;
        }
        TenantStatus back = resumeStatus == null ? TenantStatus.ACTIVE : resumeStatus;
        return new TenantState(name, back, modules, domains, settings, null);
    }

    /**
     * A step of a signed-up tenant's life (pending, trial, trial ended, active): shown at once, or
     * once a suspension lifts; a closed tenant stays closed.
     */
    TenantState withStanding(TenantStatus standing) {
        return switch (status) {
            case CLOSED -> this;
            case SUSPENDED -> new TenantState(name, status, modules, domains, settings, standing);
            default -> new TenantState(name, standing, modules, domains, settings, null);
        };
    }

    TenantState withModule(TenantModule module, boolean enabled) {
        Set<TenantModule> changed = modules.isEmpty() ? EnumSet.noneOf(TenantModule.class) : EnumSet.copyOf(modules);
        if (enabled) {
            changed.add(module);
        } else {
            changed.remove(module);
        }
        return new TenantState(name, status, changed, domains, settings, resumeStatus);
    }

    /**
     * A domain the platform added (no token) is verified and active at once, and becomes primary
     * when the tenant has no primary yet, as the aggregate decides too. A domain the tenant added
     * waits unverified and inactive, showing its token, until it is verified.
     */
    TenantState withDomainAdded(String domain, String verificationToken) {
        if (indexOf(domain) >= 0) {
            return this;
        }
        boolean trusted = verificationToken == null;
        boolean noPrimary = domains.stream().noneMatch(TenantDomainResponse::primary);
        List<TenantDomainResponse> changed = new ArrayList<>(domains);
        changed.add(new TenantDomainResponse(domain, trusted && noPrimary, trusted, trusted, verificationToken));
        return new TenantState(name, status, modules, changed, settings, resumeStatus);
    }

    /** The token has served its purpose and is no longer shown. */
    TenantState withDomainVerified(String domain) {
        return withDomain(domain, d -> new TenantDomainResponse(d.domain(), d.primary(), d.active(), true, null));
    }

    /** Removing the primary domain promotes nothing: the aggregate announces a new primary itself. */
    TenantState withDomainRemoved(String domain) {
        List<TenantDomainResponse> changed = new ArrayList<>(domains);
        changed.removeIf(d -> d.domain().equals(domain));
        return new TenantState(name, status, modules, changed, settings, resumeStatus);
    }

    TenantState withPrimary(String domain) {
        if (indexOf(domain) < 0) {
            return this;
        }
        List<TenantDomainResponse> changed = domains.stream()
                .map(d -> new TenantDomainResponse(
                        d.domain(), d.domain().equals(domain), d.active(), d.verified(), d.verificationToken()))
                .toList();
        return new TenantState(name, status, modules, changed, settings, resumeStatus);
    }

    TenantState withDomainActive(String domain, boolean active) {
        return withDomain(
                domain,
                d -> new TenantDomainResponse(d.domain(), d.primary(), active, d.verified(), d.verificationToken()));
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

    private TenantState withDomain(String domain, UnaryOperator<TenantDomainResponse> change) {
        List<TenantDomainResponse> changed = domains.stream()
                .map(d -> d.domain().equals(domain) ? change.apply(d) : d)
                .toList();
        return new TenantState(name, status, modules, changed, settings, resumeStatus);
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
