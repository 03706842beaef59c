package dev.tenantcore.command.identity;

import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.identity.FindUserQuery;
import dev.tenantcore.api.identity.RegisterUserCommand;
import dev.tenantcore.api.identity.Role;
import dev.tenantcore.api.identity.UserResponse;
import dev.tenantcore.command.common.CommandHeaders;
import dev.tenantcore.command.common.CommandResource;
import dev.tenantcore.command.common.CommandResponses;
import dev.tenantcore.infra.web.CommandEndpoint;
import dev.tenantcore.infra.web.ProblemResponses;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A platform administrator makes platform auditors: accounts of the platform scope that read the
 * platform and any tenant's history and exports, and change nothing. They sign in as the
 * administrator does, without a tenant's domain. The request runs in the platform scope, so the
 * account is the platform's (the aggregate refuses the role anywhere else).
 */
@RestController
@RequestMapping("/api/v1/platform/auditors")
@PreAuthorize("hasRole('PLATFORM_ADMIN')")
class PlatformAuditorController {

    private final CommandResource<UserId, UserResponse> users;
    private final PasswordEncoder passwords;

    PlatformAuditorController(CommandResponses responses, PasswordEncoder passwords) {
        this.users = responses.resource(
                "/api/v1/users", UserId::new, FindUserQuery::new, UserResponse.class, UserResponse::version);
        this.passwords = passwords;
    }

    record CreatePlatformAuditorRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @Size(max = 200) String displayName,
            @NotBlank @Size(min = 8, max = 200) String password) {}

    @CommandEndpoint(representation = UserResponse.class, creates = true)
    @PostMapping
    @ProblemResponses(503)
    public ResponseEntity<Object> create(
            @Valid @RequestBody CreatePlatformAuditorRequest body, CommandHeaders headers) {
        UserId id = UserId.random();
        return users.create(
                id,
                new RegisterUserCommand(
                        id, body.email(), passwords.encode(body.password()), body.displayName(), Role.PLATFORM_AUDITOR),
                headers);
    }
}
