package dev.tenantcore.command.tenancy;

import static dev.tenantcore.command.common.CommandFixtures.from;
import static dev.tenantcore.command.common.CommandFixtures.refusedWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.tenancy.ActivateTenantDomainCommand;
import dev.tenantcore.api.tenancy.AddTenantDomainCommand;
import dev.tenantcore.api.tenancy.DeactivateTenantDomainCommand;
import dev.tenantcore.api.tenancy.DisableTenantModuleCommand;
import dev.tenantcore.api.tenancy.EnableTenantModuleCommand;
import dev.tenantcore.api.tenancy.ReactivateTenantCommand;
import dev.tenantcore.api.tenancy.RegisterTenantCommand;
import dev.tenantcore.api.tenancy.RemoveTenantDomainCommand;
import dev.tenantcore.api.tenancy.SetPrimaryTenantDomainCommand;
import dev.tenantcore.api.tenancy.SuspendTenantCommand;
import dev.tenantcore.api.tenancy.TenantDomainActivatedEvent;
import dev.tenantcore.api.tenancy.TenantDomainAddedEvent;
import dev.tenantcore.api.tenancy.TenantDomainDeactivatedEvent;
import dev.tenantcore.api.tenancy.TenantDomainRemovedEvent;
import dev.tenantcore.api.tenancy.TenantModule;
import dev.tenantcore.api.tenancy.TenantModuleDisabledEvent;
import dev.tenantcore.api.tenancy.TenantModuleEnabledEvent;
import dev.tenantcore.api.tenancy.TenantPrimaryDomainChangedEvent;
import dev.tenantcore.api.tenancy.TenantReactivatedEvent;
import dev.tenantcore.api.tenancy.TenantRegisteredEvent;
import dev.tenantcore.api.tenancy.TenantSuspendedEvent;
import dev.tenantcore.command.common.InMemoryUniqueKeys;
import dev.tenantcore.command.common.TenantContextInterceptor;
import dev.tenantcore.command.common.UniqueKeys.Scope;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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

@DisplayName("Tenant")
class TenantTest {

    private static final TenantId ACME = TenantId.random();
    private static final TenantId GLOBEX = TenantId.random();
    private static final TenantId PLATFORM = TenantId.PLATFORM;
    private static final Set<TenantModule> ALL_MODULES = EnumSet.allOf(TenantModule.class);

