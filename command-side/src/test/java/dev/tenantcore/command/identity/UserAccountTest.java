package dev.tenantcore.command.identity;

import static dev.tenantcore.command.common.CommandFixtures.ACME;
import static dev.tenantcore.command.common.CommandFixtures.GLOBEX;
import static dev.tenantcore.command.common.CommandFixtures.assertAccepted;
import static dev.tenantcore.command.common.CommandFixtures.assertRefused;
import static dev.tenantcore.command.common.CommandFixtures.assertUnchanged;
import static dev.tenantcore.command.common.CommandFixtures.fixtureFor;
import static dev.tenantcore.command.common.CommandFixtures.from;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
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
import dev.tenantcore.command.common.InMemoryCustomers;
import dev.tenantcore.command.common.InMemoryUniqueKeys;
import dev.tenantcore.command.common.UniqueKeys.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.security.crypto.password.PasswordEncoder;

@DisplayName("UserAccount")
class UserAccountTest {

    private static final TenantId PLATFORM = TenantId.PLATFORM;
    private static final UserId ANN = UserId.random();
    private static final UserId BOB = UserId.random();
    private static final UserId ADMIN = UserId.random();
    private static final String ANN_EMAIL = "ann@acme.example";
    private static final String OLD_PASSWORD = "old-password";
    private static final String RESET_TOKEN_HASH = "a".repeat(64);

