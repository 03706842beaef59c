package dev.tenantcore.command.tenancy;

import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.identity.RegisterUserCommand;
import dev.tenantcore.api.identity.Role;
import dev.tenantcore.api.tenancy.RegisterTenantCommand;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A new tenant with its first owner: the one way tenants come to be, whether the platform registers
 * them or they sign themselves up.
 */
@Component
class TenantOnboarding {

    record Owner(UserId id, String email, String password, String displayName) {}

    private final CommandGateway commands;
    private final PasswordEncoder passwords;
    private final TransactionTemplate tx;

    TenantOnboarding(CommandGateway commands, PasswordEncoder passwords, PlatformTransactionManager transactions) {
        this.commands = commands;
        this.passwords = passwords;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * Registers the tenant and its owner in one database transaction: both commands join it on the
     * local command bus (each binds its own tenant for row-level security), so their events, unique
     * keys and lookups commit together or not at all. A refused owner or a crash between the two
     * leaves no tenant without its owner, and its slug and domain free. Answers the tenant's version
     * after its registration.
     */
    long register(RegisterTenantCommand tenant, Owner owner) {
        // Hashed first and outside the transaction: hashing is slow, and holds no connection.
        String ownerHash = passwords.encode(owner.password());
        RegisterUserCommand registration =
                new RegisterUserCommand(owner.id(), owner.email(), ownerHash, owner.displayName(), Role.OWNER);
        Long version = tx.execute(status -> {
            long registered = commands.sendAndWait(tenant);
            // The owner belongs to the new tenant, not to the platform scope the request runs in.
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(registration)
                    .andMetaData(
                            Map.of(MetadataKeys.TENANT_ID, tenant.tenantId().toString())));
            return registered;
        });
        return version;
    }
}
