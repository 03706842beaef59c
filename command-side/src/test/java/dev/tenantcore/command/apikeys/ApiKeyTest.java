package dev.tenantcore.command.apikeys;

import static dev.tenantcore.command.common.CommandFixtures.ACME;
import static dev.tenantcore.command.common.CommandFixtures.assertRefused;
import static dev.tenantcore.command.common.CommandFixtures.fixtureFor;
import static dev.tenantcore.command.common.CommandFixtures.from;
import static dev.tenantcore.command.common.CommandFixtures.invalid;
import static dev.tenantcore.command.common.Transitions.transition;

import dev.tenantcore.api.apikeys.ApiKeyCreatedEvent;
import dev.tenantcore.api.apikeys.ApiKeyId;
import dev.tenantcore.api.apikeys.ApiKeyRevokedEvent;
import dev.tenantcore.api.apikeys.CreateApiKeyCommand;
import dev.tenantcore.api.apikeys.RevokeApiKeyCommand;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.identity.Role;
import dev.tenantcore.command.common.Transitions;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("ApiKey")
class ApiKeyTest implements Transitions {

    private static final ApiKeyId KEY = ApiKeyId.of("3f9a1c2b-7d4e-4a1b-9c3d-5e6f7a8b9c0d");
    private static final String PREFIX = "tck_3f9a1c2b7d4e";
    private static final String HASH = "a".repeat(64);
    private static final Instant NEXT_CENTURY = Instant.parse("2100-01-01T00:00:00Z");

    /** Built anew for every test, as JUnit makes a new instance of the test class for each. */
    private final FixtureConfiguration<ApiKey> fixture = fixtureFor(ApiKey.class);

    @Override
    public FixtureConfiguration<ApiKey> fixture() {
        return fixture;
    }

    static Stream<Arguments> transitions() {
        RevokeApiKeyCommand revoke = new RevokeApiKeyCommand(KEY, null);
        ApiKeyRevokedEvent revoked = new ApiKeyRevokedEvent(KEY);
        return Stream.of(
                transition(
                        "revoking a key records it and returns the new version",
                        List.of(created()),
                        revoke,
                        1L,
                        revoked),
                transition(
                        "revoking a revoked key again changes nothing and returns the same version",
                        List.of(created(), revoked),
                        revoke,
                        1L));
    }

    private static CreateApiKeyCommand create(Set<Role> roles, Instant expiresAt) {
        return new CreateApiKeyCommand(KEY, "  ERP sync ", PREFIX, HASH, roles, expiresAt);
    }

    private static ApiKeyCreatedEvent created() {
        return new ApiKeyCreatedEvent(KEY, ACME, "ERP sync", PREFIX, HASH, Set.of(Role.MANAGER), NEXT_CENTURY);
    }

    @Nested
    @DisplayName("creating")
    class Creating {

        @Test
        @DisplayName("a tenant creates a key with a trimmed name, its roles, the hash and prefix, and an expiry")
        void createsKey() {
            fixture.givenNoPriorActivity()
                    .when(create(Set.of(Role.MANAGER, Role.STAFF), NEXT_CENTURY), from(ACME))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(KEY)
                    .expectEvents(new ApiKeyCreatedEvent(
                            KEY, ACME, "ERP sync", PREFIX, HASH, Set.of(Role.MANAGER, Role.STAFF), NEXT_CENTURY));
        }

        @Test
        @DisplayName("a key without an expiry never expires")
        void createsKeyWithoutExpiry() {
            fixture.givenNoPriorActivity()
                    .when(create(Set.of(Role.STAFF), null), from(ACME))
                    .expectEvents(
                            new ApiKeyCreatedEvent(KEY, ACME, "ERP sync", PREFIX, HASH, Set.of(Role.STAFF), null));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.tenantcore.command.apikeys.ApiKeyTest#refusedCreations")
        @DisplayName("a key is refused with validation_failed and nothing happens")
        void refusesInvalidKey(CreateApiKeyCommand command, TenantId sender) {
            // refusedWith is type-safe: it also asserts that the exception is a DomainException.
            assertRefused(fixture.givenNoPriorActivity(), command, sender, ErrorCode.VALIDATION_FAILED);
        }
    }

    static Stream<Arguments> refusedCreations() {
        Set<Role> withNull = new HashSet<>();
        withNull.add(null);
        return Stream.of(
                invalid("the owner role, which could mint keys", create(Set.of(Role.OWNER), null), ACME),
                invalid("owner next to a grantable role", create(Set.of(Role.MANAGER, Role.OWNER), null), ACME),
                invalid("the platform admin role", create(Set.of(Role.PLATFORM_ADMIN), null), ACME),
                invalid("the customer role", create(Set.of(Role.CUSTOMER), null), ACME),
                invalid("no role", create(Set.of(), null), ACME),
                invalid("a null role list", create(null, null), ACME),
                invalid("a null role", create(withNull, null), ACME),
                invalid(
                        "an expiry in the past",
                        create(Set.of(Role.STAFF), Instant.parse("2000-01-01T00:00:00Z")),
                        ACME),
                invalid(
                        "a blank name",
                        new CreateApiKeyCommand(KEY, " ", PREFIX, HASH, Set.of(Role.STAFF), null),
                        ACME),
                invalid(
                        "a name over 100 characters",
                        new CreateApiKeyCommand(KEY, "n".repeat(101), PREFIX, HASH, Set.of(Role.STAFF), null),
                        ACME),
                invalid(
                        "a hash that is no SHA-256",
                        new CreateApiKeyCommand(KEY, "k", PREFIX, "not-a-hash", Set.of(Role.STAFF), null),
                        ACME),
                invalid(
                        "the plain secret instead of its hash",
                        new CreateApiKeyCommand(
                                KEY, "k", PREFIX, PREFIX + "_" + "s".repeat(43), Set.of(Role.STAFF), null),
                        ACME),
                invalid(
                        "a prefix of another shape",
                        new CreateApiKeyCommand(KEY, "k", "key_123", HASH, Set.of(Role.STAFF), null),
                        ACME),
                // A key belongs to a tenant: the platform scope cannot own one.
                invalid("a key for the platform scope", create(Set.of(Role.STAFF), null), TenantId.PLATFORM));
    }
}
