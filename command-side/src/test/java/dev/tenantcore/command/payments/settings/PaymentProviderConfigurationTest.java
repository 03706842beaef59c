package dev.tenantcore.command.payments.settings;

import static dev.tenantcore.command.common.CommandFixtures.from;
import static dev.tenantcore.command.common.CommandFixtures.refusedWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.payments.ChangePaymentProviderSettingsCommand;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.api.payments.PaymentProviderSettingsChangedEvent;
import dev.tenantcore.api.payments.PaymentProviderSettingsId;
import dev.tenantcore.api.payments.SetUpPaymentProviderCommand;
import dev.tenantcore.infra.credentials.TenantCredentials;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
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

@DisplayName("PaymentProviderConfiguration")
class PaymentProviderConfigurationTest {

    private static final TenantId ACME = TenantId.random();
    private static final UserId ANN = UserId.random();
    private static final PaymentProviderSettingsId STRIPE =
            PaymentProviderSettingsId.of(ACME, PaymentProviderKind.STRIPE);
    private static final PaymentProviderSettingsId CRYPTO =
            PaymentProviderSettingsId.of(ACME, PaymentProviderKind.CRYPTO);
    private static final String SECRET_KEY = "sk_test_51NotARealKeyAbcd";
    private static final String WEBHOOK_SECRET = "whsec_NotARealSecretWxyz";
    private static final Map<String, String> BOTH = Map.of("secretKey", SECRET_KEY, "webhookSecret", WEBHOOK_SECRET);

    private FixtureConfiguration<PaymentProviderConfiguration> fixture;
    private final InMemoryCredentials credentials = new InMemoryCredentials();
    /** What the aggregate wrote to the command-side lookup: one line of settings and version per provider. */
    private final Map<PaymentProviderKind, String> lookupRows = new HashMap<>();

