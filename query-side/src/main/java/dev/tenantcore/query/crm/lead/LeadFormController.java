package dev.tenantcore.query.crm.lead;

import dev.tenantcore.api.crm.lead.FindLeadFormByKeyQuery;
import dev.tenantcore.api.crm.lead.FindLeadFormQuery;
import dev.tenantcore.api.crm.lead.LeadFormId;
import dev.tenantcore.api.crm.lead.LeadFormPage;
import dev.tenantcore.api.crm.lead.LeadFormResponse;
import dev.tenantcore.api.crm.lead.ListLeadFormsQuery;
import dev.tenantcore.query.support.PageSize;
import dev.tenantcore.query.support.ReadQueries;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant's lead forms: staff read their definitions, and anyone may read one by its key, which
 * is what a page needs to render it (labels, types, options, the consent text).
 */
@RestController
class LeadFormController {

    private static final String MISSING = "The form does not exist.";

    private final ReadQueries queries;

    LeadFormController(ReadQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/v1/lead-forms")
    @PreAuthorize("hasAnyRole('OWNER','MANAGER','STAFF','AUDITOR')")
    public LeadFormPage list(
            @RequestParam(defaultValue = "" + PageSize.DEFAULT) @Min(1) @Max(PageSize.MAX) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        return queries.one(new ListLeadFormsQuery(limit, cursor), LeadFormPage.class);
    }

    @GetMapping("/api/v1/lead-forms/{id}")
    @PreAuthorize("hasAnyRole('OWNER','MANAGER','STAFF','AUDITOR')")
    public ResponseEntity<LeadFormResponse> get(@PathVariable UUID id) {
        return queries.versioned(
                new FindLeadFormQuery(new LeadFormId(id)), LeadFormResponse.class, LeadFormResponse::version, MISSING);
    }

    @GetMapping("/api/v1/public/forms/{formKey}")
    public ResponseEntity<LeadFormResponse> publicForm(@PathVariable @Size(max = 100) String formKey) {
        return queries.versioned(
                new FindLeadFormByKeyQuery(formKey), LeadFormResponse.class, LeadFormResponse::version, MISSING);
    }
}
