package dev.tenantcore.command.crm.lead;

import dev.tenantcore.api.crm.lead.LeadFormId;
import java.util.Optional;

/**
 * The command side's own record of each tenant's current form definitions. {@link LeadForm} writes
 * it in the transaction of its events and a submission reads it, so a visitor's answers are checked
 * against the form as it is now, never against a lagging read model: a field added a moment ago is
 * accepted, one removed a moment ago is refused. Scoped to the current tenant by row-level security.
 */
interface LeadForms {

    /** The form was created or changed: {@code form} is its whole definition now. */
    void saved(LeadFormDefinition form);

    void removed(LeadFormId form);

    Optional<LeadFormDefinition> byKey(String formKey);
}