    private final InMemoryUniqueKeys keys = new InMemoryUniqueKeys();
    private FixtureConfiguration<Tenant> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Tenant.class);
        fixture.registerInjectableResource(keys);
        fixture.registerCommandHandlerInterceptor(new TenantContextInterceptor());
    }

    /** Acme as registered, without domains: version 0. */
    private static TenantRegisteredEvent registered() {
        return new TenantRegisteredEvent(ACME, "Acme", "acme", ALL_MODULES);
    }

    /** Acme with its primary domain acme.example: version 2. */
    private Object[] withDomain() {
        keys.claimed(Scope.DOMAIN, "acme.example", ACME.value());
        return new Object[] {
            registered(),
            new TenantDomainAddedEvent(ACME, "acme.example"),
            new TenantPrimaryDomainChangedEvent(ACME, "acme.example")
        };
    }

    /** Acme with primary domain acme.example and second domain shop.acme.example: version 3. */
    private Object[] withTwoDomains() {
        keys.claimed(Scope.DOMAIN, "acme.example", ACME.value());
        keys.claimed(Scope.DOMAIN, "shop.acme.example", ACME.value());
        return new Object[] {
            registered(),
            new TenantDomainAddedEvent(ACME, "acme.example"),
            new TenantPrimaryDomainChangedEvent(ACME, "acme.example"),
            new TenantDomainAddedEvent(ACME, "shop.acme.example")
        };
    }

    @Nested
    @DisplayName("registering")
    class Registering {

        @Test
        @DisplayName("the platform registers a tenant with every module when none are chosen, and claims its slug")
        void registersWithEveryModule() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterTenantCommand(ACME, "  Acme  ", "acme", null, null), from(PLATFORM))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(ACME)
                    .expectEvents(new TenantRegisteredEvent(ACME, "Acme", "acme", ALL_MODULES));

            assertThat(keys.ownerOf(Scope.TENANT_SLUG, "acme")).contains(ACME.value());
        }

        @Test
        @DisplayName("an empty choice of modules also means every module")
        void emptyModulesMeanEveryModule() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterTenantCommand(ACME, "Acme", "acme", List.of(), Set.of()), from(PLATFORM))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new TenantRegisteredEvent(ACME, "Acme", "acme", ALL_MODULES));
        }

        @Test
        @DisplayName("the chosen modules are the only ones enabled")
        void chosenModules() {
            fixture.givenNoPriorActivity()
                    .when(
                            new RegisterTenantCommand(
                                    ACME, "Acme", "acme", null, Set.of(TenantModule.STOREFRONT, TenantModule.CRM)),
                            from(PLATFORM))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new TenantRegisteredEvent(
                            ACME, "Acme", "acme", EnumSet.of(TenantModule.STOREFRONT, TenantModule.CRM)));
        }

        @Test
        @DisplayName("domains are lower-cased, de-duplicated and claimed, and the first one becomes primary")
        void registersDomains() {
            fixture.givenNoPriorActivity()
                    .when(
                            new RegisterTenantCommand(
                                    ACME,
                                    "Acme",
                                    "acme",
                                    List.of("Shop.Acme.Example", "acme.example", "shop.acme.example"),
                                    null),
                            from(PLATFORM))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(
                            new TenantRegisteredEvent(ACME, "Acme", "acme", ALL_MODULES),
                            new TenantDomainAddedEvent(ACME, "shop.acme.example"),
                            new TenantDomainAddedEvent(ACME, "acme.example"),
                            new TenantPrimaryDomainChangedEvent(ACME, "shop.acme.example"));

            assertThat(keys.ownerOf(Scope.DOMAIN, "shop.acme.example")).contains(ACME.value());
            assertThat(keys.ownerOf(Scope.DOMAIN, "acme.example")).contains(ACME.value());
        }

        @Test
        @DisplayName("a tenant cannot register tenants")
        void tenantCannotRegister() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterTenantCommand(ACME, "Acme", "acme", null, null), from(GLOBEX))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.FORBIDDEN));
        }

        @Test
        @DisplayName("a command that names no caller cannot register tenants")
        void anonymousCannotRegister() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterTenantCommand(ACME, "Acme", "acme", null, null))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.FORBIDDEN));
        }

        static Stream<Arguments> invalidRegistrations() {
            return Stream.of(
                    invalid("a blank name", new RegisterTenantCommand(ACME, " ", "acme", null, null)),
                    invalid("a missing name", new RegisterTenantCommand(ACME, null, "acme", null, null)),
                    invalid(
                            "a name of 201 characters",
                            new RegisterTenantCommand(ACME, "a".repeat(201), "acme", null, null)),
                    invalid("a slug with capitals", new RegisterTenantCommand(ACME, "Acme", "Acme", null, null)),
                    invalid(
                            "a slug that starts with a dash",
                            new RegisterTenantCommand(ACME, "Acme", "-acme", null, null)),
                    invalid("a missing slug", new RegisterTenantCommand(ACME, "Acme", null, null, null)),
                    invalid(
                            "a domain without a dot",
                            new RegisterTenantCommand(ACME, "Acme", "acme", List.of("localhost"), null)),
                    invalid(
                            "a domain with a space",
                            new RegisterTenantCommand(ACME, "Acme", "acme", List.of("acme .example"), null)));
        }

        @ParameterizedTest(name = "{0} is refused as invalid")
        @MethodSource("invalidRegistrations")
        @DisplayName("invalid registrations are refused")
        void invalidRegistration(RegisterTenantCommand command) {
            fixture.givenNoPriorActivity()
                    .when(command, from(PLATFORM))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.VALIDATION_FAILED));
        }

        @Test
        @DisplayName("a slug that another tenant holds is refused as taken")
        void slugTaken() {
            keys.claimed(Scope.TENANT_SLUG, "acme", GLOBEX.value());

            fixture.givenNoPriorActivity()
                    .when(new RegisterTenantCommand(ACME, "Acme", "acme", null, null), from(PLATFORM))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.SLUG_TAKEN));
        }

        @Test
        @DisplayName("a domain that another tenant holds is refused as taken")
        void domainTaken() {
            keys.claimed(Scope.DOMAIN, "acme.example", GLOBEX.value());

            fixture.givenNoPriorActivity()
                    .when(
                            new RegisterTenantCommand(
                                    ACME, "Acme", "acme", List.of("new.example", "acme.example"), null),
                            from(PLATFORM))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.DOMAIN_TAKEN));
        }
    }

    @Nested
    @DisplayName("adding a domain")
    class AddingDomains {

        @Test
        @DisplayName("the first domain is lower-cased, claimed and becomes the primary domain")
        void firstDomainBecomesPrimary() {
            fixture.given(registered())
                    .when(new AddTenantDomainCommand(ACME, "Acme.Example"), from(ACME))
                    .expectEvents(
                            new TenantDomainAddedEvent(ACME, "acme.example"),
                            new TenantPrimaryDomainChangedEvent(ACME, "acme.example"))
                    .expectResultMessagePayload(2L);

            assertThat(keys.ownerOf(Scope.DOMAIN, "acme.example")).contains(ACME.value());
        }

        @Test
        @DisplayName("a further domain leaves the primary domain as it is")
        void furtherDomain() {
            fixture.given(withDomain())
                    .when(new AddTenantDomainCommand(ACME, "shop.acme.example"), from(ACME))
                    .expectEvents(new TenantDomainAddedEvent(ACME, "shop.acme.example"))
                    .expectResultMessagePayload(3L);
        }

        @Test
        @DisplayName("after the last domain was removed, the next domain becomes primary again")
        void primaryAgainAfterRemoval() {
            fixture.given(withDomain())
                    .andGiven(new TenantDomainRemovedEvent(ACME, "acme.example"))
                    .when(new AddTenantDomainCommand(ACME, "new.example"), from(ACME))
                    .expectEvents(
                            new TenantDomainAddedEvent(ACME, "new.example"),
                            new TenantPrimaryDomainChangedEvent(ACME, "new.example"))
                    .expectResultMessagePayload(5L);
        }

        @Test
        @DisplayName("adding a domain the tenant already has changes nothing")
        void knownDomainIsNoOp() {
            fixture.given(withDomain())
                    .when(new AddTenantDomainCommand(ACME, "ACME.example"), from(ACME))
                    .expectNoEvents()
                    .expectResultMessagePayload(2L);
        }

        @Test
        @DisplayName("a domain that another tenant holds is refused as taken")
        void domainTaken() {
            keys.claimed(Scope.DOMAIN, "globex.example", GLOBEX.value());

            fixture.given(withDomain())
                    .when(new AddTenantDomainCommand(ACME, "globex.example"), from(ACME))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.DOMAIN_TAKEN));
        }

        @Test
        @DisplayName("a malformed domain is refused as invalid")
        void malformedDomain() {
            fixture.given(withDomain())
                    .when(new AddTenantDomainCommand(ACME, "not a domain"), from(ACME))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.VALIDATION_FAILED));
        }
    }

    @Nested
    @DisplayName("removing a domain")
    class RemovingDomains {

        @Test
        @DisplayName("a secondary domain is removed and released")
        void removesSecondary() {
            fixture.given(withTwoDomains())
                    .when(new RemoveTenantDomainCommand(ACME, "Shop.Acme.Example"), from(ACME))
                    .expectEvents(new TenantDomainRemovedEvent(ACME, "shop.acme.example"))
                    .expectResultMessagePayload(4L);

            assertThat(keys.ownerOf(Scope.DOMAIN, "shop.acme.example")).isEmpty();
            assertThat(keys.ownerOf(Scope.DOMAIN, "acme.example")).contains(ACME.value());
        }

        @Test
        @DisplayName("the primary domain cannot be removed while other domains remain")
        void primaryWhileOthersRemain() {
            fixture.given(withTwoDomains())
                    .when(new RemoveTenantDomainCommand(ACME, "acme.example"), from(ACME))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.INVALID_STATE));
        }

        @Test
        @DisplayName("the only domain can be removed although it is primary")
        void onlyDomain() {
            fixture.given(withDomain())
                    .when(new RemoveTenantDomainCommand(ACME, "acme.example"), from(ACME))
                    .expectEvents(new TenantDomainRemovedEvent(ACME, "acme.example"))
                    .expectResultMessagePayload(3L);

            assertThat(keys.ownerOf(Scope.DOMAIN, "acme.example")).isEmpty();
        }

        @Test
        @DisplayName("a domain the tenant does not have is not found")
        void unknownDomain() {
            fixture.given(withDomain())
                    .when(new RemoveTenantDomainCommand(ACME, "other.example"), from(ACME))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.NOT_FOUND));
        }
    }

    @Nested
    @DisplayName("choosing the primary domain")
    class PrimaryDomain {

        @Test
        @DisplayName("another of the tenant's domains becomes primary")
        void changesPrimary() {
            fixture.given(withTwoDomains())
                    .when(new SetPrimaryTenantDomainCommand(ACME, "SHOP.acme.example"), from(ACME))
                    .expectEvents(new TenantPrimaryDomainChangedEvent(ACME, "shop.acme.example"))
                    .expectResultMessagePayload(4L);
        }

        @Test
        @DisplayName("choosing the current primary domain changes nothing")
        void samePrimaryIsNoOp() {
            fixture.given(withTwoDomains())
                    .when(new SetPrimaryTenantDomainCommand(ACME, "acme.example"), from(ACME))
                    .expectNoEvents()
                    .expectResultMessagePayload(3L);
        }

        @Test
        @DisplayName("a domain the tenant does not have is not found")
        void unknownDomain() {
            fixture.given(withTwoDomains())
                    .when(new SetPrimaryTenantDomainCommand(ACME, "other.example"), from(ACME))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.NOT_FOUND));
        }
    }

    @Nested
    @DisplayName("activating and deactivating a domain")
    class DomainActivation {

        @Test
        @DisplayName("an active domain is deactivated")
        void deactivates() {
            fixture.given(withDomain())
                    .when(new DeactivateTenantDomainCommand(ACME, "Acme.Example"), from(ACME))
                    .expectEvents(new TenantDomainDeactivatedEvent(ACME, "acme.example"))
                    .expectResultMessagePayload(3L);
        }

        @Test
        @DisplayName("deactivating an inactive domain changes nothing")
        void deactivateInactiveIsNoOp() {
            fixture.given(withDomain())
                    .andGiven(new TenantDomainDeactivatedEvent(ACME, "acme.example"))
                    .when(new DeactivateTenantDomainCommand(ACME, "acme.example"), from(ACME))
                    .expectNoEvents()
                    .expectResultMessagePayload(3L);
        }

        @Test
        @DisplayName("an inactive domain is activated")
        void activates() {
            fixture.given(withDomain())
                    .andGiven(new TenantDomainDeactivatedEvent(ACME, "acme.example"))
                    .when(new ActivateTenantDomainCommand(ACME, "acme.example"), from(ACME))
                    .expectEvents(new TenantDomainActivatedEvent(ACME, "acme.example"))
                    .expectResultMessagePayload(4L);
        }

        @Test
        @DisplayName("activating an active domain changes nothing")
        void activateActiveIsNoOp() {
            fixture.given(withDomain())
                    .when(new ActivateTenantDomainCommand(ACME, "acme.example"), from(ACME))
                    .expectNoEvents()
                    .expectResultMessagePayload(2L);
        }

        @Test
        @DisplayName("activating a domain the tenant does not have is not found")
        void activateUnknown() {
            fixture.given(withDomain())
                    .when(new ActivateTenantDomainCommand(ACME, "other.example"), from(ACME))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.NOT_FOUND));
        }

        @Test
        @DisplayName("deactivating a domain the tenant does not have is not found")
        void deactivateUnknown() {
            fixture.given(withDomain())
                    .when(new DeactivateTenantDomainCommand(ACME, "other.example"), from(ACME))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.NOT_FOUND));
        }
    }

    @Nested
    @DisplayName("modules")
    class Modules {

        private TenantRegisteredEvent withStorefrontOnly() {
            return new TenantRegisteredEvent(ACME, "Acme", "acme", EnumSet.of(TenantModule.STOREFRONT));
        }

        @Test
        @DisplayName("a disabled module is enabled")
        void enables() {
            fixture.given(withStorefrontOnly())
                    .when(new EnableTenantModuleCommand(ACME, TenantModule.CRM), from(ACME))
                    .expectEvents(new TenantModuleEnabledEvent(ACME, TenantModule.CRM))
                    .expectResultMessagePayload(1L);
        }

        @Test
        @DisplayName("enabling an enabled module changes nothing")
        void enableEnabledIsNoOp() {
            fixture.given(withStorefrontOnly())
                    .when(new EnableTenantModuleCommand(ACME, TenantModule.STOREFRONT), from(ACME))
                    .expectNoEvents()
                    .expectResultMessagePayload(0L);
        }

        @Test
        @DisplayName("an enabled module is disabled")
        void disables() {
            fixture.given(withStorefrontOnly())
                    .when(new DisableTenantModuleCommand(ACME, TenantModule.STOREFRONT), from(ACME))
                    .expectEvents(new TenantModuleDisabledEvent(ACME, TenantModule.STOREFRONT))
                    .expectResultMessagePayload(1L);
        }

        @Test
        @DisplayName("disabling a disabled module changes nothing")
        void disableDisabledIsNoOp() {
            fixture.given(withStorefrontOnly())
                    .when(new DisableTenantModuleCommand(ACME, TenantModule.BILLING), from(ACME))
                    .expectNoEvents()
                    .expectResultMessagePayload(0L);
        }
    }

    @Nested
    @DisplayName("suspending and reactivating")
    class Suspension {

        @Test
        @DisplayName("the platform suspends a tenant and records why")
        void suspends() {
            fixture.given(registered())
                    .when(new SuspendTenantCommand(ACME, "unpaid invoices"), from(PLATFORM))
                    .expectEvents(new TenantSuspendedEvent(ACME, "unpaid invoices"))
                    .expectResultMessagePayload(1L);
        }

        @Test
        @DisplayName("suspending a suspended tenant changes nothing")
        void suspendSuspendedIsNoOp() {
            fixture.given(registered(), new TenantSuspendedEvent(ACME, null))
                    .when(new SuspendTenantCommand(ACME, "again"), from(PLATFORM))
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }

        @Test
        @DisplayName("a tenant cannot suspend itself")
        void tenantCannotSuspend() {
            fixture.given(registered())
                    .when(new SuspendTenantCommand(ACME, null), from(ACME))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.FORBIDDEN));
        }

        @Test
        @DisplayName("a reason longer than 500 characters is refused as invalid")
        void reasonTooLong() {
            fixture.given(registered())
                    .when(new SuspendTenantCommand(ACME, "x".repeat(501)), from(PLATFORM))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.VALIDATION_FAILED));
        }

        @Test
        @DisplayName("the platform reactivates a suspended tenant")
        void reactivates() {
            fixture.given(registered(), new TenantSuspendedEvent(ACME, null))
                    .when(new ReactivateTenantCommand(ACME), from(PLATFORM))
                    .expectEvents(new TenantReactivatedEvent(ACME))
                    .expectResultMessagePayload(2L);
        }

        @Test
        @DisplayName("reactivating an active tenant changes nothing")
        void reactivateActiveIsNoOp() {
            fixture.given(registered())
                    .when(new ReactivateTenantCommand(ACME), from(PLATFORM))
                    .expectNoEvents()
                    .expectResultMessagePayload(0L);
        }

        @Test
        @DisplayName("a suspended tenant cannot reactivate itself")
        void tenantCannotReactivate() {
            fixture.given(registered(), new TenantSuspendedEvent(ACME, null))
                    .when(new ReactivateTenantCommand(ACME), from(ACME))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.FORBIDDEN));
        }
    }

    @Nested
    @DisplayName("the tenant guard")
    class Guard {

        static Stream<Arguments> commandsOnAcme() {
            return Stream.of(
                            new AddTenantDomainCommand(ACME, "new.example"),
                            new RemoveTenantDomainCommand(ACME, "acme.example"),
                            new SetPrimaryTenantDomainCommand(ACME, "acme.example"),
                            new ActivateTenantDomainCommand(ACME, "acme.example"),
                            new DeactivateTenantDomainCommand(ACME, "acme.example"),
                            new EnableTenantModuleCommand(ACME, TenantModule.CRM),
                            new DisableTenantModuleCommand(ACME, TenantModule.CRM),
                            new SuspendTenantCommand(ACME, null),
                            new ReactivateTenantCommand(ACME))
                    .map(command -> Arguments.of(Named.of(command.getClass().getSimpleName(), command)));
        }

        @ParameterizedTest(name = "{0} from another tenant behaves as if the tenant did not exist")
        @MethodSource("commandsOnAcme")
        @DisplayName("a command from another tenant behaves as if the tenant did not exist")
        void otherTenant(Object command) {
            fixture.given(withDomain())
                    .when(command, from(GLOBEX))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }

        @Test
        @DisplayName("a command that names no tenant behaves as if the tenant did not exist")
        void noTenant() {
            fixture.given(withDomain())
                    .when(new AddTenantDomainCommand(ACME, "new.example"))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }

        @Test
        @DisplayName("the platform manages a tenant's domains as the tenant's own staff can")
        void platformIsAdmitted() {
            fixture.given(withDomain())
                    .when(new AddTenantDomainCommand(ACME, "new.example"), from(PLATFORM))
                    .expectEvents(new TenantDomainAddedEvent(ACME, "new.example"))
                    .expectResultMessagePayload(3L);
        }
    }

    private static Arguments invalid(String description, RegisterTenantCommand command) {
        return Arguments.of(Named.of(description, command));
    }
}
