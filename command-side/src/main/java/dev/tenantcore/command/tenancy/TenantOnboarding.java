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

/**
 * A new tenant with its first owner: the one way tenants come to be, whether the platform registers
 * them or they sign themselves up.
 */
@Component
class TenantOnboarding {

    record Owner(UserId id, String email, String password, String displayName) {}

    private final CommandGateway commands;
    private final PasswordEncoder passwords;

    TenantOnboarding(CommandGateway commands, PasswordEncoder passwords) {
        this.commands = commands;
        this.passwords = passwords;
    }

    /** Registers the tenant, then its owner; answers the tenant's version after its registration. */
    long register(RegisterTenantCommand tenant, Owner owner) {
        // Hashed first: a refusal while hashing is busy must not leave a tenant without its owner.
        String ownerHash = passwords.encode(owner.password());
        long version = commands.sendAndWait(tenant);
        RegisterUserCommand registration =
                new RegisterUserCommand(owner.id(), owner.email(), ownerHash, owner.displayName(), Role.OWNER);
        // The owner belongs to the new tenant, not to the platform scope the request runs in.
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(registration)
                .andMetaData(Map.of(MetadataKeys.TENANT_ID, tenant.tenantId().toString())));
        return version;
    }
}
