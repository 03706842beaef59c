package dev.tenantcore.command.notifications;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.notifications.ChangeMailSettingsCommand;
import dev.tenantcore.api.notifications.DisableMailSettingsCommand;
import dev.tenantcore.api.notifications.MailSender;
import dev.tenantcore.api.notifications.MailSettingsChangedEvent;
import dev.tenantcore.api.notifications.MailSettingsDisabledEvent;
import dev.tenantcore.api.notifications.MailSettingsId;
import dev.tenantcore.api.notifications.SecretChange;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.infra.mail.MailSenderRecords;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A tenant's own mail sender, one aggregate per tenant ({@link MailSettingsId#of}), created by its
 * first change. Its own aggregate rather than part of the Tenant: its version is the one the mail
 * settings' {@code ETag} shows, which a change of the shop's domains, modules or branding must not
 * make stale, and it is the owner's alone, never the platform's.
 *
 * <p>It does not extend {@code TenantOwned}: the first command meets no aggregate yet, whose guard
 * would refuse it. The same rule holds here instead: the aggregate's id derives from the caller's
 * tenant, so a command naming any other is refused as if it did not exist.
 *
 * <p>Invariants: once set up, a change names the version it is based on (none: {@code
 * precondition_required}; another: {@code version_conflict}), so two owners editing at once never
 * overwrite each other unseen. SMTP has a host, port and security, and a user has a password;
 * SendGrid has a key. The secret is written to the credential store with the change and never
 * recorded: the events say only whether it was replaced or removed. Settings saved before they were
 * events are taken over with their version at the first change.
 */
@Aggregate
public class MailSettings {

    @AggregateIdentifier
    private MailSettingsId id;

    /** Counted from the first setup; 0: none yet. */
    private long version;

    private boolean enabled;
    private String provider;
    private boolean secretSet;

    protected MailSettings() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(
            ChangeMailSettingsCommand command,
            @MetaDataValue(MetadataKeys.TENANT_ID) String tenant,
            MailSenderRecords records) {
        TenantId owner = owner(command.settingsId(), tenant);
        takeOver(records);
        Long expected = command.expectedVersion();
        if (version > 0 && expected == null) {
            throw new DomainException(
                    ErrorCode.PRECONDITION_REQUIRED,
                    "Send If-Match with the ETag of GET /api/v1/email/settings to change them.");
        }
        if (expected != null && expected != version) {
            throw new DomainException(
                    ErrorCode.VERSION_CONFLICT, "The mail settings changed since version " + expected + ".");
        }
        MailSender sender = MailSettingsRules.sender(command.sender());
        String secret = command.secret();
        boolean keepsSecret = version > 0 && sender.provider().equals(provider) && secretSet;
        if (MailSender.SMTP.equals(sender.provider())) {
            if (sender.smtpUsername() != null && secret == null && !keepsSecret) {
                throw Rules.invalid("An SMTP user needs smtpPassword.");
            }
        } else if (secret == null && !keepsSecret) {
            throw Rules.invalid("SendGrid needs sendgridApiKey.");
        }
        SecretChange change;
        if (secret != null) {
            records.secretReplaced(secret);
            change = SecretChange.REPLACED;
        } else if (!keepsSecret) {
            records.secretRemoved();
            change = secretSet ? SecretChange.REMOVED : SecretChange.UNCHANGED;
        } else {
            change = SecretChange.UNCHANGED;
        }
        long next = version + 1;
        records.saved(owner, sender, next);
        apply(new MailSettingsChangedEvent(command.settingsId(), owner, sender, change, next));
        return next;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(
            DisableMailSettingsCommand command,
            @MetaDataValue(MetadataKeys.TENANT_ID) String tenant,
            MailSenderRecords records) {
        TenantId owner = owner(command.settingsId(), tenant);
        takeOver(records);
        if (version == 0) {
            throw new AggregateNotFoundException(String.valueOf(command.settingsId()), "The resource does not exist.");
        }
        records.secretRemoved();
        if (!enabled) {
            return version;
        }
        long next = version + 1;
        records.disabled(next);
        apply(new MailSettingsDisabledEvent(
                command.settingsId(), owner, secretSet ? SecretChange.REMOVED : SecretChange.UNCHANGED, next));
        return next;
    }

    /** The caller's tenant, when the command names the caller's own settings; as if missing otherwise. */
    private static TenantId owner(MailSettingsId named, String tenant) {
        if (tenant == null || named == null || !named.equals(MailSettingsId.of(TenantId.of(tenant)))) {
            throw new AggregateNotFoundException(String.valueOf(named), "The resource does not exist.");
        }
        return TenantId.of(tenant);
    }

    /**
     * Settings saved before they were events have no history here: the first command starts from
     * them as recorded, so their version (the ETag an owner holds) and secret carry on.
     */
    private void takeOver(MailSenderRecords records) {
        if (id == null) {
            records.current().ifPresent(current -> {
                version = current.version();
                enabled = current.enabled();
                provider = current.provider();
                secretSet = current.secretSet();
            });
        }
    }

    @EventSourcingHandler
    void on(MailSettingsChangedEvent event) {
        id = event.settingsId();
        version = event.version();
        enabled = true;
        provider = event.sender().provider();
        secretSet = switch (event.secret()) {
            case REPLACED -> true;
            case REMOVED -> false;
            case UNCHANGED -> secretSet;
        };
    }

    @EventSourcingHandler
    void on(MailSettingsDisabledEvent event) {
        id = event.settingsId();
        version = event.version();
        enabled = false;
        secretSet = false;
    }
}
