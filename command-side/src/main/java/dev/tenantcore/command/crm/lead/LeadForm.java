package dev.tenantcore.command.crm.lead;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.crm.lead.CreateLeadFormCommand;
import dev.tenantcore.api.crm.lead.DeleteLeadFormCommand;
import dev.tenantcore.api.crm.lead.LeadFormCreatedEvent;
import dev.tenantcore.api.crm.lead.LeadFormDeletedEvent;
import dev.tenantcore.api.crm.lead.LeadFormField;
import dev.tenantcore.api.crm.lead.LeadFormId;
import dev.tenantcore.api.crm.lead.LeadFormUpdatedEvent;
import dev.tenantcore.api.crm.lead.UpdateLeadFormCommand;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.command.common.TenantOwned;
import dev.tenantcore.command.common.UniqueKeys;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A public form of a tenant, event-sourced like everything a tenant defines, so its history says
 * which fields and which consent text a form had when.
 *
 * <p>Invariants: the key is unique within the tenant and never changes (it is the form's public
 * address); the form has 1-30 fields with at least one email or phone field, at most 20
 * qualification questions, and no key twice; only a choice has options. Every change is written
 * to {@link LeadForms} in the same transaction, which is what submissions are checked against. An
 * update that changes nothing records nothing.
 */
@Aggregate
public class LeadForm extends TenantOwned {

    @AggregateIdentifier
    private LeadFormId id;

    private String formKey;
    private Definition definition;

    private record Definition(
            String name, List<LeadFormField> fields, List<LeadFormField> questions, String consentText) {}

    protected LeadForm() {}

    @CommandHandler
    public LeadForm(
            CreateLeadFormCommand command,
            @MetaDataValue(MetadataKeys.TENANT_ID) String tenant,
            UniqueKeys keys,
            LeadForms forms) {
        String key = Rules.slug(command.formKey());
        Definition d =
                validated(new Definition(command.name(), command.fields(), command.questions(), command.consentText()));
        keys.claim(UniqueKeys.Scope.LEAD_FORM_KEY, key, command.formId().value());
        forms.saved(new LeadFormDefinition(command.formId(), key, d.fields(), d.questions(), d.consentText()));
        apply(new LeadFormCreatedEvent(
                command.formId(), TenantId.of(tenant), key, d.name(), d.fields(), d.questions(), d.consentText()));
    }

    @CommandHandler
    public long handle(UpdateLeadFormCommand command, LeadForms forms) {
        Definition changed = validated(new Definition(
                or(command.name(), definition.name()),
                or(command.fields(), definition.fields()),
                or(command.questions(), definition.questions()),
                command.consentText() != null ? command.consentText() : definition.consentText()));
        if (changed.equals(definition)) {
            return getVersion();
        }
        forms.saved(new LeadFormDefinition(id, formKey, changed.fields(), changed.questions(), changed.consentText()));
        apply(new LeadFormUpdatedEvent(
                id, changed.name(), changed.fields(), changed.questions(), changed.consentText()));
        return getVersion();
    }

    @CommandHandler
    public void handle(DeleteLeadFormCommand command, UniqueKeys keys, LeadForms forms) {
        keys.release(UniqueKeys.Scope.LEAD_FORM_KEY, formKey, id.value());
        forms.removed(id);
        apply(new LeadFormDeletedEvent(id, formKey));
    }

    @EventSourcingHandler
    void on(LeadFormCreatedEvent event) {
        id = event.formId();
        tenantId = event.tenantId();
        formKey = event.formKey();
        definition = new Definition(event.name(), event.fields(), event.questions(), event.consentText());
    }

    @EventSourcingHandler
    void on(LeadFormUpdatedEvent event) {
        definition = new Definition(event.name(), event.fields(), event.questions(), event.consentText());
    }

    @EventSourcingHandler
    void on(LeadFormDeletedEvent event) {
        markDeleted();
    }

    @Override
    protected String aggregateId() {
        return String.valueOf(id);
    }

    private static Definition validated(Definition d) {
        List<LeadFormField> questions = d.questions() == null ? List.of() : d.questions();
        LeadFormRules.definition(d.fields(), questions);
        return new Definition(
                Rules.text("name", d.name(), 200),
                d.fields().stream().map(LeadForm::normalized).toList(),
                questions.stream().map(LeadForm::normalized).toList(),
                LeadFormRules.consentText(d.consentText()));
    }

    /** Labels stripped and absent options as an empty list, so that equal definitions compare equal. */
    private static LeadFormField normalized(LeadFormField f) {
        return new LeadFormField(
                f.key(), f.label().strip(), f.type(), f.required(), f.options() == null ? List.of() : f.options());
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
