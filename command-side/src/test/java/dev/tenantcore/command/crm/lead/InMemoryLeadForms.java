package dev.tenantcore.command.crm.lead;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.crm.lead.LeadFormId;
import dev.tenantcore.command.common.TestTransactions;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link LeadForms} on a map, per tenant bound in {@link TenantContext} as the row-level-secured
 * table is; what a failed command wrote is undone, as its rolled-back transaction would undo it.
 */
final class InMemoryLeadForms implements LeadForms {

    private record Slot(TenantId tenant, LeadFormId form) {}

    private final Map<Slot, LeadFormDefinition> forms = new HashMap<>();

    @Override
    public void saved(LeadFormDefinition form) {
        Slot slot = new Slot(currentTenant(), form.id());
        LeadFormDefinition before = forms.put(slot, form);
        TestTransactions.onRollback(() -> restore(slot, before));
    }

    @Override
    public void removed(LeadFormId form) {
        Slot slot = new Slot(currentTenant(), form);
        LeadFormDefinition before = forms.remove(slot);
        TestTransactions.onRollback(() -> restore(slot, before));
    }

    @Override
    public Optional<LeadFormDefinition> byKey(String formKey) {
        TenantId tenant = currentTenant();
        return forms.entrySet().stream()
                .filter(e ->
                        e.getKey().tenant().equals(tenant) && e.getValue().key().equals(formKey))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** A form of {@code tenant} that an earlier command saved. */
    void existing(TenantId tenant, LeadFormDefinition form) {
        forms.put(new Slot(tenant, form.id()), form);
    }

    Optional<LeadFormDefinition> of(TenantId tenant, LeadFormId form) {
        return Optional.ofNullable(forms.get(new Slot(tenant, form)));
    }

    private void restore(Slot slot, LeadFormDefinition before) {
        if (before == null) {
            forms.remove(slot);
        } else {
            forms.put(slot, before);
        }
    }

    private static TenantId currentTenant() {
        return TenantContext.current().orElseThrow(() -> new IllegalStateException("no tenant bound"));
    }
}
