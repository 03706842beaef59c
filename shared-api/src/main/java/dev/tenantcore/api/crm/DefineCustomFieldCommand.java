package dev.tenantcore.api.crm;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Defines a custom field of the tenant's contacts. {@code key} is how clients name its value
 * (unique per tenant, may be renamed later); {@code options} are the choices of a select field.
 * A {@code required} field must have a value on every contact write; a {@code unique} one may hold
 * a given value on one contact only.
 */
public record DefineCustomFieldCommand(
        @TargetAggregateIdentifier CustomFieldId customFieldId,
        String key,
        String label,
        CustomFieldType type,
        List<String> options,
        boolean required,
        boolean unique) {}
