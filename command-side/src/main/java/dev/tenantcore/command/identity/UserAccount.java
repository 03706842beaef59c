package dev.tenantcore.command.identity;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.identity.ChangeUserPasswordCommand;
import dev.tenantcore.api.identity.ChangeUserRoleCommand;
import dev.tenantcore.api.identity.ConfirmPasswordResetCommand;
import dev.tenantcore.api.identity.DeactivateUserCommand;
import dev.tenantcore.api.identity.DeleteUserCommand;
import dev.tenantcore.api.identity.PasswordResetCompletedEvent;
import dev.tenantcore.api.identity.PasswordResetRequestedEvent;
import dev.tenantcore.api.identity.ReactivateUserCommand;
import dev.tenantcore.api.identity.RegisterUserCommand;
import dev.tenantcore.api.identity.ReinstateUserCommand;
import dev.tenantcore.api.identity.RequestPasswordResetCommand;
import dev.tenantcore.api.identity.Role;
import dev.tenantcore.api.identity.SuspendUserCommand;
import dev.tenantcore.api.identity.UpdateUserProfileCommand;
import dev.tenantcore.api.identity.UserDeactivatedEvent;
import dev.tenantcore.api.identity.UserDeletedEvent;
import dev.tenantcore.api.identity.UserPasswordChangedEvent;
import dev.tenantcore.api.identity.UserProfileUpdatedEvent;
import dev.tenantcore.api.identity.UserReactivatedEvent;
import dev.tenantcore.api.identity.UserRegisteredEvent;
import dev.tenantcore.api.identity.UserReinstatedEvent;
import dev.tenantcore.api.identity.UserRoleChangedEvent;
import dev.tenantcore.api.identity.UserSuspendedEvent;
import dev.tenantcore.command.common.Customers;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.command.common.TenantOwned;
import dev.tenantcore.command.common.UniqueKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A person who signs in: platform administrator, tenant staff or storefront customer.
 *
 * <p>Invariants: the email is unique within the tenant (the same email may exist in two
 * tenants), and a deleted account gives it back; platform administrators exist only in the
 * platform scope and tenant roles only in a tenant; the password is known only as a hash; a tenant
 * always keeps at least one active owner (checked against {@link ActiveOwners}); a customer
 * account is on its tenant's {@link Customers} from registration until it is deleted or made staff;
 * owners administer every account of their tenant and managers only staff ({@link StaffPolicy}); a
 * password reset token works once, before it expires, and only while the account is active. What
 * sign-in checks (email, password hash, role, active, suspended) is recorded in {@link
 * SignInCredentials} by the command that changes it, so sign-in never trusts the lagging read model.
 *
 * <p>Suspension is the platform's, apart from the tenant's deactivation: only a platform
 * administrator suspends (with a reason) and reinstates; the tenant's owner can neither lift it nor
 * get around it by reactivating. It leaves the tenant's owners as they are, so a platform may
 * suspend a tenant's only owner.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
public class UserAccount extends TenantOwned {

    private static final Pattern SHA_256_HEX = Pattern.compile("^[0-9a-f]{64}$");

    @AggregateIdentifier
    private UserId id;

    private String email;
    private String displayName;
    private String passwordHash;
    private Role role;
    private boolean active;
    private boolean suspended;
    private PendingReset pendingReset;

    public static final int MAX_SUSPENSION_REASON = 500;

    /** The reset that was asked for last; an earlier token stops working when a new one is issued. */
    private record PendingReset(String tokenHash, Instant expiresAt) {}

    protected UserAccount() {}

