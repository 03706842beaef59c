package dev.tenantcore.command.identity;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.identity.RegisterUserCommand;
import dev.tenantcore.api.identity.Role;
import dev.tenantcore.infra.tenancy.TenantContext;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Creates the first platform administrator from {@code APP_BOOTSTRAP_ADMIN_EMAIL} and
 * {@code APP_BOOTSTRAP_ADMIN_PASSWORD}, so a fresh installation has someone who can register
 * tenants. Nothing happens when the account already exists; there is no default password.
 */
@Component
@ConditionalOnProperty("app.bootstrap.admin-email")
class PlatformAdminBootstrap implements ApplicationRunner {

    private final CommandGateway commands;
    private final PasswordEncoder passwords;
    private final String email;
    private final String password;

    PlatformAdminBootstrap(
            CommandGateway commands,
            PasswordEncoder passwords,
            @Value("${app.bootstrap.admin-email}") String email,
            @Value("${app.bootstrap.admin-password:}") String password) {
        this.commands = commands;
        this.passwords = passwords;
        this.email = email;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (email.isBlank() || password.isBlank()) {
            return;
        }
        try (var platform = TenantContext.enter(TenantId.PLATFORM, null)) {
            commands.sendAndWait(new RegisterUserCommand(
                    UserId.random(), email, passwords.encode(password), "Platform admin", Role.PLATFORM_ADMIN));
        } catch (CommandExecutionException e) {
            if (!e.getDetails()
                    .filter(d -> d instanceof dev.tenantcore.api.common.ErrorDetails ed
                            && ed.code() == ErrorCode.EMAIL_TAKEN)
                    .isPresent()) {
                throw e;
            }
        } catch (DomainException e) {
            if (e.code() != ErrorCode.EMAIL_TAKEN) {
                throw e;
            }
        }
    }
}
