package dev.tenantcore.command.tenancy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.tenancy.ActivateTenantDomainCommand;
import dev.tenantcore.api.tenancy.AddTenantDomainCommand;
import dev.tenantcore.api.tenancy.DeactivateTenantDomainCommand;
import dev.tenantcore.api.tenancy.DisableTenantModuleCommand;
import dev.tenantcore.api.tenancy.EnableTenantModuleCommand;
import dev.tenantcore.api.tenancy.ReactivateTenantCommand;
import dev.tenantcore.api.tenancy.RegisterTenantCommand;
import dev.tenantcore.api.tenancy.RemoveTenantDomainCommand;
import dev.tenantcore.api.tenancy.SetPrimaryTenantDomainCommand;
import dev.tenantcore.api.tenancy.SuspendTenantCommand;
import dev.tenantcore.api.tenancy.TenantDomainActivatedEvent;
import dev.tenantcore.api.tenancy.TenantDomainAddedEvent;
import dev.tenantcore.api.tenancy.TenantDomainDeactivatedEvent;
import dev.tenantcore.api.tenancy.TenantDomainRemovedEvent;
import dev.tenantcore.api.tenancy.TenantModule;
import dev.tenantcore.api.tenancy.TenantModuleDisabledEvent;
import dev.tenantcore.api.tenancy.TenantModuleEnabledEvent;
import dev.tenantcore.api.tenancy.TenantPrimaryDomainChangedEvent;
import dev.tenantcore.api.tenancy.TenantReactivatedEvent;
import dev.tenantcore.api.tenancy.TenantRegisteredEvent;
import dev.tenantcore.api.tenancy.TenantSuspendedEvent;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.command.common.TenantOwned;
import dev.tenantcore.command.common.UniqueKeys;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A business using the platform.
 *
 * <p>Invariants: the slug is unique on the platform and a domain belongs to one tenant only
 * (both claimed in {@link UniqueKeys}); a tenant with domains always has exactly one primary
 * domain; only the platform registers tenants, and a tenant's own staff act only on their tenant.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
public class Tenant extends TenantOwned {

    @AggregateIdentifier
    private TenantId id;

    private final Map<String, Boolean> domains = new LinkedHashMap<>();
    private String primaryDomain;
    private final Set<TenantModule> modules = EnumSet.noneOf(TenantModule.class);
    private boolean suspended;

    protected Tenant() {}

    @CommandHandler
    public Tenant(
            RegisterTenantCommand command, @MetaDataValue(MetadataKeys.TENANT_ID) String caller, UniqueKeys keys) {
        if (caller == null || !TenantId.of(caller).isPlatform()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Only the platform registers tenants.");
        }
        String name = Rules.text("name", command.name(), 200);
        String slug = Rules.slug(command.slug());
        Set<String> newDomains = new LinkedHashSet<>();
        for (String d : command.domains() == null ? Set.<String>of() : command.domains()) {
            newDomains.add(Rules.domain(d == null ? null : d.toLowerCase(Locale.ROOT)));
        }
        keys.claim(UniqueKeys.Scope.TENANT_SLUG, slug, command.tenantId().value());
        newDomains.forEach(
                d -> keys.claim(UniqueKeys.Scope.DOMAIN, d, command.tenantId().value()));
        Set<TenantModule> initialModules =
                command.modules() == null || command.modules().isEmpty()
                        ? EnumSet.allOf(TenantModule.class)
                        : EnumSet.copyOf(command.modules());
        apply(new TenantRegisteredEvent(command.tenantId(), name, slug, initialModules));
        newDomains.forEach(d -> apply(new TenantDomainAddedEvent(command.tenantId(), d)));
        newDomains.stream()
                .findFirst()
                .ifPresent(d -> apply(new TenantPrimaryDomainChangedEvent(command.tenantId(), d)));
    }