    /** Stands in for Argon2, whose cost has no place in a unit test. */
    private static final PasswordEncoder PASSWORDS = new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return "hashed:" + raw;
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            return encode(raw).equals(encoded);
        }
    };

    private final InMemoryUniqueKeys keys = new InMemoryUniqueKeys();
    private final InMemoryActiveOwners owners = new InMemoryActiveOwners();
    private final InMemorySignInCredentials credentials = new InMemorySignInCredentials();
    private final InMemoryCustomers customers = new InMemoryCustomers();
    /** Built anew for every test, as JUnit makes a new instance of the test class for each. */
    private final AggregateTestFixture<UserAccount> fixture =
            fixtureFor(UserAccount.class, keys, owners, credentials, customers, PASSWORDS);

    /** Ann of Acme with the given role: version 0. An owner is on Acme's active owners. */
    private UserRegisteredEvent annRegistered(Role role) {
        keys.claimed(ACME, Scope.USER_EMAIL, ANN_EMAIL, ANN.value());
        if (role == Role.OWNER) {
            owners.given(ACME, ANN);
        } else if (role == Role.CUSTOMER) {
            customers.given(ACME, ANN);
        }
        credentials.given(
                ACME,
                ANN,
                new InMemorySignInCredentials.Row(ANN_EMAIL, "Ann", PASSWORDS.encode(OLD_PASSWORD), role, true, 0));
        return new UserRegisteredEvent(ANN, ACME, ANN_EMAIL, PASSWORDS.encode(OLD_PASSWORD), "Ann", role);
    }

    /** Ann, a manager of Acme: version 0. */
    private UserRegisteredEvent annRegistered() {
        return annRegistered(Role.MANAGER);
    }

    private static RegisterUserCommand registerAnn(String email, Role role) {
        return new RegisterUserCommand(ANN, email, "hash-1", "Ann", role);
    }

    private Instant now() {
        return fixture.currentTime();
    }

    /**
     * What a manager or a staff member may not do to Ann: staff manage nobody, managers manage staff
     * only. Each command would succeed from an owner.
     */
    static Stream<Arguments> beyondTheCallersRole() {
        return Stream.of(
                callerMayNot(
                        "a manager cannot make a staff member an owner",
                        Role.STAFF,
                        new ChangeUserRoleCommand(ANN, Role.OWNER, Role.MANAGER, null)),
                callerMayNot(
                        "a manager cannot make a staff member a manager either",
                        Role.STAFF,
                        new ChangeUserRoleCommand(ANN, Role.MANAGER, Role.MANAGER, null)),
                callerMayNot(
                        "a manager cannot change another manager's role",
                        Role.MANAGER,
                        new ChangeUserRoleCommand(ANN, Role.STAFF, Role.MANAGER, null)),
                callerMayNot(
                        "a manager cannot make a staff member an auditor",
                        Role.STAFF,
                        new ChangeUserRoleCommand(ANN, Role.AUDITOR, Role.MANAGER, null)),
                callerMayNot(
                        "an auditor changes nobody's role",
                        Role.STAFF,
                        new ChangeUserRoleCommand(ANN, Role.AUDITOR, Role.AUDITOR, null)),
                callerMayNot(
                        "staff change nobody's role",
                        Role.STAFF,
                        new ChangeUserRoleCommand(ANN, Role.STAFF, Role.STAFF, null)),
                callerMayNot(
                        "a manager cannot deactivate an owner",
                        Role.OWNER,
                        new DeactivateUserCommand(ANN, Role.MANAGER, null)),
                callerMayNot(
                        "a manager cannot delete an owner",
                        Role.OWNER,
                        new DeleteUserCommand(ANN, Role.MANAGER, null)));
    }

    private static Arguments callerMayNot(String description, Role annsRole, Object command) {
        return Arguments.of(Named.of(description, command), annsRole);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("beyondTheCallersRole")
    @DisplayName("a command beyond the caller's role is refused as forbidden and records nothing")
    void beyondTheCallersRole(Object command, Role annsRole) {
        // Another active owner remains, so that only the caller's role can be the reason for a refusal.
        owners.given(ACME, BOB);
        assertRefused(fixture.given(annRegistered(annsRole)), command, ACME, ErrorCode.FORBIDDEN);
    }

    @Test
    @DisplayName("a manager cannot reactivate another manager")
    void managerCannotReactivateManager() {
        assertRefused(
                fixture.given(annRegistered(Role.MANAGER), new UserDeactivatedEvent(ANN)),
                new ReactivateUserCommand(ANN, Role.MANAGER, null),
                ACME,
                ErrorCode.FORBIDDEN);
    }

    @Nested
    @DisplayName("registering")
    class Registering {

        @Test
        @DisplayName("a tenant registers a user with a trimmed, lower-cased email that it claims")
        void registersTenantUser() {
            fixture.givenNoPriorActivity()
                    .when(registerAnn("  Ann@ACME.example ", Role.MANAGER), from(ACME))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(ANN)
                    .expectEvents(new UserRegisteredEvent(ANN, ACME, ANN_EMAIL, "hash-1", "Ann", Role.MANAGER));

            assertThat(keys.ownerOf(ACME, Scope.USER_EMAIL, ANN_EMAIL)).contains(ANN.value());
            assertThat(owners.of(ACME)).isEmpty();
        }

        @Test
        @DisplayName("a registered owner joins the tenant's active owners")
        void ownerJoinsActiveOwners() {
            fixture.givenNoPriorActivity()
                    .when(registerAnn(ANN_EMAIL, Role.OWNER), from(ACME))
                    .expectEvents(new UserRegisteredEvent(ANN, ACME, ANN_EMAIL, "hash-1", "Ann", Role.OWNER));

            assertThat(owners.of(ACME)).containsExactly(ANN);
        }

        @Test
        @DisplayName("a customer joins the tenant's customers, whom orders may be placed for; staff do not")
        void customerJoinsTheCustomers() {
            fixture.givenNoPriorActivity()
                    .when(registerAnn(ANN_EMAIL, Role.CUSTOMER), from(ACME))
                    .expectSuccessfulHandlerExecution();
            assertThat(customers.isCustomerOf(ACME, ANN)).isTrue();
            assertThat(customers.isCustomerOf(GLOBEX, ANN)).isFalse();

            fixture.givenNoPriorActivity()
                    .when(new RegisterUserCommand(BOB, "bob@acme.example", "hash-1", "Bob", Role.STAFF), from(ACME))
                    .expectSuccessfulHandlerExecution();
            assertThat(customers.isCustomerOf(ACME, BOB)).isFalse();
        }

        @Test
        @DisplayName("a display name is optional")
        void withoutDisplayName() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterUserCommand(ANN, ANN_EMAIL, "hash-1", null, Role.CUSTOMER), from(ACME))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new UserRegisteredEvent(ANN, ACME, ANN_EMAIL, "hash-1", null, Role.CUSTOMER));
        }

        @Test
        @DisplayName("the platform registers a platform administrator in its own scope")
        void registersPlatformAdmin() {
            fixture.givenNoPriorActivity()
                    .when(
                            new RegisterUserCommand(
                                    ADMIN, "root@platform.example", "hash-0", null, Role.PLATFORM_ADMIN),
                            from(PLATFORM))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new UserRegisteredEvent(
                            ADMIN, PLATFORM, "root@platform.example", "hash-0", null, Role.PLATFORM_ADMIN));

            assertThat(keys.ownerOf(PLATFORM, Scope.USER_EMAIL, "root@platform.example"))
                    .contains(ADMIN.value());
        }

        @Test
        @DisplayName("the platform registers a platform auditor in its own scope")
        void registersPlatformAuditor() {
            fixture.givenNoPriorActivity()
                    .when(
                            new RegisterUserCommand(
                                    ADMIN, "audit@platform.example", "hash-0", null, Role.PLATFORM_AUDITOR),
                            from(PLATFORM))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new UserRegisteredEvent(
                            ADMIN, PLATFORM, "audit@platform.example", "hash-0", null, Role.PLATFORM_AUDITOR));
        }

        @Test
        @DisplayName("an email that another user of the same tenant has, in any case, is refused as taken")
        void emailTakenInTenant() {
            keys.claimed(ACME, Scope.USER_EMAIL, ANN_EMAIL, UserId.random().value());

            assertRefused(
                    fixture.givenNoPriorActivity(),
                    registerAnn("ANN@acme.example", Role.OWNER),
                    ACME,
                    ErrorCode.EMAIL_TAKEN);

            assertThat(owners.of(ACME)).isEmpty();
        }

        @Test
        @DisplayName("the same email may belong to a user of another tenant")
        void sameEmailInAnotherTenant() {
            keys.claimed(GLOBEX, Scope.USER_EMAIL, ANN_EMAIL, UserId.random().value());

            fixture.givenNoPriorActivity()
                    .when(registerAnn(ANN_EMAIL, Role.CUSTOMER), from(ACME))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new UserRegisteredEvent(ANN, ACME, ANN_EMAIL, "hash-1", "Ann", Role.CUSTOMER));
        }

        static Stream<Arguments> invalidRegistrations() {
            return Stream.of(
                    invalid("a platform administrator in a tenant", ACME, registerAnn(ANN_EMAIL, Role.PLATFORM_ADMIN)),
                    invalid("a tenant role in the platform scope", PLATFORM, registerAnn(ANN_EMAIL, Role.OWNER)),
                    invalid("a platform auditor in a tenant", ACME, registerAnn(ANN_EMAIL, Role.PLATFORM_AUDITOR)),
                    invalid("a user without a role", ACME, registerAnn(ANN_EMAIL, null)),
                    invalid("a blank email", ACME, registerAnn("  ", Role.STAFF)),
                    invalid("a missing email", ACME, registerAnn(null, Role.STAFF)),
                    invalid("an email without an @", ACME, registerAnn("ann.acme.example", Role.STAFF)),
                    invalid("an email with a space", ACME, registerAnn("ann smith@acme.example", Role.STAFF)),
                    invalid(
                            "an email of 255 characters",
                            ACME,
                            registerAnn("a".repeat(242) + "@acme.example", Role.STAFF)),
                    invalid(
                            "a blank password hash",
                            ACME,
                            new RegisterUserCommand(ANN, ANN_EMAIL, " ", "Ann", Role.STAFF)),
                    invalid(
                            "a display name of 201 characters",
                            ACME,
                            new RegisterUserCommand(ANN, ANN_EMAIL, "hash-1", "a".repeat(201), Role.STAFF)));
        }

        @ParameterizedTest(name = "{0} is refused as invalid")
        @MethodSource("invalidRegistrations")
        @DisplayName("invalid registrations are refused")
        void invalidRegistration(TenantId caller, RegisterUserCommand command) {
            assertRefused(fixture.givenNoPriorActivity(), command, caller, ErrorCode.VALIDATION_FAILED);
        }
    }

    @Nested
    @DisplayName("changing the role")
    class ChangingRole {

        @Test
        @DisplayName("an owner makes a manager an owner, who joins the active owners")
        void promotesToOwner() {
            assertAccepted(
                    fixture.given(annRegistered()),
                    new ChangeUserRoleCommand(ANN, Role.OWNER, Role.OWNER, null),
                    ACME,
                    1L,
                    new UserRoleChangedEvent(ANN, Role.OWNER));

            assertThat(owners.of(ACME)).containsExactly(ANN);
        }

        @Test
        @DisplayName("an owner makes a manager an auditor, who reads and administers nobody")
        void ownerMakesAnAuditor() {
            assertAccepted(
                    fixture.given(annRegistered()),
                    new ChangeUserRoleCommand(ANN, Role.AUDITOR, Role.OWNER, null),
                    ACME,
                    1L,
                    new UserRoleChangedEvent(ANN, Role.AUDITOR));

            assertThat(StaffPolicy.mayAssign(Role.OWNER, Role.AUDITOR)).isTrue();
            assertThat(StaffPolicy.mayAssign(Role.MANAGER, Role.AUDITOR)).isFalse();
            assertThat(StaffPolicy.mayManage(Role.AUDITOR, Role.STAFF)).isFalse();
        }

        @Test
        @DisplayName("a customer an owner makes staff is no longer one of the tenant's customers")
        void customerMadeStaffLeavesTheCustomers() {
            assertAccepted(
                    fixture.given(annRegistered(Role.CUSTOMER)),
                    new ChangeUserRoleCommand(ANN, Role.STAFF, Role.OWNER, null),
                    ACME,
                    1L,
                    new UserRoleChangedEvent(ANN, Role.STAFF));

            assertThat(customers.isCustomerOf(ACME, ANN)).isFalse();
        }

        @Test
        @DisplayName("an owner demotes another owner while a second active owner remains")
        void demotesOwner() {
            owners.given(ACME, BOB);
            assertAccepted(
                    fixture.given(annRegistered(Role.OWNER)),
                    new ChangeUserRoleCommand(ANN, Role.STAFF, Role.OWNER, 0L),
                    ACME,
                    1L,
                    new UserRoleChangedEvent(ANN, Role.STAFF));

            assertThat(owners.of(ACME)).containsExactly(BOB);
        }

        @Test
        @DisplayName("the last active owner cannot be demoted")
        void lastOwnerCannotBeDemoted() {
            assertRefused(
                    fixture.given(annRegistered(Role.OWNER)),
                    new ChangeUserRoleCommand(ANN, Role.MANAGER, Role.OWNER, null),
                    ACME,
                    ErrorCode.LAST_OWNER);

            assertThat(owners.of(ACME)).containsExactly(ANN);
        }

        @Test
        @DisplayName("giving a user the role it has changes nothing")
        void sameRoleIsNoOp() {
            assertUnchanged(
                    fixture.given(annRegistered()),
                    new ChangeUserRoleCommand(ANN, Role.MANAGER, Role.OWNER, null),
                    ACME,
                    0L);
        }

        @Test
        @DisplayName("a stale expected version is refused as a conflict")
        void staleVersion() {
            assertRefused(
                    fixture.given(annRegistered(), new UserRoleChangedEvent(ANN, Role.STAFF)),
                    new ChangeUserRoleCommand(ANN, Role.OWNER, Role.OWNER, 0L),
                    ACME,
                    ConflictingAggregateVersionException.class);
        }

        static Stream<Arguments> invalidRoleChanges() {
            return Stream.of(
                    Arguments.of(Named.of("a platform administrator role", Role.PLATFORM_ADMIN), Role.OWNER),
                    Arguments.of(Named.of("a platform auditor role", Role.PLATFORM_AUDITOR), Role.OWNER),
                    Arguments.of(Named.of("the customer role", Role.CUSTOMER), Role.OWNER),
                    Arguments.of(Named.of("no role", null), Role.OWNER),
                    Arguments.of(Named.of("a role without saying who asks", Role.STAFF), null));
        }

        @ParameterizedTest(name = "{0} is refused as invalid")
        @MethodSource("invalidRoleChanges")
        @DisplayName("invalid role changes are refused")
        void invalidRoleChange(Role role, Role actor) {
            assertRefused(
                    fixture.given(annRegistered()),
                    new ChangeUserRoleCommand(ANN, role, actor, null),
                    ACME,
                    ErrorCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("a platform administrator keeps that role")
        void platformAdminKeepsRole() {
            assertRefused(
                    fixture.given(new UserRegisteredEvent(
                            ADMIN, PLATFORM, "root@platform.example", "hash-0", null, Role.PLATFORM_ADMIN)),
                    new ChangeUserRoleCommand(ADMIN, Role.OWNER, Role.OWNER, null),
                    PLATFORM,
                    ErrorCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("a deactivated user's role cannot change")
        void deactivatedUser() {
            assertRefused(
                    fixture.given(annRegistered(), new UserDeactivatedEvent(ANN)),
                    new ChangeUserRoleCommand(ANN, Role.OWNER, Role.OWNER, null),
                    ACME,
                    ErrorCode.INVALID_STATE);
        }
    }

    @Nested
    @DisplayName("deactivating and reactivating")
    class Deactivating {

        @Test
        @DisplayName("an owner deactivates an active user")
        void deactivates() {
            assertAccepted(
                    fixture.given(annRegistered()),
                    new DeactivateUserCommand(ANN, Role.OWNER, 0L),
                    ACME,
                    1L,
                    new UserDeactivatedEvent(ANN));
        }

        @Test
        @DisplayName("a manager deactivates a staff member")
        void managerDeactivatesStaff() {
            fixture.given(annRegistered(Role.STAFF))
                    .when(new DeactivateUserCommand(ANN, Role.MANAGER, null), from(ACME))
                    .expectEvents(new UserDeactivatedEvent(ANN));
        }

        @Test
        @DisplayName("an owner is deactivated and leaves the active owners while another remains")
        void deactivatesOwner() {
            owners.given(ACME, BOB);
            fixture.given(annRegistered(Role.OWNER))
                    .when(new DeactivateUserCommand(ANN, Role.OWNER, null), from(ACME))
                    .expectEvents(new UserDeactivatedEvent(ANN));

            assertThat(owners.of(ACME)).containsExactly(BOB);
        }

        @Test
        @DisplayName("the last active owner cannot be deactivated, not even by themself")
        void lastOwnerCannotBeDeactivated() {
            assertRefused(
                    fixture.given(annRegistered(Role.OWNER)),
                    new DeactivateUserCommand(ANN, Role.OWNER, null),
                    ACME,
                    ErrorCode.LAST_OWNER);

            assertThat(owners.of(ACME)).containsExactly(ANN);
        }

        @Test
        @DisplayName("deactivating a deactivated user changes nothing")
        void deactivatedIsNoOp() {
            assertUnchanged(
                    fixture.given(annRegistered(), new UserDeactivatedEvent(ANN)),
                    new DeactivateUserCommand(ANN, Role.OWNER, null),
                    ACME,
                    1L);
        }

        @Test
        @DisplayName("a deactivation that does not say who asks is refused as invalid")
        void actorRequired() {
            assertRefused(
                    fixture.given(annRegistered()),
                    new DeactivateUserCommand(ANN, null, null),
                    ACME,
                    ErrorCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("a deactivated user is reactivated")
        void reactivates() {
            assertAccepted(
                    fixture.given(annRegistered(Role.STAFF), new UserDeactivatedEvent(ANN)),
                    new ReactivateUserCommand(ANN, Role.MANAGER, 1L),
                    ACME,
                    2L,
                    new UserReactivatedEvent(ANN));
        }

        @Test
        @DisplayName("a reactivated owner rejoins the active owners")
        void reactivatedOwnerRejoins() {
            owners.given(ACME, BOB);
            fixture.given(annRegistered(Role.OWNER), new UserDeactivatedEvent(ANN))
                    .when(new ReactivateUserCommand(ANN, Role.OWNER, null), from(ACME))
                    .expectEvents(new UserReactivatedEvent(ANN));

            assertThat(owners.of(ACME)).containsExactlyInAnyOrder(ANN, BOB);
        }

        @Test
        @DisplayName("reactivating an active user changes nothing")
        void activeIsNoOp() {
            assertUnchanged(fixture.given(annRegistered()), new ReactivateUserCommand(ANN, Role.OWNER, null), ACME, 0L);
        }
    }

    @Nested
    @DisplayName("deleting")
    class Deleting {

        @Test
        @DisplayName("a deleted user gives back the email and is gone for every later command")
        void deletes() {
            fixture.given(annRegistered(Role.STAFF))
                    .when(new DeleteUserCommand(ANN, Role.MANAGER, 0L), from(ACME))
                    .expectEvents(new UserDeletedEvent(ANN))
                    .expectMarkedDeleted();

            assertThat(keys.ownerOf(ACME, Scope.USER_EMAIL, ANN_EMAIL)).isEmpty();
        }

        @Test
        @DisplayName("a deleted customer is no longer one of the tenant's customers")
        void deletedCustomerLeavesTheCustomers() {
            fixture.given(annRegistered(Role.CUSTOMER))
                    .when(new DeleteUserCommand(ANN, Role.OWNER, null), from(ACME))
                    .expectEvents(new UserDeletedEvent(ANN));

            assertThat(customers.isCustomerOf(ACME, ANN)).isFalse();
        }

        @Test
        @DisplayName("a deleted user no longer exists for commands")
        void deletedIsGone() {
            assertRefused(
                    fixture.given(annRegistered(), new UserDeletedEvent(ANN)),
                    new ReactivateUserCommand(ANN, Role.OWNER, null),
                    ACME,
                    AggregateDeletedException.class);
        }

        @Test
        @DisplayName("an owner is deleted while another active owner remains")
        void deletesOwner() {
            owners.given(ACME, BOB);
            fixture.given(annRegistered(Role.OWNER))
                    .when(new DeleteUserCommand(ANN, Role.OWNER, null), from(ACME))
                    .expectEvents(new UserDeletedEvent(ANN));

            assertThat(owners.of(ACME)).containsExactly(BOB);
        }

        @Test
        @DisplayName("the last active owner cannot be deleted, and keeps the email")
        void lastOwnerCannotBeDeleted() {
            assertRefused(
                    fixture.given(annRegistered(Role.OWNER)),
                    new DeleteUserCommand(ANN, Role.OWNER, null),
                    ACME,
                    ErrorCode.LAST_OWNER);

            assertThat(keys.ownerOf(ACME, Scope.USER_EMAIL, ANN_EMAIL)).contains(ANN.value());
        }

        @Test
        @DisplayName("a deactivated owner is no active owner and can be deleted")
        void deactivatedOwnerCanBeDeleted() {
            owners.given(ACME, BOB);
            fixture.given(annRegistered(Role.OWNER), new UserDeactivatedEvent(ANN))
                    .when(new DeleteUserCommand(ANN, Role.OWNER, null), from(ACME))
                    .expectEvents(new UserDeletedEvent(ANN));
        }
    }

    @Nested
    @DisplayName("updating the profile")
    class UpdatingProfile {

        @Test
        @DisplayName("the display name is changed, trimmed")
        void updatesDisplayName() {
            assertAccepted(
                    fixture.given(annRegistered()),
                    new UpdateUserProfileCommand(ANN, "  Ann Smith ", 0L),
                    ACME,
                    1L,
                    new UserProfileUpdatedEvent(ANN, "Ann Smith"));
        }

        @Test
        @DisplayName("the same display name changes nothing")
        void sameNameIsNoOp() {
            assertUnchanged(fixture.given(annRegistered()), new UpdateUserProfileCommand(ANN, "Ann", null), ACME, 0L);
        }

        @ParameterizedTest(name = "\"{0}\" is refused as invalid")
        @MethodSource("dev.tenantcore.command.identity.UserAccountTest#invalidDisplayNames")
        @DisplayName("a blank or overlong display name is refused as invalid")
        void invalidName(String displayName) {
            assertRefused(
                    fixture.given(annRegistered()),
                    new UpdateUserProfileCommand(ANN, displayName, null),
                    ACME,
                    ErrorCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("a deactivated user's profile cannot change")
        void deactivatedUser() {
            assertRefused(
                    fixture.given(annRegistered(), new UserDeactivatedEvent(ANN)),
                    new UpdateUserProfileCommand(ANN, "Annie", null),
                    ACME,
                    ErrorCode.INVALID_STATE);
        }
    }

    @Nested
    @DisplayName("changing the own password")
    class ChangingPassword {

        @Test
        @DisplayName("with the current password, the new password hash is recorded")
        void changesPassword() {
            assertAccepted(
                    fixture.given(annRegistered()),
                    new ChangeUserPasswordCommand(ANN, OLD_PASSWORD, "hash-2"),
                    ACME,
                    1L,
                    new UserPasswordChangedEvent(ANN, "hash-2"));
        }

        static Stream<Arguments> invalidPasswordChanges() {
            return Stream.of(
                    Arguments.of(Named.of("a wrong current password", "guess"), "hash-2"),
                    Arguments.of(Named.of("a missing current password", null), "hash-2"),
                    Arguments.of(Named.of("a blank new password hash", OLD_PASSWORD), ""),
                    Arguments.of(Named.of("an overlong new password hash", OLD_PASSWORD), "h".repeat(501)));
        }

        @ParameterizedTest(name = "{0} is refused as invalid")
        @MethodSource("invalidPasswordChanges")
        @DisplayName("a wrong current password or an unusable new hash is refused as invalid")
        void invalidPasswordChange(String currentPassword, String newHash) {
            assertRefused(
                    fixture.given(annRegistered()),
                    new ChangeUserPasswordCommand(ANN, currentPassword, newHash),
                    ACME,
                    ErrorCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("a deactivated user's password cannot change")
        void deactivatedUser() {
            assertRefused(
                    fixture.given(annRegistered(), new UserDeactivatedEvent(ANN)),
                    new ChangeUserPasswordCommand(ANN, OLD_PASSWORD, "hash-2"),
                    ACME,
                    ErrorCode.INVALID_STATE);
        }

        @Test
        @DisplayName("the command never shows the current password")
        void currentPasswordStaysOutOfLogs() {
            assertThat(new ChangeUserPasswordCommand(ANN, "s3cret-value", "hash-2").toString())
                    .doesNotContain("s3cret-value");
        }
    }

    @Nested
    @DisplayName("resetting the password")
    class ResettingPassword {

        private PasswordResetRequestedEvent requested(Instant expiresAt) {
            return new PasswordResetRequestedEvent(ANN, RESET_TOKEN_HASH, expiresAt);
        }

        @Test
        @DisplayName("a reset request records only the token's hash and expiry")
        void requestsReset() {
            Instant expiresAt = now().plus(Duration.ofMinutes(30));
            assertAccepted(
                    fixture.given(annRegistered()),
                    new RequestPasswordResetCommand(ANN, RESET_TOKEN_HASH, expiresAt),
                    ACME,
                    1L,
                    requested(expiresAt));
        }

        @Test
        @DisplayName("a deactivated user gets no reset")
        void deactivatedGetsNoReset() {
            assertRefused(
                    fixture.given(annRegistered(), new UserDeactivatedEvent(ANN)),
                    new RequestPasswordResetCommand(ANN, RESET_TOKEN_HASH, now().plus(Duration.ofMinutes(30))),
                    ACME,
                    ErrorCode.INVALID_STATE);
        }

        @Test
        @DisplayName("a request carrying something other than a SHA-256 is refused as invalid")
        void rawTokenRefused() {
            assertRefused(
                    fixture.given(annRegistered()),
                    new RequestPasswordResetCommand(ANN, "raw-token", now().plus(Duration.ofMinutes(30))),
                    ACME,
                    ErrorCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("a request whose token has already expired is refused as invalid")
        void pastExpiryRefused() {
            assertRefused(
                    fixture.given(annRegistered()),
                    new RequestPasswordResetCommand(ANN, RESET_TOKEN_HASH, now().minusSeconds(1)),
                    ACME,
                    ErrorCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("the right token before its expiry sets the new password")
        void confirmsReset() {
            assertAccepted(
                    fixture.given(annRegistered(), requested(now().plus(Duration.ofMinutes(30)))),
                    new ConfirmPasswordResetCommand(ANN, RESET_TOKEN_HASH, "hash-2"),
                    ACME,
                    2L,
                    new PasswordResetCompletedEvent(ANN, "hash-2"));
        }

        @Test
        @DisplayName("a used token does not work a second time")
        void tokenWorksOnce() {
            assertRefused(
                    fixture.given(
                            annRegistered(),
                            requested(now().plus(Duration.ofMinutes(30))),
                            new PasswordResetCompletedEvent(ANN, "hash-2")),
                    new ConfirmPasswordResetCommand(ANN, RESET_TOKEN_HASH, "hash-3"),
                    ACME,
                    ErrorCode.RESET_TOKEN_INVALID);
        }

        @Test
        @DisplayName("an expired token does not work")
        void expiredToken() {
            Instant issued = now();
            assertRefused(
                    fixture.given(annRegistered(), requested(issued.plus(Duration.ofMinutes(30))))
                            .andGivenCurrentTime(issued.plus(Duration.ofMinutes(31))),
                    new ConfirmPasswordResetCommand(ANN, RESET_TOKEN_HASH, "hash-2"),
                    ACME,
                    ErrorCode.RESET_TOKEN_INVALID);
        }

        static Stream<Arguments> invalidTokens() {
            Instant future = Instant.now().plus(Duration.ofDays(1));
            PasswordResetRequestedEvent request = new PasswordResetRequestedEvent(ANN, RESET_TOKEN_HASH, future);
            return Stream.of(
                    Arguments.of(Named.of("a wrong token", new Object[] {request}), "b".repeat(64)),
                    Arguments.of(Named.of("a token nobody asked for", new Object[0]), RESET_TOKEN_HASH),
                    Arguments.of(
                            Named.of("a token replaced by a newer request", new Object[] {
                                request, new PasswordResetRequestedEvent(ANN, "c".repeat(64), future)
                            }),
                            RESET_TOKEN_HASH),
                    Arguments.of(
                            Named.of(
                                    "a token issued before the password was changed",
                                    new Object[] {request, new UserPasswordChangedEvent(ANN, "hash-2")}),
                            RESET_TOKEN_HASH),
                    Arguments.of(
                            Named.of(
                                    "a token of an account deactivated since",
                                    new Object[] {request, new UserDeactivatedEvent(ANN)}),
                            RESET_TOKEN_HASH),
                    Arguments.of(
                            Named.of("a token of an account deactivated and reactivated since", new Object[] {
                                request, new UserDeactivatedEvent(ANN), new UserReactivatedEvent(ANN)
                            }),
                            RESET_TOKEN_HASH));
        }

        @ParameterizedTest(name = "{0} is refused as reset_token_invalid")
        @MethodSource("invalidTokens")
        @DisplayName("every kind of wrong token gets the same refusal")
        void invalidToken(Object[] history, String presentedHash) {
            assertRefused(
                    fixture.given(annRegistered()).andGiven(history),
                    new ConfirmPasswordResetCommand(ANN, presentedHash, "hash-9"),
                    ACME,
                    ErrorCode.RESET_TOKEN_INVALID);
        }
    }

    static Stream<String> invalidDisplayNames() {
        return Stream.of(" ", "a".repeat(201));
    }

    private static Arguments invalid(String description, TenantId caller, RegisterUserCommand command) {
        return Arguments.of(Named.of(description, caller), command);
    }

    @Nested
    @DisplayName("suspending and reinstating")
    class Suspending {

        private static final String REASON = "Chargebacks under review\n(ticket 4711)";

        private InMemorySignInCredentials.Row record() {
            return credentials.of(ACME, ANN).orElseThrow();
        }

        @Test
        @DisplayName("a platform administrator suspends a user with a reason, which sign-in then refuses")
        void suspends() {
            assertAccepted(
                    fixture.given(annRegistered()),
                    new SuspendUserCommand(ANN, " " + REASON + " ", Role.PLATFORM_ADMIN, 0L),
                    ACME,
                    1L,
                    new UserSuspendedEvent(ANN, REASON));

            assertThat(credentials.isSuspended(ANN)).isTrue();
            assertThat(record().version()).isEqualTo(1);
        }

        @Test
        @DisplayName("an owner, the tenant's only one included, is suspended and stays among the owners")
        void suspendsOwner() {
            fixture.given(annRegistered(Role.OWNER))
                    .when(new SuspendUserCommand(ANN, REASON, Role.PLATFORM_ADMIN, null), from(ACME))
                    .expectEvents(new UserSuspendedEvent(ANN, REASON));

            assertThat(owners.of(ACME)).containsExactly(ANN);
        }

        @Test
        @DisplayName("a suspension needs a reason of at most 500 characters without control characters")
        void reasonRequired() {
            for (String bad : new String[] {null, "", "   ", "x".repeat(501), "beep\u0007"}) {
                assertRefused(
                        fixture.given(annRegistered()),
                        new SuspendUserCommand(ANN, bad, Role.PLATFORM_ADMIN, null),
                        ACME,
                        ErrorCode.VALIDATION_FAILED);
            }
            assertThat(credentials.isSuspended(ANN)).isFalse();
        }

        @Test
        @DisplayName("no tenant role suspends or reinstates, the owner included")
        void onlyThePlatform() {
            for (Role role : new Role[] {Role.OWNER, Role.MANAGER, Role.STAFF, Role.CUSTOMER}) {
                assertRefused(
                        fixture.given(annRegistered(Role.STAFF)),
                        new SuspendUserCommand(ANN, REASON, role, null),
                        ACME,
                        ErrorCode.FORBIDDEN);
                assertRefused(
                        fixture.given(annRegistered(Role.STAFF), new UserSuspendedEvent(ANN, REASON)),
                        new ReinstateUserCommand(ANN, role, null),
                        ACME,
                        ErrorCode.FORBIDDEN);
            }
            assertRefused(
                    fixture.given(annRegistered()),
                    new SuspendUserCommand(ANN, REASON, null, null),
                    ACME,
                    ErrorCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("suspending a suspended user, or reinstating one not suspended, changes nothing")
        void idempotent() {
            assertUnchanged(
                    fixture.given(annRegistered(), new UserSuspendedEvent(ANN, REASON)),
                    new SuspendUserCommand(ANN, "another reason", Role.PLATFORM_ADMIN, null),
                    ACME,
                    1L);
            assertUnchanged(
                    fixture.given(annRegistered()), new ReinstateUserCommand(ANN, Role.PLATFORM_ADMIN, null), ACME, 0L);
        }

        @Test
        @DisplayName("reinstating lifts the suspension, and a deactivation by the tenant stands")
        void reinstates() {
            assertAccepted(
                    fixture.given(annRegistered(), new UserSuspendedEvent(ANN, REASON)),
                    new ReinstateUserCommand(ANN, Role.PLATFORM_ADMIN, 1L),
                    ACME,
                    2L,
                    new UserReinstatedEvent(ANN));
            assertThat(credentials.isSuspended(ANN)).isFalse();

            fixture.given(annRegistered(), new UserDeactivatedEvent(ANN), new UserSuspendedEvent(ANN, REASON))
                    .when(new ReinstateUserCommand(ANN, Role.PLATFORM_ADMIN, null), from(ACME))
                    .expectEvents(new UserReinstatedEvent(ANN));
        }

        @Test
        @DisplayName("the owner reactivating a suspended user does not lift the suspension")
        void reactivationDoesNotLift() {
            fixture.given(annRegistered(), new UserDeactivatedEvent(ANN), new UserSuspendedEvent(ANN, REASON))
                    .when(new ReactivateUserCommand(ANN, Role.OWNER, null), from(ACME))
                    .expectEvents(new UserReactivatedEvent(ANN));
            fixture.given(annRegistered(), new UserSuspendedEvent(ANN, REASON))
                    .when(new UpdateUserProfileCommand(ANN, "Ann B", null), from(ACME))
                    .expectException(DomainException.class)
                    .expectNoEvents();
        }

        @Test
        @DisplayName("a suspension ends a password reset in flight, and no reset is issued while suspended")
        void endsReset() {
            Instant expires = now().plus(Duration.ofMinutes(30));
            assertRefused(
                    fixture.given(
                            annRegistered(),
                            new PasswordResetRequestedEvent(ANN, RESET_TOKEN_HASH, expires),
                            new UserSuspendedEvent(ANN, REASON),
                            new UserReinstatedEvent(ANN)),
                    new ConfirmPasswordResetCommand(ANN, RESET_TOKEN_HASH, "hash-2"),
                    ACME,
                    ErrorCode.RESET_TOKEN_INVALID);
            assertRefused(
                    fixture.given(annRegistered(), new UserSuspendedEvent(ANN, REASON)),
                    new RequestPasswordResetCommand(ANN, RESET_TOKEN_HASH, expires),
                    ACME,
                    ErrorCode.INVALID_STATE);
        }

        @Test
        @DisplayName("a platform administrator's account is not suspended this way")
        void notAdmins() {
            assertRefused(
                    fixture.given(new UserRegisteredEvent(
                            ADMIN, PLATFORM, "root@platform.example", "h", "Root", Role.PLATFORM_ADMIN)),
                    new SuspendUserCommand(ADMIN, REASON, Role.PLATFORM_ADMIN, null),
                    PLATFORM,
                    ErrorCode.FORBIDDEN);
        }

        @Test
        @DisplayName("a suspension sent in another tenant finds no user")
        void otherTenant() {
            assertRefused(
                    fixture.given(annRegistered()),
                    new SuspendUserCommand(ANN, REASON, Role.PLATFORM_ADMIN, null),
                    GLOBEX,
                    AggregateNotFoundException.class);
            assertThat(credentials.isSuspended(ANN)).isFalse();
        }
    }

    @Nested
    @DisplayName("what sign-in checks, recorded by the command that changes it")
    class SignInRecord {

        private InMemorySignInCredentials.Row ann() {
            return credentials.of(ACME, ANN).orElseThrow();
        }

        @Test
        @DisplayName("a registration records the email, hash and role of an active account")
        void registration() {
            fixture.givenNoPriorActivity()
                    .when(registerAnn("Ann@Acme.example", Role.STAFF), from(ACME))
                    .expectSuccessfulHandlerExecution();

            assertThat(ann())
                    .isEqualTo(new InMemorySignInCredentials.Row(ANN_EMAIL, "Ann", "hash-1", Role.STAFF, true, 0));
        }

        @Test
        @DisplayName("a password change records the new hash at the account's new version")
        void passwordChange() {
            fixture.given(annRegistered())
                    .when(new ChangeUserPasswordCommand(ANN, OLD_PASSWORD, "hash-2"), from(ACME))
                    .expectSuccessfulHandlerExecution();

            assertThat(ann().passwordHash()).isEqualTo("hash-2");
            assertThat(ann().version()).isEqualTo(1L);
        }

        @Test
        @DisplayName("a completed reset records the new hash")
        void reset() {
            fixture.given(
                            annRegistered(),
                            new PasswordResetRequestedEvent(ANN, RESET_TOKEN_HASH, now().plusSeconds(600)))
                    .when(new ConfirmPasswordResetCommand(ANN, RESET_TOKEN_HASH, "hash-3"), from(ACME))
                    .expectSuccessfulHandlerExecution();

            assertThat(ann().passwordHash()).isEqualTo("hash-3");
        }

        @Test
        @DisplayName("a deactivation records that the account may no longer sign in")
        void deactivation() {
            fixture.given(annRegistered())
                    .when(new DeactivateUserCommand(ANN, Role.OWNER, null), from(ACME))
                    .expectSuccessfulHandlerExecution();

            assertThat(ann().active()).isFalse();
            assertThat(ann().version()).isEqualTo(1L);
        }

        @Test
        @DisplayName("a reactivation records that the account may sign in again")
        void reactivation() {
            UserRegisteredEvent registered = annRegistered();
            credentials.given(ACME, ANN, ann().withActive(false));
            fixture.given(registered, new UserDeactivatedEvent(ANN))
                    .when(new ReactivateUserCommand(ANN, Role.OWNER, null), from(ACME))
                    .expectSuccessfulHandlerExecution();

            assertThat(ann().active()).isTrue();
        }

        @Test
        @DisplayName("a role change records the new role, which new tokens carry")
        void role() {
            fixture.given(annRegistered(Role.STAFF))
                    .when(new ChangeUserRoleCommand(ANN, Role.MANAGER, Role.OWNER, null), from(ACME))
                    .expectSuccessfulHandlerExecution();

            assertThat(ann().role()).isEqualTo(Role.MANAGER);
        }

        @Test
        @DisplayName("a deleted account leaves no record to sign in with")
        void deletion() {
            fixture.given(annRegistered())
                    .when(new DeleteUserCommand(ANN, Role.OWNER, null), from(ACME))
                    .expectSuccessfulHandlerExecution();

            assertThat(credentials.of(ACME, ANN)).isEmpty();
        }

        @Test
        @DisplayName("a refused password change records nothing")
        void refusal() {
            fixture.given(annRegistered())
                    .when(new ChangeUserPasswordCommand(ANN, "guess", "hash-2"), from(ACME))
                    .expectException(DomainException.class);

            assertThat(ann().passwordHash()).isEqualTo(PASSWORDS.encode(OLD_PASSWORD));
        }
    }
}
