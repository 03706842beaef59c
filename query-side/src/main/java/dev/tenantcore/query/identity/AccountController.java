package dev.tenantcore.query.identity;

import dev.tenantcore.api.identity.FindUserQuery;
import dev.tenantcore.api.identity.UserResponse;
import dev.tenantcore.infra.security.CurrentUser;
import dev.tenantcore.query.support.ReadQueries;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Every signed-in user reads their own account here, with its version for {@code If-Match}. */
@RestController
class AccountController {

    private final ReadQueries queries;

    AccountController(ReadQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/v1/account")
    ResponseEntity<UserResponse> get() {
        return queries.versioned(new FindUserQuery(CurrentUser.id()), UserResponse.class, UserResponse::version);
    }
}
