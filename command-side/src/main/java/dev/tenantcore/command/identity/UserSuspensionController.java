package dev.tenantcore.command.identity;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.identity.FindUserQuery;
import dev.tenantcore.api.identity.ReinstateUserCommand;
import dev.tenantcore.api.identity.Role;
import dev.tenantcore.api.identity.SuspendUserCommand;
import dev.tenantcore.api.identity.UserResponse;
import dev.tenantcore.command.common.CommandHeaders;
import dev.tenantcore.command.common.CommandResource;
import dev.tenantcore.command.common.CommandResponses;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.infra.security.CurrentUser;
import dev.tenantcore.infra.tenancy.TenantContext;
import dev.tenantcore.infra.web.CommandEndpoint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The platform suspends a tenant's user, and reinstates them: apart from the tenant's own
 * deactivation, which its owner and managers decide. The request runs in the platform scope; the
 * command and the answer's read run in the user's tenant, so a user of another tenant than the one
 * named is not found, exactly as a missing one.
 */
@CommandEndpoint(representation = UserResponse.class)
@RestController
@RequestMapping("/api/v1/platform/tenants/{tenantId}/users/{userId}")
@PreAuthorize("hasRole('PLATFORM_ADMIN')")
class UserSuspensionController {

    private final CommandResource<UserId, UserResponse> users;

    UserSuspensionController(CommandResponses responses) {
        this.users = responses.resource(
                "/api/v1/users", UserId::new, FindUserQuery::new, UserResponse.class, UserResponse::version);
    }

    record SuspendRequest(
            @NotBlank @Size(max = UserAccount.MAX_SUSPENSION_REASON) @Pattern(regexp = Rules.LINES_PATTERN)
            String reason) {}

    /** Signs the user out everywhere at once; sign-in and token refresh are refused until reinstated. */
    @PostMapping("/suspend")
    public ResponseEntity<Object> suspend(
            @PathVariable UUID tenantId,
            @PathVariable UUID userId,
            @Valid @RequestBody SuspendRequest body,
            CommandHeaders headers) {
        return inTenant(
                tenantId,
                () -> users.transition(
                        userId,
                        headers,
                        (user, expected) ->
                                new SuspendUserCommand(user, body.reason(), Role.PLATFORM_ADMIN, expected)));
    }

    /** Lifts the suspension; a user their tenant deactivated stays deactivated. */
    @PostMapping("/reinstate")
    public ResponseEntity<Object> reinstate(
            @PathVariable UUID tenantId, @PathVariable UUID userId, CommandHeaders headers) {
        return inTenant(
                tenantId,
                () -> users.transition(
                        userId,
                        headers,
                        (user, expected) -> new ReinstateUserCommand(user, Role.PLATFORM_ADMIN, expected)));
    }

    /** The work, in the named tenant, on behalf of the administrator; the platform scope has no such users. */
    private static ResponseEntity<Object> inTenant(UUID tenantId, Supplier<ResponseEntity<Object>> work) {
        TenantId tenant = new TenantId(tenantId);
        if (tenant.isPlatform()) {
            throw new DomainException(ErrorCode.NOT_FOUND, "The resource does not exist.");
        }
        try (var scope = TenantContext.enter(tenant, CurrentUser.id())) {
            return work.get();
        }
    }
}
