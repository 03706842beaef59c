package dev.tenantcore.command.identity;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.identity.ChangeUserPasswordCommand;
import dev.tenantcore.api.identity.ChangeUserRoleCommand;
import dev.tenantcore.api.identity.DeactivateUserCommand;
import dev.tenantcore.api.identity.RegisterUserCommand;
import dev.tenantcore.api.identity.Role;
import dev.tenantcore.api.identity.UserDeactivatedEvent;
import dev.tenantcore.api.identity.UserPasswordChangedEvent;
import dev.tenantcore.api.identity.UserRegisteredEvent;
import dev.tenantcore.api.identity.UserRoleChangedEvent;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.command.common.TenantOwned;
import dev.tenantcore.command.common.UniqueKeys;
import java.util.Locale;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A person who signs in: platform administrator, tenant staff or storefront customer.
 *
 * <p>Invariants: the email is unique within the tenant (the same email may exist in two
 * tenants); platform administrators exist only in the platform scope and tenant roles only in a
 * tenant; the password is known only as a hash; a deactivated account stays deactivated.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
public class UserAccount extends TenantOwned {

    @AggregateIdentifier
    private UserId id;

    private Role role;
    private boolean active;

    protected UserAccount() {}

    @CommandHandler
    public UserAccount(
            RegisterUserCommand command, @MetaDataValue(MetadataKeys.TENANT_ID) String tenant, UniqueKeys keys) {
        TenantId owner = TenantId.of(tenant);
        if (command.role() == null || (command.role() == Role.PLATFORM_ADMIN) != owner.isPlatform()) {
            throw Rules.invalid("role " + command.role() + " does not fit this scope");
        }
        String email = Rules.text("email", command.email(), 254).toLowerCase(Locale.ROOT);
        if (!email.matches("^[^@\\s]+@[^@\\s]+$")) {
            throw Rules.invalid("email is not valid");
        }
        String hash = Rules.text("passwordHash", command.passwordHash(), 500);
        keys.claim(UniqueKeys.Scope.USER_EMAIL, email, command.userId().value());
        apply(new UserRegisteredEvent(
                command.userId(),
                owner,
                email,
                hash,
                Rules.optionalText("displayName", command.displayName(), 200),
                command.role()));
    }

    @CommandHandler
    public long handle(ChangeUserRoleCommand command) {
        requireActive();
        if (command.role() == null || command.role() == Role.PLATFORM_ADMIN || role == Role.PLATFORM_ADMIN) {
            throw Rules.invalid("this role cannot be given here");
        }
        if (command.role() != role) {
            apply(new UserRoleChangedEvent(id, command.role()));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(ChangeUserPasswordCommand command) {
        requireActive();
        apply(new UserPasswordChangedEvent(id, Rules.text("passwordHash", command.passwordHash(), 500)));
        return getVersion();
    }

    @CommandHandler
    public long handle(DeactivateUserCommand command) {
        if (active) {
            apply(new UserDeactivatedEvent(id));
        }
        return getVersion();
    }

    @EventSourcingHandler
    void on(UserRegisteredEvent event) {
        id = event.userId();
        tenantId = event.tenantId();
        role = event.role();
        active = true;
    }

    @EventSourcingHandler
    void on(UserRoleChangedEvent event) {
        role = event.role();
    }

    @EventSourcingHandler
    void on(UserDeactivatedEvent event) {
        active = false;
    }

    @Override
    protected String aggregateId() {
        return String.valueOf(id);
    }

    private void requireActive() {
        if (!active) {
            throw new DomainException(ErrorCode.INVALID_STATE, "The account is deactivated.");
        }
    }
}