    @CommandHandler
    public UserAccount(
            RegisterUserCommand command,
            @MetaDataValue(MetadataKeys.TENANT_ID) String tenant,
            UniqueKeys keys,
            ActiveOwners owners,
            SignInCredentials credentials,
            Customers customers) {
        TenantId owner = TenantId.of(tenant);
        if (command.role() == null || command.role().platformScope() != owner.isPlatform()) {
            throw Rules.invalid("role " + command.role() + " does not fit this scope");
        }
        String email = Rules.text("email", command.email(), 254).toLowerCase(Locale.ROOT);
        if (!email.matches("^[^@\\s]+@[^@\\s]+$")) {
            throw Rules.invalid("email is not valid");
        }
        String hash = Rules.text("passwordHash", command.passwordHash(), 500);
        keys.claim(UniqueKeys.Scope.USER_EMAIL, email, command.userId().value());
        if (command.role() == Role.OWNER) {
            owners.add(command.userId());
        } else if (command.role() == Role.CUSTOMER) {
            customers.registered(command.userId());
        }
        String displayName = Rules.optionalText("displayName", command.displayName(), 200);
        apply(new UserRegisteredEvent(command.userId(), owner, email, hash, displayName, command.role()));
        credentials.registered(command.userId(), email, displayName, hash, command.role());
    }

    @CommandHandler
    public long handle(
            ChangeUserRoleCommand command, ActiveOwners owners, SignInCredentials credentials, Customers customers) {
        if (command.role() == null || !StaffPolicy.STAFF_ROLES.contains(command.role()) || role.platformScope()) {
            throw Rules.invalid("this role cannot be given here");
        }
        Role actor = actor(command.actorRole());
        requireAllowed(StaffPolicy.mayManage(actor, role) && StaffPolicy.mayAssign(actor, command.role()));
        requireActive();
        if (command.role() == role) {
            return getVersion();
        }
        if (role == Role.OWNER) {
            owners.remove(id);
        } else if (command.role() == Role.OWNER) {
            owners.add(id);
        }
        if (role == Role.CUSTOMER) {
            customers.ended(id);
        }
        apply(new UserRoleChangedEvent(id, command.role()));
        credentials.roleChanged(id, role, getVersion());
        return getVersion();
    }

