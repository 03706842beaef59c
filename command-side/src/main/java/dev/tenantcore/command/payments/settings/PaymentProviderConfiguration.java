package dev.tenantcore.command.payments.settings;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.payments.ChangePaymentProviderSettingsCommand;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.api.payments.PaymentProviderSettingsChangedEvent;
import dev.tenantcore.api.payments.PaymentProviderSettingsId;
import dev.tenantcore.api.payments.SetUpPaymentProviderCommand;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.command.common.TenantOwned;
import dev.tenantcore.infra.credentials.TenantCredentials;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One tenant's settings for one payment provider.
 *
 * <p>Invariants: the settings belong to a tenant, never to the platform, and their identifier is
 * derived from tenant and provider, so a tenant has one per provider; the only secrets are
 * {@link #SECRET_NAMES}; an enabled provider other than {@code manual} has both secrets set, and an
 * enabled {@code crypto} provider names its BTCPay Server and store. Secret values are written to
 * {@link TenantCredentials} (encrypted, in the command's transaction) and never reach an event or
 * this aggregate's state: events and state know only which secrets are set.
 */
@Aggregate
public class PaymentProviderConfiguration extends TenantOwned {

    static final Set<String> SECRET_NAMES = Set.of("secretKey", "webhookSecret");

    @AggregateIdentifier
    private PaymentProviderSettingsId id;

    private PaymentProviderKind provider;
    private boolean enabled;
    private String publishableKey;
    private String accountId;
    private String serverUrl;
    private Set<String> secrets = new TreeSet<>();

    protected PaymentProviderConfiguration() {}

    /** Where a provider's secrets are filed in the credential store. */
    static String scope(PaymentProviderKind provider) {
        return "payments." + provider.wireName();
    }

    @CommandHandler
    public PaymentProviderConfiguration(
            SetUpPaymentProviderCommand command,
            @MetaDataValue(MetadataKeys.TENANT_ID) String tenant,
            @MetaDataValue(MetadataKeys.USER_ID) String user,
            TenantCredentials credentials,
            ProviderSettingsLookup lookup) {
        if (tenant == null || TenantId.of(tenant).isPlatform()) {
            throw Rules.invalid("payment provider settings belong to a tenant, not to the platform");
        }
        TenantId owner = TenantId.of(tenant);
        if (command.provider() == null
                || !PaymentProviderSettingsId.of(owner, command.provider()).equals(command.settingsId())) {
            throw Rules.invalid("settingsId must be the one of this tenant and provider");
        }
        PaymentProviderSettingsChangedEvent event = decide(
                command.settingsId(),
                owner,
                command.provider(),
                Set.of(),
                command.enabled(),
                command.publishableKey(),
                command.accountId(),
                command.serverUrl(),
                command.secrets(),
                Set.of(),
                user);
        store(event.provider(), command.secrets(), Set.of(), credentials);
        apply(event);
        lookup.record(event, 0L, Instant.now());
    }

    /** Changing nothing records nothing, so a repeated PUT leaves the history alone. */
    @CommandHandler
    public long handle(
            ChangePaymentProviderSettingsCommand command,
            @MetaDataValue(MetadataKeys.USER_ID) String user,
            TenantCredentials credentials,
            ProviderSettingsLookup lookup) {
        Set<String> cleared = command.clearedSecrets() == null ? Set.of() : command.clearedSecrets();
        PaymentProviderSettingsChangedEvent event = decide(
                id,
                tenantId,
                provider,
                secrets,
                command.enabled(),
                command.publishableKey(),
                command.accountId(),
                command.serverUrl(),
                command.secrets(),
                cleared,
                user);
        boolean unchanged = event.enabled() == enabled
                && Objects.equals(event.publishableKey(), publishableKey)
                && Objects.equals(event.accountId(), accountId)
                && Objects.equals(event.serverUrl(), serverUrl)
                && event.secretsSet().isEmpty()
                && event.secretsReplaced().isEmpty()
                && event.secretsCleared().isEmpty();
        if (unchanged) {
            return getVersion();
        }
        store(provider, command.secrets(), event.secretsCleared(), credentials);
        apply(event);
        long version = getVersion();
        lookup.record(event, version, Instant.now());
        return version;
    }

    private static PaymentProviderSettingsChangedEvent decide(
            PaymentProviderSettingsId id,
            TenantId owner,
            PaymentProviderKind provider,
            Set<String> current,
            boolean enabled,
            String publishableKey,
            String accountId,
            String serverUrl,
            Map<String, String> newSecrets,
            Set<String> cleared,
            String user) {
        Map<String, String> given = newSecrets == null ? Map.of() : newSecrets;
        for (String name : given.keySet()) {
            if (!SECRET_NAMES.contains(name)) {
                throw Rules.invalid(name + " is not a secret of payment providers");
            }
            String value = given.get(name);
            if (value == null || value.length() < 8 || value.length() > 1000) {
                throw Rules.invalid(name + " must be 8 to 1000 characters");
            }
            if (cleared.contains(name)) {
                throw Rules.invalid(name + " cannot be both set and cleared");
            }
        }
        for (String name : cleared) {
            if (!SECRET_NAMES.contains(name)) {
                throw Rules.invalid(name + " is not a secret of payment providers");
            }
        }
        Rules.optionalText("publishableKey", publishableKey, 255);
        Rules.optionalText("accountId", accountId, 255);
        Rules.optionalText("serverUrl", serverUrl, 2048);
        if (enabled && provider == PaymentProviderKind.CRYPTO && (isBlank(serverUrl) || isBlank(accountId))) {
            throw Rules.invalid(
                    "serverUrl (the BTCPay Server) and accountId (its store id) are required to enable crypto.");
        }
        Set<String> after = new TreeSet<>(current);
        after.addAll(given.keySet());
        after.removeAll(cleared);
        if (enabled && provider != PaymentProviderKind.MANUAL && !after.containsAll(SECRET_NAMES)) {
            throw Rules.invalid("secretKey and webhookSecret are required to enable " + provider.wireName() + ".");
        }
        Set<String> set = new TreeSet<>(given.keySet());
        set.removeAll(current);
        Set<String> replaced = new TreeSet<>(given.keySet());
        replaced.retainAll(current);
        Set<String> erased = new TreeSet<>(cleared);
        erased.retainAll(current);
        return new PaymentProviderSettingsChangedEvent(
                id,
                owner,
                provider,
                enabled,
                publishableKey,
                accountId,
                serverUrl,
                Set.copyOf(set),
                Set.copyOf(replaced),
                Set.copyOf(erased),
                user == null ? null : UserId.of(user));
    }

    private static void store(
            PaymentProviderKind provider,
            Map<String, String> newSecrets,
            Set<String> cleared,
            TenantCredentials credentials) {
        if (newSecrets != null) {
            newSecrets.forEach((name, value) -> credentials.put(scope(provider), name, value));
        }
        cleared.forEach(name -> credentials.remove(scope(provider), name));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    @EventSourcingHandler
    void on(PaymentProviderSettingsChangedEvent event) {
        id = event.settingsId();
        tenantId = event.tenantId();
        provider = event.provider();
        enabled = event.enabled();
        publishableKey = event.publishableKey();
        accountId = event.accountId();
        serverUrl = event.serverUrl();
        secrets.addAll(event.secretsSet());
        secrets.removeAll(event.secretsCleared());
    }

    @Override
    protected String aggregateId() {
        return String.valueOf(id);
    }
}
