package dev.tenantcore.api.crm;

import java.util.Map;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Mails the contact one of the tenant's email templates (by its wire name) at the contact's first
 * email address. {@code deliveryKey} names the cause: the same key again queues no second mail.
 * {@code model} is what the template reads, beside the contact's {@code name} and {@code email}.
 */
public record MailContactCommand(
        @TargetAggregateIdentifier ContactId contactId, UUID deliveryKey, String template, Map<String, Object> model) {}
