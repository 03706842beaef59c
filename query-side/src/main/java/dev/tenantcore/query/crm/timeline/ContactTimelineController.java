package dev.tenantcore.query.crm.timeline;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.timeline.ContactTimelinePage;
import dev.tenantcore.api.crm.timeline.FindContactTimelineQuery;
import dev.tenantcore.api.crm.timeline.TimelineEntryType;
import dev.tenantcore.query.support.PageSize;
import dev.tenantcore.query.support.ReadQueries;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff read a contact's timeline here; customers never do.
 *
 * <p>The handler methods are public because method security is enforced by a proxy.
 */
@RestController
@PreAuthorize("hasAnyRole('OWNER','MANAGER','STAFF','AUDITOR')")
@RequestMapping("/api/v1")
class ContactTimelineController {

    private final ReadQueries queries;

    ContactTimelineController(ReadQueries queries) {
        this.queries = queries;
    }

    /**
     * One page of what happened with the contact, newest first: its own changes and notes, its
     * leads, its orders with their payments and invoices, each with who did it. {@code types}
     * (comma-separated wire names, such as {@code order_placed,lead_submitted}) keeps only those.
     */
    @GetMapping("/contacts/{id}/timeline")
    public ContactTimelinePage timeline(
            @PathVariable UUID id,
            @RequestParam(required = false)
                    @Size(max = 30)
                    @Parameter(description = "Entry types to keep, e.g. order_placed,lead_submitted; all when absent.")
                    List<@Size(max = 40) String> types,
            @RequestParam(defaultValue = "" + PageSize.DEFAULT) @Min(1) @Max(PageSize.MAX) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        var query = new FindContactTimelineQuery(new ContactId(id), parse(types), limit, cursor);
        return queries.found(query, ContactTimelinePage.class, "The contact does not exist.");
    }

    private static Set<TimelineEntryType> parse(List<String> types) {
        Set<TimelineEntryType> parsed = EnumSet.noneOf(TimelineEntryType.class);
        if (types == null) {
            return parsed;
        }
        for (String type : types) {
            try {
                parsed.add(TimelineEntryType.fromWireName(type.strip()));
            } catch (IllegalArgumentException e) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, "Unknown timeline entry type: " + type);
            }
        }
        return parsed;
    }
}
