package dev.tenantcore.command.tenancy;

import static dev.tenantcore.command.common.CommandFixtures.ACME;
import static dev.tenantcore.command.common.CommandFixtures.GLOBEX;
import static dev.tenantcore.command.common.CommandFixtures.assertAccepted;
import static dev.tenantcore.command.common.CommandFixtures.assertRefused;
import static dev.tenantcore.command.common.CommandFixtures.assertUnchanged;
import static dev.tenantcore.command.common.CommandFixtures.from;
import static dev.tenantcore.command.common.CommandFixtures.invalid;
import static dev.tenantcore.command.common.CommandFixtures.refusedWith;
import static dev.tenantcore.command.common.Refusals.refusal;
import static dev.tenantcore.command.common.Refusals.refusedAsInvalid;
import static dev.tenantcore.command.common.Transitions.transition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.axonframework.test.matchers.Matchers.predicate;

import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.media.MediaEntityType;
import dev.tenantcore.api.media.MediaId;
import dev.tenantcore.api.tenancy.ActivateTenantDomainCommand;
import dev.tenantcore.api.tenancy.AddTenantDomainCommand;
import dev.tenantcore.api.tenancy.ChangeTenantModulesCommand;
import dev.tenantcore.api.tenancy.ChangeTenantSettingsCommand;
import dev.tenantcore.api.tenancy.CheckoutSettings;
import dev.tenantcore.api.tenancy.CloseTenantCommand;
import dev.tenantcore.api.tenancy.DeactivateTenantDomainCommand;
import dev.tenantcore.api.tenancy.DisableTenantModuleCommand;
import dev.tenantcore.api.tenancy.DomainOwnershipCheck;
import dev.tenantcore.api.tenancy.EnableTenantModuleCommand;
import dev.tenantcore.api.tenancy.ReactivateTenantCommand;
import dev.tenantcore.api.tenancy.RegisterTenantCommand;
import dev.tenantcore.api.tenancy.ReleaseTenantDomainClaimCommand;
import dev.tenantcore.api.tenancy.RemoveTenantDomainCommand;
import dev.tenantcore.api.tenancy.RenameTenantCommand;
import dev.tenantcore.api.tenancy.SetPrimaryTenantDomainCommand;
import dev.tenantcore.api.tenancy.ShredTenantKeysCommand;
import dev.tenantcore.api.tenancy.SuspendTenantCommand;
import dev.tenantcore.api.tenancy.TenantBranding;
import dev.tenantcore.api.tenancy.TenantClosedEvent;
import dev.tenantcore.api.tenancy.TenantDomainActivatedEvent;
import dev.tenantcore.api.tenancy.TenantDomainAddedEvent;
import dev.tenantcore.api.tenancy.TenantDomainClaimReleasedEvent;
import dev.tenantcore.api.tenancy.TenantDomainDeactivatedEvent;
import dev.tenantcore.api.tenancy.TenantDomainRemovedEvent;
import dev.tenantcore.api.tenancy.TenantDomainVerifiedEvent;
import dev.tenantcore.api.tenancy.TenantKeysShreddedEvent;
import dev.tenantcore.api.tenancy.TenantModule;
import dev.tenantcore.api.tenancy.TenantModuleDisabledEvent;
import dev.tenantcore.api.tenancy.TenantModuleEnabledEvent;
import dev.tenantcore.api.tenancy.TenantModulePreset;
import dev.tenantcore.api.tenancy.TenantPrimaryDomainChangedEvent;
import dev.tenantcore.api.tenancy.TenantReactivatedEvent;
import dev.tenantcore.api.tenancy.TenantRegisteredEvent;
import dev.tenantcore.api.tenancy.TenantRenamedEvent;
import dev.tenantcore.api.tenancy.TenantSettings;
import dev.tenantcore.api.tenancy.TenantSettingsChangedEvent;
import dev.tenantcore.api.tenancy.TenantSuspendedEvent;
import dev.tenantcore.api.tenancy.VerifyTenantDomainCommand;
import dev.tenantcore.command.common.MediaLookup;
import dev.tenantcore.command.common.Refusals;
import dev.tenantcore.command.common.TenantFacts;
import dev.tenantcore.command.common.Transitions;
import dev.tenantcore.command.common.UniqueKeys.Scope;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Tenant")
class TenantTest extends TenantAggregateTest implements Transitions, Refusals {

    private static final TenantId PLATFORM = TenantId.PLATFORM;
    private static final Set<TenantModule> ALL_MODULES = EnumSet.allOf(TenantModule.class);

    @Override
    public FixtureConfiguration<Tenant> fixture() {
        return fixture;
    }

    /** The platform administers tenants: it sends the commands of both tables. */
    @Override
    public TenantId sender() {
        return PLATFORM;
    }

    /** What switching modules, suspending, reactivating and renaming a tenant record. */
    static Stream<Arguments> transitions() {
        List<Object> full = List.of(registered());
        List<Object> storefrontOnly =
                List.of(new TenantRegisteredEvent(ACME, "Acme", "acme", EnumSet.of(TenantModule.STOREFRONT)));
        List<Object> suspended = List.of(registered(), new TenantSuspendedEvent(ACME, null));
        return Stream.of(
                transition(
                        "a disabled module is enabled",
                        storefrontOnly,
                        new EnableTenantModuleCommand(ACME, null, TenantModule.CRM),
                        1L,
                        new TenantModuleEnabledEvent(ACME, TenantModule.CRM)),
                transition(
                        "enabling an enabled module changes nothing",
                        storefrontOnly,
                        new EnableTenantModuleCommand(ACME, null, TenantModule.STOREFRONT),
                        0L),
                transition(
                        "an enabled module is disabled",
                        storefrontOnly,
                        new DisableTenantModuleCommand(ACME, null, TenantModule.STOREFRONT),
                        1L,
                        new TenantModuleDisabledEvent(ACME, TenantModule.STOREFRONT)),
                transition(
                        "disabling a disabled module changes nothing",
                        storefrontOnly,
                        new DisableTenantModuleCommand(ACME, null, TenantModule.BILLING),
                        0L),
                transition(
                        "a preset enables and disables exactly the modules that differ, in module order (CRM only)",
                        full,
                        new ChangeTenantModulesCommand(ACME, null, TenantModulePreset.CRM_ONLY.modules()),
                        3L,
                        new TenantModuleDisabledEvent(ACME, TenantModule.STOREFRONT),
                        new TenantModuleDisabledEvent(ACME, TenantModule.BILLING),
                        new TenantModuleDisabledEvent(ACME, TenantModule.AUTOMATIONS)),
                transition(
                        "a preset enables and disables exactly the modules that differ, in module order (billing only)",
                        storefrontOnly,
                        new ChangeTenantModulesCommand(ACME, null, TenantModulePreset.BILLING_ONLY.modules()),
                        2L,
                        new TenantModuleDisabledEvent(ACME, TenantModule.STOREFRONT),
                        new TenantModuleEnabledEvent(ACME, TenantModule.BILLING)),
                transition(
                        "choosing the modules a tenant already has changes nothing",
                        full,
                        new ChangeTenantModulesCommand(ACME, null, TenantModulePreset.FULL.modules()),
                        0L),
                transition(
                        "an empty choice switches every module off",
                        storefrontOnly,
                        new ChangeTenantModulesCommand(ACME, null, Set.of()),
                        1L,
                        new TenantModuleDisabledEvent(ACME, TenantModule.STOREFRONT)),
                transition(
                        "the platform suspends a tenant and records why",
                        full,
                        new SuspendTenantCommand(ACME, null, "unpaid invoices"),
                        1L,
                        new TenantSuspendedEvent(ACME, "unpaid invoices")),
                transition(
                        "suspending a suspended tenant changes nothing",
                        suspended,
                        new SuspendTenantCommand(ACME, null, "again"),
                        1L),
                transition(
                        "the platform reactivates a suspended tenant",
                        suspended,
                        new ReactivateTenantCommand(ACME, null),
                        2L,
                        new TenantReactivatedEvent(ACME)),
                transition(
                        "reactivating an active tenant changes nothing",
                        full,
                        new ReactivateTenantCommand(ACME, null),
                        0L),
                transition(
                        "the platform renames a tenant",
                        full,
                        new RenameTenantCommand(ACME, null, "  Acme Ltd  "),
                        1L,
                        new TenantRenamedEvent(ACME, "Acme Ltd")),
                transition(
                        "renaming to the current name changes nothing",
                        full,
                        new RenameTenantCommand(ACME, null, "Acme"),
                        0L));
    }