    private final ProviderSettingsLookup lookup = (change, version, at) -> lookupRows.put(
            change.provider(),
            change.enabled() + " " + change.publishableKey() + " " + change.accountId() + " " + change.serverUrl()
                    + " v" + version);

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PaymentProviderConfiguration.class);
        fixture.registerInjectableResource(credentials);
        fixture.registerInjectableResource(lookup);
    }

    private static Map<String, Object> ann() {
        Map<String, Object> metadata = new HashMap<>(from(ACME));
        metadata.put(MetadataKeys.USER_ID, ANN.toString());
        return metadata;
    }

    private static PaymentProviderSettingsChangedEvent stripeSetUp() {
        return changed(true, "pk_test_123", PaymentProviderConfiguration.SECRET_NAMES, Set.of(), Set.of());
    }

    /** Acme's Stripe settings as Ann changed them, with neither account nor server. */
    private static PaymentProviderSettingsChangedEvent changed(
            boolean enabled, String publishableKey, Set<String> set, Set<String> replaced, Set<String> cleared) {
        return new PaymentProviderSettingsChangedEvent(
                STRIPE,
                ACME,
                PaymentProviderKind.STRIPE,
                enabled,
                publishableKey,
                null,
                null,
                set,
                replaced,
                cleared,
                ANN);
    }

    /** Acme's first Stripe settings, with neither account nor server. */
    private static SetUpPaymentProviderCommand setUpStripe(
            boolean enabled, String publishableKey, Map<String, String> secrets) {
        return new SetUpPaymentProviderCommand(
                STRIPE, PaymentProviderKind.STRIPE, enabled, publishableKey, null, null, secrets);
    }

    private static ChangePaymentProviderSettingsCommand change(
            boolean enabled, String publishableKey, Map<String, String> secrets, Set<String> cleared) {
        return new ChangePaymentProviderSettingsCommand(
                STRIPE, null, enabled, publishableKey, null, null, secrets, cleared);
    }

    @Nested
    @DisplayName("setting a provider up")
    class SettingUp {

        @Test
        @DisplayName("records who set which secrets, writes their values only to the credential store, and the lookup")
        void setsUp() {
            fixture.givenNoPriorActivity()
                    .when(setUpStripe(true, "pk_test_123", BOTH), ann())
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(stripeSetUp());

            assertThat(credentials.values)
                    .containsEntry("payments.stripe/secretKey", SECRET_KEY)
                    .containsEntry("payments.stripe/webhookSecret", WEBHOOK_SECRET);
            assertThat(lookupRows).containsEntry(PaymentProviderKind.STRIPE, "true pk_test_123 null null v0");
        }

        @Test
        @DisplayName("a disabled provider needs no secrets")
        void setsUpDisabled() {
            fixture.givenNoPriorActivity()
                    .when(setUpStripe(false, null, Map.of()), ann())
                    .expectEvents(changed(false, null, Set.of(), Set.of(), Set.of()));
            assertThat(credentials.values).isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.tenantcore.command.payments.settings.PaymentProviderConfigurationTest#refusedSetUps")
        @DisplayName("is refused with validation_failed, records nothing and stores no secret")
        void refuses(SetUpPaymentProviderCommand command) {
            fixture.givenNoPriorActivity()
                    .when(command, ann())
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.VALIDATION_FAILED));
            assertThat(credentials.values).isEmpty();
            assertThat(lookupRows).isEmpty();
        }

        @Test
        @DisplayName("the platform scope has no provider settings")
        void refusesPlatform() {
            fixture.givenNoPriorActivity()
                    .when(
                            new SetUpPaymentProviderCommand(
                                    PaymentProviderSettingsId.of(TenantId.PLATFORM, PaymentProviderKind.STRIPE),
                                    PaymentProviderKind.STRIPE,
                                    false,
                                    null,
                                    null,
                                    null,
                                    Map.of()),
                            from(TenantId.PLATFORM))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.VALIDATION_FAILED));
        }
    }

    static Stream<Arguments> refusedSetUps() {
        return Stream.of(
                Arguments.of(Named.of(
                        "enabling stripe without its secrets",
                        setUpStripe(true, "pk", Map.of("secretKey", SECRET_KEY)))),
                Arguments.of(Named.of(
                        "enabling crypto without its server and store",
                        new SetUpPaymentProviderCommand(
                                CRYPTO, PaymentProviderKind.CRYPTO, true, null, null, null, BOTH))),
                Arguments.of(Named.of(
                        "a secret of an unknown name",
                        setUpStripe(false, null, Map.of("password", "long enough secret")))),
                Arguments.of(Named.of(
                        "a secret under 8 characters", setUpStripe(false, null, Map.of("secretKey", "short")))),
                Arguments.of(Named.of(
                        "another tenant's settings id",
                        new SetUpPaymentProviderCommand(
                                PaymentProviderSettingsId.of(TenantId.random(), PaymentProviderKind.STRIPE),
                                PaymentProviderKind.STRIPE,
                                false,
                                null,
                                null,
                                null,
                                Map.of()))),
                Arguments.of(Named.of(
                        "the id of another provider",
                        new SetUpPaymentProviderCommand(
                                CRYPTO, PaymentProviderKind.STRIPE, false, null, null, null, Map.of()))));
    }

    @Nested
    @DisplayName("changing the settings")
    class Changing {

        @BeforeEach
        void stored() {
            credentials.put("payments.stripe", "secretKey", SECRET_KEY);
            credentials.put("payments.stripe", "webhookSecret", WEBHOOK_SECRET);
        }

        @Test
        @DisplayName("a change without secrets keeps the stored ones and names none")
        void keepsSecrets() {
            fixture.given(stripeSetUp())
                    .when(change(true, "pk_test_456", Map.of(), Set.of()), ann())
                    .expectResultMessagePayload(1L)
                    .expectEvents(changed(true, "pk_test_456", Set.of(), Set.of(), Set.of()));
            assertThat(credentials.values).containsEntry("payments.stripe/secretKey", SECRET_KEY);
            assertThat(lookupRows).containsEntry(PaymentProviderKind.STRIPE, "true pk_test_456 null null v1");
        }

        @Test
        @DisplayName("a new value for a set secret is recorded as replaced, and stored")
        void replacesSecret() {
            fixture.given(stripeSetUp())
                    .when(change(true, "pk_test_123", Map.of("secretKey", "sk_test_rotatedEfgh"), Set.of()), ann())
                    .expectEvents(changed(true, "pk_test_123", Set.of(), Set.of("secretKey"), Set.of()));
            assertThat(credentials.values).containsEntry("payments.stripe/secretKey", "sk_test_rotatedEfgh");
        }

        @Test
        @DisplayName("clearing a secret of a disabled provider erases it from the store and records its name")
        void clearsSecret() {
            fixture.given(stripeSetUp())
                    .when(change(false, "pk_test_123", Map.of(), Set.of("webhookSecret")), ann())
                    .expectEvents(changed(false, "pk_test_123", Set.of(), Set.of(), Set.of("webhookSecret")));
            assertThat(credentials.values)
                    .doesNotContainKey("payments.stripe/webhookSecret")
                    .containsKey("payments.stripe/secretKey");
        }

        @Test
        @DisplayName("a cleared secret counts as missing: the provider cannot be enabled without it")
        void clearedSecretIsMissing() {
            fixture.given(stripeSetUp())
                    .when(change(true, "pk_test_123", Map.of(), Set.of("webhookSecret")), ann())
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.VALIDATION_FAILED));
            assertThat(credentials.values).containsKey("payments.stripe/webhookSecret");
        }

        @Test
        @DisplayName("a secret both set and cleared is refused")
        void setAndCleared() {
            fixture.given(stripeSetUp())
                    .when(change(false, null, Map.of("secretKey", "sk_test_rotatedEfgh"), Set.of("secretKey")), ann())
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.VALIDATION_FAILED));
        }

        @Test
        @DisplayName("changing nothing records nothing and answers the current version")
        void unchanged() {
            fixture.given(stripeSetUp())
                    .when(change(true, "pk_test_123", Map.of(), Set.of()), ann())
                    .expectNoEvents()
                    .expectResultMessagePayload(0L);
        }

        @Test
        @DisplayName("a change for a stale version is refused")
        void staleVersion() {
            fixture.given(stripeSetUp(), stripeSetUp())
                    .when(
                            new ChangePaymentProviderSettingsCommand(
                                    STRIPE, 0L, false, null, null, null, Map.of(), Set.of()),
                            ann())
                    .expectNoEvents()
                    .expectException(ConflictingAggregateVersionException.class);
        }
    }

    /** The encrypted store as the aggregate sees it: one tenant's values by scope and name. */
    static final class InMemoryCredentials implements TenantCredentials {

        final Map<String, String> values = new TreeMap<>();

        @Override
        public void put(String scope, String name, String secret) {
            values.put(scope + "/" + name, secret);
        }

        @Override
        public void remove(String scope, String name) {
            values.remove(scope + "/" + name);
        }

        @Override
        public Optional<String> read(String scope, String name) {
            return Optional.ofNullable(values.get(scope + "/" + name));
        }

        @Override
        public Map<String, String> readAll(String scope) {
            Map<String, String> found = new TreeMap<>();
            values.forEach((key, value) -> {
                if (key.startsWith(scope + "/")) {
                    found.put(key.substring(scope.length() + 1), value);
                }
            });
            return found;
        }
    }
}
