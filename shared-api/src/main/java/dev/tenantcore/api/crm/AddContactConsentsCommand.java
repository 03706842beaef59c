package dev.tenantcore.api.crm;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Adds the consents a contact lacks: a grant for a purpose the contact has no answer for, or only an
 * older refusal. Never withdraws or replaces a grant, and never overrides a refusal given later.
 * Sent when a lead that gave consent is converted onto an existing contact.
 */
public record AddContactConsentsCommand(
        @TargetAggregateIdentifier ContactId contactId, List<Consent> consents) {}
