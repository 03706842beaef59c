package dev.tenantcore.api.crm;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Merges the contact {@code duplicateId} into {@code contactId}, the survivor: the survivor takes
 * the duplicate's e-mail addresses, phones, channel handles, tags, consents and the details it
 * lacks; the duplicate then only points at the survivor.
 */
public record MergeContactCommand(
        @TargetAggregateIdentifier ContactId contactId,
        @TargetAggregateVersion Long expectedVersion,
        ContactId duplicateId) {}
