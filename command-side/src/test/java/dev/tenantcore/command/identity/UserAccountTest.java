package dev.tenantcore.command.identity;

import static dev.tenantcore.command.common.CommandFixtures.from;
import static dev.tenantcore.command.common.CommandFixtures.refusedWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.ErrorCode;
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
import dev.tenantcore.command.common.InMemoryUniqueKeys;
import dev.tenantcore.command.common.TenantContextInterceptor;
import dev.tenantcore.command.common.UniqueKeys.Scope;
import java.util.stream.Stream;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("UserAccount")
class UserAccountTest {

    private static final TenantId ACME = TenantId.random();
    private static final TenantId GLOBEX = TenantId.random();
    private static final TenantId PLATFORM = TenantId.PLATFORM;
    private static final UserId ANN = UserId.random();
    private static final UserId ADMIN = UserId.random();

    private final InMemoryUniqueKeys keys = new InMemoryUniqueKeys();
    private FixtureConfiguration<UserAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UserAccount.class);
        fixture.registerInjectableResource(keys);
        fixture.registerCommandHandlerInterceptor(new TenantContextInterceptor());
    }

    /** Ann, a manager of Acme: version 0. */
    private UserRegisteredEvent annRegistered() {
        keys.claimed(ACME, Scope.USER_EMAIL, "ann@acme.example", ANN.value());
        return new UserRegisteredEvent(ANN, ACME, "ann@acme.example", "hash-1", "Ann", Role.MANAGER);
    }

    private static RegisterUserCommand registerAnn(String email, Role role) {
        return new RegisterUserCommand(ANN, email, "hash-1", "Ann", role);
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
                    .expectEvents(
                            new UserRegisteredEvent(ANN, ACME, "ann@acme.example", "hash-1", "Ann", Role.MANAGER));

            assertThat(keys.ownerOf(ACME, Scope.USER_EMAIL, "ann@acme.example")).contains(ANN.value());
        }

        @Test
        @DisplayName("a display name is optional")
        void withoutDisplayName() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterUserCommand(ANN, "ann@acme.example", "hash-1", null, Role.CUSTOMER), from(ACME))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(
                            new UserRegisteredEvent(ANN, ACME, "ann@acme.example", "hash-1", null, Role.CUSTOMER));
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
        @DisplayName("an email that another user of the same tenant has, in any case, is refused as taken")
        void emailTakenInTenant() {
            keys.claimed(
                    ACME, Scope.USER_EMAIL, "ann@acme.example", UserId.random().value());

            fixture.givenNoPriorActivity()
                    .when(registerAnn("ANN@acme.example", Role.STAFF), from(ACME))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.EMAIL_TAKEN));
        }

        @Test
        @DisplayName("the same email may belong to a user of another tenant")
        void sameEmailInAnotherTenant() {
            keys.claimed(
                    GLOBEX,
                    Scope.USER_EMAIL,
                    "ann@acme.example",
                    UserId.random().value());

            fixture.givenNoPriorActivity()
                    .when(registerAnn("ann@acme.example", Role.CUSTOMER), from(ACME))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(
                            new UserRegisteredEvent(ANN, ACME, "ann@acme.example", "hash-1", "Ann", Role.CUSTOMER));
        }

        static Stream<Arguments> invalidRegistrations() {
            return Stream.of(
                    invalid(
                            "a platform administrator in a tenant",
                            ACME,
                            registerAnn("ann@acme.example", Role.PLATFORM_ADMIN)),
                    invalid(
                            "a tenant role in the platform scope",
                            PLATFORM,
                            registerAnn("ann@acme.example", Role.OWNER)),
                    invalid("a user without a role", ACME, registerAnn("ann@acme.example", null)),
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
                            new RegisterUserCommand(ANN, "ann@acme.example", " ", "Ann", Role.STAFF)),
                    invalid(
                            "a display name of 201 characters",
                            ACME,
                            new RegisterUserCommand(ANN, "ann@acme.example", "hash-1", "a".repeat(201), Role.STAFF)));
        }

        @ParameterizedTest(name = "{0} is refused as invalid")
        @MethodSource("invalidRegistrations")
        @DisplayName("invalid registrations are refused")
        void invalidRegistration(TenantId caller, RegisterUserCommand command) {
            fixture.givenNoPriorActivity()
                    .when(command, from(caller))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.VALIDATION_FAILED));
        }
    }

    @Nested
    @DisplayName("changing the role")
    class ChangingRole {

        @Test
        @DisplayName("a user gets another tenant role")
        void changesRole() {
            fixture.given(annRegistered())
                    .when(new ChangeUserRoleCommand(ANN, Role.OWNER), from(ACME))
                    .expectEvents(new UserRoleChangedEvent(ANN, Role.OWNER))
                    .expectResultMessagePayload(1L);
        }

        @Test
        @DisplayName("giving a user the role it has changes nothing")
        void sameRoleIsNoOp() {
            fixture.given(annRegistered())
                    .when(new ChangeUserRoleCommand(ANN, Role.MANAGER), from(ACME))
                    .expectNoEvents()
                    .expectResultMessagePayload(0L);
        }

        @Test
        @DisplayName("a tenant user cannot be made a platform administrator")
        void cannotPromoteToPlatformAdmin() {
            fixture.given(annRegistered())
                    .when(new ChangeUserRoleCommand(ANN, Role.PLATFORM_ADMIN), from(ACME))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.VALIDATION_FAILED));
        }

        @Test
        @DisplayName("a missing role is refused as invalid")
        void missingRole() {
            fixture.given(annRegistered())
                    .when(new ChangeUserRoleCommand(ANN, null), from(ACME))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.VALIDATION_FAILED));
        }

        @Test
        @DisplayName("a platform administrator keeps that role")
        void platformAdminKeepsRole() {
            fixture.given(new UserRegisteredEvent(
                            ADMIN, PLATFORM, "root@platform.example", "hash-0", null, Role.PLATFORM_ADMIN))
                    .when(new ChangeUserRoleCommand(ADMIN, Role.OWNER), from(PLATFORM))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.VALIDATION_FAILED));
        }

        @Test
        @DisplayName("a deactivated user's role cannot change")
        void deactivatedUser() {
            fixture.given(annRegistered(), new UserDeactivatedEvent(ANN))
                    .when(new ChangeUserRoleCommand(ANN, Role.OWNER), from(ACME))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.INVALID_STATE));
        }
    }

    @Nested
    @DisplayName("changing the password")
    class ChangingPassword {

        @Test
        @DisplayName("the new password hash is recorded")
        void changesPassword() {
            fixture.given(annRegistered())
                    .when(new ChangeUserPasswordCommand(ANN, "hash-2"), from(ACME))
                    .expectEvents(new UserPasswordChangedEvent(ANN, "hash-2"))
                    .expectResultMessagePayload(1L);
        }

        @Test
        @DisplayName("a blank password hash is refused as invalid")
        void blankHash() {
            fixture.given(annRegistered())
                    .when(new ChangeUserPasswordCommand(ANN, ""), from(ACME))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.VALIDATION_FAILED));
        }

        @Test
        @DisplayName("a password hash longer than 500 characters is refused as invalid")
        void hashTooLong() {
            fixture.given(annRegistered())
                    .when(new ChangeUserPasswordCommand(ANN, "h".repeat(501)), from(ACME))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.VALIDATION_FAILED));
        }

        @Test
        @DisplayName("a deactivated user's password cannot change")
        void deactivatedUser() {
            fixture.given(annRegistered(), new UserDeactivatedEvent(ANN))
                    .when(new ChangeUserPasswordCommand(ANN, "hash-2"), from(ACME))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.INVALID_STATE));
        }
    }

    @Nested
    @DisplayName("deactivating")
    class Deactivating {

        @Test
        @DisplayName("an active user is deactivated")
        void deactivates() {
            fixture.given(annRegistered())
                    .when(new DeactivateUserCommand(ANN), from(ACME))
                    .expectEvents(new UserDeactivatedEvent(ANN))
                    .expectResultMessagePayload(1L);
        }

        @Test
        @DisplayName("deactivating a deactivated user changes nothing")
        void deactivatedIsNoOp() {
            fixture.given(annRegistered(), new UserDeactivatedEvent(ANN))
                    .when(new DeactivateUserCommand(ANN), from(ACME))
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }
    }

    @Nested
    @DisplayName("the tenant guard")
    class Guard {

        static Stream<Arguments> commandsOnAnn() {
            return Stream.<Object>of(
                            new ChangeUserRoleCommand(ANN, Role.OWNER),
                            new ChangeUserPasswordCommand(ANN, "hash-2"),
                            new DeactivateUserCommand(ANN))
                    .map(command -> Arguments.of(Named.of(command.getClass().getSimpleName(), command)));
        }

        @ParameterizedTest(name = "{0} from another tenant behaves as if the user did not exist")
        @MethodSource("commandsOnAnn")
        @DisplayName("a command from another tenant behaves as if the user did not exist")
        void otherTenant(Object command) {
            fixture.given(annRegistered())
                    .when(command, from(GLOBEX))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }

        @ParameterizedTest(name = "{0} from the platform scope behaves as if the user did not exist")
        @MethodSource("commandsOnAnn")
        @DisplayName("to a tenant's user account the platform scope is just another tenant")
        void platform(Object command) {
            fixture.given(annRegistered())
                    .when(command, from(PLATFORM))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }

        @Test
        @DisplayName("a command that names no tenant behaves as if the user did not exist")
        void noTenant() {
            fixture.given(annRegistered())
                    .when(new DeactivateUserCommand(ANN))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }
    }

    private static Arguments invalid(String description, TenantId caller, RegisterUserCommand command) {
        return Arguments.of(Named.of(description, caller), command);
    }
}
