package dev.tenantcore.query.crm.lead;

import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.lead.FindLeadQuery;
import dev.tenantcore.api.crm.lead.LeadFormId;
import dev.tenantcore.api.crm.lead.LeadId;
import dev.tenantcore.api.crm.lead.LeadPage;
import dev.tenantcore.api.crm.lead.LeadResponse;
import dev.tenantcore.api.crm.lead.LeadStatus;
import dev.tenantcore.api.crm.lead.ListLeadsQuery;
import dev.tenantcore.query.support.PageSize;
import dev.tenantcore.query.support.ReadQueries;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Staff read the tenant's leads; customers never see them. */
@RestController
@RequestMapping("/api/v1/leads")
@PreAuthorize("hasAnyRole('OWNER','MANAGER','STAFF','AUDITOR')")
class LeadController {

    private final ReadQueries queries;

    LeadController(ReadQueries queries) {
        this.queries = queries;
    }

    /** Newest first; {@code createdBefore} is exclusive. */
    @GetMapping
    public LeadPage list(
            @RequestParam(required = false) LeadStatus status,
            @RequestParam(required = false) UUID ownerId,
            @RequestParam(required = false) UUID formId,
            @RequestParam(required = false) Instant createdFrom,
            @RequestParam(required = false) Instant createdBefore,
            @RequestParam(defaultValue = "" + PageSize.DEFAULT) @Min(1) @Max(PageSize.MAX) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        var query = new ListLeadsQuery(
                status,
                ownerId == null ? null : new UserId(ownerId),
                formId == null ? null : new LeadFormId(formId),
                createdFrom,
                createdBefore,
                limit,
                cursor);
        return queries.one(query, LeadPage.class);
    }

    @GetMapping("/{id}")
    public ResponseEntity<LeadResponse> get(@PathVariable UUID id) {
        return queries.versioned(
                new FindLeadQuery(new LeadId(id)),
                LeadResponse.class,
                LeadResponse::version,
                "The lead does not exist.");
    }
}
