package dev.tenantcore.command.crm;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.crm.CustomFieldDefinedEvent;
import dev.tenantcore.api.crm.CustomFieldId;
import dev.tenantcore.api.crm.CustomFieldRemovedEvent;
import dev.tenantcore.api.crm.CustomFieldRenamedEvent;
import dev.tenantcore.api.crm.CustomFieldType;
import dev.tenantcore.api.crm.DefineCustomFieldCommand;
import dev.tenantcore.api.crm.RemoveCustomFieldCommand;
import dev.tenantcore.api.crm.RenameCustomFieldCommand;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.command.common.TenantOwned;
import dev.tenantcore.command.common.UniqueKeys;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One custom field of a tenant's contacts.
 *
 * <p>Invariants: the key is unique within the tenant and looks like an identifier; a select field
 * has 1-100 distinct options and no other field has any; only text, number and date fields may be
 * unique. The type and options never change (a contact's stored value always fits its field);
 * renaming changes only how clients name the field, since contacts keep values by the field's id.
 * Every change is written to {@link CustomFieldDefinitions} in the command transaction.
 */
@Aggregate
public class CustomField extends TenantOwned {

    static final String KEY_PATTERN = "^[a-z][a-z0-9_]{0,49}$";
    private static final Pattern KEY = Pattern.compile(KEY_PATTERN);

    @AggregateIdentifier
    private CustomFieldId id;

    private String key;
    private String label;

    protected CustomField() {}

    @CommandHandler
    public CustomField(
            DefineCustomFieldCommand command,
            @MetaDataValue(MetadataKeys.TENANT_ID) String tenant,
            UniqueKeys keys,
            CustomFieldDefinitions definitions) {
        String key = key(command.key());
        String label = Rules.text("label", command.label(), 100);
        CustomFieldType type = command.type();
        if (type == null) {
            throw Rules.invalid("type is required");
        }
        List<String> options = options(type, command.options());
        boolean selectable = type == CustomFieldType.SINGLE_SELECT || type == CustomFieldType.MULTI_SELECT;
        if (command.unique() && (selectable || type == CustomFieldType.BOOLEAN)) {
            throw Rules.invalid("only text, number and date fields may be unique");
        }
        keys.claim(
                UniqueKeys.Scope.CUSTOM_FIELD_KEY, key, command.customFieldId().value());
        definitions.defined(new CustomFieldDefinitions.Definition(
                command.customFieldId(), key, type, options, command.required(), command.unique()));
        apply(new CustomFieldDefinedEvent(
                command.customFieldId(),
                TenantId.of(tenant),
                key,
                label,
                type,
                options,
                command.required(),
                command.unique()));
    }

    @CommandHandler
    public long handle(RenameCustomFieldCommand command, UniqueKeys keys, CustomFieldDefinitions definitions) {
        String newKey = command.key() == null ? key : key(command.key());
        String newLabel = command.label() == null ? label : Rules.text("label", command.label(), 100);
        if (newKey.equals(key) && newLabel.equals(label)) {
            return getVersion();
        }
        if (!newKey.equals(key)) {
            keys.claim(UniqueKeys.Scope.CUSTOM_FIELD_KEY, newKey, id.value());
            keys.release(UniqueKeys.Scope.CUSTOM_FIELD_KEY, key, id.value());
            definitions.renamed(id, newKey);
        }
        apply(new CustomFieldRenamedEvent(id, newKey, newLabel));
        return getVersion();
    }

    @CommandHandler
    public void handle(RemoveCustomFieldCommand command, UniqueKeys keys, CustomFieldDefinitions definitions) {
        keys.release(UniqueKeys.Scope.CUSTOM_FIELD_KEY, key, id.value());
        definitions.removed(id);
        apply(new CustomFieldRemovedEvent(id, key));
    }

    @EventSourcingHandler
    void on(CustomFieldDefinedEvent event) {
        id = event.customFieldId();
        tenantId = event.tenantId();
        key = event.key();
        label = event.label();
    }

    @EventSourcingHandler
    void on(CustomFieldRenamedEvent event) {
        key = event.key();
        label = event.label();
    }

    @EventSourcingHandler
    void on(CustomFieldRemovedEvent event) {
        markDeleted();
    }

    @Override
    protected String aggregateId() {
        return String.valueOf(id);
    }

    private static String key(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw Rules.invalid("key must be 1-50 lower-case letters, digits or _, starting with a letter");
        }
        return key;
    }

    private static List<String> options(CustomFieldType type, List<String> given) {
        List<String> options = given == null ? List.of() : given;
        boolean selectable = type == CustomFieldType.SINGLE_SELECT || type == CustomFieldType.MULTI_SELECT;
        if (!selectable) {
            if (!options.isEmpty()) {
                throw Rules.invalid("only select fields have options");
            }
            return List.of();
        }
        if (options.isEmpty() || options.size() > 100) {
            throw Rules.invalid("a select field has 1-100 options");
        }
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (String option : options) {
            distinct.add(Rules.text("options", option, 100));
        }
        if (distinct.size() != options.size()) {
            throw Rules.invalid("options must be distinct");
        }
        return List.copyOf(distinct);
    }
}
