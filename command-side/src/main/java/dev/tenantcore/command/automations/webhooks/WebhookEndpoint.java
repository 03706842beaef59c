package dev.tenantcore.command.automations.webhooks;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import dev.tenantcore.api.automations.PublicEventType;
import dev.tenantcore.api.automations.webhooks.DeleteWebhookEndpointCommand;
import dev.tenantcore.api.automations.webhooks.DisableFailingWebhookEndpointCommand;
import dev.tenantcore.api.automations.webhooks.RegisterWebhookEndpointCommand;
import dev.tenantcore.api.automations.webhooks.RotateWebhookSecretCommand;
import dev.tenantcore.api.automations.webhooks.UpdateWebhookEndpointCommand;
import dev.tenantcore.api.automations.webhooks.WebhookEndpointDeletedEvent;
import dev.tenantcore.api.automations.webhooks.WebhookEndpointDisabledForFailuresEvent;
import dev.tenantcore.api.automations.webhooks.WebhookEndpointId;
import dev.tenantcore.api.automations.webhooks.WebhookEndpointRegisteredEvent;
import dev.tenantcore.api.automations.webhooks.WebhookEndpointUpdatedEvent;
import dev.tenantcore.api.automations.webhooks.WebhookSecretRotatedEvent;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.command.common.TenantOwned;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One outbound webhook endpoint of a tenant: where its published events are posted, which of them,
 * and whether it receives any.
 *
 * <p>Invariants: the URL passed {@link EndpointAddresses} (https, public addresses only) when it was
 * set; the description is at most {@value #DESCRIPTION_LENGTH} characters; a signing secret is a
 * {@code whsec_} secret of 24 to 64 bytes. Secrets go to the credential store in the command's
 * transaction and never reach an event or this aggregate's state. Every change is written to the
 * {@link WebhookEndpointDirectory} in the same transaction, which is what deliveries read.
 */
@Aggregate
public class WebhookEndpoint extends TenantOwned {

    public static final int DESCRIPTION_LENGTH = 500;

    @AggregateIdentifier
    private WebhookEndpointId id;

    private String url;
    private Set<PublicEventType> eventTypes;
    private String description;
    private boolean enabled;

    protected WebhookEndpoint() {}

    @CommandHandler
    public WebhookEndpoint(
            RegisterWebhookEndpointCommand command,
            @MetaDataValue(MetadataKeys.TENANT_ID) String tenant,
            @MetaDataValue(MetadataKeys.USER_ID) String user,
            EndpointAddresses addresses,
            WebhookEndpointDirectory directory) {
        if (tenant == null || TenantId.of(tenant).isPlatform()) {
            throw Rules.invalid("webhook endpoints belong to a tenant, not to the platform");
        }
        String checked = addresses.check(command.url());
        Set<PublicEventType> types = types(command.eventTypes());
        String text = Rules.optionalText("description", command.description(), DESCRIPTION_LENGTH);
        requireSecret(command.secret());
        UserId by = user == null ? null : UserId.of(user);
        apply(new WebhookEndpointRegisteredEvent(
                command.endpointId(), TenantId.of(tenant), checked, types, text, command.enabled(), by));
        directory.registered(
                command.endpointId(), checked, types, text, command.enabled(), by, command.secret(), Instant.now());
    }

    /** Changing nothing records nothing, so a repeated PATCH leaves the history alone. */
    @CommandHandler
    public long handle(
            UpdateWebhookEndpointCommand command, EndpointAddresses addresses, WebhookEndpointDirectory directory) {
        String newUrl = command.url() == null ? url : addresses.check(command.url());
        Set<PublicEventType> newTypes = command.eventTypes() == null ? eventTypes : types(command.eventTypes());
        String newDescription = command.description() == null
                ? description
                : Rules.optionalText("description", command.description(), DESCRIPTION_LENGTH);
        boolean newEnabled = command.enabled() == null ? enabled : command.enabled();
        if (newUrl.equals(url)
                && newTypes.equals(eventTypes)
                && Objects.equals(newDescription, description)
                && newEnabled == enabled) {
            return getVersion();
        }
        apply(new WebhookEndpointUpdatedEvent(id, newUrl, newTypes, newDescription, newEnabled));
        directory.updated(id, newUrl, newTypes, newDescription, newEnabled, getVersion(), Instant.now());
        return getVersion();
    }

    @CommandHandler
    public long handle(RotateWebhookSecretCommand command, WebhookEndpointDirectory directory) {
        requireSecret(command.secret());
        if (command.previousValidUntil() == null) {
            throw Rules.invalid("previousValidUntil is required");
        }
        apply(new WebhookSecretRotatedEvent(id, command.previousValidUntil()));
        directory.rotated(id, command.secret(), command.previousValidUntil(), getVersion());
        return getVersion();
    }

    /** Only an enabled endpoint is switched off; a second report of the same failures records nothing. */
    @CommandHandler
    public void handle(DisableFailingWebhookEndpointCommand command, WebhookEndpointDirectory directory) {
        if (!enabled) {
            return;
        }
        apply(new WebhookEndpointDisabledForFailuresEvent(id, command.failingSince()));
        directory.disabledForFailures(id, command.failingSince(), getVersion());
    }

    @CommandHandler
    public void handle(DeleteWebhookEndpointCommand command, WebhookEndpointDirectory directory) {
        directory.deleted(id);
        apply(new WebhookEndpointDeletedEvent(id));
    }

    private static Set<PublicEventType> types(Set<PublicEventType> given) {
        if (given == null || given.isEmpty()) {
            return Set.of();
        }
        if (given.stream().anyMatch(Objects::isNull)) {
            throw Rules.invalid("eventTypes must not contain null");
        }
        return Set.copyOf(EnumSet.copyOf(given));
    }

    private static void requireSecret(String secret) {
        if (secret == null || !secret.startsWith(WebhookSignatures.PREFIX)) {
            throw Rules.invalid("a signing secret starts with " + WebhookSignatures.PREFIX);
        }
        int length;
        try {
            length = Base64.getDecoder().decode(secret.substring(WebhookSignatures.PREFIX.length())).length;
        } catch (IllegalArgumentException e) {
            throw Rules.invalid("a signing secret is base64 after " + WebhookSignatures.PREFIX);
        }
        if (length < 24 || length > 64) {
            throw Rules.invalid("a signing secret has 24 to 64 bytes");
        }
    }

    @EventSourcingHandler
    void on(WebhookEndpointRegisteredEvent event) {
        id = event.endpointId();
        tenantId = event.tenantId();
        url = event.url();
        eventTypes = Set.copyOf(event.eventTypes());
        description = event.description();
        enabled = event.enabled();
    }

    @EventSourcingHandler
    void on(WebhookEndpointUpdatedEvent event) {
        url = event.url();
        eventTypes = Set.copyOf(event.eventTypes());
        description = event.description();
        enabled = event.enabled();
    }

    @EventSourcingHandler
    void on(WebhookEndpointDisabledForFailuresEvent event) {
        enabled = false;
    }

    @EventSourcingHandler
    void on(WebhookEndpointDeletedEvent event) {
        markDeleted();
    }

    @Override
    protected String aggregateId() {
        return String.valueOf(id);
    }
}
