package dev.tenantcore.command.crm;

import dev.tenantcore.api.crm.CustomFieldId;
import dev.tenantcore.api.crm.CustomFieldType;
import java.util.List;

/**
 * The command side's record of the current tenant's custom field definitions, written by {@link
 * CustomField} in the transaction of its events and read by {@link Contact} to validate values: a
 * field defined a moment ago is accepted at once, a field removed a moment ago is refused.
 */
interface CustomFieldDefinitions {

    record Definition(
            CustomFieldId id,
            String key,
            CustomFieldType type,
            List<String> options,
            boolean required,
            boolean unique) {}

    /** The tenant's fields that are not removed. */
    List<Definition> all();

    void defined(Definition definition);

    void renamed(CustomFieldId id, String key);

    void removed(CustomFieldId id);
}
