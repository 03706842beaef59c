package dev.tenantcore.command.identity;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.identity.ConfirmPasswordResetCommand;
import dev.tenantcore.infra.security.OpaqueTokens;
import dev.tenantcore.infra.tenancy.TenantContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Forgotten passwords, on a tenant's domain: ask for a reset token by email, then set a new
 * password with it. The token names its account, which is reached only through the request's
 * tenant, so a token works on its own tenant's domain alone.
 */
@RestController
class PasswordResetController {

    private static final Accepted ACCEPTED =
            new Accepted("If the email belongs to an account here, a reset link is on its way.");

    private final PasswordResets resets;
    private final CommandGateway commands;
    private final PasswordEncoder passwords;

    PasswordResetController(PasswordResets resets, CommandGateway commands, PasswordEncoder passwords) {
        this.resets = resets;
        this.commands = commands;
        this.passwords = passwords;
    }

    record ResetRequest(@NotBlank @Email @Size(max = 254) String email) {}

    record ConfirmRequest(
            @NotBlank @Size(max = 200) String token,
            @NotBlank @Size(min = 8, max = 200) String newPassword) {}

    record Accepted(String detail) {}

    /** Always the same answer, whether or not the email belongs to an account. */
    @PostMapping("/api/v1/auth/password-reset")
    ResponseEntity<Accepted> request(@Valid @RequestBody ResetRequest body) {
        resets.requestFor(requestTenant(), body.email());
        return ResponseEntity.accepted().body(ACCEPTED);
    }

    @PostMapping("/api/v1/auth/password-reset/confirm")
    ResponseEntity<Void> confirm(@Valid @RequestBody ConfirmRequest body) {
        requestTenant();
        UserId user = OpaqueTokens.ownerOf(body.token()).map(UserId::new).orElseThrow(PasswordResetController::invalid);
        String newHash = passwords.encode(body.newPassword());
        try {
            commands.sendAndWait(new ConfirmPasswordResetCommand(user, OpaqueTokens.sha256(body.token()), newHash));
        } catch (AggregateNotFoundException e) {
            // No such account in this tenant, or a deleted one: the token is as wrong as any other.
            throw invalid();
        }
        return ResponseEntity.noContent().build();
    }

    /** The edge already refuses these paths without a tenant; platform administrators have no reset by email. */
    private static TenantId requestTenant() {
        return TenantContext.current()
                .filter(t -> !t.isPlatform())
                .orElseThrow(() ->
                        new DomainException(ErrorCode.TENANT_NOT_FOUND, "No tenant is registered for this domain."));
    }

    private static DomainException invalid() {
        return new DomainException(ErrorCode.RESET_TOKEN_INVALID, "The reset token is not valid.");
    }
}
