package dev.tenantcore.api.crm;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Gives a custom field a new key and/or label (null keeps it); contacts' values stay where they are. */
public record RenameCustomFieldCommand(
        @TargetAggregateIdentifier CustomFieldId customFieldId,
        @TargetAggregateVersion Long expectedVersion,
        String key,
        String label) {}
