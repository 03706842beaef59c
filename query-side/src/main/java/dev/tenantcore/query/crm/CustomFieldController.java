package dev.tenantcore.query.crm;

import dev.tenantcore.api.crm.CustomFieldId;
import dev.tenantcore.api.crm.CustomFieldList;
import dev.tenantcore.api.crm.CustomFieldResponse;
import dev.tenantcore.api.crm.FindCustomFieldQuery;
import dev.tenantcore.api.crm.FindLifecycleStagesQuery;
import dev.tenantcore.api.crm.LifecycleStagesResponse;
import dev.tenantcore.api.crm.ListCustomFieldsQuery;
import dev.tenantcore.infra.tenancy.TenantContext;
import dev.tenantcore.query.support.ReadQueries;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What staff need to edit contacts: the tenant's custom fields and lifecycle stages. */
@RestController
@PreAuthorize("hasAnyRole('OWNER','MANAGER','STAFF','AUDITOR')")
@RequestMapping("/api/v1")
class CustomFieldController {

    private final ReadQueries queries;

    CustomFieldController(ReadQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/contact-fields")
    public CustomFieldList list() {
        return queries.one(new ListCustomFieldsQuery(), CustomFieldList.class);
    }

    @GetMapping("/contact-fields/{id}")
    public ResponseEntity<CustomFieldResponse> get(@PathVariable UUID id) {
        return queries.versioned(
                new FindCustomFieldQuery(new CustomFieldId(id)),
                CustomFieldResponse.class,
                CustomFieldResponse::version,
                "The custom field does not exist.");
    }

    /** The tenant's stages, in order; the defaults (version -1) until it sets its own. */
    @GetMapping("/contact-stages")
    public LifecycleStagesResponse stages() {
        return queries.one(
                new FindLifecycleStagesQuery(TenantContext.requireTenant("Lifecycle stages belong to a tenant.")),
                LifecycleStagesResponse.class);
    }
}