    @CommandHandler
    public long handle(AddTenantDomainCommand command, UniqueKeys keys) {
        String domain =
                Rules.domain(command.domain() == null ? null : command.domain().toLowerCase(Locale.ROOT));
        if (!domains.containsKey(domain)) {
            keys.claim(UniqueKeys.Scope.DOMAIN, domain, id.value());
            apply(new TenantDomainAddedEvent(id, domain));
            if (primaryDomain == null) {
                apply(new TenantPrimaryDomainChangedEvent(id, domain));
            }
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(RemoveTenantDomainCommand command, UniqueKeys keys) {
        String domain = known(command.domain());
        if (domain.equals(primaryDomain) && domains.size() > 1) {
            throw new DomainException(
                    ErrorCode.INVALID_STATE, "Choose another primary domain before removing this one.");
        }
        keys.release(UniqueKeys.Scope.DOMAIN, domain, id.value());
        apply(new TenantDomainRemovedEvent(id, domain));
        return getVersion();
    }

    @CommandHandler
    public long handle(SetPrimaryTenantDomainCommand command) {
        String domain = known(command.domain());
        if (!domain.equals(primaryDomain)) {
            apply(new TenantPrimaryDomainChangedEvent(id, domain));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(ActivateTenantDomainCommand command) {
        String domain = known(command.domain());
        if (!domains.get(domain)) {
            apply(new TenantDomainActivatedEvent(id, domain));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(DeactivateTenantDomainCommand command) {
        String domain = known(command.domain());
        if (domains.get(domain)) {
            apply(new TenantDomainDeactivatedEvent(id, domain));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(EnableTenantModuleCommand command) {
        if (!modules.contains(command.module())) {
            apply(new TenantModuleEnabledEvent(id, command.module()));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(DisableTenantModuleCommand command) {
        if (modules.contains(command.module())) {
            apply(new TenantModuleDisabledEvent(id, command.module()));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(SuspendTenantCommand command, @MetaDataValue(MetadataKeys.TENANT_ID) String caller) {
        requirePlatform(caller);
        if (!suspended) {
            apply(new TenantSuspendedEvent(id, Rules.optionalText("reason", command.reason(), 500)));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(ReactivateTenantCommand command, @MetaDataValue(MetadataKeys.TENANT_ID) String caller) {
        requirePlatform(caller);
        if (suspended) {
            apply(new TenantReactivatedEvent(id));
        }
        return getVersion();
    }

    @EventSourcingHandler
    void on(TenantRegisteredEvent event) {
        id = event.tenantId();
        tenantId = event.tenantId();
        modules.addAll(event.modules());
    }

    @EventSourcingHandler
    void on(TenantDomainAddedEvent event) {
        domains.put(event.domain(), true);
    }

    @EventSourcingHandler
    void on(TenantDomainRemovedEvent event) {
        domains.remove(event.domain());
        if (event.domain().equals(primaryDomain)) {
            primaryDomain = null;
        }
    }

    @EventSourcingHandler
    void on(TenantPrimaryDomainChangedEvent event) {
        primaryDomain = event.domain();
    }

    @EventSourcingHandler
    void on(TenantDomainActivatedEvent event) {
        domains.put(event.domain(), true);
    }

    @EventSourcingHandler
    void on(TenantDomainDeactivatedEvent event) {
        domains.put(event.domain(), false);
    }

    @EventSourcingHandler
    void on(TenantModuleEnabledEvent event) {
        modules.add(event.module());
    }

    @EventSourcingHandler
    void on(TenantModuleDisabledEvent event) {
        modules.remove(event.module());
    }

    @EventSourcingHandler
    void on(TenantSuspendedEvent event) {
        suspended = true;
    }

    @EventSourcingHandler
    void on(TenantReactivatedEvent event) {
        suspended = false;
    }

    /** The platform manages every tenant; a tenant's own staff only their own. */
    @Override
    protected boolean admits(TenantId caller) {
        return caller.isPlatform() || super.admits(caller);
    }

    @Override
    protected String aggregateId() {
        return String.valueOf(id);
    }

    private String known(String domain) {
        String normalized = domain == null ? "" : domain.toLowerCase(Locale.ROOT);
        if (!domains.containsKey(normalized)) {
            throw new DomainException(ErrorCode.NOT_FOUND, "The tenant has no domain '" + domain + "'.");
        }
        return normalized;
    }

    private static void requirePlatform(String caller) {
        if (caller == null || !TenantId.of(caller).isPlatform()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Only the platform suspends or reactivates tenants.");
        }
    }
}
