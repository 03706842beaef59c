package dev.tenantcore.query.identity;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.identity.FindUserQuery;
import dev.tenantcore.api.identity.UserResponse;
import dev.tenantcore.infra.security.CurrentUser;
import dev.tenantcore.query.support.QueryResults;
import dev.tenantcore.query.support.VersionedResponses;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Every signed-in user reads their own account here, with its version for {@code If-Match}. */
@RestController
class AccountController {

    private final QueryGateway queries;

    AccountController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/v1/account")
    ResponseEntity<UserResponse> get() {
        UserResponse account = QueryResults.join(
                queries.query(new FindUserQuery(CurrentUser.id()), ResponseTypes.instanceOf(UserResponse.class)));
        if (account == null) {
            throw new DomainException(ErrorCode.NOT_FOUND, "The resource does not exist.");
        }
        return VersionedResponses.ok(account, account.version());
    }
}
