package dev.tenantcore.query.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.identity.FindUserQuery;
import dev.tenantcore.api.identity.ListUsersQuery;
import dev.tenantcore.api.identity.PasswordResetCompletedEvent;
import dev.tenantcore.api.identity.PasswordResetRequestedEvent;
import dev.tenantcore.api.identity.Role;
import dev.tenantcore.api.identity.UserDeactivatedEvent;
import dev.tenantcore.api.identity.UserDeletedEvent;
import dev.tenantcore.api.identity.UserPage;
import dev.tenantcore.api.identity.UserPasswordChangedEvent;
import dev.tenantcore.api.identity.UserProfileUpdatedEvent;
import dev.tenantcore.api.identity.UserReactivatedEvent;
import dev.tenantcore.api.identity.UserRegisteredEvent;
import dev.tenantcore.api.identity.UserReinstatedEvent;
import dev.tenantcore.api.identity.UserResponse;
import dev.tenantcore.api.identity.UserRoleChangedEvent;
import dev.tenantcore.api.identity.UserStatus;
import dev.tenantcore.api.identity.UserSuspendedEvent;
import dev.tenantcore.query.support.History;
import dev.tenantcore.query.support.ProjectionContract;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The user account projection")
class UserAccountProjectionTest extends ProjectionContract<UserAccountProjection> {

    private final UserId owner = new UserId(id());
    private final UserId clerk = new UserId(id());
    private final UserId leaver = new UserId(id());
    private final UserId suspended = new UserId(id());
    private final UserId reinstated = new UserId(id());

    UserAccountProjectionTest() {
        super(UserAccountProjection::new, "user_accounts");
    }

    @Override
    protected History history(TenantId tenant) {
        return new History(tenant)
                .of(owner, new UserRegisteredEvent(owner, tenant, "Owner@Shop.test", "hash-1", null, Role.OWNER))
                .of(clerk, new UserRegisteredEvent(clerk, tenant, "clerk@shop.test", "hash-2", "Clerk", Role.STAFF))
                .of(leaver, new UserRegisteredEvent(leaver, tenant, "leaver@shop.test", "hash-3", null, Role.STAFF))
                .of(owner, new UserProfileUpdatedEvent(owner, "Owner of " + tenant))
                .of(owner, new UserPasswordChangedEvent(owner, "hash-4"))
                .of(clerk, new UserRoleChangedEvent(clerk, Role.MANAGER))
                .of(clerk, new PasswordResetRequestedEvent(clerk, "token", Instant.parse("2026-01-01T10:00:00Z")))
                .of(clerk, new PasswordResetCompletedEvent(clerk, "hash-5"))
                .of(clerk, new UserDeactivatedEvent(clerk), new UserReactivatedEvent(clerk))
                .of(leaver, new UserDeactivatedEvent(leaver), new UserDeletedEvent(leaver))
                .of(
                        suspended,
                        new UserRegisteredEvent(suspended, tenant, "held@shop.test", "hash-6", null, Role.STAFF),
                        new UserDeactivatedEvent(suspended),
                        new UserSuspendedEvent(suspended, "fraud review for " + tenant))
                .of(
                        reinstated,
                        new UserRegisteredEvent(reinstated, tenant, "back@shop.test", "hash-7", null, Role.STAFF),
                        new UserSuspendedEvent(reinstated, "mistaken"),
                        new UserReinstatedEvent(reinstated));
    }

    @Test
    @DisplayName("answers each tenant with its own accounts, roles and versions")
    void answersEachTenant() {
        UserResponse found = ask(first, p -> p.handle(new FindUserQuery(owner)));
        assertThat(found.tenantId()).isEqualTo(first);
        assertThat(found.email()).isEqualTo("owner@shop.test");
        assertThat(found.displayName()).isEqualTo("Owner of " + first);
        assertThat(found.version()).isEqualTo(2);
        UserResponse manager = ask(second, p -> p.handle(new FindUserQuery(clerk)));
        assertThat(manager.role()).isEqualTo(Role.MANAGER);
        assertThat(manager.status()).isEqualTo(UserStatus.ACTIVE);
        assertThat(manager.version()).isEqualTo(5);
        assertThat(ask(second, (UserAccountProjection p) -> p.handle(new FindUserQuery(leaver))))
                .isNull();

        UserPage page = ask(second, p -> p.handle(new ListUsersQuery(null, null, 1, null)));
        assertThat(page.items()).extracting(UserResponse::id).containsExactly(owner);
        UserPage next = ask(second, p -> p.handle(new ListUsersQuery(null, null, 1, page.nextCursor())));
        assertThat(next.items()).extracting(UserResponse::id).containsExactly(clerk);
        assertThat(next.nextCursor()).isNotNull();
    }

    @Test
    @DisplayName(
            "shows a suspended account as suspended with the reason, over its tenant's deactivation, until reinstated")
    void showsSuspension() {
        UserResponse held = ask(first, p -> p.handle(new FindUserQuery(suspended)));
        assertThat(held.status()).isEqualTo(UserStatus.SUSPENDED);
        assertThat(held.suspensionReason()).isEqualTo("fraud review for " + first);
        assertThat(held.suspendedAt()).isNotNull();
        assertThat(held.version()).isEqualTo(2);
        UserResponse back = ask(first, p -> p.handle(new FindUserQuery(reinstated)));
        assertThat(back.status()).isEqualTo(UserStatus.ACTIVE);
        assertThat(back.suspensionReason()).isNull();
        assertThat(back.suspendedAt()).isNull();
        assertThat(back.version()).isEqualTo(2);

        assertThat(ask(first, p -> p.handle(new ListUsersQuery(null, UserStatus.SUSPENDED, 0, null)))
                        .items())
                .extracting(UserResponse::id)
                .containsExactly(suspended);
        assertThat(ask(first, p -> p.handle(new ListUsersQuery(null, UserStatus.INACTIVE, 0, null)))
                        .items())
                .as("a suspended account is listed only as suspended")
                .isEmpty();
        assertThat(ask(first, p -> p.handle(new ListUsersQuery(null, UserStatus.ACTIVE, 0, null)))
                        .items())
                .extracting(UserResponse::id)
                .containsExactly(owner, clerk, reinstated);
    }
}
