package dev.tenantcore.command.identity;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.identity.ChangeUserRoleCommand;
import dev.tenantcore.api.identity.DeactivateUserCommand;
import dev.tenantcore.api.identity.DeleteUserCommand;
import dev.tenantcore.api.identity.FindUserQuery;
import dev.tenantcore.api.identity.ReactivateUserCommand;
import dev.tenantcore.api.identity.RegisterUserCommand;
import dev.tenantcore.api.identity.UserResponse;
import dev.tenantcore.command.common.CommandHeaders;
import dev.tenantcore.command.common.CommandResource;
import dev.tenantcore.command.common.CommandResponses;
import dev.tenantcore.infra.security.CurrentUser;
import dev.tenantcore.infra.web.CommandEndpoint;
import dev.tenantcore.infra.web.ProblemResponses;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Owners and managers administer their tenant's accounts. What a manager may do beyond reaching
 * these endpoints (staff accounts only) is the aggregate's {@link StaffPolicy}; the caller's role
 * travels in each command for it. Handler methods are public so that method security applies.
 */
@RestController
@RequestMapping("/api/v1/users")
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
class UserCommandController {

    private final CommandResource<UserId, UserResponse> users;
    private final PasswordEncoder passwords;

    UserCommandController(CommandResponses responses, PasswordEncoder passwords) {
        this.users = responses.resource(
                "/api/v1/users", UserId::new, FindUserQuery::new, UserResponse.class, UserResponse::version);
        this.passwords = passwords;
    }

    record CreateUserRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @Size(max = 200) String displayName,
            @NotNull StaffRole role,
            @NotBlank @Size(min = 8, max = 200) String password) {}

    record ChangeRoleRequest(@NotNull StaffRole role) {}

    @CommandEndpoint(representation = UserResponse.class, creates = true)
    @PostMapping
    @ProblemResponses(503)
    public ResponseEntity<Object> create(@Valid @RequestBody CreateUserRequest body, CommandHeaders headers) {
        // Checked before the costly password hash; the aggregate cannot, as the account does not exist yet.
        if (!StaffPolicy.mayAssign(CurrentUser.role(), body.role().role())) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Your role does not allow this.");
        }
        UserId id = UserId.random();
        return users.create(
                id,
                new RegisterUserCommand(
                        id,
                        body.email(),
                        passwords.encode(body.password()),
                        body.displayName(),
                        body.role().role()),
                headers);
    }

    @CommandEndpoint(representation = UserResponse.class)
    @PutMapping("/{id}/role")
    public ResponseEntity<Object> changeRole(
            @PathVariable UUID id, @Valid @RequestBody ChangeRoleRequest body, CommandHeaders headers) {
        return users.transition(
                id,
                headers,
                (user, expected) -> new ChangeUserRoleCommand(user, body.role().role(), CurrentUser.role(), expected));
    }

    @CommandEndpoint(representation = UserResponse.class)
    @PostMapping("/{id}/deactivate")
    public ResponseEntity<Object> deactivate(@PathVariable UUID id, CommandHeaders headers) {
        return users.transition(
                id, headers, (user, expected) -> new DeactivateUserCommand(user, CurrentUser.role(), expected));
    }

    @CommandEndpoint(representation = UserResponse.class)
    @PostMapping("/{id}/reactivate")
    public ResponseEntity<Object> reactivate(@PathVariable UUID id, CommandHeaders headers) {
        return users.transition(
                id, headers, (user, expected) -> new ReactivateUserCommand(user, CurrentUser.role(), expected));
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable UUID id, CommandHeaders headers) {
        return users.remove(id, headers, (user, expected) -> new DeleteUserCommand(user, CurrentUser.role(), expected));
    }
}
