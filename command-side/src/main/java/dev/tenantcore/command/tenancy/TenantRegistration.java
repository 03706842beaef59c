package dev.tenantcore.command.tenancy;

import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.tenancy.RegisterTenantCommand;
import dev.tenantcore.command.common.TenantFacts;
import dev.tenantcore.command.common.UniqueKeys;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Registers tenants. A constructor command handler would answer with the new tenant's id, but a
 * registration with domains applies several events, and the caller's next {@code If-Match} needs
 * the version they reached: this handler creates the aggregate and answers with that version.
 */
@Component
class TenantRegistration {

    private final Repository<Tenant> tenants;

    TenantRegistration(Repository<Tenant> tenantRepository) {
        this.tenants = tenantRepository;
    }

    @CommandHandler
    public long handle(
            RegisterTenantCommand command,
            @MetaDataValue(MetadataKeys.TENANT_ID) String caller,
            UniqueKeys keys,
            DomainClaims claims,
            TenantFacts facts,
            PendingSignUps signUps)
            throws Exception {
        return tenants.newInstance(() -> new Tenant(command, caller, keys, claims, facts, signUps))
                .version();
    }
}
