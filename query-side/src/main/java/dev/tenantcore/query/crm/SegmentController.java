package dev.tenantcore.query.crm;

import dev.tenantcore.api.crm.ContactPage;
import dev.tenantcore.api.crm.segment.FindSegmentQuery;
import dev.tenantcore.api.crm.segment.ListSegmentContactsQuery;
import dev.tenantcore.api.crm.segment.ListSegmentsQuery;
import dev.tenantcore.api.crm.segment.SegmentId;
import dev.tenantcore.api.crm.segment.SegmentPage;
import dev.tenantcore.api.crm.segment.SegmentResponse;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff read the tenant's segments and their members; customers never do.
 *
 * <p>The handler methods are public because method security is enforced by a proxy.
 */
@RestController
@PreAuthorize("hasAnyRole('OWNER','MANAGER','STAFF','AUDITOR')")
@RequestMapping("/api/v1/segments")
class SegmentController {

    private static final String MISSING = "The segment does not exist.";

    private final ReadQueries queries;

    SegmentController(ReadQueries queries) {
        this.queries = queries;
    }

    /** The tenant's segments, oldest first, without their counts. */
    @GetMapping
    public SegmentPage list(
            @RequestParam(defaultValue = "" + PageSize.DEFAULT) @Min(1) @Max(PageSize.MAX) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        return queries.one(new ListSegmentsQuery(limit, cursor), SegmentPage.class);
    }

    /** The segment, with {@code contacts}: how many active contacts meet its filter now. */
    @GetMapping("/{id}")
    public ResponseEntity<SegmentResponse> get(@PathVariable UUID id) {
        return queries.versioned(
                new FindSegmentQuery(new SegmentId(id)), SegmentResponse.class, SegmentResponse::version, MISSING);
    }

    /** One page of the segment's members now, with the cursors and contact shape of {@code GET /contacts}. */
    @GetMapping("/{id}/contacts")
    public ContactPage contacts(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "" + PageSize.DEFAULT) @Min(1) @Max(PageSize.MAX) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        return queries.found(
                new ListSegmentContactsQuery(new SegmentId(id), limit, cursor), ContactPage.class, MISSING);
    }
}
