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
import dev.tenantcore.command.common.CommandResponses;
import dev.tenantcore.infra.security.CurrentUser;
import dev.tenantcore.infra.web.CommandEndpoint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
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

    private final CommandGateway commands;
    private final CommandResponses responses;
    private final PasswordEncoder passwords;

    UserCommandController(CommandGateway commands, CommandResponses responses, PasswordEncoder passwords) {
        this.commands = commands;
        this.responses = responses;
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
    public ResponseEntity<Object> create(
            @Valid @RequestBody CreateUserRequest body,
            @RequestHeader(value = "Prefer", required = false) String prefer) {
        // Checked before the costly password hash; the aggregate cannot, as the account does not exist yet.
        if (!StaffPolicy.mayAssign(CurrentUser.role(), body.role().role())) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Your role does not allow this.");
        }
        UserId id = UserId.random();
        commands.sendAndWait(new RegisterUserCommand(
                id,
                body.email(),
                passwords.encode(body.password()),
                body.displayName(),
                body.role().role()));
        return respond(HttpStatus.CREATED, id, 0L, prefer);
    }

    @CommandEndpoint(representation = UserResponse.class)
    @PutMapping("/{id}/role")
    public ResponseEntity<Object> changeRole(
            @PathVariable UUID id,
            @Valid @RequestBody ChangeRoleRequest body,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestHeader(value = "Prefer", required = false) String prefer) {
        UserId user = new UserId(id);
        long version = commands.sendAndWait(new ChangeUserRoleCommand(
                user, body.role().role(), CurrentUser.role(), CommandResponses.expectedVersion(ifMatch)));
        return respond(HttpStatus.OK, user, version, prefer);
    }

    @CommandEndpoint(representation = UserResponse.class)
    @PostMapping("/{id}/deactivate")
    public ResponseEntity<Object> deactivate(
            @PathVariable UUID id,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestHeader(value = "Prefer", required = false) String prefer) {
        UserId user = new UserId(id);
        long version = commands.sendAndWait(
                new DeactivateUserCommand(user, CurrentUser.role(), CommandResponses.expectedVersion(ifMatch)));
        return respond(HttpStatus.OK, user, version, prefer);
    }

    @CommandEndpoint(representation = UserResponse.class)
    @PostMapping("/{id}/reactivate")
    public ResponseEntity<Object> reactivate(
            @PathVariable UUID id,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestHeader(value = "Prefer", required = false) String prefer) {
        UserId user = new UserId(id);
        long version = commands.sendAndWait(
                new ReactivateUserCommand(user, CurrentUser.role(), CommandResponses.expectedVersion(ifMatch)));
        return respond(HttpStatus.OK, user, version, prefer);
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(
            @PathVariable UUID id, @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        commands.sendAndWait(
                new DeleteUserCommand(new UserId(id), CurrentUser.role(), CommandResponses.expectedVersion(ifMatch)));
        return ResponseEntity.noContent().build();
    }

    private ResponseEntity<Object> respond(HttpStatus status, UserId id, long version, String prefer) {
        return responses.respond(
                status,
                status == HttpStatus.CREATED ? URI.create("/api/v1/users/" + id) : null,
                id,
                version,
                prefer,
                new FindUserQuery(id),
                UserResponse.class,
                UserResponse::version);
    }
}
