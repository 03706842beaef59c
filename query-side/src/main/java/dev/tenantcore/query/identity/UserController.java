package dev.tenantcore.query.identity;

import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.identity.FindUserQuery;
import dev.tenantcore.api.identity.ListUsersQuery;
import dev.tenantcore.api.identity.Role;
import dev.tenantcore.api.identity.UserPage;
import dev.tenantcore.api.identity.UserResponse;
import dev.tenantcore.api.identity.UserStatus;
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
 * Owners and managers read their tenant's accounts: staff and customers. Handler methods are
 * public so that method security applies.
 */
@RestController
@RequestMapping("/api/v1/users")
@PreAuthorize("hasAnyRole('OWNER','MANAGER')")
class UserController {

    private final ReadQueries queries;

    UserController(ReadQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    public UserPage list(
            @RequestParam(required = false) Role role,
            @RequestParam(required = false) UserStatus status,
            @RequestParam(defaultValue = "" + PageSize.DEFAULT) @Min(1) @Max(PageSize.MAX) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        return queries.one(new ListUsersQuery(role, status, limit, cursor), UserPage.class);
    }

    @GetMapping("/{id}")
    public ResponseEntity<UserResponse> get(@PathVariable UUID id) {
        return queries.versioned(new FindUserQuery(new UserId(id)), UserResponse.class, UserResponse::version);
    }
}
