package dev.tenantcore.query.crm;

import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.ContactPage;
import dev.tenantcore.api.crm.ContactResponse;
import dev.tenantcore.api.crm.ContactSort;
import dev.tenantcore.api.crm.ContactTagList;
import dev.tenantcore.api.crm.FindContactQuery;
import dev.tenantcore.api.crm.ListContactTagsQuery;
import dev.tenantcore.api.crm.ListContactsQuery;
import dev.tenantcore.query.support.PageSize;
import dev.tenantcore.query.support.ReadQueries;
import dev.tenantcore.query.support.VersionedResponses;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff read the tenant's contacts here; customers never do.
 *
 * <p>The handler methods are public because method security is enforced by a proxy.
 */
@RestController
@PreAuthorize("hasAnyRole('OWNER','MANAGER','STAFF','AUDITOR')")
@RequestMapping("/api/v1")
class ContactController {

    private static final String SEARCH = "Finds the contacts whose name, company, e-mails or phones contain this text"
            + " anywhere, ignoring case and accents (\"jose\" finds \"José García\", \"arcia\" too,"
            + " \"example.com\" every address at that domain). Text made of phone characters only"
            + " (\"+44 20 7946-0958\") is matched by its digits, as phones are stored in E.164.";
    private static final String SORT = "The order of the pages, each broken by id: createdAt (the default),"
            + " updatedAt (last change to the contact) or name; a leading '-' sorts from the largest value."
            + " A cursor is valid only with the sort that handed it out.";
    private static final Map<String, ContactSort> SORTS =
            Map.of("createdAt", ContactSort.CREATED_AT, "updatedAt", ContactSort.UPDATED_AT, "name", ContactSort.NAME);

    private final ReadQueries queries;

    ContactController(ReadQueries queries) {
        this.queries = queries;
    }

    /**
     * One page of contacts. {@code q} searches name, e-mail, phone and company (see {@link
     * ContactSearch}); {@code field} and {@code value} filter by a custom field; the time ranges are
     * half-open, from inclusive. A cursor belongs to its sort: used with another, it is refused.
     */
    @GetMapping("/contacts")
    public ContactPage list(
            @Parameter(description = SEARCH) @RequestParam(required = false) @Size(max = 200) String q,
            @RequestParam(required = false) @Size(max = 40) String stage,
            @RequestParam(required = false) UUID ownerId,
            @RequestParam(required = false) @Size(max = 50) String tag,
            @RequestParam(required = false) @Size(max = 50) String field,
            @RequestParam(required = false) @Size(max = 1000) String value,
            @RequestParam(defaultValue = "active") @Pattern(regexp = "active|archived|merged") String status,
            @RequestParam(required = false) Instant createdFrom,
            @RequestParam(required = false) Instant createdTo,
            @RequestParam(required = false) Instant updatedFrom,
            @RequestParam(required = false) Instant updatedTo,
            @Parameter(description = SORT)
                    @RequestParam(defaultValue = "createdAt")
                    @Pattern(regexp = "-?(createdAt|updatedAt|name)")
                    String sort,
            @RequestParam(defaultValue = "" + PageSize.DEFAULT) @Min(1) @Max(PageSize.MAX) int limit,
            // A name-sorted cursor carries the name (up to 200 characters, up to 800 bytes).
            @RequestParam(required = false) @Size(max = 2000) String cursor) {
        var query = new ListContactsQuery(
                q,
                stage,
                ownerId == null ? null : new UserId(ownerId),
                tag == null ? null : tag.strip().toLowerCase(java.util.Locale.ROOT),
                field,
                value,
                status,
                createdFrom,
                createdTo,
                updatedFrom,
                updatedTo,
                SORTS.get(sort.replaceFirst("^-", "")),
                sort.startsWith("-"),
                limit,
                cursor);
        return queries.one(query, ContactPage.class);
    }

    /**
     * One contact. A contact merged into another answers {@code 308} with the survivor as {@code
     * Location} and the merged contact as it was, so links to the duplicate keep working.
     */
    @GetMapping("/contacts/{id}")
    @ApiResponse(
            responseCode = "200",
            description = "The contact.",
            content = @Content(schema = @Schema(implementation = ContactResponse.class)))
    @ApiResponse(
            responseCode = "308",
            description = "The contact was merged into the one named by Location.",
            headers = @Header(name = HttpHeaders.LOCATION, required = true, schema = @Schema(type = "string")))
    public ResponseEntity<ContactResponse> get(@PathVariable UUID id) {
        ContactResponse contact = queries.found(
                new FindContactQuery(new ContactId(id)), ContactResponse.class, "The contact does not exist.");
        if (contact.mergedInto() != null) {
            return ResponseEntity.status(HttpStatus.PERMANENT_REDIRECT)
                    .location(URI.create("/api/v1/contacts/" + contact.mergedInto()))
                    .body(contact);
        }
        return VersionedResponses.ok(contact, contact.version());
    }

    /** The tags of the tenant's active contacts, with how many carry each. */
    @GetMapping("/contact-tags")
    public ContactTagList tags() {
        return queries.one(new ListContactTagsQuery(), ContactTagList.class);
    }
}
