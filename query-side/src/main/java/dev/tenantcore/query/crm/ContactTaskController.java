package dev.tenantcore.query.crm;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.ContactTaskPage;
import dev.tenantcore.api.crm.ContactTaskResponse;
import dev.tenantcore.api.crm.FindContactTaskQuery;
import dev.tenantcore.api.crm.ListContactTasksQuery;
import dev.tenantcore.api.crm.ListTasksQuery;
import dev.tenantcore.infra.security.CurrentUser;
import dev.tenantcore.query.support.PageSize;
import dev.tenantcore.query.support.ReadQueries;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
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

/**
 * Staff (and auditors) read tasks here: a contact's, and the tenant's by assignee, status and due
 * time. Customers never do.
 *
 * <p>The handler methods are public because method security is enforced by a proxy.
 */
@RestController
@PreAuthorize("hasAnyRole('OWNER','MANAGER','STAFF','AUDITOR')")
@RequestMapping("/api/v1")
class ContactTaskController {

    private static final String ASSIGNEE = "Whose tasks: \"me\" (the caller) or a user's id; every task when absent.";
    private static final String MISSING = "The contact does not exist.";

    private final ReadQueries queries;

    ContactTaskController(ReadQueries queries) {
        this.queries = queries;
    }

    /** The contact's tasks, oldest first; {@code status} keeps the open or the done ones. */
    @GetMapping("/contacts/{id}/tasks")
    public ContactTaskPage contactTasks(
            @PathVariable UUID id,
            @RequestParam(required = false) @Pattern(regexp = "open|done") String status,
            @RequestParam(defaultValue = "" + PageSize.DEFAULT) @Min(1) @Max(PageSize.MAX) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        return queries.found(
                new ListContactTasksQuery(new ContactId(id), status, limit, cursor), ContactTaskPage.class, MISSING);
    }

    /** One task of the contact, with its version as {@code ETag} (what its changes take as If-Match). */
    @GetMapping("/contacts/{id}/tasks/{taskId}")
    public ResponseEntity<ContactTaskResponse> task(@PathVariable UUID id, @PathVariable UUID taskId) {
        return queries.versioned(
                new FindContactTaskQuery(new ContactId(id), taskId),
                ContactTaskResponse.class,
                ContactTaskResponse::version);
    }

    /**
     * The tenant's tasks over all contacts, oldest first: of an assignee ({@code me} or a user id), open
     * or done, due before an instant (tasks without a due time are left out then).
     */
    @GetMapping("/tasks")
    public ContactTaskPage tasks(
            @Parameter(description = ASSIGNEE)
                    @RequestParam(required = false)
                    @Pattern(regexp = "me|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
                    String assignee,
            @RequestParam(required = false) @Pattern(regexp = "open|done") String status,
            @RequestParam(required = false) Instant dueBefore,
            @RequestParam(defaultValue = "" + PageSize.DEFAULT) @Min(1) @Max(PageSize.MAX) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        return queries.one(
                new ListTasksQuery(assignee(assignee), status, dueBefore, limit, cursor), ContactTaskPage.class);
    }

    private static UserId assignee(String given) {
        if (given == null) {
            return null;
        }
        if (given.equals("me")) {
            return CurrentUser.id();
        }
        try {
            return new UserId(UUID.fromString(given));
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "assignee must be \"me\" or a user id.");
        }
    }
}