    @CommandHandler
    public long handle(DeactivateUserCommand command, ActiveOwners owners, SignInCredentials credentials) {
        requireAllowed(StaffPolicy.mayManage(actor(command.actorRole()), role));
        if (active) {
            if (role == Role.OWNER) {
                owners.remove(id);
            }
            apply(new UserDeactivatedEvent(id));
            credentials.activated(id, false, getVersion());
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(ReactivateUserCommand command, ActiveOwners owners, SignInCredentials credentials) {
        requireAllowed(StaffPolicy.mayManage(actor(command.actorRole()), role));
        if (!active) {
            if (role == Role.OWNER) {
                owners.add(id);
            }
            apply(new UserReactivatedEvent(id));
            credentials.activated(id, true, getVersion());
        }
        return getVersion();
    }

    /** The account is locked out at once; suspending it again changes nothing. */
    @CommandHandler
    public long handle(SuspendUserCommand command, SignInCredentials credentials) {
        requireAllowed(actor(command.actorRole()) == Role.PLATFORM_ADMIN && role != Role.PLATFORM_ADMIN);
        String reason = Rules.replacement("reason", command.reason(), null, MAX_SUSPENSION_REASON, true);
        if (reason == null) {
            throw Rules.invalid("reason must not be blank");
        }
        if (!suspended) {
            apply(new UserSuspendedEvent(id, reason));
            credentials.suspended(id, true, getVersion());
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(ReinstateUserCommand command, SignInCredentials credentials) {
        requireAllowed(actor(command.actorRole()) == Role.PLATFORM_ADMIN);
        if (suspended) {
            apply(new UserReinstatedEvent(id));
            credentials.suspended(id, false, getVersion());
        }
        return getVersion();
    }

    @CommandHandler
    public void handle(
            DeleteUserCommand command,
            ActiveOwners owners,
            UniqueKeys keys,
            SignInCredentials credentials,
            Customers customers) {
        requireAllowed(StaffPolicy.mayManage(actor(command.actorRole()), role));
        if (active && role == Role.OWNER) {
            owners.remove(id);
        }
        if (role == Role.CUSTOMER) {
            customers.ended(id);
        }
        keys.release(UniqueKeys.Scope.USER_EMAIL, email, id.value());
        apply(new UserDeletedEvent(id));
        credentials.deleted(id);
    }

    @CommandHandler
    public long handle(UpdateUserProfileCommand command, SignInCredentials credentials) {
        requireActive();
        String name = Rules.text("displayName", command.displayName(), 200);
        if (!name.equals(displayName)) {
            apply(new UserProfileUpdatedEvent(id, name));
            credentials.renamed(id, name, getVersion());
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(ChangeUserPasswordCommand command, PasswordEncoder passwords, SignInCredentials credentials) {
        requireActive();
        if (command.currentPassword() == null || !passwords.matches(command.currentPassword(), passwordHash)) {
            throw Rules.invalid("The current password is not correct.");
        }
        apply(new UserPasswordChangedEvent(id, Rules.text("passwordHash", command.newPasswordHash(), 500)));
        credentials.passwordChanged(id, passwordHash, getVersion());
        return getVersion();
    }

    @CommandHandler
    public long handle(RequestPasswordResetCommand command) {
        requireActive();
        if (command.tokenHash() == null
                || !SHA_256_HEX.matcher(command.tokenHash()).matches()) {
            throw Rules.invalid("tokenHash must be a hex SHA-256");
        }
        if (command.expiresAt() == null || !command.expiresAt().isAfter(now())) {
            throw Rules.invalid("expiresAt must lie in the future");
        }
        apply(new PasswordResetRequestedEvent(id, command.tokenHash(), command.expiresAt()));
        return getVersion();
    }

    /** Every way a token can fail gets the same answer, so a caller learns nothing about the account. */
    @CommandHandler
    public long handle(ConfirmPasswordResetCommand command, SignInCredentials credentials) {
        boolean valid = active
                && !suspended
                && pendingReset != null
                && command.tokenHash() != null
                && MessageDigest.isEqual(
                        pendingReset.tokenHash().getBytes(StandardCharsets.US_ASCII),
                        command.tokenHash().getBytes(StandardCharsets.US_ASCII))
                && now().isBefore(pendingReset.expiresAt());
        if (!valid) {
            throw new DomainException(ErrorCode.RESET_TOKEN_INVALID, "The reset token is not valid.");
        }
        apply(new PasswordResetCompletedEvent(id, Rules.text("passwordHash", command.newPasswordHash(), 500)));
        credentials.passwordChanged(id, passwordHash, getVersion());
        return getVersion();
    }

    @EventSourcingHandler
    void on(UserRegisteredEvent event) {
        id = event.userId();
        tenantId = event.tenantId();
        email = event.email();
        displayName = event.displayName();
        passwordHash = event.passwordHash();
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
        pendingReset = null;
    }

    @EventSourcingHandler
    void on(UserReactivatedEvent event) {
        active = true;
    }

    /** A reset in flight ends: its link must not outlive the suspension. */
    @EventSourcingHandler
    void on(UserSuspendedEvent event) {
        suspended = true;
        pendingReset = null;
    }

    @EventSourcingHandler
    void on(UserReinstatedEvent event) {
        suspended = false;
    }

    @EventSourcingHandler
    void on(UserDeletedEvent event) {
        markDeleted();
    }

    @EventSourcingHandler
    void on(UserProfileUpdatedEvent event) {
        displayName = event.displayName();
    }

    /** A new password ends any reset in flight: the link in an old email must not undo the change. */
    @EventSourcingHandler
    void on(UserPasswordChangedEvent event) {
        passwordHash = event.passwordHash();
        pendingReset = null;
    }

    @EventSourcingHandler
    void on(PasswordResetRequestedEvent event) {
        pendingReset = new PendingReset(event.tokenHash(), event.expiresAt());
    }

    @EventSourcingHandler
    void on(PasswordResetCompletedEvent event) {
        passwordHash = event.passwordHash();
        pendingReset = null;
    }

    @Override
    protected String aggregateId() {
        return String.valueOf(id);
    }

    private void requireActive() {
        if (!active) {
            throw new DomainException(ErrorCode.INVALID_STATE, "The account is deactivated.");
        }
        if (suspended) {
            throw new DomainException(ErrorCode.INVALID_STATE, "The account is suspended.");
        }
    }

    private static Role actor(Role actorRole) {
        if (actorRole == null) {
            throw Rules.invalid("actorRole is required");
        }
        return actorRole;
    }

    private static void requireAllowed(boolean allowed) {
        if (!allowed) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Your role does not allow this.");
        }
    }

    /** Axon's message clock, which aggregate tests set to a fixed time. */
    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }
}
