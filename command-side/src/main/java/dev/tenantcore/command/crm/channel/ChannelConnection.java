package dev.tenantcore.command.crm.channel;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.conversation.ChannelConnectedEvent;
import dev.tenantcore.api.crm.conversation.ChannelDisconnectedEvent;
import dev.tenantcore.api.crm.conversation.ChannelId;
import dev.tenantcore.api.crm.conversation.ChannelKind;
import dev.tenantcore.api.crm.conversation.ChannelUpdatedEvent;
import dev.tenantcore.api.crm.conversation.ConnectChannelCommand;
import dev.tenantcore.api.crm.conversation.DisconnectChannelCommand;
import dev.tenantcore.api.crm.conversation.UpdateChannelCommand;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.command.common.TenantOwned;
import java.time.Instant;
import java.util.LinkedHashMap;
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
 * One messaging channel a tenant connected: a Telegram bot, a WhatsApp business number.
 *
 * <p>Invariants: the kind has a driver; the name is 1-100 characters; a kind that needs an account id
 * has one; the secrets are exactly the driver's ({@link ChannelDriver#secretNames()}), all set once
 * connected; the settings are the ones the driver accepted ({@link ChannelDriver#settings}). Secret values go to the credential store in the command's transaction and never reach
 * an event or this aggregate's state. Every change is written to the {@link ChannelDirectory} in the
 * same transaction, which is what inbound deliveries and sends read.
 */
@Aggregate
public class ChannelConnection extends TenantOwned {

    public static final int NAME_LENGTH = 100;
    static final int SECRET_LENGTH = 1000;

    @AggregateIdentifier
    private ChannelId id;

    private ChannelKind kind;
    private String name;
    private String accountId;
    private Map<String, String> settings = Map.of();

    protected ChannelConnection() {}

    @CommandHandler
    public ChannelConnection(
            ConnectChannelCommand command,
            @MetaDataValue(MetadataKeys.TENANT_ID) String tenant,
            @MetaDataValue(MetadataKeys.USER_ID) String user,
            ChannelDrivers drivers,
            ChannelDirectory directory) {
        if (tenant == null || TenantId.of(tenant).isPlatform()) {
            throw Rules.invalid("channels belong to a tenant, not to the platform");
        }
        if (command.kind() == null) {
            throw Rules.invalid("kind is required");
        }
        ChannelDriver driver = drivers.find(command.kind())
                .orElseThrow(() -> Rules.invalid(command.kind().wireName() + " channels are not available"));
        String name = Rules.text("name", command.name(), NAME_LENGTH);
        String account = account(driver, command.accountId());
        Map<String, String> settings = driver.settings(command.settings());
        Map<String, String> secrets = new LinkedHashMap<>(driver.generatedSecrets());
        secrets.putAll(secrets(driver, command.secrets()));
        if (!secrets.keySet().containsAll(driver.secretNames())) {
            Set<String> missing = new TreeSet<>(driver.secretNames());
            missing.removeAll(secrets.keySet());
            throw Rules.invalid(command.kind().wireName() + " channels need " + String.join(", ", missing));
        }
        directory.storeSecrets(command.channelId(), secrets);
        apply(new ChannelConnectedEvent(
                command.channelId(),
                TenantId.of(tenant),
                command.kind(),
                name,
                account,
                Set.copyOf(new TreeSet<>(secrets.keySet())),
                user == null ? null : UserId.of(user),
                settings.isEmpty() ? null : settings));
        directory.record(command.channelId(), command.kind(), name, account, 0L, Instant.now());
        if (!settings.isEmpty()) {
            directory.recordSettings(command.channelId(), settings);
        }
        driver.connected(TenantId.of(tenant), command.channelId());
    }

    /** Changing nothing records nothing, so a repeated PATCH leaves the history alone. */
    @CommandHandler
    public long handle(UpdateChannelCommand command, ChannelDrivers drivers, ChannelDirectory directory) {
        ChannelDriver driver =
                drivers.find(kind).orElseThrow(() -> Rules.invalid(kind.wireName() + " is not available"));
        String newName = command.name() == null ? name : Rules.text("name", command.name(), NAME_LENGTH);
        String newAccount = command.accountId() == null ? accountId : account(driver, command.accountId());
        Map<String, String> secrets = secrets(driver, command.secrets());
        Map<String, String> newSettings = settings;
        if (command.settings() != null && !command.settings().isEmpty()) {
            Map<String, String> merged = new LinkedHashMap<>(settings);
            merged.putAll(command.settings());
            newSettings = driver.settings(merged);
        }
        if (newName.equals(name)
                && Objects.equals(newAccount, accountId)
                && secrets.isEmpty()
                && newSettings.equals(settings)) {
            return getVersion();
        }
        directory.storeSecrets(id, secrets);
        apply(new ChannelUpdatedEvent(
                id,
                newName,
                newAccount,
                Set.copyOf(new TreeSet<>(secrets.keySet())),
                newSettings.isEmpty() ? null : newSettings));
        long version = getVersion();
        directory.record(id, kind, newName, newAccount, version, Instant.now());
        if (!newSettings.isEmpty()) {
            directory.recordSettings(id, newSettings);
        }
        return version;
    }

    @CommandHandler
    public void handle(DisconnectChannelCommand command, ChannelDirectory directory) {
        directory.remove(id);
        apply(new ChannelDisconnectedEvent(id));
    }

    private static String account(ChannelDriver driver, String given) {
        if (!driver.needsAccountId()) {
            return null;
        }
        String value = Rules.text("accountId", given, 100);
        if (!value.matches("[A-Za-z0-9_.-]{1,100}")) {
            throw Rules.invalid("accountId must be letters, digits, '.', '_' or '-'");
        }
        return value;
    }

    private static Map<String, String> secrets(ChannelDriver driver, Map<String, String> given) {
        Map<String, String> secrets = new LinkedHashMap<>();
        if (given == null) {
            return secrets;
        }
        given.forEach((secretName, value) -> {
            if (secretName == null
                    || !driver.secretNames().contains(secretName)
                    || driver.generatedSecrets().containsKey(secretName)) {
                throw Rules.invalid(
                        secretName + " is not a secret of " + driver.kind().wireName() + " channels");
            }
            if (value == null || value.length() < 8 || value.length() > SECRET_LENGTH) {
                throw Rules.invalid(secretName + " must be 8 to " + SECRET_LENGTH + " characters");
            }
            secrets.put(secretName, value);
        });
        return secrets;
    }

    @EventSourcingHandler
    void on(ChannelConnectedEvent event) {
        id = event.channelId();
        tenantId = event.tenantId();
        kind = event.kind();
        name = event.name();
        accountId = event.accountId();
        settings = event.settings() == null ? Map.of() : Map.copyOf(event.settings());
    }

    @EventSourcingHandler
    void on(ChannelUpdatedEvent event) {
        name = event.name();
        accountId = event.accountId();
        if (event.settings() != null) {
            settings = Map.copyOf(event.settings());
        }
    }

    @EventSourcingHandler
    void on(ChannelDisconnectedEvent event) {
        markDeleted();
    }

    @Override
    protected String aggregateId() {
        return String.valueOf(id);
    }
}