    /** What registering, switching modules, suspending and renaming a tenant refuse as invalid. */
    static Stream<Arguments> refusals() {
        List<Object> full = List.of(registered());
        List<Object> storefrontOnly =
                List.of(new TenantRegisteredEvent(ACME, "Acme", "acme", EnumSet.of(TenantModule.STOREFRONT)));
        return Stream.concat(
                refusedAsInvalid("registering", PLATFORM, List.of(), invalidRegistrations()),
                Stream.of(
                        refusal(
                                "modules: a missing choice is refused as invalid",
                                storefrontOnly,
                                new ChangeTenantModulesCommand(ACME, null, null),
                                ErrorCode.VALIDATION_FAILED),
                        refusal(
                                "suspending: a reason longer than 500 characters is refused as invalid",
                                full,
                                new SuspendTenantCommand(ACME, null, "x".repeat(501)),
                                ErrorCode.VALIDATION_FAILED),
                        refusal(
                                "renaming: a blank name is refused as invalid",
                                full,
                                new RenameTenantCommand(ACME, null, " "),
                                ErrorCode.VALIDATION_FAILED)));
    }

    static Stream<Arguments> invalidRegistrations() {
        return Stream.of(
                invalid("a blank name", new RegisterTenantCommand(ACME, " ", "acme", null, null)),
                invalid("a missing name", new RegisterTenantCommand(ACME, null, "acme", null, null)),
                invalid(
                        "a name of 201 characters",
                        new RegisterTenantCommand(ACME, "a".repeat(201), "acme", null, null)),
                invalid("a slug with capitals", new RegisterTenantCommand(ACME, "Acme", "Acme", null, null)),
                invalid("a slug that starts with a dash", new RegisterTenantCommand(ACME, "Acme", "-acme", null, null)),
                invalid("a missing slug", new RegisterTenantCommand(ACME, "Acme", null, null, null)),
                invalid(
                        "a domain without a dot",
                        new RegisterTenantCommand(ACME, "Acme", "acme", List.of("localhost"), null)),
                invalid(
                        "a domain with a space",
                        new RegisterTenantCommand(ACME, "Acme", "acme", List.of("acme .example"), null)));
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
            new TenantDomainAddedEvent(ACME, "acme.example", null),
            new TenantPrimaryDomainChangedEvent(ACME, "acme.example")
        };
    }

    /** Acme with primary domain acme.example and second domain shop.acme.example: version 3. */
    private Object[] withTwoDomains() {
        keys.claimed(Scope.DOMAIN, "acme.example", ACME.value());
        keys.claimed(Scope.DOMAIN, "shop.acme.example", ACME.value());
        return new Object[] {
            registered(),
            new TenantDomainAddedEvent(ACME, "acme.example", null),
            new TenantPrimaryDomainChangedEvent(ACME, "acme.example"),
            new TenantDomainAddedEvent(ACME, "shop.acme.example", null)
        };
    }

    /**
     * Only the platform registers and administers tenants: a tenant sending one of these commands,
     * about itself or another tenant, is refused as forbidden after a history in which the
     * platform's same command would succeed.
     */
    static Stream<Arguments> platformCommands() {
        TenantRegisteredEvent storefrontOnly =
                new TenantRegisteredEvent(ACME, "Acme", "acme", EnumSet.of(TenantModule.STOREFRONT));
        return Stream.of(
                sentByTenant(
                        "a tenant cannot register tenants",
                        GLOBEX,
                        List.of(),
                        new RegisterTenantCommand(ACME, "Acme", "acme", null, null)),
                sentByTenant(
                        "a tenant cannot enable its own modules",
                        ACME,
                        List.of(storefrontOnly),
                        new EnableTenantModuleCommand(ACME, null, TenantModule.CRM)),
                sentByTenant(
                        "a tenant cannot disable its own modules",
                        ACME,
                        List.of(storefrontOnly),
                        new DisableTenantModuleCommand(ACME, null, TenantModule.STOREFRONT)),
                sentByTenant(
                        "a tenant cannot choose its own modules",
                        ACME,
                        List.of(storefrontOnly),
                        new ChangeTenantModulesCommand(ACME, null, ALL_MODULES)),
                sentByTenant(
                        "a tenant cannot suspend itself",
                        ACME,
                        List.of(registered()),
                        new SuspendTenantCommand(ACME, null, null)),
                sentByTenant(
                        "a suspended tenant cannot reactivate itself",
                        ACME,
                        List.of(registered(), new TenantSuspendedEvent(ACME, null)),
                        new ReactivateTenantCommand(ACME, null)),
                sentByTenant(
                        "a tenant cannot rename itself",
                        ACME,
                        List.of(registered()),
                        new RenameTenantCommand(ACME, null, "Mine now")));
    }

    private static Arguments sentByTenant(String description, TenantId sender, List<Object> history, Object command) {
        return Arguments.of(Named.of(description, command), sender, history);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("platformCommands")
    @DisplayName("a platform command sent by a tenant is refused as forbidden and records nothing")
    void platformCommandFromATenant(Object command, TenantId sender, List<Object> history) {
        assertRefused(fixture.given(history), command, sender, ErrorCode.FORBIDDEN);
    }

    @Nested
    @DisplayName("registering")
    class Registering {

        @Test
        @DisplayName(
                "the platform registers a tenant with every module when none are chosen, claims its slug and answers version 0")
        void registersWithEveryModule() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterTenantCommand(ACME, "  Acme  ", "acme", null, null), from(PLATFORM))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(0L)
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
        @DisplayName(
                "domains are lower-cased, de-duplicated and claimed, the first one becomes primary, and the answer is the version reached")
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
                    .expectResultMessagePayload(3L)
                    .expectEvents(
                            new TenantRegisteredEvent(ACME, "Acme", "acme", ALL_MODULES),
                            new TenantDomainAddedEvent(ACME, "shop.acme.example", null),
                            new TenantDomainAddedEvent(ACME, "acme.example", null),
                            new TenantPrimaryDomainChangedEvent(ACME, "shop.acme.example"));

            assertThat(keys.ownerOf(Scope.DOMAIN, "shop.acme.example")).contains(ACME.value());
            assertThat(keys.ownerOf(Scope.DOMAIN, "acme.example")).contains(ACME.value());
        }

        @Test
        @DisplayName("a command that names no caller cannot register tenants")
        void anonymousCannotRegister() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterTenantCommand(ACME, "Acme", "acme", null, null))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.FORBIDDEN));
        }

        @Test
        @DisplayName("a slug that another tenant holds is refused as taken")
        void slugTaken() {
            keys.claimed(Scope.TENANT_SLUG, "acme", GLOBEX.value());

            assertRefused(
                    fixture.givenNoPriorActivity(),
                    new RegisterTenantCommand(ACME, "Acme", "acme", null, null),
                    PLATFORM,
                    ErrorCode.SLUG_TAKEN);
        }

        @Test
        @DisplayName("a domain that another tenant holds is refused as taken")
        void domainTaken() {
            keys.claimed(Scope.DOMAIN, "acme.example", GLOBEX.value());

            assertRefused(
                    fixture.givenNoPriorActivity(),
                    new RegisterTenantCommand(ACME, "Acme", "acme", List.of("new.example", "acme.example"), null),
                    PLATFORM,
                    ErrorCode.DOMAIN_TAKEN);
        }
    }

    @Nested
    @DisplayName("adding a domain")
    class AddingDomains {

        @Test
        @DisplayName("the platform's first domain is lower-cased, claimed, trusted and becomes the primary domain")
        void firstDomainBecomesPrimary() {
            assertAccepted(
                    fixture.given(registered()),
                    new AddTenantDomainCommand(ACME, null, "Acme.Example"),
                    PLATFORM,
                    2L,
                    new TenantDomainAddedEvent(ACME, "acme.example", null),
                    new TenantPrimaryDomainChangedEvent(ACME, "acme.example"));

            assertThat(keys.ownerOf(Scope.DOMAIN, "acme.example")).contains(ACME.value());
        }

        @Test
        @DisplayName("a further platform domain leaves the primary domain as it is")
        void furtherDomain() {
            assertAccepted(
                    fixture.given(withDomain()),
                    new AddTenantDomainCommand(ACME, null, "shop.acme.example"),
                    PLATFORM,
                    3L,
                    new TenantDomainAddedEvent(ACME, "shop.acme.example", null));
        }

        @Test
        @DisplayName("after the last domain was removed, the platform's next domain becomes primary again")
        void primaryAgainAfterRemoval() {
            assertAccepted(
                    fixture.given(withDomain()).andGiven(new TenantDomainRemovedEvent(ACME, "acme.example")),
                    new AddTenantDomainCommand(ACME, null, "new.example"),
                    PLATFORM,
                    5L,
                    new TenantDomainAddedEvent(ACME, "new.example", null),
                    new TenantPrimaryDomainChangedEvent(ACME, "new.example"));
        }

        @Test
        @DisplayName("a domain the tenant adds itself is claimed with a fresh verification token, and is not primary")
        void tenantDomainWaitsForVerification() {
            fixture.given(registered())
                    .when(new AddTenantDomainCommand(ACME, null, "Shop.Acme.Example"), from(ACME))
                    .expectEventsMatching(
                            payloadsMatching(exactSequenceOf(tokenizedDomainAdded("shop.acme.example"), andNoMore())))
                    .expectResultMessagePayload(1L);

            assertThat(claims.unverifiedToken("shop.acme.example", ACME)).isPresent();
            assertThat(keys.ownerOf(Scope.DOMAIN, "shop.acme.example"))
                    .as("an unverified claim holds the name for nobody")
                    .isEmpty();
        }

        @Test
        @DisplayName("a domain another tenant only claimed unverified can be claimed too, with a token of its own")
        void unverifiedClaimBlocksNobody() {
            claims.claimed("brand.example", GLOBEX, "token-of-globex", claims.now);

            fixture.given(registered())
                    .when(new AddTenantDomainCommand(ACME, null, "brand.example"), from(ACME))
                    .expectEventsMatching(
                            payloadsMatching(exactSequenceOf(tokenizedDomainAdded("brand.example"), andNoMore())));

            assertThat(claims.has("brand.example", GLOBEX)).isTrue();
            assertThat(claims.unverifiedToken("brand.example", ACME))
                    .hasValueSatisfying(token -> assertThat(token).isNotEqualTo("token-of-globex"));
        }

        @Test
        @DisplayName("the platform's domain ends other tenants' unverified claims on it, and they are told")
        void platformDomainEndsUnverifiedClaims() {
            claims.claimed("brand.example", GLOBEX, "token-of-globex", claims.now);

            assertAccepted(
                    fixture.given(registered()),
                    new AddTenantDomainCommand(ACME, null, "brand.example"),
                    PLATFORM,
                    2L,
                    new TenantDomainAddedEvent(ACME, "brand.example", null),
                    new TenantPrimaryDomainChangedEvent(ACME, "brand.example"));

            assertThat(claims.has("brand.example", GLOBEX)).isFalse();
            assertThat(claims.told).containsExactly(new DomainClaims.Claim(GLOBEX, "brand.example"));
            assertThat(keys.ownerOf(Scope.DOMAIN, "brand.example")).contains(ACME.value());
        }

        @Test
        @DisplayName("every domain a tenant adds gets a different token")
        void tokensDiffer() {
            List<String> tokens = new java.util.ArrayList<>();
            for (String domain : List.of("one.acme.example", "two.acme.example")) {
                fixture.given(registered())
                        .when(new AddTenantDomainCommand(ACME, null, domain), from(ACME))
                        .expectEventsMatching(payloadsMatching(exactSequenceOf(
                                predicate((TenantDomainAddedEvent e) -> tokens.add(e.verificationToken())),
                                andNoMore())));
            }
            assertThat(tokens)
                    .hasSize(2)
                    .doesNotHaveDuplicates()
                    .allSatisfy(t -> assertThat(t).hasSizeGreaterThanOrEqualTo(32));
        }

        @Test
        @DisplayName("adding a domain the tenant already has changes nothing")
        void knownDomainIsNoOp() {
            assertUnchanged(
                    fixture.given(withDomain()), new AddTenantDomainCommand(ACME, null, "ACME.example"), ACME, 2L);
        }

        @Test
        @DisplayName("a domain that another tenant holds is refused as taken")
        void domainTaken() {
            keys.claimed(Scope.DOMAIN, "globex.example", GLOBEX.value());

            assertRefused(
                    fixture.given(withDomain()),
                    new AddTenantDomainCommand(ACME, null, "globex.example"),
                    ACME,
                    ErrorCode.DOMAIN_TAKEN);
        }

        @Test
        @DisplayName("a malformed domain is refused as invalid")
        void malformedDomain() {
            assertRefused(
                    fixture.given(withDomain()),
                    new AddTenantDomainCommand(ACME, null, "not a domain"),
                    ACME,
                    ErrorCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("a tenant with the most domains allowed must remove one before adding another")
        void atMostTwentyDomains() {
            List<Object> history = new java.util.ArrayList<>(List.of(registered()));
            for (int i = 0; i < Tenant.MAX_DOMAINS; i++) {
                history.add(new TenantDomainAddedEvent(ACME, "d" + i + ".acme.example", null));
            }
            assertRefused(
                    fixture.given(history),
                    new AddTenantDomainCommand(ACME, null, "one-more.acme.example"),
                    PLATFORM,
                    ErrorCode.INVALID_STATE);

            assertThat(keys.ownerOf(Scope.DOMAIN, "one-more.acme.example")).isEmpty();
        }
    }

    @Nested
    @DisplayName("verifying a domain")
    class VerifyingDomains {

        private static final String TOKEN = "token-of-acme-for-shop-acme-example";

        /** Acme with its primary acme.example and the unverified shop.acme.example: version 3. */
        private Object[] withUnverifiedDomain() {
            keys.claimed(Scope.DOMAIN, "acme.example", ACME.value());
            claims.claimed("shop.acme.example", ACME, TOKEN, claims.now);
            return new Object[] {
                registered(),
                new TenantDomainAddedEvent(ACME, "acme.example", null),
                new TenantPrimaryDomainChangedEvent(ACME, "acme.example"),
                new TenantDomainAddedEvent(ACME, "shop.acme.example", TOKEN)
            };
        }

        @Test
        @DisplayName("a domain that serves the tenant's token is verified, takes the name, and stays inactive until "
                + "activated")
        void verifies() {
            assertAccepted(
                    fixture.given(withUnverifiedDomain()),
                    new VerifyTenantDomainCommand(ACME, null, "SHOP.acme.example", DomainOwnershipCheck.served(TOKEN)),
                    ACME,
                    4L,
                    new TenantDomainVerifiedEvent(ACME, "shop.acme.example"));

            assertThat(keys.ownerOf(Scope.DOMAIN, "shop.acme.example")).contains(ACME.value());
            assertThat(claims.has("shop.acme.example", ACME)).isFalse();
            assertThat(claims.told).isEmpty();
        }

        @Test
        @DisplayName("proving a domain ends every other tenant's unverified claim on it, and they are told")
        void provingEndsOtherClaims() {
            claims.claimed("shop.acme.example", GLOBEX, "token-of-globex", claims.now);

            assertAccepted(
                    fixture.given(withUnverifiedDomain()),
                    new VerifyTenantDomainCommand(ACME, null, "shop.acme.example", DomainOwnershipCheck.served(TOKEN)),
                    ACME,
                    4L,
                    new TenantDomainVerifiedEvent(ACME, "shop.acme.example"));

            assertThat(claims.has("shop.acme.example", GLOBEX)).isFalse();
            assertThat(claims.told).containsExactly(new DomainClaims.Claim(GLOBEX, "shop.acme.example"));
        }

        @Test
        @DisplayName("a domain another tenant proved first is refused as taken, and nothing is recorded")
        void provenElsewhereFirst() {
            keys.claimed(Scope.DOMAIN, "shop.acme.example", GLOBEX.value());

            assertRefused(
                    fixture.given(withUnverifiedDomain()),
                    new VerifyTenantDomainCommand(ACME, null, "shop.acme.example", DomainOwnershipCheck.served(TOKEN)),
                    ACME,
                    ErrorCode.DOMAIN_TAKEN);
            assertThat(keys.ownerOf(Scope.DOMAIN, "shop.acme.example")).contains(GLOBEX.value());
        }

        @Test
        @DisplayName("a check of another token, or no check at all, proves nothing")
        void checkOfAnotherTokenProvesNothing() {
            assertRefused(
                    fixture.given(withUnverifiedDomain()),
                    new VerifyTenantDomainCommand(
                            ACME, null, "shop.acme.example", DomainOwnershipCheck.served("someone-elses-token")),
                    ACME,
                    ErrorCode.DOMAIN_VERIFICATION_FAILED);
            assertRefused(
                    fixture.given(withUnverifiedDomain()),
                    new VerifyTenantDomainCommand(ACME, null, "shop.acme.example", null),
                    ACME,
                    ErrorCode.DOMAIN_VERIFICATION_FAILED);
            assertThat(keys.ownerOf(Scope.DOMAIN, "shop.acme.example")).isEmpty();
        }

        @Test
        @DisplayName("the first verified domain of a tenant without a primary domain becomes primary")
        void firstVerifiedBecomesPrimary() {
            claims.claimed("shop.acme.example", ACME, TOKEN, claims.now);

            assertAccepted(
                    fixture.given(registered(), new TenantDomainAddedEvent(ACME, "shop.acme.example", TOKEN)),
                    new VerifyTenantDomainCommand(ACME, null, "shop.acme.example", DomainOwnershipCheck.served(TOKEN)),
                    ACME,
                    3L,
                    new TenantDomainVerifiedEvent(ACME, "shop.acme.example"),
                    new TenantPrimaryDomainChangedEvent(ACME, "shop.acme.example"));
        }

        @Test
        @DisplayName("a failed check is refused with domain_verification_failed and records nothing")
        void failedCheck() {
            assertRefused(
                    fixture.given(withUnverifiedDomain()),
                    new VerifyTenantDomainCommand(
                            ACME,
                            null,
                            "shop.acme.example",
                            DomainOwnershipCheck.failed(TOKEN, "the token is missing")),
                    ACME,
                    ErrorCode.DOMAIN_VERIFICATION_FAILED);
        }

        @Test
        @DisplayName("verifying a verified domain changes nothing (and the endpoint fetches nothing: "
                + "DomainVerificationTest)")
        void verifiedIsNoOp() {
            assertUnchanged(
                    fixture.given(withUnverifiedDomain())
                            .andGiven(new TenantDomainVerifiedEvent(ACME, "shop.acme.example")),
                    new VerifyTenantDomainCommand(ACME, null, "shop.acme.example", null),
                    ACME,
                    4L);
        }

        @Test
        @DisplayName("verifying a domain the tenant does not have is not found")
        void unknownDomain() {
            assertRefused(
                    fixture.given(withUnverifiedDomain()),
                    new VerifyTenantDomainCommand(ACME, null, "other.example", null),
                    ACME,
                    ErrorCode.NOT_FOUND);
        }

        @Test
        @DisplayName("an unverified domain cannot be activated")
        void unverifiedCannotBeActivated() {
            assertRefused(
                    fixture.given(withUnverifiedDomain()),
                    new ActivateTenantDomainCommand(ACME, null, "shop.acme.example"),
                    PLATFORM,
                    ErrorCode.INVALID_STATE);
        }

        @Test
        @DisplayName("an unverified domain cannot be made primary")
        void unverifiedCannotBePrimary() {
            assertRefused(
                    fixture.given(withUnverifiedDomain()),
                    new SetPrimaryTenantDomainCommand(ACME, null, "shop.acme.example"),
                    ACME,
                    ErrorCode.INVALID_STATE);
        }

        @Test
        @DisplayName("a verified domain is activated and can be made primary")
        void verifiedIsActivatedAndMadePrimary() {
            assertAccepted(
                    fixture.given(withUnverifiedDomain())
                            .andGiven(new TenantDomainVerifiedEvent(ACME, "shop.acme.example")),
                    new ActivateTenantDomainCommand(ACME, null, "shop.acme.example"),
                    ACME,
                    5L,
                    new TenantDomainActivatedEvent(ACME, "shop.acme.example"));

            assertAccepted(
                    fixture.given(withUnverifiedDomain())
                            .andGiven(new TenantDomainVerifiedEvent(ACME, "shop.acme.example")),
                    new SetPrimaryTenantDomainCommand(ACME, null, "shop.acme.example"),
                    ACME,
                    5L,
                    new TenantPrimaryDomainChangedEvent(ACME, "shop.acme.example"));
        }

        @Test
        @DisplayName("an unverified domain can be removed, which releases it")
        void unverifiedIsRemoved() {
            assertAccepted(
                    fixture.given(withUnverifiedDomain()),
                    new RemoveTenantDomainCommand(ACME, null, "shop.acme.example"),
                    ACME,
                    4L,
                    new TenantDomainRemovedEvent(ACME, "shop.acme.example"));

            assertThat(keys.ownerOf(Scope.DOMAIN, "shop.acme.example")).isEmpty();
            assertThat(claims.has("shop.acme.example", ACME)).isFalse();
        }
    }

    @Nested
    @DisplayName("releasing a lapsed unverified claim")
    class ReleasingClaims {

        private static final String TOKEN = "token-of-acme-for-brand-example";

        /** Acme with the unverified brand.example, claimed at the claims' clock: version 1. */
        private Object[] withClaim() {
            claims.claimed("brand.example", ACME, TOKEN, claims.now);
            return new Object[] {registered(), new TenantDomainAddedEvent(ACME, "brand.example", TOKEN)};
        }

        @Test
        @DisplayName("a claim older than the expiry is released as expired and leaves the tenant's domains")
        void expired() {
            Object[] history = withClaim();
            claims.now = claims.now.plus(InMemoryDomainClaims.EXPIRY).plusSeconds(60);

            assertAccepted(
                    fixture.given(history),
                    new ReleaseTenantDomainClaimCommand(ACME, "brand.example"),
                    ACME,
                    2L,
                    new TenantDomainClaimReleasedEvent(
                            ACME, "brand.example", TenantDomainClaimReleasedEvent.Reason.EXPIRED));

            assertThat(claims.has("brand.example", ACME)).isFalse();
        }

        @Test
        @DisplayName("a claim that another tenant's proof ended is released as proven elsewhere")
        void provenElsewhere() {
            Object[] history = withClaim();
            claims.release("brand.example", ACME);

            assertAccepted(
                    fixture.given(history),
                    new ReleaseTenantDomainClaimCommand(ACME, "brand.example"),
                    ACME,
                    2L,
                    new TenantDomainClaimReleasedEvent(
                            ACME, "brand.example", TenantDomainClaimReleasedEvent.Reason.PROVEN_ELSEWHERE));
        }

        @Test
        @DisplayName("a claim younger than the expiry stands")
        void standing() {
            Object[] history = withClaim();
            claims.now = claims.now.plus(InMemoryDomainClaims.EXPIRY).minusSeconds(60);

            assertUnchanged(
                    fixture.given(history), new ReleaseTenantDomainClaimCommand(ACME, "brand.example"), ACME, 1L);
            assertThat(claims.has("brand.example", ACME)).isTrue();
        }

        @Test
        @DisplayName("a verified domain or one the tenant does not have is not released, and a stray claim is dropped")
        void verifiedOrUnknown() {
            Object[] history = withClaim();
            assertUnchanged(
                    fixture.given(history).andGiven(new TenantDomainVerifiedEvent(ACME, "brand.example")),
                    new ReleaseTenantDomainClaimCommand(ACME, "brand.example"),
                    ACME,
                    2L);
            assertThat(claims.has("brand.example", ACME)).isFalse();

            claims.claimed("stray.example", ACME, TOKEN, claims.now.minus(InMemoryDomainClaims.EXPIRY));
            assertUnchanged(
                    fixture.given(registered()), new ReleaseTenantDomainClaimCommand(ACME, "stray.example"), ACME, 0L);
            assertThat(claims.has("stray.example", ACME)).isFalse();
        }

        @Test
        @DisplayName("after its release, the domain is no longer the tenant's")
        void releasedIsGone() {
            assertRefused(
                    fixture.given(withClaim())
                            .andGiven(new TenantDomainClaimReleasedEvent(
                                    ACME, "brand.example", TenantDomainClaimReleasedEvent.Reason.EXPIRED)),
                    new VerifyTenantDomainCommand(ACME, null, "brand.example", DomainOwnershipCheck.served(TOKEN)),
                    ACME,
                    ErrorCode.NOT_FOUND);
        }

        @Test
        @DisplayName("another tenant cannot release a tenant's claim: not found")
        void otherTenantNotFound() {
            assertRefused(
                    fixture.given(withClaim()),
                    new ReleaseTenantDomainClaimCommand(ACME, "brand.example"),
                    GLOBEX,
                    AggregateNotFoundException.class);
            assertThat(claims.has("brand.example", ACME)).isTrue();
        }
    }

    @Nested
    @DisplayName("removing a domain")
    class RemovingDomains {

        @Test
        @DisplayName("a secondary domain is removed and released")
        void removesSecondary() {
            assertAccepted(
                    fixture.given(withTwoDomains()),
                    new RemoveTenantDomainCommand(ACME, null, "Shop.Acme.Example"),
                    ACME,
                    4L,
                    new TenantDomainRemovedEvent(ACME, "shop.acme.example"));

            assertThat(keys.ownerOf(Scope.DOMAIN, "shop.acme.example")).isEmpty();
            assertThat(keys.ownerOf(Scope.DOMAIN, "acme.example")).contains(ACME.value());
        }

        @Test
        @DisplayName("the primary domain cannot be removed while other domains remain")
        void primaryWhileOthersRemain() {
            assertRefused(
                    fixture.given(withTwoDomains()),
                    new RemoveTenantDomainCommand(ACME, null, "acme.example"),
                    ACME,
                    ErrorCode.INVALID_STATE);
        }

        @Test
        @DisplayName("the only domain can be removed although it is primary")
        void onlyDomain() {
            assertAccepted(
                    fixture.given(withDomain()),
                    new RemoveTenantDomainCommand(ACME, null, "acme.example"),
                    ACME,
                    3L,
                    new TenantDomainRemovedEvent(ACME, "acme.example"));

            assertThat(keys.ownerOf(Scope.DOMAIN, "acme.example")).isEmpty();
        }

        @Test
        @DisplayName("a domain the tenant does not have is not found")
        void unknownDomain() {
            assertRefused(
                    fixture.given(withDomain()),
                    new RemoveTenantDomainCommand(ACME, null, "other.example"),
                    ACME,
                    ErrorCode.NOT_FOUND);
        }
    }

    @Nested
    @DisplayName("choosing the primary domain")
    class PrimaryDomain {

        @Test
        @DisplayName("another of the tenant's domains becomes primary")
        void changesPrimary() {
            assertAccepted(
                    fixture.given(withTwoDomains()),
                    new SetPrimaryTenantDomainCommand(ACME, null, "SHOP.acme.example"),
                    ACME,
                    4L,
                    new TenantPrimaryDomainChangedEvent(ACME, "shop.acme.example"));
        }

        @Test
        @DisplayName("choosing the current primary domain changes nothing")
        void samePrimaryIsNoOp() {
            assertUnchanged(
                    fixture.given(withTwoDomains()),
                    new SetPrimaryTenantDomainCommand(ACME, null, "acme.example"),
                    ACME,
                    3L);
        }

        @Test
        @DisplayName("a domain the tenant does not have is not found")
        void unknownDomain() {
            assertRefused(
                    fixture.given(withTwoDomains()),
                    new SetPrimaryTenantDomainCommand(ACME, null, "other.example"),
                    ACME,
                    ErrorCode.NOT_FOUND);
        }
    }

    @Nested
    @DisplayName("activating and deactivating a domain")
    class DomainActivation {

        @Test
        @DisplayName("an active domain is deactivated")
        void deactivates() {
            assertAccepted(
                    fixture.given(withDomain()),
                    new DeactivateTenantDomainCommand(ACME, null, "Acme.Example"),
                    ACME,
                    3L,
                    new TenantDomainDeactivatedEvent(ACME, "acme.example"));
        }

        @Test
        @DisplayName("deactivating an inactive domain changes nothing")
        void deactivateInactiveIsNoOp() {
            assertUnchanged(
                    fixture.given(withDomain()).andGiven(new TenantDomainDeactivatedEvent(ACME, "acme.example")),
                    new DeactivateTenantDomainCommand(ACME, null, "acme.example"),
                    ACME,
                    3L);
        }

        @Test
        @DisplayName("an inactive domain is activated")
        void activates() {
            assertAccepted(
                    fixture.given(withDomain()).andGiven(new TenantDomainDeactivatedEvent(ACME, "acme.example")),
                    new ActivateTenantDomainCommand(ACME, null, "acme.example"),
                    ACME,
                    4L,
                    new TenantDomainActivatedEvent(ACME, "acme.example"));
        }

        @Test
        @DisplayName("activating an active domain changes nothing")
        void activateActiveIsNoOp() {
            assertUnchanged(
                    fixture.given(withDomain()), new ActivateTenantDomainCommand(ACME, null, "acme.example"), ACME, 2L);
        }

        @Test
        @DisplayName("activating a domain the tenant does not have is not found")
        void activateUnknown() {
            assertRefused(
                    fixture.given(withDomain()),
                    new ActivateTenantDomainCommand(ACME, null, "other.example"),
                    ACME,
                    ErrorCode.NOT_FOUND);
        }

        @Test
        @DisplayName("deactivating a domain the tenant does not have is not found")
        void deactivateUnknown() {
            assertRefused(
                    fixture.given(withDomain()),
                    new DeactivateTenantDomainCommand(ACME, null, "other.example"),
                    ACME,
                    ErrorCode.NOT_FOUND);
        }

        @Test
        @DisplayName("the primary domain cannot be deactivated while other domains remain")
        void primaryWhileOthersRemain() {
            assertRefused(
                    fixture.given(withTwoDomains()),
                    new DeactivateTenantDomainCommand(ACME, null, "acme.example"),
                    ACME,
                    ErrorCode.INVALID_STATE);
        }

        @Test
        @DisplayName("a secondary domain is deactivated")
        void secondaryIsDeactivated() {
            assertAccepted(
                    fixture.given(withTwoDomains()),
                    new DeactivateTenantDomainCommand(ACME, null, "shop.acme.example"),
                    ACME,
                    4L,
                    new TenantDomainDeactivatedEvent(ACME, "shop.acme.example"));
        }
    }

    @Nested
    @DisplayName("renaming")
    class Renaming {

        @Test
        @DisplayName("a rename against a stale version is refused and records nothing")
        void staleVersion() {
            assertRefused(
                    fixture.given(registered(), new TenantRenamedEvent(ACME, "Acme 2")),
                    new RenameTenantCommand(ACME, 0L, "Acme 3"),
                    PLATFORM,
                    ConflictingAggregateVersionException.class);
        }
    }

    @Nested
    @DisplayName("closing")
    class Closing {

        @Test
        @DisplayName("the platform closes a tenant, which releases every domain but keeps the slug")
        void closes() {
            keys.claimed(Scope.TENANT_SLUG, "acme", ACME.value());

            assertAccepted(
                    fixture.given(withTwoDomains()),
                    new CloseTenantCommand(ACME, null, "contract ended"),
                    PLATFORM,
                    4L,
                    new TenantClosedEvent(ACME, "contract ended"));

            assertThat(keys.ownerOf(Scope.DOMAIN, "acme.example")).isEmpty();
            assertThat(keys.ownerOf(Scope.DOMAIN, "shop.acme.example")).isEmpty();
            assertThat(keys.ownerOf(Scope.TENANT_SLUG, "acme")).contains(ACME.value());
        }

        @Test
        @DisplayName("closing a closed tenant changes nothing")
        void closeClosedIsNoOp() {
            assertUnchanged(
                    fixture.given(registered(), new TenantClosedEvent(ACME, null)),
                    new CloseTenantCommand(ACME, null, "again"),
                    PLATFORM,
                    1L);
        }

        @Test
        @DisplayName("a tenant cannot close itself")
        void tenantCannotClose() {
            assertRefused(
                    fixture.given(withDomain()), new CloseTenantCommand(ACME, null, null), ACME, ErrorCode.FORBIDDEN);

            assertThat(keys.ownerOf(Scope.DOMAIN, "acme.example")).contains(ACME.value());
        }

        @Test
        @DisplayName("a reason longer than 500 characters is refused as invalid")
        void reasonTooLong() {
            assertRefused(
                    fixture.given(registered()),
                    new CloseTenantCommand(ACME, null, "x".repeat(501)),
                    PLATFORM,
                    ErrorCode.VALIDATION_FAILED);
        }

        static Stream<Arguments> commandsOnClosedAcme() {
            return Stream.of(
                            Arguments.of(new ReactivateTenantCommand(ACME, null), PLATFORM),
                            Arguments.of(new SuspendTenantCommand(ACME, null, null), PLATFORM),
                            Arguments.of(new RenameTenantCommand(ACME, null, "Back"), PLATFORM),
                            Arguments.of(new AddTenantDomainCommand(ACME, null, "acme.example"), PLATFORM),
                            Arguments.of(new EnableTenantModuleCommand(ACME, null, TenantModule.CRM), PLATFORM),
                            Arguments.of(new AddTenantDomainCommand(ACME, null, "new.example"), ACME),
                            Arguments.of(new ChangeTenantSettingsCommand(ACME, null, settings()), ACME))
                    .map(a -> Arguments.of(
                            Named.of(a.get()[0].getClass().getSimpleName() + " from " + name(a.get()[1]), a.get()[0]),
                            a.get()[1]));
        }

        @ParameterizedTest(name = "{0} is refused with tenant_closed")
        @MethodSource("commandsOnClosedAcme")
        @DisplayName("a closed tenant refuses every command with tenant_closed; it cannot be reactivated")
        void closedRefusesEverything(Object command, TenantId caller) {
            assertRefused(
                    fixture.given(withDomain()).andGiven(new TenantClosedEvent(ACME, null)),
                    command,
                    caller,
                    ErrorCode.TENANT_CLOSED);
        }

        @Test
        @DisplayName("another tenant still learns nothing about a closed tenant")
        void otherTenantStillNotFound() {
            assertRefused(
                    fixture.given(withDomain()).andGiven(new TenantClosedEvent(ACME, null)),
                    new AddTenantDomainCommand(ACME, null, "new.example"),
                    GLOBEX,
                    AggregateNotFoundException.class);
        }

        private static String name(Object tenant) {
            return PLATFORM.equals(tenant) ? "the platform" : "the tenant";
        }
    }

    @Nested
    @DisplayName("shredding a closed tenant's keys")
    class ShreddingKeys {

        @Test
        @DisplayName("the platform shreds every data subject key of a closed tenant, recorded with the count")
        void shreds() {
            fixture.given(registered(), new TenantClosedEvent(ACME, "contract ended"))
                    .when(new ShredTenantKeysCommand(ACME), from(PLATFORM))
                    .expectEvents(new TenantKeysShreddedEvent(ACME, KEYS_PER_TENANT))
                    .expectResultMessagePayload(KEYS_PER_TENANT);
            assertThat(shredded).containsExactly(ACME);
        }

        @Test
        @DisplayName("shredding again records nothing and answers the first count")
        void again() {
            fixture.given(registered(), new TenantClosedEvent(ACME, null), new TenantKeysShreddedEvent(ACME, 7))
                    .when(new ShredTenantKeysCommand(ACME), from(PLATFORM))
                    .expectNoEvents()
                    .expectResultMessagePayload(7);
            assertThat(shredded).isEmpty();
        }

        @Test
        @DisplayName("an open tenant's keys are not shredded: invalid_state")
        void openTenant() {
            assertRefused(
                    fixture.given(withDomain()), new ShredTenantKeysCommand(ACME), PLATFORM, ErrorCode.INVALID_STATE);
            assertThat(shredded).isEmpty();
        }

        @Test
        @DisplayName("a tenant cannot shred its own keys, and another tenant finds nothing")
        void onlyThePlatform() {
            assertRefused(
                    fixture.given(registered(), new TenantClosedEvent(ACME, null)),
                    new ShredTenantKeysCommand(ACME),
                    ACME,
                    ErrorCode.FORBIDDEN);
            assertRefused(
                    fixture.given(registered(), new TenantClosedEvent(ACME, null)),
                    new ShredTenantKeysCommand(ACME),
                    GLOBEX,
                    AggregateNotFoundException.class);
            assertThat(shredded).isEmpty();
        }
    }

    @Nested
    @DisplayName("the command side's own facts")
    class Facts {

        @Test
        @DisplayName("registering records the tenant's name, no tax and the default checkout")
        void registeringRecordsTheName() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterTenantCommand(ACME, "Acme", "acme", null, null), from(PLATFORM));

            assertThat(facts.of(ACME)).contains(new TenantFacts.Facts("Acme", null, 0, CheckoutSettings.defaults()));
        }

        @Test
        @DisplayName("renaming and changing settings record the new facts with their events")
        void changesAreRecorded() {
            facts.registered(ACME, "Acme");
            fixture.given(registered()).when(new RenameTenantCommand(ACME, null, "Acme Ltd"), from(PLATFORM));
            fixture.given(registered(), new TenantRenamedEvent(ACME, "Acme Ltd"))
                    .when(new ChangeTenantSettingsCommand(ACME, null, settings()), from(ACME));

            TenantFacts.Facts now = facts.of(ACME).orElseThrow();
            assertThat(now.name()).isEqualTo("Acme Ltd");
            assertThat(now.sellerName()).isEqualTo("Acme Shop");
            assertThat(now.taxRateBasisPoints()).isEqualTo(2000);
            assertThat(now.checkout()).isEqualTo(CheckoutSettings.defaults());
        }

        @Test
        @DisplayName("a refused change leaves the facts as they were")
        void refusalsRecordNothing() {
            facts.registered(ACME, "Acme");
            fixture.given(registered())
                    .when(new RenameTenantCommand(ACME, null, "Mine now"), from(ACME))
                    .expectException(refusedWith(ErrorCode.FORBIDDEN));
            fixture.given(registered(), new TenantSettingsChangedEvent(ACME, settings()))
                    .when(new ChangeTenantSettingsCommand(ACME, 0L, settingsNamed("Other")), from(ACME))
                    .expectException(ConflictingAggregateVersionException.class);

            assertThat(facts.of(ACME)).contains(new TenantFacts.Facts("Acme", null, 0, CheckoutSettings.defaults()));
        }
    }

    @Nested
    @DisplayName("settings")
    class Settings {

        @Test
        @DisplayName("the tenant's settings are recorded whole, in canonical form")
        void changes() {
            TenantSettings sent = new TenantSettings(
                    "  Acme Shop ",
                    "es-es",
                    "EUR",
                    "Europe/Madrid",
                    new TenantBranding("#aabbcc", null, "https://cdn.acme.example/logo.png"),
                    2100);

            assertAccepted(
                    fixture.given(registered()),
                    new ChangeTenantSettingsCommand(ACME, 0L, sent),
                    ACME,
                    1L,
                    new TenantSettingsChangedEvent(
                            ACME,
                            new TenantSettings(
                                    "Acme Shop",
                                    "es-ES",
                                    "EUR",
                                    "Europe/Madrid",
                                    new TenantBranding("#AABBCC", null, "https://cdn.acme.example/logo.png"),
                                    2100)));
        }

        @Test
        @DisplayName("settings without branding get an empty branding")
        void noBranding() {
            TenantSettings sent = new TenantSettings("Acme", "en", "USD", "UTC", null, 0);

            fixture.given(registered())
                    .when(new ChangeTenantSettingsCommand(ACME, null, sent), from(ACME))
                    .expectEvents(new TenantSettingsChangedEvent(
                            ACME,
                            new TenantSettings("Acme", "en", "USD", "UTC", new TenantBranding(null, null, null), 0)));
        }

        @Test
        @DisplayName("sending the current settings again records nothing")
        void sameSettingsIsNoOp() {
            assertUnchanged(
                    fixture.given(registered(), new TenantSettingsChangedEvent(ACME, settings())),
                    new ChangeTenantSettingsCommand(ACME, 1L, settings()),
                    ACME,
                    1L);
        }

        @Test
        @DisplayName("settings against a stale version are refused and record nothing")
        void staleVersion() {
            assertRefused(
                    fixture.given(registered(), new TenantSettingsChangedEvent(ACME, settings())),
                    new ChangeTenantSettingsCommand(ACME, 0L, settingsNamed("Other")),
                    ACME,
                    ConflictingAggregateVersionException.class);
        }

        private TenantSettings withLogo(MediaId logo, String logoUrl) {
            return new TenantSettings(
                    "Acme Shop", "en", "EUR", "UTC", new TenantBranding("#112233", null, logoUrl, logo), 0);
        }

        @Test
        @DisplayName("a logo from the tenant's own images is recorded by its id, and a URL sent beside it is not kept")
        void mediaLogo() {
            MediaId logo = MediaId.random();
            media.known(ACME, logo, "image/png");

            assertAccepted(
                    fixture.given(registered()),
                    new ChangeTenantSettingsCommand(
                            ACME, 0L, withLogo(logo, "https://acme.example/api/v1/public/media/" + logo)),
                    ACME,
                    1L,
                    new TenantSettingsChangedEvent(ACME, withLogo(logo, null)));
        }

        @Test
        @DisplayName("the logo is recorded as what shows its file, moves with a new logo and is let go when cleared")
        void logoReferences() {
            MediaId first = MediaId.random();
            MediaId second = MediaId.random();
            media.known(ACME, first, "image/png").known(ACME, second, "image/jpeg");
            MediaLookup.Referrer logo = new MediaLookup.Referrer(MediaEntityType.TENANT_LOGO, ACME.value());

            fixture.given(registered())
                    .when(new ChangeTenantSettingsCommand(ACME, 0L, withLogo(first, null)), from(ACME));
            assertThat(media.shownBy(ACME, logo)).contains(first);

            fixture.given(registered(), new TenantSettingsChangedEvent(ACME, withLogo(first, null)))
                    .when(new ChangeTenantSettingsCommand(ACME, 1L, withLogo(second, null)), from(ACME));
            assertThat(media.shownBy(ACME, logo)).contains(second);

            fixture.given(registered(), new TenantSettingsChangedEvent(ACME, withLogo(second, null)))
                    .when(new ChangeTenantSettingsCommand(ACME, 1L, withLogo(null, null)), from(ACME))
                    .expectEvents(new TenantSettingsChangedEvent(ACME, withLogo(null, null)));
            assertThat(media.shownBy(ACME, logo)).isEmpty();
            assertThat(media.shownBy(GLOBEX, logo)).isEmpty();
        }

        @Test
        @DisplayName("a refused settings change leaves the logo's file as it was shown")
        void refusedKeepsReference() {
            MediaId kept = MediaId.random();
            MediaLookup.Referrer logo = new MediaLookup.Referrer(MediaEntityType.TENANT_LOGO, ACME.value());
            media.known(ACME, kept, "image/png").shown(ACME, logo, kept);

            assertRefused(
                    fixture.given(registered(), new TenantSettingsChangedEvent(ACME, withLogo(kept, null))),
                    new ChangeTenantSettingsCommand(ACME, 1L, withLogo(MediaId.random(), null)),
                    ACME,
                    ErrorCode.UNKNOWN_MEDIA);
            assertThat(media.shownBy(ACME, logo)).contains(kept);
        }

        @Test
        @DisplayName("a logo that is no file of the tenant, or another tenant's, is refused with unknown_media")
        void unknownLogo() {
            MediaId theirs = MediaId.random();
            media.known(GLOBEX, theirs, "image/png");

            assertRefused(
                    fixture.given(registered()),
                    new ChangeTenantSettingsCommand(ACME, 0L, withLogo(theirs, null)),
                    ACME,
                    ErrorCode.UNKNOWN_MEDIA);
            assertRefused(
                    fixture.given(registered()),
                    new ChangeTenantSettingsCommand(ACME, 0L, withLogo(MediaId.random(), null)),
                    ACME,
                    ErrorCode.UNKNOWN_MEDIA);
        }

        @Test
        @DisplayName("a logo that is the tenant's file but no image is refused with not_an_image")
        void documentLogo() {
            MediaId pdf = MediaId.random();
            MediaId svg = MediaId.random();
            media.known(ACME, pdf, "application/pdf").known(ACME, svg, "image/svg+xml");

            assertRefused(
                    fixture.given(registered()),
                    new ChangeTenantSettingsCommand(ACME, 0L, withLogo(pdf, null)),
                    ACME,
                    ErrorCode.NOT_AN_IMAGE);
            assertRefused(
                    fixture.given(registered()),
                    new ChangeTenantSettingsCommand(ACME, 0L, withLogo(svg, null)),
                    ACME,
                    ErrorCode.NOT_AN_IMAGE);
        }

        static Stream<Arguments> invalidSettings() {
            TenantBranding none = new TenantBranding(null, null, null);
            return Stream.of(
                    invalid("missing settings", null),
                    invalid("a blank display name", new TenantSettings(" ", "en", "EUR", "UTC", none, 0)),
                    invalid("a locale that is no BCP 47 tag", new TenantSettings("A", "en_US", "EUR", "UTC", none, 0)),
                    invalid("a locale without language", new TenantSettings("A", "und", "EUR", "UTC", none, 0)),
                    invalid("a currency in lower case", new TenantSettings("A", "en", "eur", "UTC", none, 0)),
                    invalid("an unknown currency", new TenantSettings("A", "en", "ABC", "UTC", none, 0)),
                    invalid("an unknown time zone", new TenantSettings("A", "en", "EUR", "Mars/Olympus", none, 0)),
                    invalid("an offset for a time zone", new TenantSettings("A", "en", "EUR", "+01:00", none, 0)),
                    invalid(
                            "a colour without #",
                            new TenantSettings("A", "en", "EUR", "UTC", new TenantBranding("aabbcc", null, null), 0)),
                    invalid(
                            "a colour name",
                            new TenantSettings("A", "en", "EUR", "UTC", new TenantBranding(null, "red", null), 0)),
                    invalid(
                            "an http logo",
                            new TenantSettings(
                                    "A",
                                    "en",
                                    "EUR",
                                    "UTC",
                                    new TenantBranding(null, null, "http://x.example/l.png"),
                                    0)),
                    invalid(
                            "a javascript logo",
                            new TenantSettings(
                                    "A", "en", "EUR", "UTC", new TenantBranding(null, null, "javascript:alert(1)"), 0)),
                    invalid(
                            "a logo URL with credentials",
                            new TenantSettings(
                                    "A",
                                    "en",
                                    "EUR",
                                    "UTC",
                                    new TenantBranding(null, null, "https://user:pw@x.example/l.png"),
                                    0)),
                    invalid("a negative tax rate", new TenantSettings("A", "en", "EUR", "UTC", none, -1)),
                    invalid("a tax rate above 100 %", new TenantSettings("A", "en", "EUR", "UTC", none, 10_001)));
        }

        @ParameterizedTest(name = "{0} is refused as invalid")
        @MethodSource("invalidSettings")
        @DisplayName("invalid settings are refused")
        void invalidSettings(TenantSettings settings) {
            assertRefused(
                    fixture.given(registered()),
                    new ChangeTenantSettingsCommand(ACME, null, settings),
                    ACME,
                    ErrorCode.VALIDATION_FAILED);
        }
    }

    @Nested
    @DisplayName("the tenant guard")
    class Guard {

        @Test
        @DisplayName("the platform manages a tenant's domains as the tenant's own staff can")
        void platformIsAdmitted() {
            assertAccepted(
                    fixture.given(withDomain()),
                    new AddTenantDomainCommand(ACME, null, "new.example"),
                    PLATFORM,
                    3L,
                    new TenantDomainAddedEvent(ACME, "new.example", null));
        }
    }

    private static TenantSettings settings() {
        return settingsNamed("Acme Shop");
    }

    private static TenantSettings settingsNamed(String displayName) {
        return new TenantSettings(
                displayName, "en-GB", "GBP", "Europe/London", new TenantBranding("#112233", "#445566", null), 2000);
    }

    /** A domain the tenant added itself: unverified, with a token nobody can guess. */
    private static Matcher<TenantDomainAddedEvent> tokenizedDomainAdded(String domain) {
        return predicate(e -> e.tenantId().equals(ACME)
                && e.domain().equals(domain)
                && e.verificationToken() != null
                && e.verificationToken().length() >= 32);
    }
}
