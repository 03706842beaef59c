package dev.tenantcore.api.crm;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Removes a custom field: contacts no longer show or validate its values, and their histories keep
 * them untouched.
 */
public record RemoveCustomFieldCommand(
        @TargetAggregateIdentifier CustomFieldId customFieldId,
        @TargetAggregateVersion Long expectedVersion) {}
